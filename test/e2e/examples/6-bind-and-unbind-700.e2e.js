'use strict';
/* Example 6 in a real n8n: Manual Trigger → Bind AXB (700) → Update (700) (new A) → Unbind (700), on a 700 X number. */
const { signedRequests } = require('./_util');

module.exports = {
	mode: 'execute',

	async assert({ assert, error, output, requests, sandbox, log }) {
		assert.equal(error, null, `workflow error: ${error && error.message}`);
		const [bound] = output('Bind AXB (700)');
		assert.ok(bound && bound.subsId, `Bind AXB (700) output: ${JSON.stringify(bound)}`);
		assert.match(String(bound.secretNo), /^700\d{12}$/, 'X is a 15-digit 700 number');
		const [updated] = output('Update (700)');
		assert.equal(updated && updated.updated, true, `Update (700) output: ${JSON.stringify(updated)}`);
		const [update] = signedRequests(assert, requests, 'UpdateSubs700');
		assert.equal(update.params.OperateType, 'updateNoA');
		assert.equal(update.params.TelA, '13700137000');
		const [unbound] = output('Unbind (700)');
		assert.deepEqual(
			{ unbound: unbound.unbound, subsId: unbound.subsId, telX: unbound.telX },
			{ unbound: true, subsId: bound.subsId, telX: bound.secretNo },
		);
		const [bind] = signedRequests(assert, requests, 'BindAxb700');
		assert.equal(bind.params.TelA, '13800138000');
		assert.equal(bind.params.TelB, '13900139000');
		assert.equal(bind.params.OrderId, 'order-700-1001');
		const [unbind] = signedRequests(assert, requests, 'UnbindSubs700');
		assert.equal(unbind.params.SubsId, bound.subsId);
		assert.equal(unbind.params.TelX, bound.secretNo);
		assert.equal(sandbox.state.aliyun.bindings700.has(bound.subsId), false, 'sandbox still has the 700 binding');
		log(`700 binding ${bound.subsId} on ${bound.secretNo}: bound, A changed, unbound`);
	},
};
