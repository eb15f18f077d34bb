'use strict';
/** What the demo feeds each example workflow, and how it reports the outcome. */
const { readFileSync } = require('node:fs');
const { recordingBytes } = require('../../sandbox/recording-files');
const { startTriggerHarness } = require('../../test/triggers/harness');

const webhookItem = (body) => ({
	body,
	headers: { 'content-type': 'application/json' },
	query: {},
	params: {},
});
const chinaTime = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');

function describeError(json) {
	return `✗ ${json.error}${json.requestId ? ` (RequestId ${json.requestId})` : ''}`;
}

/**
 * A recorded call on example 1's first binding: the sandbox pushes its SecretRecording receipt to our trigger (a
 * harness), and the workflow starts with the items the trigger emitted. `call` adds to the simulated call.
 */
function recordedCallRuns(shared, call = {}) {
	return (shared.bindings ?? []).slice(0, 1).map((binding) => ({
		label: `the sandbox simulates an answered, recorded call on order ${binding.orderId} and pushes Alibaba's receipts`,
		binding,
		input: [],
		setup: async (_state, sandbox, types) => {
			const triggerType = 'n8n-nodes-privacy-number.aliyunPhoneNumberProtectionTrigger';
			const harness = await startTriggerHarness(types.nodeTypes[triggerType], {
				parameters: { messageType: 'SecretRecording', options: {} },
			});
			try {
				sandbox.configure({ callbacks: { aliyun: { SecretRecording: harness.hookUrl() } } });
				const simulated = await sandbox.simulateCall({
					provider: 'aliyun',
					subsId: binding.subsId,
					answered: true,
					recording: true,
					...call,
				});
				const received = harness.requests.map((r) => `${r.status} ${r.response}`);
				return {
					callId: simulated.callId,
					startItems: harness.items(),
					extraNodeTypes: {
						[triggerType]: passThroughType('aliyunPhoneNumberProtectionTrigger'),
					},
					note: `trigger answered the push with ${received.join(', ') || 'nothing'}`,
				};
			} finally {
				await harness.close();
			}
		},
	}));
}

const scenarios = [
	{
		file: '1-new-order-bind-axb.json',
		title: '1. New order → Bind AXB → respond with the virtual number',
		runs: () =>
			[
				{ orderId: 'A-1001', customerPhone: '13812345678', courierPhone: '13987654321' },
				{ orderId: 'A-1002', customerPhone: '13811112222', courierPhone: '13933334444' },
			].map((order) => ({
				label: `POST /webhook/new-order ${JSON.stringify(order)}`,
				input: [webhookItem(order)],
				order,
			})),
		summarize: ({ result, responses, run, shared }) => {
			const bound = result.output('Bind AXB')[0]?.json;
			if (!bound) return ['✗ no output from Bind AXB'];
			if (bound.error) return [describeError(bound)];
			shared.bindings = [
				...(shared.bindings ?? []),
				{ orderId: run.order.orderId, subsId: bound.subsId, secretNo: bound.secretNo },
			];
			return [
				`✓ Bind AXB: customer ${run.order.customerPhone} ↔ courier ${run.order.courierPhone} behind X ` +
					`${bound.secretNo} (SubsId ${bound.subsId}, RequestId ${bound.requestId})`,
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
					orders.parameters.jsonOutput = JSON.stringify(
						{ bindings: shared.bindings ?? [] },
						null,
						2,
					);
					return workflow;
				},
				setup: (state, sandbox) => {
					const first = state.bindings?.[0];
					const binding = first && sandbox.state.aliyun.bindings.get(first.subsId);
					if (binding) binding.expireAt = Date.now() + 30 * 60e3;
				},
			},
		],
		summarize: ({ result, shared, sandbox }) => {
			const got = result.output('Get Binding');
			const due = result.output('Expires Within an Hour');
			const extended = result.output('Extend by a Day');
			const lines = [
				`✓ Get Binding: ${got.length} bindings read; ${due.length} expire within an hour`,
			];
			for (const item of extended) {
				if (item.json.error) {
					lines.push(describeError(item.json));
					continue;
				}
				const binding = sandbox.state.aliyun.bindings.get(item.json.subsId);
				lines.push(
					`✓ Update updateExpire: SubsId ${item.json.subsId} now expires ${chinaTime(binding.expireAt)} (China time)`,
				);
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
				input: [
					webhookItem({
						orderId: binding.orderId,
						subsId: binding.subsId,
						virtualNumber: binding.secretNo,
					}),
				],
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
	{
		file: '4-nxcloud-bind-extension-then-list.json',
		title: '4. NXCloud: Bind AXB Extension → List bindings',
		runs: () => [{ label: 'manual run', input: [{}] }],
		summarize: ({ result }) => {
			const bound = result.output('Bind AXB Extension')[0]?.json;
			if (!bound) return ['✗ no output from Bind AXB Extension'];
			if (bound.error) return [describeError(bound)];
			const list = result.output('List Bindings');
			const mine = list.find((item) => item.json.bindId === bound.bindId);
			return [
				`✓ Bind AXB Extension: callers dial ${bound.did} then ${bound.extension} to reach 85261234567 (bindId ` +
					`${bound.bindId}, requestId ${bound.requestId})`,
				`${mine ? '✓' : '✗'} List (Return All): ${list.length} binding(s), the new one ${mine ? 'included' : 'missing'}`,
			];
		},
	},
	{
		file: '5-call-recording-url.json',
		title: '5. Call-record trigger (SecretRecording) → Get Recording URL',
		runs: (shared) => recordedCallRuns(shared),
		summarize: ({ result, setupResult }) => {
			const receipts = setupResult.startItems ?? [];
			const urls = result.output('Get Recording URL');
			const lines = [
				`✓ Trigger: ${receipts.length} SecretRecording receipt(s) received; ${setupResult.note}`,
			];
			for (const [i, item] of urls.entries()) {
				const receipt = receipts[i] ?? {};
				if (item.json.error) lines.push(describeError(item.json));
				else
					lines.push(
						`✓ Get Recording URL: call ${receipt.call_id} at ${receipt.call_time} → ${item.json.downloadUrl}`,
					);
			}
			if (!urls.length) lines.push('✗ no recording URL');
			return lines;
		},
	},
	{
		file: '6-bind-and-unbind-700.json',
		title: '6. 700 numbers: Bind AXB (700) → Update (700) → Unbind (700)',
		runs: () => [{ label: 'manual run', input: [{}] }],
		summarize: ({ result, sandbox }) => {
			const bound = result.output('Bind AXB (700)')[0]?.json;
			if (!bound) return ['✗ no output from Bind AXB (700)'];
			if (bound.error) return [describeError(bound)];
			const updated = result.output('Update (700)')[0]?.json;
			const unbound = result.output('Unbind (700)')[0]?.json;
			const gone = !sandbox.state.aliyun.bindings700.has(String(bound.subsId));
			return [
				`✓ Bind AXB (700): 13800138000 and 13900139000 reach each other through ${bound.secretNo} ` +
					`(SubsId ${bound.subsId})`,
				updated?.updated
					? '✓ Update (700): A handed over to 13700137000 (updateNoA)'
					: '✗ Update (700) failed',
				unbound?.unbound && gone
					? `✓ Unbind (700): SubsId ${bound.subsId} unbound`
					: '✗ Unbind (700) failed',
			];
		},
	},
	{
		file: '7-report-a-number-with-photo.json',
		title:
			'7. A-number report: courier photo → Convert to File → Create Mobile Report → Get Status',
		runs: () => [{ label: 'manual run', input: [{}] }],
		summarize: ({ result, sandbox }) => {
			const created = result.output('Report A Number')[0]?.json;
			if (!created) return ['✗ no output from Report A Number'];
			if (created.error) return [describeError(created)];
			const status = result.output('Get Status')[0]?.json;
			const uploads = sandbox.state.aliyun.aNumber.objects.size;
			return [
				`✓ Create Mobile Report: ${created.phoneNoA} reported as ${created.custName}, ID ${created.documentNumber} ` +
					`(masked in the output); ${uploads} photo(s) in the sandbox's OSS bucket`,
				status?.reportStatus
					? `✓ Get Status: ${status.reportStatus}`
					: `✗ Get Status: ${JSON.stringify(status)}`,
			];
		},
	},
	{
		file: '8-call-recording-to-file.json',
		title: '8. Call-record trigger (SecretRecording) → Download Recording → Read/Write Files',
		runs: (shared) => recordedCallRuns(shared, { recordingDelayMs: 2000 }),
		summarize: ({ result, setupResult }) => {
			const saved = result.output('Save Recording')[0]?.json;
			const downloaded = result.output('Download Recording')[0]?.json;
			if (!downloaded) return ['✗ no output from Download Recording'];
			if (downloaded.error) return [describeError(downloaded)];
			const bytes = saved ? readFileSync(String(saved.fileName)) : null;
			return [
				`✓ Download Recording: call ${setupResult.callId} (ready 2 s after the call; the download waited)`,
				bytes?.equals(recordingBytes(setupResult.callId))
					? `✓ Save Recording: ${bytes.length} bytes written, identical to the sandbox's file`
					: '✗ the file on disk differs from the recording',
			];
		},
	},
];

/** The demo starts a trigger's workflow with the items its webhook emitted: the trigger itself just passes them on. */
function passThroughType(name) {
	return {
		description: {
			displayName: name,
			name,
			group: ['trigger'],
			version: 1,
			description: 'demo',
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Message Type', name: 'messageType', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
		},
		async execute() {
			return [this.getInputData().map((item, i) => ({ json: item.json, pairedItem: { item: i } }))];
		},
	};
}

module.exports = { scenarios, webhookItem };
