'use strict';
/*
 * Example 2 in a real n8n. The Schedule Trigger becomes a Manual Trigger of the same name (n8n execute needs one);
 * the orders are the bindings example 1 made, the first one set to expire in 30 minutes: only it gets extended.
 */
const { signedRequests, allVerified, chinaTimeMs, needBindings } = require('./_util');

module.exports = {
	mode: 'execute',

	prepare(workflow) {
		const schedule = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
		Object.assign(schedule, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		return workflow;
	},

	async before({ workflow, shared, sandbox, reimport }) {
		const bindings = needBindings(shared, 2);
		sandbox.state.aliyun.bindings.get(bindings[0].subsId).expireAt = Date.now() + 30 * 60e3;
		const orders = workflow.nodes.find((n) => n.name === 'Orders in Delivery');
		orders.parameters.jsonOutput = JSON.stringify({ bindings }, null, 2);
		await reimport();
	},

	async assert({ assert, error, output, requests, sandbox, shared }) {
		assert.equal(error, null, `workflow error: ${error && error.message}`);
		const [first, second] = shared.bindings;
		assert.equal(output('Get Binding').length, shared.bindings.length);
		const due = output('Expires Within an Hour');
		assert.deepEqual(due.map((d) => String(d.SubsId ?? d.subsId)), [first.subsId], 'only the first binding expires ' +
			'within an hour');
		const extended = output('Extend by a Day');
		assert.equal(extended.length, 1);
		assert.equal(String(extended[0].subsId), first.subsId);

		allVerified(assert, requests);
		assert.equal(signedRequests(assert, requests, 'QuerySubscriptionDetail').length, shared.bindings.length);
		const [update] = signedRequests(assert, requests, 'UpdateSubscription');
		assert.ok(update, 'no UpdateSubscription request');
		assert.equal(update.params.OperateType, 'updateExpire');
		const inH = (chinaTimeMs(update.params.Expiration) - Date.now()) / 3600e3;
		assert.ok(inH > 23.9 && inH < 24.05, `new Expiration ${update.params.Expiration} is ${inH.toFixed(2)} h away`);

		const a = sandbox.state.aliyun.bindings;
		assert.ok(Math.abs(a.get(first.subsId).expireAt - (Date.now() + 24 * 3600e3)) < 10 * 60e3, 'first binding now expires in a day');
		assert.ok(a.get(second.subsId).expireAt < Date.now() + 3.1 * 3600e3, 'second binding untouched');
	},
};
