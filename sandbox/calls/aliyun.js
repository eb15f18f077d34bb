'use strict';
/*
 * A simulated call on an Alibaba binding and its receipts: SecretStartReport, SecretRingReport,
 * SecretPickUpReport (answered calls), SecretReport and SecretRecording (recorded calls), each
 * POSTed as a one-record JSON array to its configured receiver. Times are China-time strings except
 * SecretRecording's call_time (epoch ms); `noBinding` sends only a SecretReport with
 * unconnected_cause 2 and control_msg NO_SUBS_EXIST.
 */

const { chinaTime, randomHex } = require('../util');
const { CallError, findCallBinding, callTimeline, recordingUrl, postJson } = require('./common');
const { enqueueReceipts } = require('../mns/store');

function isGiven(value) {
	return value !== undefined && value !== null && value !== '';
}

/** call_type 0: A called X (peer B); 1: someone else called X (peer: the caller). */
function directionOf(binding, caller) {
	if (binding && caller === binding.phoneA) {
		return { callType: 0, peer: binding.phoneB || '', callee: binding.phoneB || '' };
	}
	return { callType: 1, peer: caller, callee: binding ? binding.phoneA : '' };
}

/** SecretReport: the call record once the call ended. */
function secretReport(call, common, times, baseUrl) {
	const { noBinding, connected } = call;
	const moment = (key) => chinaTime(noBinding ? times.callMs : times[key]);
	return {
		...common,
		called_display_no: call.secretNo,
		call_time: chinaTime(times.callMs),
		call_out_time: moment('callOutMs'),
		ring_time: moment('ringMs'),
		free_ring_time: moment('ringMs'),
		start_time: moment('startMs'),
		release_time: moment('releaseMs'),
		sms_number: 0,
		release_dir: noBinding ? 0 : connected ? 1 : 2,
		release_cause: noBinding ? 31 : connected ? 16 : 19,
		unconnected_cause: noBinding ? 2 : 0,
		record_url: call.recording ? recordingUrl(baseUrl, call.callId) : '',
		ring_record_url: noBinding ? '' : recordingUrl(baseUrl, call.callId, '-ring'),
		control_type: noBinding ? 'NO_SUBS_EXIST' : 'CONTINUE',
		control_msg: noBinding ? 'NO_SUBS_EXIST' : 'OK',
		partner_key: call.poolKey,
		id: Number(String(Date.now()).slice(-9)) * 1000 + Math.floor(Math.random() * 1000),
		extension: call.extension,
	};
}

/** [message type, record] in the order they are pushed. */
function receiptsOf(call, common, times, baseUrl) {
	const callTime = chinaTime(times.callMs);
	const receipts = [];
	if (!call.noBinding) {
		receipts.push(['SecretStartReport', { ...common, call_time: callTime }]);
		const ringTime = chinaTime(times.ringMs);
		receipts.push(['SecretRingReport', { ...common, call_time: callTime, ring_time: ringTime }]);
		if (call.connected) {
			const startTime = chinaTime(times.startMs);
			const pickUp = { ...common, call_time: callTime, ringTime, start_time: startTime };
			receipts.push(['SecretPickUpReport', pickUp]);
		}
	}
	receipts.push(['SecretReport', secretReport(call, common, times, baseUrl)]);
	if (call.recording) {
		const { pool_key, sub_id, call_id, out_id } = common;
		const record = { pool_key, sub_id, call_id, call_time: times.callMs, out_id };
		receipts.push(['SecretRecording', record]);
	}
	return receipts;
}

/** A 700 binding seen as a classic one (A: TelA, or DefaultA of a GXB binding; B: TelB; X: TelX). */
const as700Call = (binding) => ({
	subsId: binding.subsId,
	poolKey: binding.poolKey,
	phoneA: binding.telA || binding.defaultA || '',
	phoneB: binding.telB,
	phoneX: binding.telX,
	needRecord: binding.needRecord,
	outId: binding.outId,
	extension: '',
});

/** The classic bindings and the 700 ones: a call on either gives the same receipts. */
function callableBindings(aliyun) {
	const all = new Map(aliyun.bindings);
	for (const [subsId, binding] of aliyun.bindings700 || []) all.set(subsId, as700Call(binding));
	return all;
}

async function simulateAliyunCall(request, env) {
	const { state, callbacks, now, baseUrl } = env;
	const { aliyun } = state;
	const binding = findCallBinding(
		callableBindings(aliyun),
		request.subsId,
		isGiven(request.subsId),
		request,
		{
			unknown: 'Aliyun subsId',
			required: 'subsId is required (or noBinding: true with secretNo and caller)',
		},
	);
	const noBinding = !!request.noBinding;
	const secretNo = (binding && binding.phoneX) || request.secretNo || request.phoneNoX;
	if (!secretNo) throw new CallError(400, 'secretNo is required for a no-binding call');
	const pool = binding
		? aliyun.pools.get(binding.poolKey)
		: [...aliyun.pools.values()].find((candidate) => candidate.numbers.has(secretNo));
	const poolKey = (binding && binding.poolKey) || (pool && pool.poolKey) || '';
	const caller = request.caller || (binding ? binding.phoneA : '13000000000');
	const { callType, peer, callee } = directionOf(binding, caller);
	const connected = request.answered !== false && !noBinding;
	const recordingAsked = request.recording !== undefined;
	const recording =
		connected && (recordingAsked ? !!request.recording : !!(binding && binding.needRecord));
	const times = callTimeline(now, connected);
	const callId = `${randomHex(8)}${Date.now().toString(16)}`;
	const xNumber = pool && pool.numbers.get(secretNo);
	const outId = (binding && binding.outId) || '';
	state.calls.set(callId, {
		provider: 'aliyun',
		callId,
		poolKey,
		subsId: binding ? binding.subsId : null,
		caller,
		callee,
		secretNo,
		answered: connected,
		recording,
		callTime: chinaTime(times.callMs),
		recordingReadyAt: now + (Number(request.recordingDelayMs) || 0),
		startMs: times.startMs,
		releaseMs: times.releaseMs,
	});
	const common = {
		pool_key: poolKey,
		sub_id: binding ? Number(binding.subsId) : 0,
		call_id: callId,
		phone_no: binding ? binding.phoneA : caller,
		secret_no: secretNo,
		peer_no: peer,
		call_type: callType,
		out_id: outId,
		city: xNumber ? xNumber.city : '',
	};
	const call = { callId, secretNo, poolKey, noBinding, connected, recording };
	call.extension = (binding && binding.extension) || '';
	const receivers = callbacks.aliyun || {};
	const receipts = receiptsOf(call, common, times, baseUrl);
	// the message types delivered to the MNS queues (callbacks.aliyunQueues), besides any HTTP push
	const queued = enqueueReceipts(state, callbacks.aliyunQueues, receipts, now);
	const sends = receipts
		.filter(([type]) => receivers[type])
		.map(([type, record]) =>
			postJson(receivers[type], [record]).then((result) => ({ type, ...result })),
		);
	// delivered concurrently, as the provider does not promise an order either
	return { callId, pushed: await Promise.all(sends), queued };
}

module.exports = { simulateAliyunCall };
