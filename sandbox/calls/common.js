'use strict';
/* What both providers' simulated calls share: the error type, the call's timeline and the push. */

const http = require('node:http');
const https = require('node:https');

/** An invalid POST /__sandbox/calls request, answered with `status`. */
class CallError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

/**
 * The binding a call is made on (null only for a no-binding call). `messages` = { unknown: what
 * the id is, for 404; required: the 400 message when there is no binding and no noBinding }.
 */
function findCallBinding(bindings, id, idGiven, request, messages) {
	let binding = null;
	if (idGiven) {
		binding = bindings.get(String(id)) || null;
		if (!binding && !request.noBinding)
			throw new CallError(404, `unknown ${messages.unknown} ${id}`);
	}
	if (!binding && !request.noBinding) throw new CallError(400, messages.required);
	return binding;
}

/**
 * The moments of a call that ended now: placed a minute ago, sent out 1 s later, ringing 2 s after
 * that, answered after 6 s and talking 30 s, or given up after 20 s of ringing.
 */
function callTimeline(now, answered) {
	const callMs = now - 60 * 1000;
	const callOutMs = callMs + 1000;
	const ringMs = callOutMs + 2000;
	const startMs = answered ? ringMs + 6000 : ringMs + 20000;
	const releaseMs = answered ? startMs + 30000 : startMs;
	return { callMs, callOutMs, ringMs, startMs, releaseMs };
}

function recordingUrl(baseUrl, callId, suffix = '') {
	return `${baseUrl}/__sandbox/recordings/${callId}${suffix}.mp3`;
}

/**
 * POST a JSON value; never rejects. Resolves { url, status, body (what was sent),
 * response (text) }.
 */
function postJson(url, payload, timeoutMs = 5000) {
	return new Promise((resolve) => {
		const data = Buffer.from(JSON.stringify(payload), 'utf8');
		const failed = (status, message) => resolve({ url, status, body: payload, error: message });
		let target;
		try {
			target = new URL(url);
		} catch {
			failed(0, 'invalid URL');
			return;
		}
		const transport = target.protocol === 'https:' ? https : http;
		const headers = {
			'content-type': 'application/json; charset=utf-8',
			'content-length': data.length,
		};
		const req = transport.request(
			target,
			{ method: 'POST', headers, timeout: timeoutMs },
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const response = Buffer.concat(chunks).toString('utf8');
					resolve({ url, status: res.statusCode, body: payload, response });
				});
				res.on('error', (error) => failed(res.statusCode || 0, error.message));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (error) => failed(0, error.message));
		req.end(data);
	});
}

module.exports = { CallError, findCallBinding, callTimeline, recordingUrl, postJson };
