'use strict';
/**
 * npm run bench — many Bind AXB items at once, against the sandbox (child process, 25 ms injected latency):
 *  1. 2,000 items through n8n-core's workflow engine, node concurrency 50;
 *  2. the floor: the same 2,000 signed requests sent by an undici Pool at concurrency 50;
 *  3. sequential: concurrency 1 on a 200-item sample, scaled ×10;
 *  4. capped: Max Requests per Second 500; the sandbox's largest count in any 1-second window.
 * Prints the figures and one machine-readable BENCH line. Uses the built package (dist/).
 */
const { execSync } = require('node:child_process');
const { join } = require('node:path');
const { randomUUID } = require('node:crypto');
const { Pool } = require('undici');
const { startSandboxProcess } = require('./sandbox-process');
const { runWorkflow, packageTypes } = require('../test/helpers/engine');

const ROOT = join(__dirname, '..');
const ITEMS = Number(process.env.BENCH_ITEMS || 2000);
const SEQUENTIAL_SAMPLE = Math.min(200, ITEMS);
const CONCURRENCY = 50;
const CAP = 500;
const CAPPED_ITEMS = Number(process.env.BENCH_CAPPED_ITEMS || 1500);
const POOL_KEY = 'FC100000000000001';

let phoneSeq = 0;
/** Distinct A/B numbers across all runs so no request meets an earlier binding. */
function orders(count) {
	return Array.from({ length: count }, () => {
		phoneSeq++;
		return {
			a: `138${String(phoneSeq).padStart(8, '0')}`,
			b: `139${String(phoneSeq).padStart(8, '0')}`,
			order: `o-${phoneSeq}`,
		};
	});
}

function bindWorkflow(items, options) {
	return {
		nodes: [
			{
				id: '1',
				name: 'Orders',
				type: 'test.input',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items },
			},
			{
				id: '2',
				name: 'Bind AXB',
				type: 'n8n-nodes-privacy-number.aliyunPhoneNumberProtection',
				typeVersion: 1,
				position: [200, 0],
				credentials: { alibabaCloudApi: { id: '1', name: 'sandbox' } },
				parameters: {
					resource: 'binding',
					operation: 'bindAxb',
					poolKey: POOL_KEY,
					phoneNoA: '={{ $json.a }}',
					phoneNoB: '={{ $json.b }}',
					expiration: 'in 2 hours',
					additionalFields: { outOrderId: '={{ $json.order }}' },
					options,
				},
			},
		],
		connections: { Orders: { main: [[{ node: 'Bind AXB', type: 'main', index: 0 }]] } },
	};
}

function gc() {
	if (global.gc) {
		global.gc();
		global.gc();
	}
}

/** Runs fn while sampling RSS; returns wall ms, CPU ms and peak RSS growth in bytes. */
async function measure(fn) {
	gc();
	const rssBefore = process.memoryUsage().rss;
	let peak = rssBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 2);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await fn();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssGrowth: peak - rssBefore };
}

async function runNode(types, credentials, items, options) {
	const run = await runWorkflow(bindWorkflow(items, options), { ...types, credentials });
	if (run.error) throw new Error(`workflow failed: ${run.error.message}`);
	const out = run.output('Bind AXB');
	const failed = out.filter((item) => item.json.error || !item.json.subsId);
	if (out.length !== items.length || failed.length) {
		throw new Error(
			`expected ${items.length} bindings, got ${out.length} items, ${failed.length} failed: ` +
				`${JSON.stringify(failed[0]?.json)}`,
		);
	}
	return out.length;
}

async function runFloor(endpoint, credentials, signer, items) {
	const origin = new URL(endpoint).origin;
	const pool = new Pool(origin, { connections: CONCURRENCY });
	let cursor = 0;
	let ok = 0;
	const expiration = new Date(Date.now() + 2 * 3600e3 + 8 * 3600e3)
		.toISOString()
		.slice(0, 19)
		.replace('T', ' ');
	const lane = async () => {
		while (cursor < items.length) {
			const item = items[cursor++];
			const params = {
				Action: 'BindAxb',
				PoolKey: POOL_KEY,
				PhoneNoA: item.a,
				PhoneNoB: item.b,
				Expiration: expiration,
				OutOrderId: item.order,
				Format: 'JSON',
				Version: '2017-05-25',
				AccessKeyId: credentials.accessKeyId,
				SignatureMethod: 'HMAC-SHA1',
				SignatureVersion: '1.0',
				SignatureNonce: randomUUID(),
				Timestamp: signer.rpcTimestamp(new Date()),
			};
			const query = signer.signedQueryString(params, 'POST', credentials.accessKeySecret);
			const res = await pool.request({ method: 'POST', path: `/?${query}` });
			const body = await res.body.json();
			if (body.Code === 'OK') ok++;
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, lane));
	await pool.close();
	if (ok !== items.length) throw new Error(`floor: ${ok}/${items.length} OK`);
	return ok;
}

const fmt = (n, digits = 2) => Number(n).toFixed(digits);

async function main() {
	if (!process.env.BENCH_SKIP_BUILD)
		execSync('npm run build --silent', { cwd: ROOT, stdio: 'ignore' });
	const load = (path) => require(join(ROOT, 'dist', path));
	const types = packageTypes(load);
	const signer = load('nodes/shared/signing/aliyunRpcV1');
	const sandbox = await startSandboxProcess(['--latency', '25']);
	try {
		const { accessKeyId, accessKeySecret } = require('../sandbox/state').DEFAULT_CREDENTIALS.aliyun;
		const credentials = {
			alibabaCloudApi: { accessKeyId, accessKeySecret, endpoint: sandbox.url },
		};

		// Warm-up: JIT, first-use module loading, connection setup.
		await runNode(types, credentials, orders(100), { concurrency: CONCURRENCY });
		await runFloor(sandbox.url, credentials.alibabaCloudApi, signer, orders(100));

		const engineItems = orders(ITEMS);
		const engine = await measure(() =>
			runNode(types, credentials, engineItems, { concurrency: CONCURRENCY }),
		);
		const floorItems = orders(ITEMS);
		const floor = await measure(() =>
			runFloor(sandbox.url, credentials.alibabaCloudApi, signer, floorItems),
		);
		const seqItems = orders(SEQUENTIAL_SAMPLE);
		const sequential = await measure(() =>
			runNode(types, credentials, seqItems, { concurrency: 1 }),
		);
		const sequentialWall = sequential.wallMs * (ITEMS / SEQUENTIAL_SAMPLE);

		await sandbox.resetStats();
		const cappedItems = orders(CAPPED_ITEMS);
		const capped = await measure(() =>
			runNode(types, credentials, cappedItems, {
				concurrency: CONCURRENCY,
				maxRequestsPerSecond: CAP,
			}),
		);
		const stats = await sandbox.stats();
		const peakWindow = stats.maxPerSecond.byAction.BindAxb ?? stats.maxPerSecond.overall;

		const floorRatio = engine.wallMs / floor.wallMs;
		const speedup = sequentialWall / engine.wallMs;
		const overshoot = Math.max(0, ((peakWindow - CAP) / CAP) * 100);
		const cpuPerItem = engine.cpuMs / ITEMS;
		const kbPerItem = Math.max(0, engine.rssGrowth) / 1024 / ITEMS;

		const rows = [
			['run', 'items', 'wall ms', 'items/s', 'CPU ms/item', 'peak RSS KB/item'],
			[
				'n8n engine, concurrency 50',
				ITEMS,
				fmt(engine.wallMs, 0),
				fmt(ITEMS / (engine.wallMs / 1000), 0),
				fmt(cpuPerItem, 3),
				fmt(kbPerItem, 2),
			],
			[
				'floor: undici Pool, 50',
				ITEMS,
				fmt(floor.wallMs, 0),
				fmt(ITEMS / (floor.wallMs / 1000), 0),
				fmt(floor.cpuMs / ITEMS, 3),
				fmt(Math.max(0, floor.rssGrowth) / 1024 / ITEMS, 2),
			],
			[
				`sequential (${SEQUENTIAL_SAMPLE} sampled ×${ITEMS / SEQUENTIAL_SAMPLE})`,
				ITEMS,
				fmt(sequentialWall, 0),
				fmt(ITEMS / (sequentialWall / 1000), 0),
				fmt(sequential.cpuMs / SEQUENTIAL_SAMPLE, 3),
				'-',
			],
			[
				`capped at ${CAP}/s`,
				CAPPED_ITEMS,
				fmt(capped.wallMs, 0),
				fmt(CAPPED_ITEMS / (capped.wallMs / 1000), 0),
				fmt(capped.cpuMs / CAPPED_ITEMS, 3),
				'-',
			],
		];
		const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
		const lines = rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  '));
		process.stdout.write(
			[
				`Bind AXB against the sandbox (25 ms latency), Node ${process.version}`,
				...lines,
				'',
				`ratio to the floor        ${fmt(floorRatio)} (engine ${fmt(engine.wallMs, 0)} ms / floor ` +
					`${fmt(floor.wallMs, 0)} ms)`,
				`speed-up over sequential  ${fmt(speedup, 1)}x (sequential measured on ${SEQUENTIAL_SAMPLE} items and scaled ` +
					`to ${ITEMS})`,
				`capped run: largest count in any 1-second window ${peakWindow} against a cap of ${CAP}/s (overshoot ` +
					`${fmt(overshoot, 1)}%)`,
				`BENCH floor_ratio=${fmt(floorRatio)} sequential_speedup=${fmt(speedup, 1)} ` +
					`cap_overshoot_pct=${fmt(overshoot, 1)} cpu_ms_per_item=${fmt(cpuPerItem, 3)} kb_per_item=${fmt(kbPerItem, 2)}`,
				'',
			].join('\n'),
		);
	} finally {
		await sandbox.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error.stack || error}\n`);
	process.exit(1);
});
