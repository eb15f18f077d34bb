'use strict';
/** What the demo feeds each example workflow, and how it reports the outcome. */

const webhookItem = (body) => ({ body, headers: { 'content-type': 'application/json' }, query: {}, params: {} });
const chinaTime = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');

function describeError(json) {
	return `✗ ${json.error}${json.requestId ? ` (RequestId ${json.requestId})` : ''}`;
}

const scenarios = [
	{
		file: '1-new-order-bind-axb.json',
		title: '1. New order → Bind AXB → respond with the virtual number',
		runs: () =>
			[
				{ orderId: 'A-1001', customerPhone: '13812345678', courierPhone: '13987654321' },
				{ orderId: 'A-1002', customerPhone: '13811112222', courierPhone: '13933334444' },
			].map((order) => ({ label: `POST /webhook/new-order ${JSON.stringify(order)}`, input: [webhookItem(order)], order })),
		summarize: ({ result, responses, run, shared }) => {
			const bound = result.output('Bind AXB')[0]?.json;
			if (!bound) return ['✗ no output from Bind AXB'];
			if (bound.error) return [describeError(bound)];
			shared.bindings = [...(shared.bindings ?? []), { orderId: run.order.orderId, subsId: bound.subsId, secretNo: bound.secretNo }];
			return [
				`✓ Bind AXB: customer ${run.order.customerPhone} ↔ courier ${run.order.courierPhone} behind X ${bound.secretNo} (SubsId ${bound.subsId}, RequestId ${bound.requestId})`,
				`  response: ${JSON.stringify(responses[0])}`,
			];
		},
	},
	{
		file: '2-extend-expiring-bindings.json',
		title: '2. Schedule → find bindings expiring within an hour → Update (updateExpire)',
		runs: (shared) => [
			{
				label: `every 15 minutes, with ${shared.bindings?.length ?? 0} orders in delivery (the first one's binding made to expire in 30 minutes)`,
				input: [{ timestamp: new Date().toISOString() }],
				prepare: (workflow) => {
					const orders = workflow.nodes.find((n) => n.name === 'Orders in Delivery');
					orders.parameters.jsonOutput = JSON.stringify({ bindings: shared.bindings ?? [] }, null, 2);
					return workflow;
				},
				setup: (state, sandbox) => {
					const first = state.bindings?.[0];
					const binding = first && sandbox.state.aliyun.bindings.get(first.subsId);
					if (binding) binding.expireAt = Date.now() + 30 * 60e3;
					return {};
				},
			},
		],
		summarize: ({ result, shared, sandbox }) => {
			const got = result.output('Get Binding');
			const due = result.output('Expires Within an Hour');
			const extended = result.output('Extend by a Day');
			const lines = [`✓ Get Binding: ${got.length} bindings read; ${due.length} expire within an hour`];
			for (const item of extended) {
				if (item.json.error) {
					lines.push(describeError(item.json));
					continue;
				}
				const binding = sandbox.state.aliyun.bindings.get(item.json.subsId);
				lines.push(`✓ Update updateExpire: SubsId ${item.json.subsId} now expires ${chinaTime(binding.expireAt)} (China time)`);
			}
			if (!extended.length) lines.push('✗ nothing was extended');
			shared.extended = extended.length;
			return lines;
		},
	},
	{
		file: '3-order-completed-unbind.json',
		title: '3. Order completed → Unbind',
		runs: (shared) =>
			(shared.bindings ?? []).slice(-1).map((binding) => ({
				label: `POST /webhook/order-completed ${JSON.stringify({ orderId: binding.orderId })}`,
				input: [webhookItem({ orderId: binding.orderId, subsId: binding.subsId, virtualNumber: binding.secretNo })],
				binding,
			})),
		summarize: ({ result, responses, run, sandbox }) => {
			const out = result.output('Unbind')[0]?.json;
			if (!out) return ['✗ no output from Unbind'];
			if (out.error) return [describeError(out)];
			const gone = !sandbox.state.aliyun.bindings.get(run.binding.subsId)?.active;
			return [
				`✓ Unbind: SubsId ${out.subsId} on X ${out.secretNo} unbound${gone ? '' : ' (sandbox still lists it)'}`,
				`  response: ${JSON.stringify(responses[0])}`,
			];
		},
	},
];

module.exports = { scenarios, webhookItem };
