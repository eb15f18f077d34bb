'use strict';
/*
 * Local emulator of Alibaba Cloud Dyplsapi 2017-05-25 and NXCloud PNS on one loopback port.
 * Plain CommonJS + node:http so it runs without a build step. See sandbox/README.md.
 */

const http = require('node:http');
const aliyun = require('./aliyun');
const nxcloud = require('./nxcloud');
const { simulateCall, CallError } = require('./calls');
const { seedState, DEFAULT_CREDENTIALS } = require('./state');
const { sleep, aliRequestId, nxRequestId } = require('./util');

const FAULT_KINDS = ['throttle', 'http500', 'http503', 'reset', 'hang', 'html', 'truncated'];
/** Default fault kinds when faults.kinds is omitted ('hang' must be asked for explicitly). */
const DEFAULT_FAULT_KINDS = FAULT_KINDS.filter((k) => k !== 'hang');
const PRE_APPLY_FAULTS = new Set(['throttle', 'http503']);
const MAX_BODY = 2 * 1024 * 1024;
const LOG_SIZE = 1000;

const HTML_502 =
	'<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n' +
	'<hr><center>Tengine (sandbox)</center>\n</body>\n</html>\n';

/** Sliding 1-second window counter that remembers the largest count it has seen. */
class Window {
	constructor() {
		this.ts = [];
		this.head = 0;
		this.max = 0;
	}
	prune(now) {
		while (this.head < this.ts.length && this.ts[this.head] <= now - 1000) this.head++;
		if (this.head > 1024 && this.head * 2 > this.ts.length) {
			this.ts = this.ts.slice(this.head);
			this.head = 0;
		}
	}
	count(now) {
		this.prune(now);
		return this.ts.length - this.head;
	}
	add(now) {
		this.prune(now);
		this.ts.push(now);
		const c = this.ts.length - this.head;
		if (c > this.max) this.max = c;
		return c;
	}
}

function emptyStats() {
	return {
		requests: { total: 0, byAction: {} },
		windows: { overall: new Window(), byAction: new Map() },
		signatureFailures: 0,
		throttled: 0,
		faultsInjected: {},
		faultsApplied: {},
		binds: { total: 0, byOutOrderId: {}, byCustomerBindId: {}, idempotentReplays: {} },
	};
}

function normalizeQps(qps, current) {
	if (qps === false || qps === null) return false;
	if (qps === true) return { ...aliyun.DEFAULT_QPS };
	if (qps === undefined) return current === undefined || current === false ? { ...aliyun.DEFAULT_QPS } : current;
	if (typeof qps !== 'object') throw new TypeError('qps must be an object, true or false');
	const base = current && current !== false ? { ...current } : { ...aliyun.DEFAULT_QPS };
	for (const [k, v] of Object.entries(qps)) {
		if (v === null || v === undefined || v === Infinity) delete base[k];
		else {
			const n = Number(v);
			if (!Number.isFinite(n) || n < 0) throw new TypeError(`qps.${k} must be a non-negative number`);
			base[k] = n;
		}
	}
	return base;
}

function normalizeFaults(f) {
	if (!f) return null;
	const rate = Number(f.rate || 0);
	if (!(rate >= 0 && rate <= 1)) throw new TypeError('faults.rate must be within 0..1');
	const kinds = f.kinds && f.kinds.length ? [...f.kinds] : [...DEFAULT_FAULT_KINDS];
	for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw new TypeError(`unknown fault kind ${k}; known: ${FAULT_KINDS.join(', ')}`);
	return rate > 0 ? { rate, kinds } : null;
}

function emptyAccountsOnly(state) {
	state.aliyun.pools.clear();
	state.aliyun.groups.clear();
	state.aliyun.blacklists.clear();
	for (const acct of state.nxcloud.accounts.values()) acct.numbers = [];
	state.nxcloud.groups.clear();
	return state;
}

/**
 * Start the sandbox.
 * @param {object} [options] { port=0, host='127.0.0.1', latencyMs=0, jitterMs=0, faults={rate,kinds}, qps (object | false), seed=true, quiet, verbose, callbacks }
 */
async function startSandbox(options = {}) {
	const config = {
		latencyMs: 0,
		jitterMs: 0,
		faults: null,
		qps: { ...aliyun.DEFAULT_QPS },
		callbacks: { aliyun: {}, nxcloud: null, nxcloudFormat: 'flat' },
	};
	const seedOn = options.seed !== false;
	const makeState = () => (seedOn ? seedState() : emptyAccountsOnly(seedState()));
	const state = makeState();
	let stats = emptyStats();
	const nonces = new Map();
	const limiter = new Map();
	const log = [];
	const sockets = new Set();
	const hung = new Set();
	let baseUrl = '';
	const verbose = !!options.verbose && !options.quiet;

	function configure(partial = {}) {
		if (partial.latencyMs !== undefined) config.latencyMs = Math.max(0, Number(partial.latencyMs) || 0);
		if (partial.jitterMs !== undefined) config.jitterMs = Math.max(0, Number(partial.jitterMs) || 0);
		if (partial.faults !== undefined) config.faults = normalizeFaults(partial.faults);
		if (partial.qps !== undefined) config.qps = normalizeQps(partial.qps, config.qps);
		if (partial.callbacks !== undefined) {
			const c = partial.callbacks || {};
			if (c.aliyun !== undefined) config.callbacks.aliyun = { ...config.callbacks.aliyun, ...(c.aliyun || {}) };
			if (c.nxcloud !== undefined) config.callbacks.nxcloud = c.nxcloud || null;
			if (c.nxcloudFormat !== undefined) {
				if (!['flat', 'legs'].includes(c.nxcloudFormat)) throw new TypeError("callbacks.nxcloudFormat must be 'flat' or 'legs'");
				config.callbacks.nxcloudFormat = c.nxcloudFormat;
			}
		}
		return currentConfig();
	}

	function currentConfig() {
		return JSON.parse(JSON.stringify(config));
	}

	configure({ ...options, qps: options.qps === undefined ? true : options.qps });

	// ----- stats
	function countRequest(action, now) {
		const name = action || '(none)';
		stats.requests.total++;
		stats.requests.byAction[name] = (stats.requests.byAction[name] || 0) + 1;
		stats.windows.overall.add(now);
		let w = stats.windows.byAction.get(name);
		if (!w) stats.windows.byAction.set(name, (w = new Window()));
		w.add(now);
	}

	function snapshotStats() {
		const s = stats;
		const byAction = {};
		for (const [k, w] of s.windows.byAction) byAction[k] = w.max;
		const dup = (m) => Object.keys(m).filter((k) => m[k] > 1);
		return JSON.parse(
			JSON.stringify({
				requests: s.requests,
				maxPerSecond: { overall: s.windows.overall.max, byAction },
				signatureFailures: s.signatureFailures,
				throttled: s.throttled,
				faultsInjected: s.faultsInjected,
				faultsApplied: s.faultsApplied,
				binds: {
					total: s.binds.total,
					byOutOrderId: s.binds.byOutOrderId,
					byCustomerBindId: s.binds.byCustomerBindId,
					idempotentReplays: s.binds.idempotentReplays,
					duplicates: { outOrderId: dup(s.binds.byOutOrderId), customerBindId: dup(s.binds.byCustomerBindId) },
				},
			}),
		);
	}

	const env = {
		getState: () => state,
		nonces,
		now: () => Date.now(),
		baseUrl: () => baseUrl,
		signatureFailure: () => {
			stats.signatureFailures++;
		},
		recordBind: ({ outOrderId, customerBindId }) => {
			stats.binds.total++;
			if (outOrderId) stats.binds.byOutOrderId[outOrderId] = (stats.binds.byOutOrderId[outOrderId] || 0) + 1;
			if (customerBindId) stats.binds.byCustomerBindId[customerBindId] = (stats.binds.byCustomerBindId[customerBindId] || 0) + 1;
		},
		recordReplay: (cbid) => {
			stats.binds.idempotentReplays[cbid] = (stats.binds.idempotentReplays[cbid] || 0) + 1;
		},
	};

	function qpsAllows(prep, now) {
		if (!config.qps || !prep.action || !prep.account) return true;
		const cap = config.qps[prep.action];
		if (cap === undefined) return true;
		const key = `${prep.account}|${prep.action}`;
		let w = limiter.get(key);
		if (!w) limiter.set(key, (w = new Window()));
		if (w.count(now) >= cap) return false;
		w.add(now);
		return true;
	}

	function pickFault() {
		const f = config.faults;
		if (!f || Math.random() >= f.rate) return null;
		return f.kinds[Math.floor(Math.random() * f.kinds.length)];
	}

	function pushLog(entry) {
		log.push(entry);
		if (log.length > LOG_SIZE) log.splice(0, log.length - LOG_SIZE);
	}

	function send(res, status, body, extraHeaders = {}) {
		if (res.writableEnded || res.destroyed) return;
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const buf = Buffer.from(text, 'utf8');
		res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': buf.length, ...extraHeaders });
		res.end(buf);
	}

	function readBody(req) {
		return new Promise((resolve, reject) => {
			const chunks = [];
			let size = 0;
			req.on('data', (c) => {
				size += c.length;
				if (size > MAX_BODY) {
					reject(Object.assign(new Error('body too large'), { tooLarge: true }));
					req.removeAllListeners('data');
					req.resume();
					return;
				}
				chunks.push(c);
			});
			req.on('end', () => resolve(Buffer.concat(chunks)));
			req.on('error', reject);
		});
	}

	async function handleApi(req, res, rawBody, pathname) {
		const isNx = nxcloud.isNxPath(pathname);
		const prov = isNx ? nxcloud : aliyun;
		const now = Date.now();
		let prep;
		try {
			prep = prov.prepare(req, rawBody, env, pathname);
		} catch (e) {
			prep = {
				provider: isNx ? 'nxcloud' : 'aliyun',
				action: null,
				verified: false,
				error: isNx
					? { status: 500, body: nxcloud.envelope(10009, `sandbox error: ${e.message}`) }
					: { status: 500, body: aliyun.gatewayBody('InternalError', `sandbox error: ${e.message}`) },
			};
		}
		countRequest(prep.action, now);
		const fault = pickFault();
		let out = null;
		let applied = null;
		if (fault) {
			stats.faultsInjected[fault] = (stats.faultsInjected[fault] || 0) + 1;
			if (PRE_APPLY_FAULTS.has(fault)) {
				out = prov.faultBody(fault);
				applied = false;
			} else {
				applied = Math.random() < 0.5;
				if (applied && !prep.error && prep.execute) {
					out = prep.execute();
					stats.faultsApplied[fault] = (stats.faultsApplied[fault] || 0) + 1;
				} else applied = false;
			}
		} else if (prep.error) {
			out = prep.error;
		} else if (!qpsAllows(prep, now)) {
			stats.throttled++;
			out = prov.faultBody('throttle');
		} else {
			out = prep.execute();
		}

		const entry = {
			at: now,
			provider: prep.provider,
			action: prep.action,
			method: req.method,
			path: req.url,
			headers: { ...req.headers },
			verified: !!prep.verified,
			response: null,
		};
		if (isNx) entry.body = prep.body !== undefined ? prep.body : rawBody.toString('utf8');
		else entry.params = prep.params || {};
		pushLog(entry);

		if (config.latencyMs || config.jitterMs) {
			const delay = Math.max(0, config.latencyMs + (Math.random() * 2 - 1) * config.jitterMs);
			if (delay > 0) await sleep(delay);
		}
		if (verbose) process.stderr.write(`[sandbox] ${req.method} ${pathname} ${prep.provider}:${prep.action} ${fault ? 'FAULT ' + fault : out && out.status}\n`);

		if (!fault || PRE_APPLY_FAULTS.has(fault)) {
			entry.response = { status: out.status, body: out.body, fault: fault || undefined };
			const hdr = isNx ? {} : { 'x-acs-request-id': out.body && out.body.RequestId };
			send(res, out.status, out.body, hdr);
			return;
		}
		entry.response = { status: null, fault, applied, body: out ? out.body : null };
		switch (fault) {
			case 'http500': {
				const f = prov.faultBody('http500');
				entry.response.status = f.status;
				send(res, f.status, f.body);
				break;
			}
			case 'html':
				entry.response.status = 502;
				res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_502) });
				res.end(HTML_502);
				break;
			case 'truncated': {
				const full = JSON.stringify(
					out ? out.body : isNx ? { code: 0, msg: 'success', requestId: nxRequestId(), data: {} } : { RequestId: aliRequestId(), Code: 'OK', Message: 'OK' },
				);
				const cut = Buffer.from(full, 'utf8').subarray(0, Math.max(1, Math.floor(Buffer.byteLength(full) / 2)));
				entry.response.status = 200;
				res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': cut.length });
				res.end(cut);
				break;
			}
			case 'reset': {
				const s = req.socket;
				if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
				else s.destroy();
				break;
			}
			case 'hang':
				hung.add(res);
				res.on('close', () => hung.delete(res));
				break;
			default:
				send(res, 500, { error: 'unknown fault' });
		}
	}

	async function handleAdmin(req, res, rawBody, pathname, query) {
		const json = () => {
			if (!rawBody.length) return {};
			return JSON.parse(rawBody.toString('utf8'));
		};
		const route = `${req.method} ${pathname.replace(/\/+$/, '')}`;
		try {
			switch (route) {
				case 'GET /__sandbox':
				case 'GET /__sandbox/health':
					return send(res, 200, { ok: true, url: baseUrl, credentials: sandbox.credentials, nxBaseUrl: sandbox.nxBaseUrl });
				case 'GET /__sandbox/stats':
					return send(res, 200, snapshotStats());
				case 'POST /__sandbox/reset-stats':
					resetStats();
					return send(res, 200, { ok: true });
				case 'POST /__sandbox/reset':
					reset();
					return send(res, 200, { ok: true });
				case 'GET /__sandbox/config':
					return send(res, 200, currentConfig());
				case 'POST /__sandbox/config':
					return send(res, 200, configure(json()));
				case 'GET /__sandbox/requests':
					return send(res, 200, lastRequests(Number(query.get('n')) || 20));
				case 'POST /__sandbox/calls':
					return send(res, 200, await simulateCall(json(), { state, callbacks: config.callbacks, now: Date.now(), baseUrl }));
				case 'POST /__sandbox/seed-nx-bindings':
					return send(res, 200, { bindIds: seedNxBindings(Number(query.get('n')) || 10).map((b) => b.bindId) });
				default:
					if (req.method === 'GET' && pathname.startsWith('/__sandbox/recordings/')) {
						// a tiny MPEG frame header + silence, enough for a download test
						const buf = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
						res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': buf.length });
						return res.end(buf);
					}
					return send(res, 404, { error: `unknown sandbox endpoint: ${route}` });
			}
		} catch (e) {
			if (e instanceof CallError) return send(res, e.status, { error: e.message });
			if (e instanceof SyntaxError) return send(res, 400, { error: `invalid JSON: ${e.message}` });
			if (e instanceof TypeError) return send(res, 400, { error: e.message });
			return send(res, 500, { error: e.message });
		}
	}

	async function handle(req, res) {
		let pathname = '/';
		let query = new URLSearchParams();
		try {
			const u = new URL(req.url, 'http://sandbox.local');
			pathname = u.pathname;
			query = u.searchParams;
		} catch {
			/* keep defaults; provider parsers report malformed input */
		}
		let rawBody;
		try {
			rawBody = await readBody(req);
		} catch (e) {
			if (e.tooLarge) {
				const nx = nxcloud.isNxPath(pathname);
				return send(res, 413, nx ? nxcloud.envelope(1002, 'body too large') : aliyun.gatewayBody('InvalidParameter', 'Request body too large.'));
			}
			return; // client went away
		}
		if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) return handleAdmin(req, res, rawBody, pathname, query);
		return handleApi(req, res, rawBody, pathname);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((e) => {
			try {
				send(res, 500, aliyun.gatewayBody('InternalError', `sandbox error: ${e && e.message}`));
			} catch {
				/* socket already gone */
			}
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	server.on('clientError', (err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		else socket.destroy();
	});

	const nonceTimer = setInterval(() => {
		const now = Date.now();
		for (const [k, exp] of nonces) if (exp <= now) nonces.delete(k);
	}, 60 * 1000);
	nonceTimer.unref();

	const host = options.host || '127.0.0.1';
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = server.address().port;
	const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
	baseUrl = `http://${urlHost}:${port}`;

	function resetStats() {
		stats = emptyStats();
	}

	function reset() {
		const fresh = makeState();
		for (const k of Object.keys(state)) delete state[k];
		Object.assign(state, fresh);
		nonces.clear();
		limiter.clear();
	}

	function lastRequests(n = 10) {
		return log.slice(-Math.max(0, n));
	}

	/** Create n NXCloud AXB bindings for the default account (phoneA 8526xxxxxxx, phoneB 8529xxxxxxx, customerBindId seed-<i>). */
	function seedNxBindings(n) {
		const acct = state.nxcloud.accounts.get(DEFAULT_CREDENTIALS.nxcloud.accessKey);
		const xs = acct.numbers.filter((x) => x.cc === '852');
		if (!xs.length) throw new Error('the default NXCloud account has no 852 numbers (seed: false?)');
		const out = [];
		const now = Date.now();
		const start = state.nxcloud.bindings.size;
		for (let i = 0; i < n; i++) {
			const k = start + i;
			const b = {
				bindId: require('./util').randomHex(16),
				owner: acct.accessKey,
				customerId: acct.customerId,
				businessId: acct.businessId,
				customerBindId: `seed-${k}`,
				type: 'AXB',
				phoneA: `8526${String(k).padStart(7, '0')}`,
				phoneB: `8529${String(k).padStart(7, '0')}`,
				did: xs[k % xs.length].did,
				flag: 0,
				extension: '',
				groupId: '',
				expireAt: Math.floor(now / 1000) + 86400,
				createdAt: now + i / 1000,
			};
			state.nxcloud.bindings.set(b.bindId, b);
			out.push(b);
		}
		return out;
	}

	async function stop() {
		clearInterval(nonceTimer);
		for (const res of hung) {
			try {
				res.destroy();
			} catch {
				/* ignore */
			}
		}
		hung.clear();
		const closed = new Promise((resolve) => server.close(() => resolve()));
		for (const s of sockets) s.destroy();
		if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
		await closed;
	}

	const credentials = JSON.parse(JSON.stringify(DEFAULT_CREDENTIALS));
	const sandbox = {
		url: baseUrl,
		port,
		aliyunEndpoint: baseUrl,
		nxBaseUrl: `${baseUrl}/api/pns/`,
		credentials,
		get state() {
			return state;
		},
		stats: snapshotStats,
		resetStats,
		configure,
		getConfig: currentConfig,
		reset,
		stop,
		seedNxBindings,
		lastRequests,
		/** Simulate a call in-process (same as POST /__sandbox/calls). */
		simulateCall: (body) => simulateCall(body, { state, callbacks: config.callbacks, now: Date.now(), baseUrl }),
	};
	return sandbox;
}

module.exports = { startSandbox, DEFAULT_CREDENTIALS, FAULT_KINDS };
