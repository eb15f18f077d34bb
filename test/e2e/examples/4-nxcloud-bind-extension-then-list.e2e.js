'use strict';
/* Example 4 in a real n8n: Manual Trigger → NXCloud Bind AXB Extension → List (Return All). */
const { allVerified } = require('./_util');

module.exports = {
	mode: 'execute',

	async assert({ assert, error, output, requests, sandbox, log }) {
		assert.equal(error, null, `workflow error: ${error && error.message}`);
		const [bound] = output('Bind AXB Extension');
		assert.ok(bound && bound.bindId, `Bind AXB Extension output: ${JSON.stringify(bound)}`);
		assert.equal(String(bound.extension), '101');
		const list = output('List Bindings');
		assert.ok(list.some((b) => b.bindId === bound.bindId), `List Bindings (${list.length}) lacks ${bound.bindId}`);

		const nx = requests.filter((r) => r.provider === 'nxcloud');
		assert.ok(nx.length >= 2, `NXCloud requests: ${nx.map((r) => r.action).join(', ')}`);
		allVerified(assert, requests);
		const b = sandbox.state.nxcloud.bindings.get(bound.bindId);
		assert.ok(b, 'sandbox has no such binding');
		assert.equal(b.customerBindId, 'order-HK-1001');
		assert.equal(b.phoneA, '85261234567');
		assert.equal(String(b.extension), '101');
		log(`bindId ${bound.bindId}: dial ${bound.did} ext ${bound.extension}; list returned ${list.length}; requests ${nx.map((r) => r.action).join(', ')}`);
	},
};
