'use strict';
/* POST /__sandbox/calls: simulate a call on a binding, record it, and push the provider's receipts to the configured callback URLs. */

const http = require('node:http');
const https = require('node:https');
const { chinaTime, nxRequestId, randomHex } = require('./util');

class CallError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

/** POST a JSON value; resolves { url, status, body (what was sent), response (text) } and never rejects. */
function postJson(url, payload, timeoutMs = 5000) {
	return new Promise((resolve) => {
		const data = Buffer.from(JSON.stringify(payload), 'utf8');
		let u;
		try {
			u = new URL(url);
		} catch {
			resolve({ url, status: 0, body: payload, error: 'invalid URL' });
			return;
		}
		const mod = u.protocol === 'https:' ? https : http;
		const req = mod.request(
			u,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'content-length': data.length,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						url,
						status: res.statusCode,
						body: payload,
						response: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', (e) =>
					resolve({ url, status: res.statusCode || 0, body: payload, error: e.message }),
				);
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ url, status: 0, body: payload, error: e.message }));
		req.end(data);
	});
}

function timeline(now, answered) {
	const callMs = now - 60 * 1000;
	const callOutMs = callMs + 1000;
	const ringMs = callOutMs + 2000;
	const startMs = answered ? ringMs + 6000 : ringMs + 20000;
	const releaseMs = answered ? startMs + 30000 : startMs;
	return { callMs, callOutMs, ringMs, startMs, releaseMs };
}

async function simulateAliyun(req, env) {
	const { state, callbacks, now } = env;
	const a = state.aliyun;
	const answered = req.answered !== false;
	let b = null;
	if (req.subsId !== undefined && req.subsId !== null && req.subsId !== '') {
		b = a.bindings.get(String(req.subsId)) || null;
		if (!b && !req.noBinding) throw new CallError(404, `unknown Aliyun subsId ${req.subsId}`);
	}
	if (!b && !req.noBinding)
		throw new CallError(400, 'subsId is required (or noBinding: true with secretNo and caller)');
	const noBinding = !!req.noBinding;
	const secretNo = (b && b.phoneX) || req.secretNo || req.phoneNoX;
	if (!secretNo) throw new CallError(400, 'secretNo is required for a no-binding call');
	const pool = b
		? a.pools.get(b.poolKey)
		: [...a.pools.values()].find((p) => p.numbers.has(secretNo));
	const poolKey = (b && b.poolKey) || (pool && pool.poolKey) || '';
	const caller = req.caller || (b ? b.phoneA : '13000000000');
	let peer;
	let callType;
	if (!b) {
		peer = caller;
		callType = 1;
	} else if (caller === b.phoneA) {
		peer = b.phoneB || '';
		callType = 0;
	} else {
		peer = caller;
		callType = 1;
	}
	const callee = callType === 0 ? peer : b ? b.phoneA : '';
	const connected = answered && !noBinding;
	const recording =
		connected && (req.recording !== undefined ? !!req.recording : !!(b && b.needRecord));
	const t = timeline(now, connected);
	const callId = `${randomHex(8)}${Date.now().toString(16)}`;
	const city = pool && pool.numbers.get(secretNo) ? pool.numbers.get(secretNo).city : '';
	const subId = b ? Number(b.subsId) : 0;
	const outId = (b && b.outId) || '';
	const recUrl = recording ? `${env.baseUrl}/__sandbox/recordings/${callId}.mp3` : '';
	state.calls.set(callId, {
		provider: 'aliyun',
		callId,
		poolKey,
		subsId: b ? b.subsId : null,
		caller,
		callee,
		secretNo,
		answered: connected,
		recording,
		callTime: chinaTime(t.callMs),
		startMs: t.startMs,
		releaseMs: t.releaseMs,
	});
	const base = {
		pool_key: poolKey,
		sub_id: subId,
		call_id: callId,
		phone_no: b ? b.phoneA : caller,
		secret_no: secretNo,
		peer_no: peer,
		call_type: callType,
		out_id: outId,
		city,
	};
	const report = {
		...base,
		called_display_no: secretNo,
		call_time: chinaTime(t.callMs),
		call_out_time: chinaTime(noBinding ? t.callMs : t.callOutMs),
		ring_time: chinaTime(noBinding ? t.callMs : t.ringMs),
		free_ring_time: chinaTime(noBinding ? t.callMs : t.ringMs),
		start_time: chinaTime(noBinding ? t.callMs : t.startMs),
		release_time: chinaTime(noBinding ? t.callMs : t.releaseMs),
		sms_number: 0,
		release_dir: noBinding ? 0 : connected ? 1 : 2,
		release_cause: noBinding ? 31 : connected ? 16 : 19,
		unconnected_cause: noBinding ? 2 : 0,
		record_url: recUrl,
		ring_record_url: noBinding ? '' : `${env.baseUrl}/__sandbox/recordings/${callId}-ring.mp3`,
		control_type: noBinding ? 'NO_SUBS_EXIST' : 'CONTINUE',
		control_msg: noBinding ? 'NO_SUBS_EXIST' : 'OK',
		partner_key: poolKey,
		id: Number(String(Date.now()).slice(-9)) * 1000 + Math.floor(Math.random() * 1000),
		extension: (b && b.extension) || '',
	};
	const cb = callbacks.aliyun || {};
	const sends = [];
	const push = (type, record) => {
		if (cb[type]) sends.push(postJson(cb[type], [record]).then((r) => ({ type, ...r })));
	};
	if (!noBinding) {
		push('SecretStartReport', { ...base, call_time: chinaTime(t.callMs) });
		push('SecretRingReport', {
			...base,
			call_time: chinaTime(t.callMs),
			ring_time: chinaTime(t.ringMs),
		});
		if (connected)
			push('SecretPickUpReport', {
				...base,
				call_time: chinaTime(t.callMs),
				ringTime: chinaTime(t.ringMs),
				start_time: chinaTime(t.startMs),
			});
	}
	push('SecretReport', report);
	if (recording)
		push('SecretRecording', {
			pool_key: poolKey,
			sub_id: subId,
			call_id: callId,
			call_time: t.callMs,
			out_id: outId,
		});
	// order of delivery: sequential-ish is not required; receivers must dedupe anyway
	const pushed = await Promise.all(sends);
	return { callId, pushed };
}

async function simulateNx(req, env) {
	const { state, callbacks, now } = env;
	const n = state.nxcloud;
	const answered = req.answered !== false;
	const noBinding = !!req.noBinding;
	let b = null;
	if (req.bindId) {
		b = n.bindings.get(String(req.bindId)) || null;
		if (!b && !noBinding) throw new CallError(404, `unknown NXCloud bindId ${req.bindId}`);
	}
	if (!b && !noBinding)
		throw new CallError(400, 'bindId is required (or noBinding: true with did and caller)');
	const url = callbacks.nxcloud;
	const callId = nxRequestId();
	if (noBinding) {
		const did = (b && b.did) || req.did || req.secretNo || '';
		const caller = req.caller || '85290000000';
		const payload = {
			code: 10013,
			msg: 'binding not exist',
			requestId: nxRequestId(),
			data: { action: 'queryAXB', requestParams: { caller, did }, occurrenceTime: chinaTime(now) },
		};
		state.calls.set(callId, {
			provider: 'nxcloud',
			callId,
			bindId: null,
			caller,
			did,
			answered: false,
			recording: false,
		});
		const pushed = url ? [await postJson(url, payload)] : [];
		return { callId, pushed };
	}
	const caller = req.caller || b.phoneA || '85290000000';
	const callee = caller === b.phoneA ? b.phoneB || '' : b.phoneA || '';
	const recording =
		answered && (req.recording !== undefined ? !!req.recording : (b.flag & 1) === 1);
	const sec = (ms) => Math.floor(ms / 1000);
	const t = timeline(now, answered);
	const duration = answered ? sec(t.releaseMs) - sec(t.startMs) : 0;
	const recordFile = recording ? `${env.baseUrl}/__sandbox/recordings/${callId}.mp3` : '';
	state.calls.set(callId, {
		provider: 'nxcloud',
		callId,
		bindId: b.bindId,
		caller,
		callee,
		did: b.did,
		answered,
		recording,
	});
	let payload;
	if ((callbacks.nxcloudFormat || 'flat') === 'legs') {
		const legs = [
			{
				callType: 1,
				caller,
				callee: b.did,
				callStartAt: sec(t.callMs),
				callRingAt: sec(t.callMs),
				callAnswerAt: sec(t.callMs),
				callFinishAt: sec(t.releaseMs),
				duration: sec(t.releaseMs) - sec(t.callMs),
				ringDuration: 0,
				callRecordFile: recordFile,
				hangupType: 0,
				hangupCause: 'NORMAL_CLEARING',
				hangupCode: 16,
				uuid: randomHex(16),
				fsCallStatus: 1,
				fsCallStatusMsg: 'Call Connected',
				vosCallId: '',
				allExtension: b.extension ? `x,${b.extension}` : '',
			},
			{
				callType: 2,
				caller: b.did,
				callee,
				callStartAt: sec(t.callOutMs),
				callRingAt: sec(t.ringMs),
				callAnswerAt: answered ? sec(t.startMs) : 0,
				callFinishAt: sec(t.releaseMs),
				duration,
				ringDuration: sec(t.startMs) - sec(t.ringMs),
				callRecordFile: recordFile,
				hangupType: answered ? 0 : 1,
				hangupCause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
				hangupCode: answered ? 16 : 19,
				uuid: randomHex(16),
				fsCallStatus: answered ? 1 : 2,
				fsCallStatusMsg: answered ? 'Call Connected' : 'No Answer',
				vosCallId: '',
				allExtension: '',
			},
		];
		payload = {
			bindId: b.bindId,
			customerBindId: b.customerBindId || '',
			callId,
			caller,
			did: b.mode ? '' : b.did,
			didX: b.did,
			didY: b.didY || '',
			extensionX: b.extension || '',
			callee,
			pnsType: b.mode || String(b.type || 'axb').toLowerCase(),
			callStatus: answered ? '1' : '2',
			callStatusMsg: answered ? 'Call Connected' : 'No Answer',
			ext: b.ext || '',
			legList: legs,
		};
	} else {
		payload = {
			id: Number(String(Date.now()).slice(-10)) * 100 + Math.floor(Math.random() * 100),
			businessId: b.businessId,
			customerBindId: b.customerBindId || '',
			bindId: b.bindId,
			callId,
			did: b.did,
			caller,
			callee,
			callStatus: answered ? 1 : 2,
			callStatusMsg: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
			duration,
			startAt: sec(t.callMs),
			answerAt: answered ? sec(t.startMs) : 0,
			hangupAt: sec(t.releaseMs),
			hangupCause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
			hangupCode: answered ? 16 : 19,
			hangup: answered ? 0 : 1,
			recordFile,
			extensionCaller: '',
			extensionCallee: b.extension || '',
		};
	}
	const pushed = url ? [await postJson(url, payload)] : [];
	return { callId, pushed };
}

async function simulateCall(req, env) {
	if (!req || typeof req !== 'object') throw new CallError(400, 'JSON object body required');
	if (req.provider === 'aliyun') return simulateAliyun(req, env);
	if (req.provider === 'nxcloud') return simulateNx(req, env);
	throw new CallError(400, "provider must be 'aliyun' or 'nxcloud'");
}

module.exports = { simulateCall, CallError, postJson };
