'use strict';
/* Example 3 in a real n8n: production webhook → Aliyun Unbind → Respond to Webhook. Unbinds example 1's last binding. */
const { signedRequests, needBindings } = require('./_util');

module.exports = {
	mode: 'trigger',
	expectExecutions: 1,

	async fire({ assert, http, webhooks, shared }) {
		const binding = needBindings(shared, 1).at(-1);
		const [hook] = await webhooks('Order Completed');
		assert.ok(hook, 'n8n registered no production webhook for "Order Completed"');
		const res = await http(hook.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ orderId: binding.orderId, subsId: binding.subsId, virtualNumber: binding.secretNo }),
		});
		assert.equal(res.status, 200, `POST ${hook.url} -> ${res.status}: ${res.text.slice(0, 500)}`);
		shared.bindings = shared.bindings.slice(0, -1);
		return { binding, response: res.json };
	},

	async assert({ assert, fired, executions, requests, sandbox }) {
		assert.equal(executions[0].status, 'success');
		assert.deepEqual(fired.response, { orderId: fired.binding.orderId, unbound: true });
		const [unbind] = signedRequests(assert, requests, 'UnbindSubscription');
		assert.ok(unbind, 'no UnbindSubscription request');
		assert.equal(unbind.params.SubsId, fired.binding.subsId);
		assert.equal(unbind.params.SecretNo, fired.binding.secretNo);
		assert.equal(sandbox.state.aliyun.bindings.has(fired.binding.subsId), false, 'sandbox still has the binding');
	},
};
