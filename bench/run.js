'use strict';
/**
 * npm run bench — 2,000 Bind AXB items against the sandbox (child process, 25 ms latency), over HTTP and over its
 * HTTPS front (self-signed certificate, trusted through NODE_EXTRA_CA_CERTS: nothing in the node changes):
 *  1. in n8n-core's workflow engine, in one run: ours (concurrency 50), the bare-helper floor (a node that reads the
 *     same per-item parameters and only calls httpRequestWithAuthentication per item, 50 at a time) and the no-code
 *     peer (Edit Fields → Crypto → HTTP
 *     Request of the cached n8n's n8n-nodes-base); the credential is stored encrypted and decrypted on every read,
 *     as n8n's CredentialsHelper does (a real n8n also reads it from its database: see 3);
 *  2. ours capped at Max Requests per Second 500: the sandbox's largest count in any 1-second window;
 *  3. a real n8n 2.41.1 (the e2e cache) running the same three in one workflow, timed by n8n's own executionTime.
 * The last line is for machines: BENCH helper_ratio=… peer_ratio=… https_helper_ratio=… cap_overshoot_pct=…
 * cpu_ms_per_item=… kb_per_item=… (peak RSS growth) heap_kb_per_item=… bare_heap_kb_per_item=… (peak heap growth, ours
 * and the bare helper) n8n_…=… (ratios: ours / other, wall time, n8n-core engine; n8n_*: the real n8n).
 */
const { execSync, spawn } = require('node:child_process');
const { join } = require('node:path');
const { startSandboxProcess } = require('./sandbox-process');

const ROOT = join(__dirname, '..');

function runEngineChild(sandbox) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'engine.js')], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: {
				...process.env,
				// the documented Node.js way to trust an extra CA, for this benchmark process only
				NODE_EXTRA_CA_CERTS: sandbox.certificatePath,
				BENCH_HTTP_URL: sandbox.url,
				BENCH_HTTPS_URL: sandbox.httpsUrl,
			},
		});
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			process.stdout.write(chunk);
		});
		child.on('exit', (code) => {
			const line = out.split('\n').find((l) => l.startsWith('RESULT '));
			if (code !== 0 || !line) reject(new Error(`engine benchmark exited with ${code}`));
			else resolve(JSON.parse(line.slice(7)));
		});
	});
}

const fmt = (n, digits = 2) => (n === undefined || n === null ? 'n/a' : Number(n).toFixed(digits));

async function main() {
	if (!process.env.BENCH_SKIP_BUILD)
		execSync('npm run build --silent', { cwd: ROOT, stdio: 'ignore' });
	const sandbox = await startSandboxProcess(['--latency', '25', '--https']);
	let engine;
	let real;
	try {
		engine = await runEngineChild(sandbox);
		const { runRealN8n } = require('./real-n8n');
		real = await runRealN8n(sandbox).catch((error) => ({ skipped: `failed: ${error.message}` }));
	} finally {
		await sandbox.stop();
	}
	const lines = [
		'',
		'Real n8n 2.41.1 (n8n execute, one workflow, executionTime of each node as n8n records it):',
	];
	if (real.skipped) lines.push(`  skipped: ${real.skipped}`);
	else {
		for (const proto of ['http', 'https']) {
			const r = real[proto];
			lines.push(
				`  ${proto.toUpperCase().padEnd(5)} ours ${r.ours} ms, bare helper ${r.bare} ms, peer ${r.peer} ms ` +
					`(${r.items} items each, best of ${r.rounds}) → ours/bare ${fmt(r.ours / r.bare)}, ` +
					`ours/peer ${fmt(r.ours / r.peer)}`,
			);
		}
	}
	const e = engine;
	lines.push(
		'',
		`BENCH helper_ratio=${fmt(e.helperRatio)} peer_ratio=${fmt(e.peerRatio)} ` +
			`https_helper_ratio=${fmt(e.httpsHelperRatio)} cap_overshoot_pct=${fmt(e.overshoot, 1)} ` +
			`cpu_ms_per_item=${fmt(e.cpuPerItem, 3)} kb_per_item=${fmt(e.kbPerItem, 2)} ` +
			`heap_kb_per_item=${fmt(e.heapKbPerItem, 2)} bare_heap_kb_per_item=${fmt(e.bareHeapKbPerItem, 2)}` +
			(real.skipped
				? ''
				: ` n8n_helper_ratio=${fmt(real.http.ours / real.http.bare)} ` +
					`n8n_https_helper_ratio=${fmt(real.https.ours / real.https.bare)} ` +
					`n8n_peer_ratio=${fmt(real.http.ours / real.http.peer)}`),
		'',
	);
	process.stdout.write(lines.join('\n'));
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error.stack || error}\n`);
	process.exit(1);
});
