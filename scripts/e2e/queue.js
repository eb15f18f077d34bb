#!/usr/bin/env node
'use strict';
/*
 * `npm run test:e2e:queue` — the package in n8n's queue mode: n8n main + 2 workers (`n8n worker`), Redis and
 * PostgreSQL (Debian's packages, installed by services.js when missing) run as this test's own processes on random
 * loopback ports with throw-away data folders. Same n8n (2.41.1 on Node 24) and package install as run.js.
 *
 *  1. control and 2. ours, alternating in 3 rounds (so a change of the machine's load hits both alike), QUEUE_ORDERS
 *     orders each (default 300), QUEUE_CONCURRENCY (default 16) in flight at a time:
 *     control — a webhook workflow WITHOUT our node (examples/1 with Bind AXB replaced by a Set node);
 *     ours — examples/1-new-order-bind-axb.json (webhook → Bind AXB → respond): every response has an X number,
 *     executions of it ran on both workers, one binding per OutOrderId in the sandbox;
 *     both → throughput and p50/p95/p99 per order as its caller sees it
 *  3. a worker killed: QUEUE_KILL_ORDERS orders (default 120) with 400 ms sandbox latency (so binds are in flight),
 *     worker 2 SIGKILLed after a third of them answered; every order ends bound once (200 with X) or failed to its
 *     caller, none is bound twice; then every failed order is resent with `"resend": true` (the README recipe: Reuse
 *     Live Binding) and each of the orders has exactly one binding, the resends of orders bound before the kill
 *     answering that binding (`reused: true`)
 * Prints the figures, a QUEUE line (machine-readable), and `E2E queue: N passed, M failed`; exit code 1 on failure.
 *
 * Env: QUEUE_ORDERS, QUEUE_KILL_ORDERS, QUEUE_CONCURRENCY, E2E_SKIP_BUILD=1, E2E_KEEP=1 (keep the temp folder with
 * every process's log), N8N_E2E_CACHE. The Bull lock is shortened (QUEUE_WORKER_LOCK_DURATION 20 s, stalled check
 * every 10 s; n8n's defaults are 60 s and 30 s) so that a dead worker's jobs fail after ~55 s instead of 90–130 s.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const nodeAssert = require('node:assert/strict');
const { request } = require('undici');
const { ensureInstalled } = require('./install-n8n');
const home = require('./n8n-home');
const services = require('./services');

const REPO = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const ORDERS = Number(process.env.QUEUE_ORDERS || 300);
const KILL_ORDERS = Number(process.env.QUEUE_KILL_ORDERS || 120);
const CONCURRENCY = Number(process.env.QUEUE_CONCURRENCY || 16);
const WORKER_CONCURRENCY = 10;
const ROUNDS = 3;
const ENCRYPTION_KEY = 'e2e-n8n-nodes-privacy-number-queue-key';
const CRED = { id: 'e2eQueueAliyun01', name: 'Sandbox Alibaba Cloud' };
const EXAMPLE = path.join(REPO, 'examples', '1-new-order-bind-axb.json');
const IDS = { ours: 'e2eQueueOurs0001', control: 'e2eQueueCtrl0001' };
const POOL_KEY = 'FC100000000000001';

const T0 = Date.now();
const children = new Set();
const tests = [];
const timings = [];
const figures = {};
let tmpRoot = null;
let sandbox = null;

const log = (m) =>
	process.stdout.write(`[e2e-queue +${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s] ${m}\n`);
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
async function timed(label, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		timings.push({ label, ms: Date.now() - t });
		log(`${label}: ${secs(Date.now() - t)}`);
	}
}
async function test(name, fn) {
	const t = Date.now();
	try {
		await fn();
		tests.push({ name, ok: true });
		log(`PASS ${name} (${secs(Date.now() - t)})`);
	} catch (e) {
		tests.push({ name, ok: false, error: e });
		log(`FAIL ${name}\n${String(e && e.stack ? e.stack : e)}`);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// n8n processes in queue mode

let install;
let userFolder;
let queueEnv;

const env = (extra = {}) =>
	home.n8nEnv(install, { userFolder, encryptionKey: ENCRYPTION_KEY }, { ...queueEnv, ...extra });

async function cli(args) {
	const r = await home.runN8n(install, userFolder, args, await env(), {
		children,
		timeoutMs: 240000,
	});
	fs.appendFileSync(
		path.join(tmpRoot, 'n8n-cli.log'),
		`\n$ n8n ${args.join(' ')} -> ${r.signal || r.code}\n${r.stdout}\n${r.stderr}\n`,
	);
	if (r.code !== 0)
		throw new Error(
			`n8n ${args.join(' ')} exited with ${r.signal || r.code}:\n${(r.stderr + r.stdout).slice(-3000)}`,
		);
	return r;
}

/** A long-running n8n process (`start` or `worker`), ready once its /healthz/readiness answers 200. */
async function startProcess(name, args, port, extra) {
	const child = home.spawnN8n(install, userFolder, args, await env(extra));
	children.add(child);
	const proc = { name, child, out: '', exited: null, baseUrl: `http://127.0.0.1:${port}` };
	const file = path.join(tmpRoot, `n8n-${name}.log`);
	const onData = (d) => {
		proc.out += d;
		fs.appendFileSync(file, d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('close', (code, signal) => {
		children.delete(child);
		proc.exited = signal || code;
	});
	await home.waitUntilReady(proc.baseUrl, { exited: () => proc.exited, output: () => proc.out });
	return proc;
}

async function startMain() {
	const port = await home.freePort();
	return startProcess('main', ['start'], port, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
	});
}

async function startWorker(name) {
	const port = await home.freePort();
	return startProcess(name, ['worker', `--concurrency=${WORKER_CONCURRENCY}`], port, {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(port),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	});
}

/** Execution IDs of a workflow that a worker logged as started ("Worker started execution <id> (job <n>)"). */
function startedBy(worker, workflowId) {
	const ids = new Set();
	for (const line of worker.out.split('\n')) {
		if (!line.includes('Worker started execution')) continue;
		try {
			const { metadata } = JSON.parse(line);
			if (metadata.workflowId === workflowId) ids.add(String(metadata.executionId));
		} catch {
			/* not a whole log record */
		}
	}
	return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// workflows

function pointCredentials(wf) {
	for (const node of wf.nodes)
		if (node.credentials?.alibabaCloudApi) node.credentials.alibabaCloudApi = { ...CRED };
	return wf;
}

function oursWorkflow() {
	const wf = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	return pointCredentials({ ...wf, id: IDS.ours, active: false });
}

/** The example with the Bind AXB node replaced by a Set node answering the same fields: n8n's own cost per order. */
function controlWorkflow() {
	const wf = oursWorkflow();
	wf.id = IDS.control;
	wf.name = 'Control: new order without the privacy-number node';
	const hook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	hook.parameters.path = 'control-order';
	hook.webhookId = 'e2e00000-0000-4000-8000-00000000c0a1';
	const i = wf.nodes.findIndex((n) => n.type.startsWith(`${PKG.name}.`));
	const bind = wf.nodes[i];
	const str = (name, value) => ({ id: `${name}-id`, name, value, type: 'string' });
	wf.nodes[i] = {
		id: bind.id,
		name: bind.name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: bind.position,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					str('subsId', '={{ "ctl-" + $json.body.orderId }}'),
					str('secretNo', '17000000000'),
				],
			},
			options: {},
		},
	};
	return wf;
}

// ---------------------------------------------------------------------------------------------------------------
// load

let seq = 0;
function newOrders(n, prefix) {
	return Array.from({ length: n }, () => {
		seq++;
		return {
			orderId: `${prefix}-${String(seq).padStart(5, '0')}`,
			customerPhone: `138${String(seq).padStart(8, '0')}`,
			courierPhone: `139${String(seq).padStart(8, '0')}`,
		};
	});
}

async function post(url, body) {
	const t = Date.now();
	try {
		const res = await request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			headersTimeout: 300000,
			bodyTimeout: 300000,
		});
		const text = await res.body.text();
		let json = null;
		try {
			json = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.statusCode, json, text, ms: Date.now() - t };
	} catch (e) {
		return { status: 0, json: null, text: String(e.message), ms: Date.now() - t };
	}
}

/** Posts every order with at most CONCURRENCY in flight; onDone(count) after each answer. */
async function drive(url, orders, { extra = {}, onDone } = {}) {
	const results = new Array(orders.length);
	let next = 0;
	let done = 0;
	const t = Date.now();
	await Promise.all(
		Array.from({ length: Math.min(CONCURRENCY, orders.length) }, async () => {
			while (next < orders.length) {
				const i = next++;
				results[i] = { order: orders[i], ...(await post(url, { ...orders[i], ...extra })) };
				done++;
				if (onDone) onDone(done);
			}
		}),
	);
	return { results, wallMs: Date.now() - t };
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
/** CPU ms a process used so far (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMsOf(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return 0;
	}
}
const cpuSnapshot = (procs) => ({
	main: procs.main.reduce((sum, p) => sum + cpuMsOf(p.child.pid), 0),
	workers: procs.workers.reduce((sum, p) => sum + cpuMsOf(p.child.pid), 0),
	test: process.cpuUsage(),
});
/** CPU ms since `snap`: n8n main, the two workers, and this process (the sandbox answering and the callers). */
function cpuSince(snap, procs) {
	const now = cpuSnapshot(procs);
	const testUs = process.cpuUsage(snap.test);
	return {
		main: now.main - snap.main,
		workers: now.workers - snap.workers,
		test: Math.round((testUs.user + testUs.system) / 1000),
	};
}

function stats({ results, wallMs, cpu }) {
	const ms = results.map((r) => r.ms).sort((a, b) => a - b);
	const perOrder = (v) => Number((v / results.length).toFixed(1));
	return {
		orders: results.length,
		perSecond: Number(((results.length * 1000) / wallMs).toFixed(1)),
		p50: percentile(ms, 50),
		p95: percentile(ms, 95),
		p99: percentile(ms, 99),
		...(cpu && {
			cpuMsPerOrder: {
				main: perOrder(cpu.main),
				workers: perOrder(cpu.workers),
				test: perOrder(cpu.test),
			},
		}),
	};
}

const bound = (r) => r.status === 200 && /^\d{11}$/.test(String(r.json?.virtualNumber ?? ''));

/** n8n's execution statuses of a workflow, from PostgreSQL (with n8n's own `pg` client). */
async function executionStatuses(pg, workflowId) {
	const { Client } = require(
		require.resolve('pg', { paths: [path.join(install.n8nDir, 'node_modules')] }),
	);
	const client = new Client({
		host: '127.0.0.1',
		port: pg.port,
		user: pg.user,
		database: pg.database,
	});
	await client.connect();
	try {
		const { rows } = await client.query(
			'SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status ORDER BY status',
			[workflowId],
		);
		return Object.fromEntries(rows.map((r) => [r.status, r.n]));
	} finally {
		await client.end();
	}
}

/** Sandbox bindings of this pool per OutOrderId. */
function bindingsByOrder() {
	const by = new Map();
	for (const b of sandbox.state.aliyun.bindings.values()) {
		if (b.poolKey !== POOL_KEY || !b.outOrderId) continue;
		by.set(b.outOrderId, [...(by.get(b.outOrderId) || []), b]);
	}
	return by;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
	install = await timed('install (Node 24 + n8n, cached)', () => ensureInstalled());
	if (process.env.E2E_SKIP_BUILD !== '1') await timed('npm run build', () => home.buildPackage());
	const bins = await timed('Redis + PostgreSQL packages (apt-get when missing)', () =>
		services.ensureServices(log),
	);

	tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-queue-'));
	const redis = await timed('start redis-server', () =>
		services.startRedis(bins, path.join(tmpRoot, 'redis'), (c) => children.add(c)),
	);
	const pg = await timed('initdb + start postgres', () =>
		services.startPostgres(bins, path.join(tmpRoot, 'pg'), (c) => children.add(c)),
	);
	log(`redis on 127.0.0.1:${redis.port}, postgres on 127.0.0.1:${pg.port}`);
	queueEnv = {
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_WORKER_LOCK_DURATION: '20000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
		QUEUE_WORKER_STALLED_INTERVAL: '10000',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
	};

	userFolder = path.join(tmpRoot, 'n8n');
	fs.mkdirSync(userFolder);
	const { target } = home.copyPackageIntoUserFolder(userFolder);
	fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(PKG, null, 2) + '\n');

	const { startSandbox } = require(path.join(REPO, 'sandbox'));
	sandbox = await startSandbox();
	const creds = home.sandboxCredentials(sandbox, {
		alibabaCloudApi: CRED,
		nxCloudApi: { id: 'e2eQueueNxCloud1', name: 'Sandbox NXCloud' },
	});
	fs.writeFileSync(path.join(tmpRoot, 'creds.json'), JSON.stringify(creds));
	fs.writeFileSync(
		path.join(tmpRoot, 'workflows.json'),
		JSON.stringify([oursWorkflow(), controlWorkflow()]),
	);
	await timed('n8n import:credentials (migrates PostgreSQL)', () =>
		cli(['import:credentials', `--input=${path.join(tmpRoot, 'creds.json')}`]),
	);
	await timed('n8n import:workflow', () =>
		cli(['import:workflow', `--input=${path.join(tmpRoot, 'workflows.json')}`]),
	);
	await timed('n8n publish:workflow ×2', async () => {
		for (const id of Object.values(IDS)) await cli(['publish:workflow', `--id=${id}`]);
	});

	const [mainProc, w1, w2] = await timed('n8n start + 2 × n8n worker until ready', () =>
		Promise.all([startMain(), startWorker('worker1'), startWorker('worker2')]),
	);
	const ours = `${mainProc.baseUrl}/webhook/new-order`;
	const control = `${mainProc.baseUrl}/webhook/control-order`;

	// main registers the published webhooks shortly after it is ready; then a warm-up loads every code path
	await timed('webhooks registered + warm-up', async () => {
		for (const url of [control, ours]) {
			for (let i = 0; ; i++) {
				const r = await post(url, newOrders(1, 'WARM')[0]);
				if (r.status === 200) break;
				if (i > 120) throw new Error(`${url} still answers ${r.status}: ${r.text.slice(0, 300)}`);
				await home.sleep(500);
			}
			await drive(url, newOrders(3 * CONCURRENCY, 'WARM'));
		}
	});

	// Control and ours alternate in ROUNDS rounds, so that a change of the machine's load hits both alike.
	const runs = { control: [], ours: [] };
	const before = [startedBy(w1, IDS.ours).size, startedBy(w2, IDS.ours).size];
	const procs = { main: [mainProc], workers: [w1, w2] };
	await timed(`control + ours, ${ROUNDS} alternating rounds`, async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const n = Math.ceil(ORDERS / ROUNDS);
			for (const [name, url, prefix] of [
				['control', control, 'CTL'],
				['ours', ours, 'ORD'],
			]) {
				const cpu = cpuSnapshot(procs);
				const run = await drive(url, newOrders(n, prefix));
				runs[name].push({ ...run, cpu: cpuSince(cpu, procs) });
			}
		}
	});
	const merged = (list) => ({
		results: list.flatMap((r) => r.results),
		wallMs: list.reduce((sum, r) => sum + r.wallMs, 0),
		cpu: Object.fromEntries(
			['main', 'workers', 'test'].map((k) => [k, list.reduce((sum, r) => sum + r.cpu[k], 0)]),
		),
	});

	await test(`control: ${ORDERS} orders through webhook → Set → respond (no node of ours)`, async () => {
		const run = merged(runs.control);
		const bad = run.results.filter((r) => r.status !== 200);
		nodeAssert.equal(
			bad.length,
			0,
			`${bad.length} failed: ${bad.slice(0, 3).map((r) => `${r.status} ${r.text.slice(0, 200)}`)}`,
		);
		figures.control = stats(run);
	});

	await test(`ours: ${ORDERS} orders through examples/1 (webhook → Bind AXB → respond) on 2 workers`, async () => {
		const run = merged(runs.ours);
		const bad = run.results.filter((r) => !bound(r));
		nodeAssert.equal(
			bad.length,
			0,
			`${bad.length} without X: ${bad.slice(0, 3).map((r) => `${r.status} ${r.text.slice(0, 200)}`)}`,
		);
		for (const r of run.results) nodeAssert.equal(r.json.orderId, r.order.orderId);
		const perWorker = [
			startedBy(w1, IDS.ours).size - before[0],
			startedBy(w2, IDS.ours).size - before[1],
		];
		log(`    executions of the example per worker: ${perWorker.join(' / ')}`);
		nodeAssert.ok(
			perWorker[0] > 0 && perWorker[1] > 0,
			`executions per worker ${perWorker.join(' / ')}`,
		);
		const by = bindingsByOrder();
		for (const r of run.results) {
			const list = by.get(r.order.orderId) || [];
			nodeAssert.equal(list.length, 1, `${r.order.orderId}: ${list.length} bindings`);
			nodeAssert.equal(list[0].phoneX, r.json.virtualNumber);
			nodeAssert.equal(String(list[0].subsId), String(r.json.subsId));
		}
		figures.ours = { ...stats(run), perWorker };
	});

	await test(`worker killed mid-run: ${KILL_ORDERS} orders, then the failed ones resent with Reuse Live Binding`, async () => {
		sandbox.configure({ latencyMs: 400, jitterMs: 100 });
		const orders = newOrders(KILL_ORDERS, 'KILL');
		let killedAt = null;
		const run = await drive(ours, orders, {
			onDone: (n) => {
				if (killedAt === null && n >= Math.floor(KILL_ORDERS / 3)) {
					killedAt = Date.now();
					log(`    SIGKILL worker2 (pid ${w2.child.pid}) after ${n} answers`);
					home.killGroup(w2.child, 'SIGKILL');
				}
			},
		});
		sandbox.configure({ latencyMs: 0, jitterMs: 0 });
		nodeAssert.ok(killedAt, 'worker2 was never killed');
		const failed = run.results.filter((r) => !bound(r));
		const by = bindingsByOrder();
		const twice = orders.filter((o) => (by.get(o.orderId) || []).length > 1);
		nodeAssert.deepEqual(
			twice.map((o) => o.orderId),
			[],
			'orders bound twice',
		);
		for (const r of run.results.filter(bound))
			nodeAssert.equal((by.get(r.order.orderId) || []).length, 1);
		const orphans = failed.filter((r) => (by.get(r.order.orderId) || []).length === 1);
		const failMs = failed.map((r) => r.ms).sort((a, b) => a - b);
		log(
			`    ${run.results.length - failed.length} bound, ${failed.length} failed to their caller ` +
				`(${orphans.length} of them bound all the same); failures answered after ` +
				`${failMs.length ? `${secs(failMs[0])}–${secs(failMs[failMs.length - 1])}` : '-'}; statuses ` +
				`${[...new Set(failed.map((r) => r.status))].join(', ') || '-'}`,
		);
		nodeAssert.ok(
			failed.length > 0,
			'killing a worker failed no order: the kill came too late to test anything',
		);
		const statuses = await executionStatuses(pg, IDS.ours);
		log(`    n8n's executions of the example so far: ${JSON.stringify(statuses)}`);

		const resend = await drive(
			ours,
			failed.map((r) => r.order),
			{ extra: { resend: true } },
		);
		const after = bindingsByOrder();
		const notBound = resend.results.filter((r) => !bound(r));
		nodeAssert.equal(
			notBound.length,
			0,
			`resends without X: ${notBound.slice(0, 3).map((r) => `${r.status} ${r.text.slice(0, 300)}`)}`,
		);
		for (const r of resend.results) {
			const list = after.get(r.order.orderId) || [];
			nodeAssert.equal(
				list.length,
				1,
				`${r.order.orderId}: ${list.length} bindings after the resend`,
			);
			nodeAssert.equal(String(list[0].subsId), String(r.json.subsId));
		}
		const wasOrphan = new Set(orphans.map((r) => r.order.orderId));
		for (const r of resend.results)
			nodeAssert.equal(
				r.json.reused === true,
				wasOrphan.has(r.order.orderId),
				`${r.order.orderId}: reused ${r.json.reused}`,
			);
		for (const o of orders)
			nodeAssert.equal((after.get(o.orderId) || []).length, 1, `${o.orderId}`);
		figures.kill = {
			orders: KILL_ORDERS,
			bound: run.results.length - failed.length,
			failed: failed.length,
			failedButBound: orphans.length,
			failAfterMs: failMs.length ? [failMs[0], failMs[failMs.length - 1]] : null,
			resentReused: resend.results.filter((r) => r.json.reused === true).length,
			executionStatuses: statuses,
		};
	});
}

function report() {
	const f = figures;
	const row = (label, s) =>
		s &&
		process.stdout.write(
			`  ${label.padEnd(30)} ${String(s.perSecond).padStart(7)} orders/s   p50 ${s.p50} ms   p95 ${s.p95} ms   p99 ${s.p99} ms` +
				`   CPU ms/order: main ${s.cpuMsPerOrder.main}, workers ${s.cpuMsPerOrder.workers}, sandbox+callers ${s.cpuMsPerOrder.test}\n`,
		);
	process.stdout.write(
		`\nQueue mode (main + 2 workers × concurrency ${WORKER_CONCURRENCY}, ${CONCURRENCY} orders in flight):\n`,
	);
	row('control (webhook → Set)', f.control);
	row('ours (webhook → Bind AXB)', f.ours);
	if (f.control && f.ours) {
		process.stdout.write(
			`  our share per order: p50 +${f.ours.p50 - f.control.p50} ms, p95 +${f.ours.p95 - f.control.p95} ms, ` +
				`p99 +${f.ours.p99 - f.control.p99} ms, worker CPU +` +
				`${(f.ours.cpuMsPerOrder.workers - f.control.cpuMsPerOrder.workers).toFixed(1)} ms; throughput ` +
				`${((f.ours.perSecond / f.control.perSecond) * 100).toFixed(0)}% of control\n`,
		);
	}
	if (f.kill) process.stdout.write(`  worker killed: ${JSON.stringify(f.kill)}\n`);
	process.stdout.write(`QUEUE ${JSON.stringify(f)}\n\nTimings:\n`);
	for (const t of timings)
		process.stdout.write(`  ${t.label.padEnd(56)} ${secs(t.ms).padStart(8)}\n`);
	process.stdout.write(
		`  ${'total'.padEnd(56)} ${secs(Date.now() - T0).padStart(8)}\n\nResults:\n`,
	);
	for (const t of tests)
		process.stdout.write(
			`  ${t.ok ? 'PASS' : 'FAIL'}  ${t.name}${t.ok ? '' : `: ${String(t.error?.message).split('\n')[0]}`}\n`,
		);
	const failed = tests.filter((t) => !t.ok).length;
	process.stdout.write(`E2E queue: ${tests.length - failed} passed, ${failed} failed\n`);
	return failed;
}

let exiting = false;
async function finish(code) {
	if (exiting) return;
	exiting = true;
	await home.releaseAll({
		children,
		sandbox,
		folder: tmpRoot,
		keepVar: 'E2E_KEEP',
		log,
		graceMs: 3000,
	});
	const failed = report();
	process.exit(code || (failed ? 1 : 0));
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(130));
main().then(
	() => finish(0),
	(e) => {
		tests.push({ name: 'queue e2e setup', ok: false, error: e });
		log(`FAIL setup\n${e && e.stack ? e.stack : e}`);
		finish(1);
	},
);
