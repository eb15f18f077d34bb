'use strict';
/* Example 1 in a real n8n: production webhook → Aliyun Bind AXB → Respond to Webhook with the X number. */
const { signedRequests, chinaTimeMs } = require('./_util');

const ORDERS = [
	{ orderId: 'E2E-A-1001', customerPhone: '13812345678', courierPhone: '13987654321' },
	{ orderId: 'E2E-A-1002', customerPhone: '13811112222', courierPhone: '13933334444' },
];

module.exports = {
	mode: 'trigger',
	expectExecutions: ORDERS.length + 1, // + the first order resent

	async fire({ assert, http, webhooks, webhookUrl, shared }) {
		const [hook] = await webhooks('New Order');
		assert.ok(hook, 'n8n registered no production webhook for "New Order"');
		assert.equal(hook.url, webhookUrl('new-order'));
		const responses = [];
		for (const order of ORDERS) {
			const res = await http(hook.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(order),
			});
			assert.equal(res.status, 200, `POST ${hook.url} -> ${res.status}: ${res.text.slice(0, 500)}`);
			assert.ok(res.json, `webhook answered no JSON: ${res.text.slice(0, 300)}`);
			responses.push(res.json);
		}
		shared.bindings = responses.map((r) => ({ orderId: r.orderId, subsId: String(r.subsId), secretNo: r.virtualNumber }));
		// A caller resending an order it got no answer for marks it "resend": Reuse Live Binding answers the binding made
		const res = await http(hook.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...ORDERS[0], resend: true }),
		});
		assert.equal(res.status, 200, `resend -> ${res.status}: ${res.text.slice(0, 500)}`);
		responses.push(res.json);
		return responses;
	},

	async assert({ assert, fired, executions, sandbox, requests, log }) {
		for (const e of executions) assert.equal(e.status, 'success', `execution ${e.id}: ${e.status} ${JSON.stringify(e.data?.resultData?.error?.message)}`);
		const binds = signedRequests(assert, requests, 'BindAxb');
		assert.equal(binds.length, ORDERS.length, `BindAxb calls: ${binds.length} (the resend must bind nothing)`);
		const resent = fired[ORDERS.length];
		assert.deepEqual(resent, { ...fired[0], reused: true }, 'the resent order answers its first binding');
		assert.equal(fired[0].reused, false);
		assert.ok(signedRequests(assert, requests, 'QuerySubsId').length > 0, 'the resend looked X up');
		for (const [i, order] of ORDERS.entries()) {
			const response = fired[i];
			assert.equal(response.orderId, order.orderId);
			assert.match(String(response.virtualNumber), /^\d{11}$/, `virtual number in ${JSON.stringify(response)}`);
			const b = sandbox.state.aliyun.bindings.get(String(response.subsId));
			assert.ok(b, `sandbox has no binding ${response.subsId}`);
			assert.equal(b.phoneX, response.virtualNumber);
			assert.equal(b.phoneA, order.customerPhone);
			assert.equal(b.phoneB, order.courierPhone);
			assert.equal(b.outOrderId, order.orderId);
			assert.equal(b.poolKey, 'FC100000000000001');
			const req = binds.find((r) => r.params.OutOrderId === order.orderId);
			assert.ok(req, `no BindAxb request for ${order.orderId}`);
			assert.equal(req.params.ExpectCity, '杭州');
			assert.equal(req.params.IsRecordingEnabled, 'true');
			const expiresInH = (chinaTimeMs(req.params.Expiration) - Date.now()) / 3600e3;
			assert.ok(expiresInH > 2.9 && expiresInH < 3.05, `Expiration ${req.params.Expiration} is ` +
				`${expiresInH.toFixed(2)} h away, expected 3 h (China time)`);
			log(`${order.orderId}: X ${response.virtualNumber}, SubsId ${response.subsId}`);
		}
	},
};
