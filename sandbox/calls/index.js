'use strict';
/*
 * POST /__sandbox/calls: simulate a call on a binding, record it in state.calls (the recording and
 * ASR actions answer for these calls) and push the provider's receipts to the configured receivers.
 */

const { CallError, postJson } = require('./common');
const { simulateAliyunCall } = require('./aliyun');
const { simulateNxCall } = require('./nxcloud');

/** env = { state, callbacks, now, baseUrl }; resolves { callId, pushed: [push results] }. */
async function simulateCall(request, env) {
	if (!request || typeof request !== 'object') {
		throw new CallError(400, 'JSON object body required');
	}
	if (request.provider === 'aliyun') return simulateAliyunCall(request, env);
	if (request.provider === 'nxcloud') return simulateNxCall(request, env);
	throw new CallError(400, "provider must be 'aliyun' or 'nxcloud'");
}

module.exports = { simulateCall, CallError, postJson };
