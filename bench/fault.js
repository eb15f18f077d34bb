#!/usr/bin/env node
'use strict';
/**
 * npm run test:fault — 10,000 operations (binds, updates, unbinds over both providers) through n8n-core's engine
 * with 10% injected faults of every kind the sandbox offers. Checks: one output item per input item with the right
 * pairedItem (continueOnFail on), zero duplicate bindings at the sandbox, every failed item carries Code/Message/
 * RequestId or a network-error description, no secret anywhere in the output. Prints the tallies; exit 1 on a
 * violation.
 */
const { execSync } = require('node:child_process');
const { join } = require('node:path');
const { startSandbox, FAULT_KINDS } = require('../sandbox');
const { runWorkflow, packageTypes } = require('../test/helpers/engine');

const ROOT = join(__dirname, '..');
const PACKAGE = 'n8n-nodes-privacy-number';
const FAULT_RATE = 0.1;
const TIMEOUT_MS = 1000;

/** NXCloud documents no rate limit; the node's conservative default (50/s) would make this test slow. */
const NX_OPTIONS = { maxRequestsPerSecond: 2000 };

const counts = {
	aliyunBind: 2000,
	aliyunUpdate: 1500,
	aliyunUnbind: 1500,
	nxBind: 2500,
	nxUnbind: 2500,
};

function workflow(type, parameters, items) {
	const credential = type === 'nxCloudPrivacyNumber' ? 'nxCloudApi' : 'alibabaCloudApi';
	return {
		nodes: [
			{
				id: '1',
				name: 'Input',
				type: 'test.input',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items },
			},
			{
				id: '2',
				name: 'Node',
				type: `${PACKAGE}.${type}`,
				typeVersion: 1,
				position: [200, 0],
				credentials: { [credential]: { id: '1', name: 'sandbox' } },
				onError: 'continueRegularOutput',
				parameters: {
					...parameters,
					options: {
						concurrency: 50,
						timeout: TIMEOUT_MS,
						retries: 3,
						...(parameters.options ?? {}),
					},
				},
			},
		],
		connections: { Input: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}

const phone = (prefix, n) => `${prefix}${String(n).padStart(8, '0')}`;
/** Hong Kong numbers (852) for NXCloud: 11 digits, distinct per n. */
const hk = (prefix, n) => `852${prefix}${String(n).padStart(6, '0')}`;

async function main() {
	const started = Date.now();
	if (!process.env.FAULT_SKIP_BUILD)
		execSync('npm run build --silent', { cwd: ROOT, stdio: 'ignore' });
	const types = packageTypes((path) => require(join(ROOT, 'dist', path)));
	const sandbox = await startSandbox({ port: 0, quiet: true, qps: false });
	const secrets = [
		sandbox.credentials.aliyun.accessKeySecret,
		sandbox.credentials.nxcloud.accessSecret,
	];
	const credentials = {
		alibabaCloudApi: { ...sandbox.credentials.aliyun, endpoint: sandbox.aliyunEndpoint },
		nxCloudApi: {
			...sandbox.credentials.nxcloud,
			baseUrl: 'custom',
			customBaseUrl: sandbox.nxBaseUrl,
		},
	};
	const run = async (type, parameters, items) => {
		const result = await runWorkflow(workflow(type, parameters, items), { ...types, credentials });
		if (result.error) throw new Error(`workflow stopped: ${result.error.message}`);
		return result.output('Node');
	};
	const violations = [];
	const tallies = [];
	const xNumbers = [...sandbox.state.aliyun.pools.get('FC100000000000001').numbers.keys()];

	try {
		// Prerequisites, without faults: bindings to update and unbind.
		const aliyunBase = Array.from({ length: counts.aliyunUpdate }, (_, i) => ({
			a: phone('137', i),
			b: phone('136', i),
			order: `setup-${i}`,
		}));
		const setupOut = await run(
			'aliyunPhoneNumberProtection',
			{
				resource: 'binding',
				operation: 'bindAxb',
				poolKey: 'FC100000000000001',
				phoneNoA: '={{ $json.a }}',
				phoneNoB: '={{ $json.b }}',
				expiration: 'in 1 day',
				additionalFields: { outOrderId: '={{ $json.order }}' },
			},
			aliyunBase,
		);
		const aliyunBindings = setupOut.map((item) => item.json).filter((json) => json.subsId);
		const nxBase = Array.from({ length: counts.nxUnbind }, (_, i) => ({
			a: hk('61', i),
			b: hk('62', i),
			id: `setup-${i}`,
		}));
		await run(
			'nxCloudPrivacyNumber',
			{
				resource: 'binding',
				operation: 'bindAxb',
				phoneA: '={{ $json.a }}',
				phoneB: '={{ $json.b }}',
				expiry: 'seconds',
				expireSeconds: 86400,
				additionalFields: { customerBindId: '={{ $json.id }}' },
				options: NX_OPTIONS,
			},
			nxBase,
		);
		const nxMade = sandbox.state.nxcloud.bindings.size;
		if (nxMade !== counts.nxUnbind) throw new Error(`setup made ${nxMade} NXCloud bindings`);
		if (aliyunBindings.length !== counts.aliyunUpdate)
			throw new Error(
				`setup made ${aliyunBindings.length} Alibaba bindings: ` +
					`${JSON.stringify(setupOut.find((i) => !i.json.subsId)?.json)}`,
			);

		sandbox.configure({ faults: { rate: FAULT_RATE, kinds: FAULT_KINDS } });
		sandbox.resetStats();

		const cases = [
			{
				label: 'Alibaba BindAxb (half with X given)',
				type: 'aliyunPhoneNumberProtection',
				items: Array.from({ length: counts.aliyunBind }, (_, i) => ({
					a: phone('135', i),
					b: phone('134', i),
					x: i % 2 ? xNumbers[i % xNumbers.length] : '',
					order: `order-${i}`,
				})),
				parameters: {
					resource: 'binding',
					operation: 'bindAxb',
					poolKey: 'FC100000000000001',
					phoneNoA: '={{ $json.a }}',
					phoneNoB: '={{ $json.b }}',
					expiration: 'in 2 hours',
					additionalFields: { outOrderId: '={{ $json.order }}', phoneNoX: '={{ $json.x }}' },
				},
			},
			{
				label: 'Alibaba UpdateSubscription (updateExpire)',
				type: 'aliyunPhoneNumberProtection',
				items: aliyunBindings.map((b) => ({ subsId: b.subsId, x: b.secretNo })),
				parameters: {
					resource: 'binding',
					operation: 'update',
					poolKey: 'FC100000000000001',
					subsId: '={{ $json.subsId }}',
					phoneNoX: '={{ $json.x }}',
					operateType: 'updateExpire',
					expiration: 'in 3 days',
				},
			},
			{
				label: 'Alibaba UnbindSubscription',
				type: 'aliyunPhoneNumberProtection',
				items: aliyunBindings.map((b) => ({ subsId: b.subsId, x: b.secretNo })),
				parameters: {
					resource: 'binding',
					operation: 'unbind',
					poolKey: 'FC100000000000001',
					subsId: '={{ $json.subsId }}',
					secretNo: '={{ $json.x }}',
				},
			},
			{
				label: 'NXCloud bindAXB (with customerBindId)',
				type: 'nxCloudPrivacyNumber',
				items: Array.from({ length: counts.nxBind }, (_, i) => ({
					a: hk('63', i),
					b: hk('64', i),
					id: `order-${i}`,
				})),
				parameters: {
					resource: 'binding',
					operation: 'bindAxb',
					phoneA: '={{ $json.a }}',
					phoneB: '={{ $json.b }}',
					expiry: 'seconds',
					expireSeconds: 7200,
					additionalFields: { customerBindId: '={{ $json.id }}' },
					options: NX_OPTIONS,
				},
			},
			{
				label: 'NXCloud unbindAXB (by customerBindId)',
				type: 'nxCloudPrivacyNumber',
				items: nxBase.map((b) => ({ id: b.id })),
				parameters: {
					resource: 'binding',
					operation: 'unbind',
					unbindBy: 'customerBindId',
					customerBindId: '={{ $json.id }}',
					options: NX_OPTIONS,
				},
			},
		];

		let total = 0;
		for (const c of cases) {
			const t0 = Date.now();
			const out = await run(c.type, c.parameters, c.items);
			total += c.items.length;
			const tally = {
				operation: c.label,
				items: c.items.length,
				ok: 0,
				recovered: 0,
				failed: 0,
				failedBy: {},
				ms: 0,
			};
			if (out.length !== c.items.length)
				violations.push(`${c.label}: ${out.length} outputs for ${c.items.length} inputs`);
			out.forEach((item, i) => {
				if (item.pairedItem?.item !== i)
					violations.push(`${c.label}: output ${i} paired with ${JSON.stringify(item.pairedItem)}`);
				const json = item.json;
				if (json.error) {
					tally.failed++;
					const key = String(json.code ?? 'no code');
					tally.failedBy[key] = (tally.failedBy[key] ?? 0) + 1;
					const explained =
						json.code &&
						(json.requestId ||
							/network|answered HTTP|not JSON|may have been created/i.test(String(json.error)));
					if (!explained)
						violations.push(
							`${c.label}: item ${i} failed without Code/RequestId or a network description: ${JSON.stringify(json)}`,
						);
				} else {
					tally.ok++;
					if (json.recovered || json.alreadyDone || json.alreadyGone) tally.recovered++;
				}
			});
			tally.ms = Date.now() - t0;
			tallies.push(tally);
			const text = JSON.stringify(out);
			for (const secret of secrets)
				if (text.includes(secret)) violations.push(`${c.label}: a secret appears in the output`);
		}

		const stats = sandbox.stats();
		const duplicates = [
			...stats.binds.duplicates.outOrderId,
			...stats.binds.duplicates.customerBindId,
		];
		if (duplicates.length)
			violations.push(`duplicate bindings at the sandbox: ${duplicates.slice(0, 10).join(', ')}`);

		const lines = [
			`Fault test: ${total} operations, ${FAULT_RATE * 100}% injected faults of every kind (${FAULT_KINDS.join(', ')}), continueOnFail on, timeout ${TIMEOUT_MS} ms, retries 3`,
			...tallies.map(
				(t) =>
					`  ${t.operation.padEnd(42)} ${String(t.items).padStart(5)} items  ok ${String(t.ok).padStart(5)} ` +
					`(recovered/already done ${t.recovered})  failed ${String(t.failed).padStart(4)} ` +
					`${JSON.stringify(t.failedBy)}  ${t.ms} ms`,
			),
			`  sandbox: ${stats.requests.total} requests, faults injected ${JSON.stringify(stats.faultsInjected)}`,
			`  duplicate bindings: ${duplicates.length}; secrets in output: ${violations.some((v) => v.includes('secret')) ? 'FOUND' : 'none'}`,
			`  every input has exactly one output with its pairedItem: ${violations.some((v) => /outputs for|paired with/.test(v)) ? 'NO' : 'yes'}`,
			...violations.slice(0, 20).map((v) => `  VIOLATION ${v}`),
			`Fault test: ${violations.length ? 0 : 1} passed, ${violations.length ? 1 : 0} failed ` +
				`(${((Date.now() - started) / 1000).toFixed(1)} s)`,
		];
		process.stdout.write(`${lines.join('\n')}\n`);
	} finally {
		await sandbox.stop();
	}
	process.exit(violations.length ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`fault test failed: ${error.stack || error}\n`);
	process.exit(1);
});
