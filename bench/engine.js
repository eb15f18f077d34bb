'use strict';
/**
 * The n8n-core part of `npm run bench` (started by run.js with NODE_EXTRA_CA_CERTS set to the sandbox's certificate,
 * BENCH_HTTP_URL and BENCH_HTTPS_URL). Prints its table and one `RESULT {json}` line for run.js.
 */
const { createCipheriv, createDecipheriv, createHash, randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');
const { Pool } = require('undici');
const { sandboxClient } = require('./sandbox-process');
const { runWorkflow, packageTypes, TestCredentialsHelper } = require('../test/helpers/engine');
const { paths } = require('../scripts/e2e/install-n8n');
const { BareHelper } = require('./bare-helper.node');
const { ours, bare, peer } = require('./workflows');

const ROOT = join(__dirname, '..');
const ITEMS = Number(process.env.BENCH_ITEMS || 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CAP = 500;
const CAPPED_ITEMS = Number(process.env.BENCH_CAPPED_ITEMS || 1500);
const NODES_BASE = join(paths().n8nDir, 'node_modules', 'n8n-nodes-base', 'dist');

/** n8n's Cipher (aes-256-cbc, OpenSSL "Salted__" format, MD5 key derivation), enough to store a credential. */
const md5 = (...parts) => createHash('md5').update(Buffer.concat(parts)).digest();
function keyAndIv(secret, salt) {
	const password = Buffer.concat([Buffer.from(secret, 'binary'), salt]);
	const h1 = md5(password);
	const h2 = md5(h1, password);
	return { key: Buffer.concat([h1, h2]), iv: md5(h2, password) };
}
function encrypt(secret, text) {
	const salt = randomBytes(8);
	const { key, iv } = keyAndIv(secret, salt);
	const cipher = createCipheriv('aes-256-cbc', key, iv);
	return Buffer.concat([
		Buffer.from('Salted__'),
		salt,
		cipher.update(text),
		cipher.final(),
	]).toString('base64');
}
function decrypt(secret, data) {
	const input = Buffer.from(data, 'base64');
	const { key, iv } = keyAndIv(secret, input.subarray(8, 16));
	const decipher = createDecipheriv('aes-256-cbc', key, iv);
	return Buffer.concat([decipher.update(input.subarray(16)), decipher.final()]).toString('utf8');
}

/** Credentials kept encrypted and decrypted on every read, as n8n's CredentialsHelper.getDecrypted does. */
class EncryptedCredentialsHelper extends TestCredentialsHelper {
	constructor(credentialTypes, data) {
		super(credentialTypes, {});
		this.key = randomBytes(24).toString('base64');
		this.reads = 0;
		this.stored = Object.fromEntries(
			Object.entries(data).map(([type, value]) => [type, encrypt(this.key, JSON.stringify(value))]),
		);
	}
	async getDecrypted(_additional, _nodeCredentials, type) {
		this.reads++;
		if (!this.stored[type]) throw new Error(`No test credentials for ${type}`);
		return JSON.parse(decrypt(this.key, this.stored[type]));
	}
}

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

function input(items) {
	return {
		id: 'in',
		name: 'Orders',
		type: 'test.input',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items },
	};
}

/** The workflow Orders → variant, and the name of the node whose output is checked. */
function workflowFor(variant, items, endpoint, accessKeyId, options) {
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	if (variant === 'ours') {
		const node = ours('Ours', '', '1', [200, 0]);
		node.parameters.options = { concurrency: 50, ...options };
		return { nodes: [input(items), node], connections: { Orders: link('Ours') }, last: 'Ours' };
	}
	if (variant === 'bare') {
		const node = bare('Bare', '', '1', [200, 0]);
		return { nodes: [input(items), node], connections: { Orders: link('Bare') }, last: 'Bare' };
	}
	const p = peer('Peer', '', { endpoint, accessKeyId, cryptoCredentialId: '2' }, [200, 0]);
	return {
		nodes: [input(items), ...p.nodes],
		connections: { Orders: link(p.first), ...p.connections },
		last: p.last,
	};
}

function gc() {
	if (global.gc) {
		global.gc();
		global.gc();
	}
}

/**
 * Runs fn while sampling memory; returns wall ms, CPU ms, peak RSS growth and peak heap growth in bytes. RSS growth
 * depends on whether V8 had already grown its heap in earlier runs; heap growth is what the run allocated before the
 * collector caught up.
 */
async function measure(fn) {
	gc();
	const before = process.memoryUsage();
	let peak = before.rss;
	let heapPeak = before.heapUsed;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peak = Math.max(peak, now.rss);
		heapPeak = Math.max(heapPeak, now.heapUsed);
	}, 2);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await fn();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	const after = process.memoryUsage();
	peak = Math.max(peak, after.rss);
	heapPeak = Math.max(heapPeak, after.heapUsed);
	return {
		result,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		rssGrowth: peak - before.rss,
		heapGrowth: heapPeak - before.heapUsed,
	};
}

function setup() {
	const load = (path) => require(join(ROOT, 'dist', path));
	const types = packageTypes(load);
	types.nodeTypes['bench.bareHelper'] = new BareHelper();
	let peerAvailable = existsSync(NODES_BASE);
	if (peerAvailable) {
		try {
			const base = (path) => require(join(NODES_BASE, path));
			types.nodeTypes['n8n-nodes-base.set'] = new (base('nodes/Set/Set.node').Set)();
			types.nodeTypes['n8n-nodes-base.crypto'] = new (base('nodes/Crypto/Crypto.node').Crypto)();
			types.nodeTypes['n8n-nodes-base.httpRequest'] = new (base(
				'nodes/HttpRequest/HttpRequest.node',
			).HttpRequest)();
			types.credentialTypes.crypto = new (base('credentials/Crypto.credentials').Crypto)();
		} catch (error) {
			process.stdout.write(`peer skipped: n8n-nodes-base could not be loaded (${error.message})\n`);
			peerAvailable = false;
		}
	} else {
		process.stdout.write(
			`peer skipped: no cached n8n (${NODES_BASE} is missing; npm run e2e:install installs it)\n`,
		);
	}
	return { types, peerAvailable };
}

async function runVariant(types, variant, endpoint, items, options = {}) {
	if (variant === 'outside') return await runOutside(endpoint, items);
	const { accessKeyId, accessKeySecret } = require('../sandbox/state').DEFAULT_CREDENTIALS.aliyun;
	const credentialsHelper = new EncryptedCredentialsHelper(types.credentialTypes, {
		alibabaCloudApi: { accessKeyId, accessKeySecret, endpoint },
		crypto: { hmacSecret: `${accessKeySecret}&` },
	});
	const wf = workflowFor(variant, items, endpoint, accessKeyId, options);
	const run = await runWorkflow(wf, { ...types, credentialsHelper });
	if (run.error) throw new Error(`${variant}: workflow failed: ${run.error.message}`);
	const out = run.output(wf.last);
	const ok = out.filter((item) =>
		variant === 'ours' ? item.json.subsId : item.json.Code === 'OK',
	);
	if (out.length !== items.length || ok.length !== items.length) {
		const bad = out.find((item) => !ok.includes(item));
		throw new Error(
			`${variant}: expected ${items.length} bindings, got ${out.length} items, ${ok.length} OK: ` +
				JSON.stringify(bad?.json).slice(0, 300),
		);
	}
	return { reads: credentialsHelper.reads };
}

/**
 * For comparison only, outside n8n: the same signed requests from an undici Pool (keep-alive, TLS sessions kept),
 * 50 connections; what a client that is not bound to n8n's request helper pays.
 */
async function runOutside(endpoint, items) {
	const { accessKeyId, accessKeySecret } = require('../sandbox/state').DEFAULT_CREDENTIALS.aliyun;
	const signer = require(join(ROOT, 'dist', 'nodes/shared/signing/aliyunRpcV1'));
	const ca = process.env.NODE_EXTRA_CA_CERTS
		? readFileSync(process.env.NODE_EXTRA_CA_CERTS)
		: undefined;
	const pool = new Pool(new URL(endpoint).origin, { connections: 50, connect: { ca } });
	const expiration = new Date(Date.now() + 10 * 3600e3)
		.toISOString()
		.slice(0, 19)
		.replace('T', ' ');
	let cursor = 0;
	let ok = 0;
	const lane = async () => {
		while (cursor < items.length) {
			const item = items[cursor++];
			const query = signer.signedQueryString(
				{
					Action: 'BindAxb',
					PoolKey: 'FC100000000000001',
					PhoneNoA: item.a,
					PhoneNoB: item.b,
					Expiration: expiration,
					OutOrderId: item.order,
					Format: 'JSON',
					Version: '2017-05-25',
					AccessKeyId: accessKeyId,
					SignatureMethod: 'HMAC-SHA1',
					SignatureVersion: '1.0',
					SignatureNonce: randomUUID(),
					Timestamp: signer.rpcTimestamp(new Date()),
				},
				'POST',
				accessKeySecret,
			);
			const res = await pool.request({ method: 'POST', path: `/?${query}` });
			if ((await res.body.json()).Code === 'OK') ok++;
		}
	};
	await Promise.all(Array.from({ length: 50 }, lane));
	await pool.close();
	if (ok !== items.length) throw new Error(`outside n8n: ${ok}/${items.length} OK`);
	return { reads: '-' };
}

const fmt = (n, digits = 2) => Number(n).toFixed(digits);

async function main() {
	const { types, peerAvailable } = setup();
	const endpoints = { http: process.env.BENCH_HTTP_URL, https: process.env.BENCH_HTTPS_URL };
	const variants = ['ours', 'bare', ...(peerAvailable ? ['peer'] : []), 'outside'];
	const best = {};
	const worst = {};
	for (const proto of Object.keys(endpoints)) {
		for (const variant of variants) {
			await runVariant(types, variant, endpoints[proto], orders(100)); // warm-up
		}
		// rounds interleaved so that drift of the machine touches every variant alike; the best round counts
		for (let round = 0; round < ROUNDS; round++) {
			for (const variant of variants) {
				const m = await measure(() => runVariant(types, variant, endpoints[proto], orders(ITEMS)));
				const key = `${proto}.${variant}`;
				if (!best[key] || m.wallMs < best[key].wallMs) best[key] = m;
				worst[key] = Math.max(worst[key] ?? 0, m.wallMs);
			}
		}
	}

	const sandbox = sandboxClient(endpoints.http);
	await sandbox.resetStats();
	const capped = await measure(() =>
		runVariant(types, 'ours', endpoints.http, orders(CAPPED_ITEMS), { maxRequestsPerSecond: CAP }),
	);
	const stats = await sandbox.stats();
	const peakWindow = stats.maxPerSecond.byAction.BindAxb ?? stats.maxPerSecond.overall;

	const labels = {
		ours: 'ours (Aliyun node, concurrency 50)',
		bare: 'bare helper (httpRequestWithAuthentication, 50)',
		peer: 'no-code peer (Edit Fields → Crypto → HTTP Request)',
		outside: 'outside n8n, for comparison: undici Pool, keep-alive, 50',
	};
	const rows = [
		[
			'run',
			'items',
			'wall ms',
			'worst ms',
			'items/s',
			'CPU ms/item',
			'peak RSS KB/item',
			'peak heap KB/item',
			'credential reads',
		],
	];
	for (const key of Object.keys(best)) {
		const [proto, variant] = key.split('.');
		const m = best[key];
		rows.push([
			`${proto.toUpperCase()} ${labels[variant]}`,
			ITEMS,
			fmt(m.wallMs, 0),
			fmt(worst[key], 0),
			fmt(ITEMS / (m.wallMs / 1000), 0),
			fmt(m.cpuMs / ITEMS, 3),
			fmt(Math.max(0, m.rssGrowth) / 1024 / ITEMS, 2),
			fmt(Math.max(0, m.heapGrowth) / 1024 / ITEMS, 2),
			m.result.reads,
		]);
	}
	rows.push([
		`HTTP ours capped at ${CAP}/s`,
		CAPPED_ITEMS,
		fmt(capped.wallMs, 0),
		'-',
		fmt(CAPPED_ITEMS / (capped.wallMs / 1000), 0),
		fmt(capped.cpuMs / CAPPED_ITEMS, 3),
		'-',
		'-',
		capped.result.reads,
	]);
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
	const table = rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  '));
	const ratio = (a, b) => (best[a] && best[b] ? best[a].wallMs / best[b].wallMs : null);
	const result = {
		helperRatio: ratio('http.ours', 'http.bare'),
		httpsHelperRatio: ratio('https.ours', 'https.bare'),
		peerRatio: ratio('http.ours', 'http.peer'),
		httpsPeerRatio: ratio('https.ours', 'https.peer'),
		outsideSpeedup: ratio('http.ours', 'http.outside'),
		httpsOutsideSpeedup: ratio('https.ours', 'https.outside'),
		overshoot: Math.max(0, ((peakWindow - CAP) / CAP) * 100),
		cpuPerItem: best['http.ours'].cpuMs / ITEMS,
		kbPerItem: Math.max(0, best['http.ours'].rssGrowth) / 1024 / ITEMS,
		heapKbPerItem: Math.max(0, best['http.ours'].heapGrowth) / 1024 / ITEMS,
		bareHeapKbPerItem: best['http.bare']
			? Math.max(0, best['http.bare'].heapGrowth) / 1024 / ITEMS
			: null,
		peakWindow,
	};
	const r = (v) => (v === null ? 'n/a' : fmt(v));
	process.stdout.write(
		[
			`Bind AXB against the sandbox (25 ms latency), n8n-core ${require('n8n-core/package.json').version}, ` +
				`Node ${process.version}, best of ${ROUNDS} interleaved rounds (worst shown: the spread is the machine's noise)`,
			...table,
			'',
			`ours / bare helper   HTTP ${r(result.helperRatio)}   HTTPS ${r(result.httpsHelperRatio)}`,
			`ours / no-code peer  HTTP ${r(result.peerRatio)}   HTTPS ${r(result.httpsPeerRatio)}`,
			`ours / outside n8n   HTTP ${r(result.outsideSpeedup)}   HTTPS ${r(result.httpsOutsideSpeedup)} ` +
				"(n8n's helper opens a new connection, and over HTTPS a full TLS handshake, per request)",
			`capped run: largest count in any 1-second window ${peakWindow} against a cap of ${CAP}/s ` +
				`(overshoot ${fmt(result.overshoot, 1)}%)`,
			`RESULT ${JSON.stringify(result)}`,
			'',
		].join('\n'),
	);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`engine bench failed: ${error.stack || error}\n`);
		process.exit(1);
	});
}

module.exports = { setup, runVariant, measure, orders };
