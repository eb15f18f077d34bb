'use strict';
/*
 * A throw-away n8n user folder with this package installed in it, and the n8n processes that run against it.
 * Shared by the end-to-end test (scripts/e2e/run.js) and the README screenshots (scripts/screenshots/take.js);
 * each keeps its own state (children, temp folder, sandbox) and passes it in.
 *
 *   freePort(), sleep(ms), killGroup(child, signal)
 *   buildPackage()                                   `npm run build` (CI=true); throws with the output's tail
 *   copyPackageIntoUserFolder(userFolder)            dist/ + nodes/package.json as Community Nodes would install them
 *   n8nEnv(install, { userFolder, encryptionKey }, extra)   env for every n8n command (Node 24 first on PATH)
 *   spawnN8n(install, userFolder, args, env)         `n8n <args>` detached (own process group), stdout/stderr piped
 *   runN8n(install, userFolder, args, env, opts)     `n8n <args>` to completion → { code, signal, stdout, stderr, ms }
 *   waitUntilReady(baseUrl, { exited, output })      polls /healthz/readiness until 200 (120 s)
 *   sandboxCredentials(sandbox, creds)               the two credentials, pointing at the sandbox, for
 * import:credentials
 *   releaseAll({ children, sandbox, folder, ... })   kills the children, stops the sandbox, removes the folder
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { node24Env } = require('./install-n8n');

const REPO = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone */
		}
	}
}

/** `npm run build` in the repository (CI=true); rejects with the last 30 lines of its output. */
function buildPackage() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, CI: 'true' },
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0)
				reject(
					new Error(`npm run build failed (${code}):\n${out.split('\n').slice(-30).join('\n')}`),
				);
			else resolve();
		});
	});
}

/**
 * Copies dist/ to <userFolder>/.n8n/nodes/node_modules/<package> and writes .n8n/nodes/package.json, as n8n's
 * Community Nodes installer leaves them. The package's own package.json is left to the caller (target/package.json).
 */
function copyPackageIntoUserFolder(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PKG.name);
	fs.mkdirSync(target, { recursive: true });
	const distSrc = path.join(REPO, 'dist');
	if (!fs.existsSync(distSrc)) throw new Error('dist/ missing: run npm run build');
	fs.cpSync(distSrc, path.join(target, 'dist'), { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PKG.name]: PKG.version } },
			null,
			2,
		) + '\n',
	);
	return { nodesDir, target };
}

/** The environment of every n8n command: the caller's N8N_* and DB_* are dropped; `extra` adds or overrides. */
async function n8nEnv(install, { userFolder, encryptionKey }, extra = {}) {
	const env = node24Env(install);
	for (const k of Object.keys(env)) if (k.startsWith('N8N_') || k.startsWith('DB_')) delete env[k];
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		GENERIC_TIMEZONE: 'Asia/Shanghai',
		...extra,
	};
}

/** `n8n <args>` with the cached Node 24, in its own process group (the task runner it spawns dies with it). */
function spawnN8n(install, userFolder, args, env) {
	return spawn(install.nodeBin, [install.n8nBin, ...args], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/**
 * Runs `n8n <args>` to completion; SIGKILLs its process group after `timeoutMs` (calling `onTimeout()` first).
 * `children` (a Set) holds the child while it runs; `onData(text, isStderr)` sees its output as it comes.
 */
function runN8n(
	install,
	userFolder,
	args,
	env,
	{ timeoutMs = 180000, children, onData, onTimeout } = {},
) {
	const t = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawnN8n(install, userFolder, args, env);
		if (children) children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (onData) onData(String(d), false);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (onData) onData(String(d), true);
		});
		const timer = setTimeout(() => {
			if (onTimeout) onTimeout();
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			if (children) children.delete(child);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (children) children.delete(child);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - t });
		});
	});
}

/**
 * Polls <baseUrl>/healthz/readiness every 300 ms until it answers 200; throws when `exited()` reports the process
 * gone (non-null) or after 120 s, with the last 30 lines of `output()`.
 */
async function waitUntilReady(baseUrl, { exited, output }) {
	const tail = () => String(output()).split('\n').slice(-30).join('\n');
	const deadline = Date.now() + 120000;
	for (;;) {
		const status = exited();
		if (status !== null && status !== undefined)
			throw new Error(`n8n start exited (${status}) before becoming ready:\n${tail()}`);
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			});
			await res.text();
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`n8n start not ready after 120s:\n${tail()}`);
		await sleep(300);
	}
}

/**
 * The two credentials for `n8n import:credentials`, pointing at the sandbox; creds: { alibabaCloudApi: { id, name },
 * nxCloudApi: { id, name } }.
 */
function sandboxCredentials(sandbox, creds) {
	return [
		{
			...creds.alibabaCloudApi,
			type: 'alibabaCloudApi',
			data: {
				accessKeyId: sandbox.credentials.aliyun.accessKeyId,
				accessKeySecret: sandbox.credentials.aliyun.accessKeySecret,
				endpoint: sandbox.aliyunEndpoint || sandbox.url,
			},
		},
		{
			...creds.nxCloudApi,
			type: 'nxCloudApi',
			data: {
				accessKey: sandbox.credentials.nxcloud.accessKey,
				accessSecret: sandbox.credentials.nxcloud.accessSecret,
				baseUrl: 'custom',
				customBaseUrl: sandbox.nxBaseUrl,
			},
		},
	];
}

/**
 * Kills every child's process group (SIGKILL at once, or SIGTERM and up to graceMs before SIGKILL), stops the
 * sandbox and removes the folder, unless env `keepVar` is 1. The caller clears its own references afterwards.
 */
async function releaseAll({ children, sandbox, folder, keepVar, log, graceMs = 0 }) {
	for (const child of children) {
		if (!graceMs) {
			killGroup(child, 'SIGKILL');
			continue;
		}
		killGroup(child, 'SIGTERM');
		for (let i = 0; i < graceMs / 100 && child.exitCode === null && child.signalCode === null; i++)
			await sleep(100);
		if (child.exitCode === null && child.signalCode === null) killGroup(child, 'SIGKILL');
	}
	children.clear();
	if (sandbox) await sandbox.stop().catch((e) => log(`sandbox.stop failed: ${e.message}`));
	if (folder) {
		if (process.env[keepVar] === '1') log(`kept n8n folder ${folder} (${keepVar}=1)`);
		else fs.rmSync(folder, { recursive: true, force: true });
	}
}

module.exports = {
	freePort,
	sleep,
	killGroup,
	buildPackage,
	copyPackageIntoUserFolder,
	n8nEnv,
	spawnN8n,
	runN8n,
	waitUntilReady,
	sandboxCredentials,
	releaseAll,
};
