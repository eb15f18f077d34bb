'use strict';
/*
 * Example 5 in a real n8n: our Aliyun trigger is active behind n8n start; the sandbox simulates a recorded call on
 * example 1's first binding and pushes the SecretRecording receipt to the trigger's production URL; the workflow then
 * fetches the recording URL.
 */
const { signedRequests, needBindings } = require('./_util');

module.exports = {
	mode: 'trigger',
	expectExecutions: 1,

	async fire({ assert, webhooks, sandboxPost, shared }) {
		const binding = needBindings(shared, 1)[0];
		const [hook] = await webhooks('Recording Ready');
		assert.ok(hook, 'n8n registered no production webhook for "Recording Ready"');
		assert.equal(hook.method, 'POST');
		await sandboxPost('/__sandbox/config', { callbacks: { aliyun: { SecretRecording: hook.url } } });
		const call = await sandboxPost('/__sandbox/calls', { provider: 'aliyun', subsId: binding.subsId, answered: true, recording: true });
		const pushed = call.pushed.filter((p) => p.type === 'SecretRecording');
		assert.equal(pushed.length, 1, `pushes: ${JSON.stringify(call.pushed)}`);
		assert.equal(pushed[0].status, 200, `trigger answered ${pushed[0].status}: ${pushed[0].response || pushed[0].error}`);
		assert.deepEqual(JSON.parse(pushed[0].response), { code: 0, msg: '成功' }, 'Alibaba expects this acknowledgement');
		return { callId: call.callId, binding, hookUrl: hook.url };
	},

	async assert({ assert, fired, executions, output, requests }) {
		assert.equal(executions[0].status, 'success', `execution: ${executions[0].status}`);
		assert.equal(executions[0].mode, 'webhook');
		const [receipt] = output('Recording Ready');
		assert.ok(receipt, 'trigger emitted no item');
		const [url] = output('Get Recording URL');
		assert.ok(url && url.downloadUrl, `Get Recording URL output: ${JSON.stringify(url)}`);
		assert.ok(url.downloadUrl.includes(encodeURIComponent(fired.callId)), `${url.downloadUrl} is not the recording ` +
			`of call ${fired.callId}`);
		const [q] = signedRequests(assert, requests, 'QueryRecordFileDownloadUrl');
		assert.ok(q, `no QueryRecordFileDownloadUrl request (saw ${requests.map((r) => r.action).join(', ')})`);
		assert.equal(q.params.CallId, fired.callId);
	},
};
