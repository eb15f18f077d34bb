'use strict';
/*
 * Redis and PostgreSQL for the queue-mode end-to-end test (scripts/e2e/queue.js), from Debian's packages, run as the
 * test's own processes: loopback only, random free ports, throw-away data folders, killed with the test.
 *
 *   ensureServices(log)            installs redis-server / postgresql with apt-get when missing; returns the binaries
 *   startRedis(bins, dir, track)   redis-server on 127.0.0.1:<free port>, no persistence → { port, child }
 *   startPostgres(bins, dir, track) initdb (trust auth, as the postgres user: postgres refuses root) + postgres on
 *                                  127.0.0.1:<free port>, database n8n → { port, user, database, child }
 * `track(child)` receives every long-running child (the caller kills their process groups when it is done).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { freePort, sleep } = require('./n8n-home');

const PG_ROOT = '/usr/lib/postgresql';
const PG_USER = 'postgres';

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and postgres. */
function postgresBin() {
	if (!fs.existsSync(PG_ROOT)) return null;
	const versions = fs
		.readdirSync(PG_ROOT)
		.filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_ROOT, versions[0], 'bin') : null;
}

function find() {
	return { redisServer: which('redis-server'), pgBin: postgresBin() };
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
	if (r.status !== 0) {
		const out = `${r.stdout || ''}\n${r.stderr || ''}`.trim().split('\n').slice(-20).join('\n');
		throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${out}`);
	}
	return r;
}

/** apt-get installs what is missing (as on a fresh CI machine); Debian's postinst may start its own copies: unused. */
function ensureServices(log) {
	let found = find();
	const missing = [!found.redisServer && 'redis-server', !found.pgBin && 'postgresql'].filter(
		Boolean,
	);
	if (missing.length) {
		if (typeof process.getuid === 'function' && process.getuid() !== 0)
			throw new Error(
				`${missing.join(' and ')} missing; install them: apt-get install -y ${missing.join(' ')}`,
			);
		log(`installing ${missing.join(', ')} from Debian's packages (apt-get)`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		run('apt-get', ['update', '-qq'], { env });
		run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
		found = find();
	}
	if (!found.redisServer || !found.pgBin)
		throw new Error('redis-server or postgres still missing after apt-get');
	return found;
}

function spawnTracked(cmd, args, opts, logFile, track) {
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
	const out = { text: '', exited: null };
	const onData = (d) => {
		out.text += d;
		fs.appendFileSync(logFile, d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('close', (code, signal) => (out.exited = signal || code));
	track(child);
	return { child, out };
}

async function waitFor(what, check, out, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (out.exited !== null)
			throw new Error(`${what} exited (${out.exited}):\n${out.text.slice(-2000)}`);
		if (await check()) return;
		if (Date.now() > deadline)
			throw new Error(`${what} not ready after ${timeoutMs} ms:\n${out.text.slice(-2000)}`);
		await sleep(200);
	}
}

async function startRedis(bins, dir, track) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const { child, out } = spawnTracked(
		bins.redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{},
		path.join(dir, 'redis.log'),
		track,
	);
	await waitFor('redis-server', () => /Ready to accept connections/.test(out.text), out);
	return { port, child };
}

/** Runs as the postgres user: initdb and postgres refuse to run as root. */
function asPostgres(cmd, args) {
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	return root ? ['runuser', ['-u', PG_USER, '--', cmd, ...args]] : [cmd, args];
}

async function startPostgres(bins, dir, track) {
	fs.mkdirSync(dir, { recursive: true });
	fs.chmodSync(dir, 0o755);
	const data = path.join(dir, 'data');
	const sockets = path.join(dir, 'sockets');
	for (const d of [data, sockets]) fs.mkdirSync(d, { recursive: true });
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (root) run('chown', ['-R', `${PG_USER}:`, data, sockets]);
	// the folder holding ours (a mkdtemp folder, 0700) must be traversable by the postgres user
	if (root) fs.chmodSync(path.dirname(dir), 0o755);
	const [initCmd, initArgs] = asPostgres(path.join(bins.pgBin, 'initdb'), [
		'-D',
		data,
		'-U',
		PG_USER,
		'--auth=trust',
		'--encoding=UTF8',
		'--no-instructions',
	]);
	run(initCmd, initArgs);
	const port = await freePort();
	const [cmd, args] = asPostgres(path.join(bins.pgBin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		sockets,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'max_connections=200',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
	]);
	const { child, out } = spawnTracked(cmd, args, {}, path.join(dir, 'postgres.log'), track);
	await waitFor('postgres', () => /ready to accept connections/.test(out.text), out);
	const [cCmd, cArgs] = asPostgres(path.join(bins.pgBin, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		PG_USER,
		'n8n',
	]);
	run(cCmd, cArgs);
	return { port, user: PG_USER, database: 'n8n', child };
}

module.exports = { ensureServices, startRedis, startPostgres };
