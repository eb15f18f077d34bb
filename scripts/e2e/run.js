#!/usr/bin/env node
'use strict';
/*
 * `npm run test:e2e` — proves the package inside a REAL n8n (the pinned version installed by install-n8n.js).
 *
 *  1. installs Node 24 + n8n once into the cache (install-n8n.js), builds the package (`npm run build`)
 *  2. puts package.json + dist/ into <tmp>/.n8n/nodes/node_modules/n8n-nodes-privacy-number, as a Community Nodes
 * install does
 *  3. starts the project's sandbox in-process, imports sandbox credentials into n8n
 *  4. every workflow `<dir>/<name>.json` with a sibling `<dir>/<name>.e2e.js` (dirs: test/e2e/fixtures, examples) is
 * a case:
 *       mode 'execute': imported, run with `n8n execute --id`, then its assert() gets the run data
 *       mode 'trigger': imported, activated, then `n8n start` runs; the case's fire() makes something happen
 *                       (webhook call, sandbox pushing call records) and assert() gets the executions that followed
 *  5. checks that n8n loaded our package (no load errors in any log, our node/credential types are known)
 *  6. always cleans up; prints `E2E: N passed, M failed`; exit code 1 on any failure
 *
 * Case module (`<name>.e2e.js`), all fields but mode/assert optional:
 *   module.exports = {
 *     mode: 'execute' | 'trigger',
 *     description: 'one line',
 *     prepare(workflow, ctx) { return workflow },          // tweak the workflow JSON before import
 *     async setup(ctx) { return { credentials: [] } },      // once, before the imports: start helper servers,
 *                                                           // add n8n credentials; teardown() at cleanup
 *     async fire(ctx) { ... },                              // trigger mode: cause the executions, returns `fired`
 *     expectExecutions: 1,                                  // trigger mode: how many executions to wait for
 *     timeoutMs: 60000,
 *     async assert(ctx) { ... },                            // throw (node:assert) to fail
 *   };
 *   ctx: { assert, result, exitCode, output(nodeName, outputIndex=0) -> json[], runData, error,
 *          executions, fired, sandbox, requests (sandbox requests during this case), n8nBaseUrl,
 *          webhookUrl(path), http (undici.request), sandboxPost(path, body), workflow, filesDir, log }
 *
 * Env: N8N_E2E_CACHE (cache dir), E2E_ONLY (substring filter on case names), E2E_SKIP_BUILD=1,
 *      E2E_KEEP=1 (keep the temp n8n folder for inspection), E2E_VERBOSE=1 (echo n8n logs).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const nodeAssert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { request } = require('undici');
const { ensureInstalled } = require('./install-n8n');
const home = require('./n8n-home');
const { freePort, sleep, killGroup } = home;

const REPO = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const PKG_NAME = PKG.name;
const CASE_DIRS = [path.join(REPO, 'test', 'e2e', 'fixtures'), path.join(REPO, 'examples')];
const ENCRYPTION_KEY = 'e2e-n8n-nodes-privacy-number-fixed-key';
const CRED_IDS = { alibabaCloudApi: 'e2eAliyunCred001', nxCloudApi: 'e2eNxCloudCred01' };
const CRED_NAMES = { alibabaCloudApi: 'Sandbox Alibaba Cloud', nxCloudApi: 'Sandbox NXCloud' };
const VERBOSE = process.env.E2E_VERBOSE === '1';

const T0 = Date.now();
const timings = [];
const tests = []; // { name, ok, ms, error }
const warnings = [];
const allLogRecords = []; // every parsed n8n log record, for the package-load check
const children = new Set();
let tmpRoot = null;
let sandbox = null;

function log(msg) {
	process.stdout.write(`[e2e +${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s] ${msg}\n`);
}
function secs(ms) {
	return `${(ms / 1000).toFixed(1)}s`;
}
async function timed(label, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		const ms = Date.now() - t;
		timings.push({ label, ms });
		log(`${label}: ${secs(ms)}`);
	}
}
async function test(name, fn) {
	const t = Date.now();
	try {
		await fn();
		const ms = Date.now() - t;
		tests.push({ name, ok: true, ms });
		log(`PASS ${name} (${secs(ms)})`);
	} catch (e) {
		const ms = Date.now() - t;
		tests.push({ name, ok: false, ms, error: e });
		log(`FAIL ${name} (${secs(ms)})\n${indent(e && e.stack ? e.stack : String(e))}`);
	}
}
function indent(s, pad = '       ') {
	return String(s)
		.split('\n')
		.map((l) => pad + l)
		.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// n8n processes

let install = null; // paths from ensureInstalled
let userFolder = null;

/** The folder n8n's file nodes may read and write in this run (inside the temp user folder). */
function filesDir() {
	const dir = path.join(tmpRoot, 'files');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

function n8nEnv(extra = {}) {
	return home.n8nEnv(
		install,
		{ userFolder, encryptionKey: ENCRYPTION_KEY },
		// nodes like Read/Write Files may touch only this folder (ctx.filesDir of the cases)
		{
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_LEVEL: 'info',
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir(),
			...extra,
		},
	);
}

function parseRecords(text, source) {
	const records = [];
	for (const line of text.split('\n')) {
		const s = line.trim();
		if (!s.startsWith('{')) continue;
		try {
			const rec = JSON.parse(s);
			records.push(rec);
			allLogRecords.push({ source, rec });
		} catch {
			/* not a log record */
		}
	}
	return records;
}

/** Runs one n8n CLI command to completion. */
async function n8n(args, { timeoutMs = 180000, env: extraEnv = {}, label = args[0] } = {}) {
	const env = await n8nEnv(extraEnv);
	const r = await home.runN8n(install, userFolder, args, env, {
		timeoutMs,
		children,
		onData: VERBOSE
			? (d, isStderr) =>
					process.stdout.write(indent(d.trimEnd(), `    [${label}${isStderr ? ' !' : ''}] `) + '\n')
			: undefined,
		onTimeout: () => log(`n8n ${args.join(' ')} timed out after ${secs(timeoutMs)}; killing it`),
	});
	fs.appendFileSync(
		path.join(tmpRoot, 'n8n-cli.log'),
		`\n$ n8n ${args.join(' ')}  -> ${r.signal || r.code}\n${r.stdout}\n--- stderr ---\n${r.stderr}\n`,
	);
	const records = parseRecords(r.stdout, `n8n ${args.join(' ')}`);
	parseRecords(r.stderr, `n8n ${args.join(' ')} (stderr)`);
	return { ...r, records };
}

function cliFailure(what, r) {
	const tail = (r.stderr + '\n' + r.stdout).trim().split('\n').slice(-25).join('\n');
	return new Error(`${what} exited with ${r.signal || r.code}:\n${tail}`);
}

/** `n8n start` in the background; resolves once /healthz answers. */
async function startServer() {
	const port = await freePort();
	const env = await n8nEnv({
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
	});
	env.N8N_WEBHOOK_URL = `http://127.0.0.1:${port}/`;
	const logFile = path.join(tmpRoot, 'n8n-server.log');
	const child = home.spawnN8n(install, userFolder, ['start'], env);
	children.add(child);
	const server = { child, port, baseUrl: `http://127.0.0.1:${port}`, out: '', exited: null };
	const onData = (d) => {
		const s = String(d);
		server.out += s;
		fs.appendFileSync(logFile, s);
		if (VERBOSE) process.stdout.write(indent(s.trimEnd(), '    [server] ') + '\n');
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('close', (code, signal) => {
		children.delete(child);
		server.exited = signal || code;
	});
	await home.waitUntilReady(server.baseUrl, {
		exited: () => server.exited,
		output: () => server.out,
	});
	return server;
}

async function stopServer(server) {
	if (!server || server.exited !== null) return;
	killGroup(server.child, 'SIGTERM');
	for (let i = 0; i < 100 && server.exited === null; i++) await sleep(100);
	if (server.exited === null) killGroup(server.child, 'SIGKILL');
	parseRecords(server.out, 'n8n start');
}

function readExecutions(workflowId, afterId = '0') {
	return readDb([workflowId, String(afterId)]);
}

/** Production webhooks n8n registered for active workflows, each with its full URL. */
async function registeredWebhooks(baseUrl) {
	const hooks = await readDb(['--webhooks']);
	return hooks.map((h) => ({ ...h, url: `${baseUrl}/webhook/${h.webhookPath}` }));
}

function readDb(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			install.nodeBin,
			[
				'--no-warnings',
				path.join(__dirname, 'read-executions.js'),
				path.join(userFolder, '.n8n', 'database.sqlite'),
				install.n8nDir,
				...args,
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`read-executions failed (${code}): ${err}`));
			try {
				resolve(JSON.parse(out));
			} catch (e) {
				reject(
					new Error(`read-executions printed no JSON: ${e.message}: ${out.slice(0, 500)} ${err}`),
				);
			}
		});
	});
}

async function waitForExecutions(workflowId, count, timeoutMs, afterId = '0') {
	const deadline = Date.now() + timeoutMs;
	let execs = [];
	for (;;) {
		execs = await readExecutions(workflowId, afterId);
		const done = execs.filter(
			(e) => e.finished || (e.status && !['new', 'running', 'waiting'].includes(e.status)),
		);
		if (done.length >= count) return done;
		if (Date.now() > deadline) {
			throw new Error(
				`expected ${count} finished execution(s) of workflow ${workflowId} within ${secs(timeoutMs)}, found ` +
					`${done.length} ` +
					`(${execs.map((e) => `${e.id}:${e.status}`).join(', ') || 'none'})`,
			);
		}
		await sleep(500);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// package install into the n8n user folder

function listFiles(dir, re, base = dir) {
	const out = [];
	if (!fs.existsSync(dir)) return out;
	for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, ent.name);
		if (ent.isDirectory()) out.push(...listFiles(p, re, base));
		else if (re.test(ent.name)) out.push(path.relative(base, p).split(path.sep).join('/'));
	}
	return out.sort();
}

/** Copies package.json + dist/ where n8n's Community Nodes installer would put them. Returns the expected types. */
function installPackageIntoUserFolder() {
	const { target } = home.copyPackageIntoUserFolder(userFolder);

	const pkg = JSON.parse(JSON.stringify(PKG));
	pkg.n8n = pkg.n8n || {};
	const built = {
		nodes: listFiles(path.join(target, 'dist'), /\.node\.js$/).map((f) => `dist/${f}`),
		credentials: listFiles(path.join(target, 'dist'), /\.credentials\.js$/).map((f) => `dist/${f}`),
	};
	for (const kind of ['nodes', 'credentials']) {
		const listed = Array.isArray(pkg.n8n[kind]) ? pkg.n8n[kind] : [];
		for (const f of listed) {
			if (!fs.existsSync(path.join(target, f)))
				throw new Error(`package.json n8n.${kind} lists ${f}, which the build did not produce`);
		}
		const missing = built[kind].filter((f) => !listed.includes(f));
		if (missing.length) {
			log(
				`WARNING: package.json n8n.${kind} does not list ${missing.join(', ')}; listing them in the COPIED package.json only`,
			);
			pkg.n8n[kind] = [...listed, ...missing];
		}
	}
	fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

	// The type names n8n should report, read from the built classes (they only need n8n-workflow, which the repo has).
	const expected = { nodes: [], credentials: [] };
	// Required from the repository's own dist/ (same files), where n8n-workflow resolves from the repo's node_modules.
	for (const f of pkg.n8n.credentials) {
		expected.credentials.push(...classInfo(path.join(REPO, f), (o) => o.name));
	}
	for (const f of pkg.n8n.nodes) {
		expected.nodes.push(
			...classInfo(path.join(REPO, f), (o) => o.description && `${PKG_NAME}.${o.description.name}`),
		);
	}
	return { target, pkg, expected };
}

function classInfo(file, pick) {
	try {
		const mod = require(file);
		const out = [];
		for (const C of Object.values(mod)) {
			if (typeof C !== 'function') continue;
			try {
				const v = pick(new C());
				if (v) out.push(v);
			} catch {
				/* not constructible without args (versioned nodes): skip */
			}
		}
		return out;
	} catch (e) {
		log(
			`note: cannot require ${path.relative(REPO, file)} in the test process (${e.message.split('\n')[0]})`,
		);
		return [];
	}
}

// ---------------------------------------------------------------------------------------------------------------
// cases

function discoverCases() {
	const only = process.env.E2E_ONLY;
	const cases = [];
	for (const dir of CASE_DIRS) {
		if (!fs.existsSync(dir)) continue;
		for (const f of fs.readdirSync(dir).sort()) {
			if (!f.endsWith('.json') || f.endsWith('.e2e.json')) continue;
			const base = f.slice(0, -'.json'.length);
			// the spec sits next to the workflow, or (for examples/) in test/e2e/examples/
			const specFile = [
				path.join(dir, `${base}.e2e.js`),
				path.join(REPO, 'test', 'e2e', path.basename(dir), `${base}.e2e.js`),
			].find((f) => fs.existsSync(f));
			if (!specFile) {
				if (dir !== CASE_DIRS[0])
					log(`note: ${path.relative(REPO, path.join(dir, f))} has no .e2e.js spec; not run`);
				continue;
			}
			const rel = path.relative(REPO, path.join(dir, f)).split(path.sep).join('/');
			if (only && !rel.includes(only)) continue;
			const spec = require(specFile);
			if (!['execute', 'trigger'].includes(spec.mode) || typeof spec.assert !== 'function') {
				throw new Error(
					`${path.relative(REPO, specFile)} must export { mode: 'execute'|'trigger', assert() }`,
				);
			}
			const id = 'e2e' + crypto.createHash('sha1').update(rel).digest('hex').slice(0, 13);
			cases.push({ name: rel, file: path.join(dir, f), spec, id });
		}
	}
	return cases;
}

function prepareWorkflow(c, ctxBase) {
	let wf = JSON.parse(fs.readFileSync(c.file, 'utf8'));
	if (Array.isArray(wf)) wf = wf[0];
	wf.id = c.id;
	wf.name = wf.name || c.name;
	wf.active = false;
	delete wf.activeVersionId;
	delete wf.versionId;
	delete wf.shared;
	delete wf.tags;
	for (const node of wf.nodes || []) {
		for (const type of Object.keys(node.credentials || {})) {
			if (CRED_IDS[type]) node.credentials[type] = { id: CRED_IDS[type], name: CRED_NAMES[type] };
		}
	}
	if (typeof c.spec.prepare === 'function') wf = c.spec.prepare(wf, ctxBase) || wf;
	c.workflow = wf;
	return wf;
}

/** Output items (json) of a node in IRunExecutionData.resultData.runData. */
function outputOf(runData, nodeName, outputIndex = 0, runIndex = 0) {
	const runs = runData && runData[nodeName];
	if (!runs || !runs[runIndex]) {
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(runData || {}).join(', ') || 'nothing'})`,
		);
	}
	const run = runs[runIndex];
	if (run.error)
		throw new Error(`node "${nodeName}" failed: ${run.error.message || JSON.stringify(run.error)}`);
	const main = (run.data && run.data.main) || [];
	return (main[outputIndex] || []).map((i) => i.json);
}

/** The run result of `n8n execute` is the `message` of the last JSON log line. */
function parseExecuteResult(r) {
	for (let i = r.records.length - 1; i >= 0; i--) {
		const msg = r.records[i].message;
		if (typeof msg !== 'string') continue;
		const s = msg.trim();
		if (!s.startsWith('{')) continue;
		try {
			return JSON.parse(s);
		} catch {
			/* keep looking */
		}
	}
	return null;
}

function runDataOf(result) {
	if (!result) return null;
	const d = result.data && result.data.resultData ? result.data : result;
	return d.resultData ? d.resultData.runData : null;
}

/** Sandbox request log entries are kept objects: remember the newest one, later take everything after it. */
function sandboxMark() {
	const last = sandbox.lastRequests(1);
	return { last: last.length ? last[0] : null };
}
function sandboxRequestsSince(mark) {
	const all = sandbox.lastRequests(1e6);
	if (!mark.last) return all;
	const i = all.lastIndexOf(mark.last);
	return i === -1 ? all : all.slice(i + 1);
}

async function http(url, opts = {}) {
	const res = await request(url, { headersTimeout: 30000, bodyTimeout: 30000, ...opts });
	const text = await res.body.text();
	let json = null;
	try {
		json = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.statusCode, headers: res.headers, text, json };
}

async function sandboxPost(p, body) {
	const res = await http(new URL(p, sandbox.url).toString(), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (res.status >= 300)
		throw new Error(`sandbox POST ${p} -> ${res.status}: ${res.text.slice(0, 300)}`);
	return res.json ?? res.text;
}

function baseCtx(extra = {}) {
	return {
		assert: nodeAssert,
		sandbox,
		http,
		sandboxPost,
		filesDir: filesDir(),
		log: (m) => log(`    ${m}`),
		...extra,
	};
}

const shared = {}; // passed to every case as ctx.shared, in case order: later cases may use what earlier ones made

async function importWorkflows(workflows, label) {
	const file = path.join(tmpRoot, `e2e-workflows-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
	const r = await timed(label, () => n8n(['import:workflow', `--input=${file}`]));
	if (r.code !== 0) throw cliFailure('n8n import:workflow', r);
}

/** Runs one case: before() → execute it / fire() its trigger → assert(). */
async function runCase(c, server) {
	const ctx = baseCtx({
		shared,
		workflow: c.workflow,
		n8nBaseUrl: server ? server.baseUrl : null,
		webhookUrl: (p) =>
			`${server ? server.baseUrl : 'http://n8n-not-running'}/webhook/${String(p).replace(/^\/+/, '')}`,
		/** This workflow's registered production webhooks ({ node, method, webhookPath, url }), optionally of one node. */
		webhooks: async (nodeName) =>
			(await registeredWebhooks(server.baseUrl)).filter(
				(h) => h.workflowId === c.id && (!nodeName || h.node === nodeName),
			),
		/**
		 * Re-imports ctx.workflow after before() changed it (execute cases; an active trigger workflow would need a
		 * restart).
		 */
		reimport: async () => {
			if (c.spec.mode === 'trigger')
				throw new Error('reimport() does not reach a running trigger workflow');
			await importWorkflows([ctx.workflow], `re-import ${c.name}`);
		},
	});
	if (typeof c.spec.before === 'function') await c.spec.before(ctx);
	const mark = sandboxMark();

	if (c.spec.mode === 'execute') {
		const r = await timed(`execute ${c.name}`, () =>
			n8n(['execute', `--id=${c.id}`], { timeoutMs: c.spec.timeoutMs || 180000 }),
		);
		const result = parseExecuteResult(r);
		if (!result) throw cliFailure(`n8n execute --id=${c.id} printed no run result;`, r);
		const runData = runDataOf(result);
		const error = result.data?.resultData?.error || result.resultData?.error || null;
		let exitCode = r.code;
		if (r.code !== 0) {
			const errs = r.records
				.filter((rec) => rec.level === 'error')
				.map((rec) => String(rec.message).slice(0, 500));
			log(
				`    n8n execute exited with ${r.signal || r.code}; error log lines: ${errs.join(' | ') || 'none'}; stderr: ${r.stderr.trim().slice(-800) || 'empty'}`,
			);
		}
		if (r.signal) {
			// n8n 2.41.1 on Node 24 occasionally dies with SIGSEGV while exiting, after printing a complete result.
			// The run itself is judged by that result; the crash is reported in the summary, not hidden.
			exitCode = error ? 1 : 0;
			warnings.push(
				`n8n execute --id=${c.id} (${c.name}) was killed by ${r.signal} after printing its run result`,
			);
		}
		Object.assign(ctx, {
			result,
			exitCode,
			exitSignal: r.signal || null,
			runData,
			error,
			output: (name, idx = 0, run = 0) => outputOf(runData, name, idx, run),
			requests: sandboxRequestsSince(mark),
		});
	} else {
		if (!server) throw new Error('n8n start is not running, so trigger cases cannot run');
		const known = await readExecutions(c.id);
		const afterId = known.length ? known[known.length - 1].id : '0';
		const fired = typeof c.spec.fire === 'function' ? await c.spec.fire(ctx) : undefined;
		const count = c.spec.expectExecutions ?? 1;
		const executions =
			count > 0 ? await waitForExecutions(c.id, count, c.spec.timeoutMs || 60000, afterId) : [];
		const first = executions[0];
		Object.assign(ctx, {
			fired,
			executions,
			runData: first?.data?.resultData?.runData || null,
			error: first?.data?.resultData?.error || null,
			output: (name, idx = 0, run = 0, exec = 0) =>
				outputOf(executions[exec]?.data?.resultData?.runData, name, idx, run),
			requests: sandboxRequestsSince(mark),
		});
	}
	await c.spec.assert(ctx);
}

// ---------------------------------------------------------------------------------------------------------------
// package-load checks

const LOAD_ERROR_RE =
	/(error|fail|cannot|could not|unrecogni[sz]ed|unknown|not installed|missing)/i;
function packageLoadProblems() {
	const problems = [];
	for (const { source, rec } of allLogRecords) {
		// the cache folder's name contains the package name too: hide it so only real mentions count
		const text = JSON.stringify(rec).split(install.cache).join('<cache>');
		const level = String(rec.level || '').toLowerCase();
		// the run data `n8n execute` prints names our node types and may hold a node's (expected) error message
		const runResult = /^\s*\{[\s\S]*"resultData"\s*:/.test(String(rec.message));
		const aboutUs = text.includes(PKG_NAME) && !runResult;
		const unknownType =
			/Unrecognized node type|Unrecognized credential type|does not have a known type|is not known/i.test(
				text,
			);
		if (
			(aboutUs &&
				(level === 'error' || level === 'warn' || LOAD_ERROR_RE.test(String(rec.message)))) ||
			unknownType
		) {
			problems.push(`[${source}] ${level}: ${String(rec.message).slice(0, 400)}`);
		}
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------------------------

const teardowns = []; // of the cases' setup()

async function cleanup() {
	for (const t of teardowns.splice(0))
		await Promise.resolve(t()).catch((e) => log(`teardown: ${e}`));
	await home.releaseAll({ children, sandbox, folder: tmpRoot, keepVar: 'E2E_KEEP', log });
	sandbox = null;
	tmpRoot = null;
}

function summary() {
	const passed = tests.filter((t) => t.ok).length;
	const failed = tests.length - passed;
	process.stdout.write('\nTimings:\n');
	for (const t of timings)
		process.stdout.write(`  ${t.label.padEnd(66)} ${secs(t.ms).padStart(8)}\n`);
	process.stdout.write(
		`  ${'total'.padEnd(66)} ${secs(Date.now() - T0).padStart(8)}\n\nResults:\n`,
	);
	for (const t of tests)
		process.stdout.write(
			`  ${t.ok ? 'PASS' : 'FAIL'}  ${t.name}${t.ok ? '' : `: ${String(t.error && t.error.message).split('\n')[0]}`}\n`,
		);
	if (warnings.length)
		process.stdout.write(`\nWarnings:\n${warnings.map((w) => `  ${w}`).join('\n')}\n`);
	process.stdout.write(`E2E: ${passed} passed, ${failed} failed\n`);
	return failed;
}

async function main() {
	install = await timed('install (Node 24 + n8n, cached after the first run)', () =>
		ensureInstalled(),
	);

	if (process.env.E2E_SKIP_BUILD !== '1') {
		await timed('npm run build', () => home.buildPackage());
	}

	tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	userFolder = tmpRoot;
	log(`n8n user folder: ${userFolder}`);
	const installed = installPackageIntoUserFolder();
	log(
		`package copied to ${path.relative(userFolder, installed.target)}; expecting nodes [${installed.expected.nodes.join(', ')}] credentials [${installed.expected.credentials.join(', ')}]`,
	);

	const cases = discoverCases();
	log(`cases: ${cases.map((c) => `${c.name} (${c.spec.mode})`).join(', ') || 'none'}`);
	if (!cases.length) throw new Error('no e2e cases found (workflow .json with a sibling .e2e.js)');

	const { startSandbox } = require(path.join(REPO, 'sandbox'));
	sandbox = await timed('start sandbox', () => startSandbox());
	log(`sandbox at ${sandbox.url} (aliyun ${sandbox.aliyunEndpoint}, nx ${sandbox.nxBaseUrl})`);

	// credentials + workflows: one import command each (every n8n CLI start costs seconds)
	const creds = home.sandboxCredentials(sandbox, {
		alibabaCloudApi: { id: CRED_IDS.alibabaCloudApi, name: CRED_NAMES.alibabaCloudApi },
		nxCloudApi: { id: CRED_IDS.nxCloudApi, name: CRED_NAMES.nxCloudApi },
	});
	// setup(ctx) of a case: starts what the case needs beside the sandbox (e.g. a scripted model server) and may
	// return { credentials: [...] } to import with the sandbox ones; teardown() is called at cleanup.
	for (const c of cases.filter((x) => typeof x.spec.setup === 'function')) {
		const extra = await timed(`setup ${c.name}`, () => c.spec.setup(baseCtx({ shared })));
		if (typeof c.spec.teardown === 'function') teardowns.push(() => c.spec.teardown());
		creds.push(...((extra && extra.credentials) || []));
	}
	const credFile = path.join(tmpRoot, 'e2e-credentials.json');
	fs.writeFileSync(credFile, JSON.stringify(creds, null, 2));
	await timed('n8n import:credentials (first command also migrates the DB)', async () => {
		const r = await n8n(['import:credentials', `--input=${credFile}`]);
		if (r.code !== 0) throw cliFailure('n8n import:credentials', r);
	});
	// Every n8n command loads all packages first: a load error shows already here, so stop early and loudly.
	const early = packageLoadProblems();
	if (early.length) throw new Error(`n8n could not load ${PKG_NAME}:\n${early.join('\n')}`);

	const ctxBase = baseCtx({ credentialIds: CRED_IDS, shared });
	await importWorkflows(
		cases.map((c) => prepareWorkflow(c, ctxBase)),
		`n8n import:workflow (${cases.length} workflows)`,
	);

	// Trigger workflows are activated before the server starts (publishing reaches a running n8n only after a restart).
	const triggerCases = cases.filter((x) => x.spec.mode === 'trigger');
	// Two at a time (each CLI start is mostly CPU); a failure is retried alone, in case sqlite was busy.
	const publish = async (c) => {
		const r = await n8n(['publish:workflow', `--id=${c.id}`]);
		const ok =
			r.code === 0 && r.records.some((rec) => /Publishing workflow/.test(String(rec.message)));
		const problem = r.records.find((rec) => rec.level === 'error');
		return ok && !problem ? null : r;
	};
	await timed(
		`activate ${triggerCases.length} trigger workflow(s) (publish:workflow --id)`,
		async () => {
			const failed = [];
			for (let i = 0; i < triggerCases.length; i += 2) {
				const batch = triggerCases.slice(i, i + 2);
				const results = await Promise.all(batch.map(publish));
				batch.forEach((c, j) => results[j] && failed.push(c));
			}
			for (const c of failed) {
				log(`retrying publish:workflow --id=${c.id} (${c.name})`);
				const r = await publish(c);
				if (r) throw cliFailure(`n8n publish:workflow --id=${c.id} (${c.name})`, r);
			}
		},
	);

	// One n8n server for the whole run; execute cases run `n8n execute` next to it (same sqlite DB, separate process).
	let server = null;
	try {
		await test('n8n start becomes ready', async () => {
			server = await timed('n8n start until /healthz/readiness is 200', () => startServer());
			log(`n8n server at ${server.baseUrl}`);
		});
		if (server) {
			await test('n8n knows our node and credential types (types/*.json written by n8n start)', async () => {
				// /types/*.json need a logged-in user over HTTP; n8n start writes the same files into its static cache dir.
				const typesDir = path.join(userFolder, '.cache', 'n8n', 'public', 'types');
				const readTypes = async (name) => {
					const f = path.join(typesDir, `${name}.json`);
					for (let i = 0; i < 60; i++) {
						try {
							return JSON.parse(fs.readFileSync(f, 'utf8'));
						} catch {
							await sleep(500); // not written (completely) yet
						}
					}
					throw new Error(`${f} was not written by n8n start`);
				};
				const nodeNames = new Set((await readTypes('nodes')).map((n) => n.name));
				const credNames = new Set((await readTypes('credentials')).map((n) => n.name));
				const ours = [...nodeNames].filter((n) => n.startsWith(`${PKG_NAME}.`));
				log(`    n8n lists our nodes: [${ours.join(', ') || 'none'}]`);
				for (const n of installed.expected.nodes)
					nodeAssert.ok(nodeNames.has(n), `node type ${n} unknown to n8n`);
				for (const n of installed.expected.credentials)
					nodeAssert.ok(credNames.has(n), `credential type ${n} unknown to n8n`);
				const unknown = [];
				for (const c of cases) {
					for (const node of c.workflow.nodes || [])
						if (!nodeNames.has(node.type)) unknown.push(`${c.name}: ${node.name} (${node.type})`);
				}
				nodeAssert.deepEqual(
					unknown,
					[],
					`workflows use node types n8n does not know:\n${unknown.join('\n')}`,
				);
				nodeAssert.ok(
					ours.length >= installed.pkg.n8n.nodes.length,
					`n8n lists ${ours.length} of our nodes, the package lists ${installed.pkg.n8n.nodes.length}`,
				);
			});
		}
		for (const c of cases) {
			await test(`[${c.spec.mode}] ${c.name}`, () => runCase(c, server));
		}
	} finally {
		await stopServer(server);
	}

	await test(`n8n logs show no load error for ${PKG_NAME}`, async () => {
		const problems = packageLoadProblems();
		nodeAssert.deepEqual(problems, [], `load problems:\n${problems.join('\n')}`);
	});
}

let exiting = false;
async function finish(code) {
	if (exiting) return;
	exiting = true;
	await cleanup();
	const failed = summary();
	process.exit(code || (failed ? 1 : 0));
}

for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		log(`${sig}: cleaning up`);
		tests.push({ name: `interrupted by ${sig}`, ok: false, ms: 0, error: new Error(sig) });
		finish(130);
	});
}

main().then(
	() => finish(0),
	(e) => {
		tests.push({ name: 'e2e setup', ok: false, ms: 0, error: e });
		log(`FAIL e2e setup\n${indent(e && e.stack ? e.stack : String(e))}`);
		finish(1);
	},
);
