'use strict';
/**
 * The real-n8n part of `npm run bench`: n8n 2.41.1 from the e2e cache (npm run e2e:install; skipped when absent) in a
 * throw-away user folder, with the package installed as Community Nodes would install it, plus the benchmark's bare
 * helper node. One workflow per protocol: Manual Trigger → Orders (2,000) → Split Out → ours, bare helper and the
 * no-code peer one after the other, each on its own numbers; `n8n execute` runs it and n8n's own executionTime of
 * each node is compared. The HTTPS front's certificate is trusted through NODE_EXTRA_CA_CERTS in n8n's environment.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const home = require('../scripts/e2e/n8n-home');
const { paths } = require('../scripts/e2e/install-n8n');
const { ours, bare, peer, PACKAGE } = require('./workflows');

const ITEMS = Number(process.env.BENCH_N8N_ITEMS || process.env.BENCH_ITEMS || 2000);
/** each protocol's workflow runs this many times (fresh numbers each time); each node's best time counts */
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS || 2);
const ENCRYPTION_KEY = 'bench-encryption-key-0123456789';
const CRED = { http: 'benchAliHttp', https: 'benchAliHttps', crypto: 'benchCrypto' };

function ordersJson(offset) {
	const orders = [];
	for (let i = 0; i < ITEMS; i++) {
		const item = {};
		for (const suffix of [1, 2, 3]) {
			const n = String(offset + i * 3 + suffix).padStart(8, '0');
			Object.assign(item, {
				[`a${suffix}`]: `136${n}`,
				[`b${suffix}`]: `137${n}`,
				[`order${suffix}`]: `n-${n}`,
			});
		}
		orders.push(item);
	}
	return JSON.stringify({ orders });
}

function workflow(proto, round, endpoint, accessKeyId, offset) {
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	const p = peer('Peer', 3, { endpoint, accessKeyId, cryptoCredentialId: CRED.crypto }, [600, 400]);
	const nodes = [
		{
			id: 't',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'o',
			name: 'Orders',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: ordersJson(offset), options: {} },
		},
		{
			id: 's',
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'orders', options: {} },
		},
		ours('Ours', 1, CRED[proto], [600, 0]),
		bare('Bare', 2, CRED[proto], [600, 200], `${PACKAGE}.bareHelper`),
		...p.nodes,
	];
	return {
		id: `bench${proto}${round}`,
		name: `Bench ${proto} ${round}`,
		proto,
		nodes,
		connections: {
			Start: link('Orders'),
			Orders: link('Split'),
			Split: {
				main: [['Ours', 'Bare', p.first].map((node) => ({ node, type: 'main', index: 0 }))],
			},
			...p.connections,
		},
		settings: { executionOrder: 'v1' },
		active: false,
		peerNodes: p.names,
	};
}

function run(install, userFolder, args, env) {
	return new Promise((resolve, reject) => {
		const child = home.spawnN8n(install, userFolder, args, env);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => home.killGroup(child, 'SIGKILL'), 300000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code !== 0)
				reject(new Error(`n8n ${args[0]} exited ${code}: ${(stderr + stdout).slice(-1500)}`));
			else resolve(stdout);
		});
	});
}

/** The run data of `n8n execute` (N8N_LOG_FORMAT=json): the last log line whose message is the result. */
function runDataOf(stdout) {
	const lines = stdout.trim().split('\n').reverse();
	for (const line of lines) {
		try {
			const message = JSON.parse(line).message;
			const result = JSON.parse(message);
			const data = result.data?.resultData ? result.data : result;
			if (data.resultData?.runData) return data.resultData.runData;
		} catch {
			/* another log line */
		}
	}
	throw new Error('n8n execute printed no run data');
}

async function runRealN8n(sandbox) {
	const install = paths();
	if (!fs.existsSync(install.n8nBin) || !fs.existsSync(install.nodeBin)) {
		return {
			skipped: `no cached n8n ${install.n8nVersion} in ${install.cache} (npm run e2e:install installs it)`,
		};
	}
	const { accessKeyId, accessKeySecret } = require('../sandbox/state').DEFAULT_CREDENTIALS.aliyun;
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
	try {
		const { target } = home.copyPackageIntoUserFolder(userFolder);
		const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
		fs.mkdirSync(path.join(target, 'dist', 'bench'), { recursive: true });
		fs.copyFileSync(
			path.join(__dirname, 'bare-helper.node.js'),
			path.join(target, 'dist', 'bench', 'BareHelper.node.js'),
		);
		pkg.n8n.nodes.push('dist/bench/BareHelper.node.js');
		fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));

		const credentials = [
			{
				id: CRED.http,
				name: 'bench http',
				type: 'alibabaCloudApi',
				data: { accessKeyId, accessKeySecret, endpoint: sandbox.url },
			},
			{
				id: CRED.https,
				name: 'bench https',
				type: 'alibabaCloudApi',
				data: { accessKeyId, accessKeySecret, endpoint: sandbox.httpsUrl },
			},
			{
				id: CRED.crypto,
				name: 'bench hmac',
				type: 'crypto',
				data: { hmacSecret: `${accessKeySecret}&` },
			},
		];
		const workflows = [];
		for (let round = 0; round < ROUNDS; round++) {
			for (const proto of ['http', 'https']) {
				const endpoint = proto === 'http' ? sandbox.url : sandbox.httpsUrl;
				workflows.push(workflow(proto, round, endpoint, accessKeyId, workflows.length * ITEMS * 3));
			}
		}
		fs.writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
		fs.writeFileSync(
			path.join(userFolder, 'workflows.json'),
			JSON.stringify(workflows.map(({ peerNodes, proto, ...w }) => w)),
		);
		const env = await home.n8nEnv(
			install,
			{ userFolder, encryptionKey: ENCRYPTION_KEY },
			{
				N8N_LOG_FORMAT: 'json',
				N8N_LOG_LEVEL: 'info',
				NODE_EXTRA_CA_CERTS: sandbox.certificatePath,
			},
		);
		await run(
			install,
			userFolder,
			['import:credentials', `--input=${path.join(userFolder, 'credentials.json')}`],
			env,
		);
		await run(
			install,
			userFolder,
			['import:workflow', `--input=${path.join(userFolder, 'workflows.json')}`],
			env,
		);
		const results = {};
		for (const wf of workflows) {
			const { proto } = wf;
			const runData = runDataOf(await run(install, userFolder, ['execute', `--id=${wf.id}`], env));
			const time = (name) => runData[name]?.[0]?.executionTime;
			const count = (name) => runData[name]?.[0]?.data?.main?.[0]?.length ?? 0;
			const okOf = (name, ok) =>
				(runData[name]?.[0]?.data?.main?.[0] ?? []).filter((i) => ok(i.json)).length;
			const checks = [
				['Ours', (j) => Boolean(j.subsId)],
				['Bare', (j) => j.Code === 'OK'],
				[wf.peerNodes[2], (j) => j.Code === 'OK'],
			];
			for (const [name, ok] of checks) {
				if (okOf(name, ok) !== ITEMS) {
					const error = runData[name]?.[0]?.error?.message;
					throw new Error(
						`${proto} ${name}: ${okOf(name, ok)}/${count(name)} OK of ${ITEMS}${error ? ` (${error})` : ''}`,
					);
				}
			}
			const best = (previous, now) => Math.min(previous ?? Infinity, now);
			const so = results[proto] ?? { items: ITEMS, rounds: ROUNDS };
			results[proto] = {
				...so,
				ours: best(so.ours, time('Ours')),
				bare: best(so.bare, time('Bare')),
				peer: best(
					so.peer,
					wf.peerNodes.reduce((sum, name) => sum + time(name), 0),
				),
			};
		}
		return results;
	} finally {
		if (process.env.BENCH_KEEP_N8N !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { runRealN8n };
