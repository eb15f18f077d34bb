'use strict';
/*
 * A simulated call on an NXCloud binding and its receipt, POSTed to the configured receiver as the
 * flat call record or (nxcloudFormat 'legs') the record with `legList`, one leg per call direction
 * and callStatus as a string. `noBinding` pushes the error push of a failed queryAXB (code 10013).
 */

const { chinaTime, nxRequestId, randomHex } = require('../util');
const { findCallBinding, callTimeline, recordingUrl, postJson } = require('./common');

const DEFAULT_CALLER = '85290000000';

/** How a call leg ended. */
const LEG_ENDINGS = {
	answered: {
		hangupType: 0,
		hangupCause: 'NORMAL_CLEARING',
		hangupCode: 16,
		fsCallStatus: 1,
		fsCallStatusMsg: 'Call Connected',
	},
	unanswered: {
		hangupType: 1,
		hangupCause: 'NO_ANSWER',
		hangupCode: 19,
		fsCallStatus: 2,
		fsCallStatusMsg: 'No Answer',
	},
};

const seconds = (ms) => Math.floor(ms / 1000);

/** The push NXCloud sends when no binding carried the call. */
async function simulateUnboundCall(request, env, binding, callId) {
	const did = (binding && binding.did) || request.did || request.secretNo || '';
	const caller = request.caller || DEFAULT_CALLER;
	const payload = {
		code: 10013,
		msg: 'binding not exist',
		requestId: nxRequestId(),
		data: {
			action: 'queryAXB',
			requestParams: { caller, did },
			occurrenceTime: chinaTime(env.now),
		},
	};
	const call = { provider: 'nxcloud', callId, bindId: null, caller, did };
	env.state.calls.set(callId, { ...call, answered: false, recording: false });
	const receiver = env.callbacks.nxcloud;
	return { callId, pushed: receiver ? [await postJson(receiver, payload)] : [] };
}

function callLeg(leg, answered) {
	const ending = LEG_ENDINGS[answered ? 'answered' : 'unanswered'];
	return {
		callType: leg.callType,
		caller: leg.caller,
		callee: leg.callee,
		callStartAt: leg.startAt,
		callRingAt: leg.ringAt,
		callAnswerAt: leg.answerAt,
		callFinishAt: leg.finishAt,
		duration: leg.duration,
		ringDuration: leg.ringDuration,
		callRecordFile: leg.recordFile,
		hangupType: ending.hangupType,
		hangupCause: ending.hangupCause,
		hangupCode: ending.hangupCode,
		uuid: randomHex(16),
		fsCallStatus: ending.fsCallStatus,
		fsCallStatusMsg: ending.fsCallStatusMsg,
		vosCallId: '',
		allExtension: leg.allExtension,
	};
}

/** Leg 1: caller → X (always connected); leg 2: X → callee. */
function legsRecord(binding, call) {
	const { times, answered, recordFile } = call;
	const inbound = {
		callType: 1,
		caller: call.caller,
		callee: binding.did,
		startAt: seconds(times.callMs),
		ringAt: seconds(times.callMs),
		answerAt: seconds(times.callMs),
		finishAt: seconds(times.releaseMs),
		duration: seconds(times.releaseMs) - seconds(times.callMs),
		ringDuration: 0,
		recordFile,
		allExtension: binding.extension ? `x,${binding.extension}` : '',
	};
	const outbound = {
		callType: 2,
		caller: binding.did,
		callee: call.callee,
		startAt: seconds(times.callOutMs),
		ringAt: seconds(times.ringMs),
		answerAt: answered ? seconds(times.startMs) : 0,
		finishAt: seconds(times.releaseMs),
		duration: call.duration,
		ringDuration: seconds(times.startMs) - seconds(times.ringMs),
		recordFile,
		allExtension: '',
	};
	return {
		bindId: binding.bindId,
		customerBindId: binding.customerBindId || '',
		callId: call.callId,
		caller: call.caller,
		did: binding.mode ? '' : binding.did,
		didX: binding.did,
		didY: binding.didY || '',
		extensionX: binding.extension || '',
		callee: call.callee,
		pnsType: binding.mode || String(binding.type || 'axb').toLowerCase(),
		callStatus: answered ? '1' : '2',
		callStatusMsg: answered ? 'Call Connected' : 'No Answer',
		ext: binding.ext || '',
		legList: [callLeg(inbound, true), callLeg(outbound, answered)],
	};
}

function flatRecord(binding, call) {
	const { times, answered } = call;
	const ending = LEG_ENDINGS[answered ? 'answered' : 'unanswered'];
	return {
		id: Number(String(Date.now()).slice(-10)) * 100 + Math.floor(Math.random() * 100),
		businessId: binding.businessId,
		customerBindId: binding.customerBindId || '',
		bindId: binding.bindId,
		callId: call.callId,
		did: binding.did,
		caller: call.caller,
		callee: call.callee,
		callStatus: answered ? 1 : 2,
		callStatusMsg: ending.hangupCause,
		duration: call.duration,
		startAt: seconds(times.callMs),
		answerAt: answered ? seconds(times.startMs) : 0,
		hangupAt: seconds(times.releaseMs),
		hangupCause: ending.hangupCause,
		hangupCode: ending.hangupCode,
		hangup: ending.hangupType,
		recordFile: call.recordFile,
		extensionCaller: '',
		extensionCallee: binding.extension || '',
	};
}

async function simulateNxCall(request, env) {
	const { state, callbacks, now, baseUrl } = env;
	const binding = findCallBinding(
		state.nxcloud.bindings,
		request.bindId,
		!!request.bindId,
		request,
		{
			unknown: 'NXCloud bindId',
			required: 'bindId is required (or noBinding: true with did and caller)',
		},
	);
	const callId = nxRequestId();
	if (request.noBinding) return simulateUnboundCall(request, env, binding, callId);
	const answered = request.answered !== false;
	const caller = request.caller || binding.phoneA || DEFAULT_CALLER;
	const callee = caller === binding.phoneA ? binding.phoneB || '' : binding.phoneA || '';
	const recordingAsked = request.recording !== undefined;
	const recording = answered && (recordingAsked ? !!request.recording : (binding.flag & 1) === 1);
	const times = callTimeline(now, answered);
	const call = {
		callId,
		caller,
		callee,
		answered,
		times,
		duration: answered ? seconds(times.releaseMs) - seconds(times.startMs) : 0,
		recordFile: recording ? recordingUrl(baseUrl, callId) : '',
	};
	state.calls.set(callId, {
		provider: 'nxcloud',
		callId,
		bindId: binding.bindId,
		caller,
		callee,
		did: binding.did,
		answered,
		recording,
		recordingReadyAt: now + (Number(request.recordingDelayMs) || 0),
	});
	const format = callbacks.nxcloudFormat || 'flat';
	const payload = format === 'legs' ? legsRecord(binding, call) : flatRecord(binding, call);
	const receiver = callbacks.nxcloud;
	return { callId, pushed: receiver ? [await postJson(receiver, payload)] : [] };
}

module.exports = { simulateNxCall };
