'use strict';
/*
 * Local emulator of Alibaba Cloud Dyplsapi 2017-05-25 and NXCloud PNS on one loopback port.
 * Plain CommonJS + node:http so it runs without a build step. See sandbox/README.md.
 */

const { simulateCall } = require('./calls');
const { seedState, accountsOnlyState, seedNxBindings, DEFAULT_CREDENTIALS } = require('./state');
const { FAULT_KINDS, createConfig, copyConfig, applyConfig } = require('./knobs');
const { createStats, createQpsLimiter, createRequestLog } = require('./stats');
const { providerEnv } = require('./api');
const { createServer, listen, closeServer } = require('./server');
const { selfSignedCertificate } = require('./tls');
const { snapshot: mnsSnapshot, enqueue: mnsEnqueue, SANDBOX_ALI_UID } = require('./mns/store');

const REQUEST_LOG_SIZE = 1000;
const NONCE_SWEEP_INTERVAL_MS = 60 * 1000;

/** Forget the Alibaba signature nonces whose 15 minutes are over, once a minute. */
function sweepNoncesPeriodically(nonces) {
	const timer = setInterval(() => {
		const now = Date.now();
		for (const [nonceKey, expiresAt] of nonces) if (expiresAt <= now) nonces.delete(nonceKey);
	}, NONCE_SWEEP_INTERVAL_MS);
	timer.unref();
	return timer;
}

/** Everything the request handlers share. */
function createInternals(options) {
	const config = createConfig();
	const freshState = options.seed !== false ? seedState : accountsOnlyState;
	const internals = {
		config,
		freshState,
		state: freshState(),
		stats: createStats(),
		nonces: new Map(),
		qpsLimiter: createQpsLimiter(() => config.qps),
		requestLog: createRequestLog(REQUEST_LOG_SIZE),
		hungResponses: new Set(),
		baseUrl: '',
		verbose: !!options.verbose && !options.quiet,
	};
	internals.env = providerEnv(internals);
	return internals;
}

/** State back to the seed (the same state object), nonces and QPS windows cleared. */
function resetState(internals) {
	const fresh = internals.freshState();
	const { state } = internals;
	for (const key of Object.keys(state)) delete state[key];
	Object.assign(state, fresh);
	internals.nonces.clear();
	internals.qpsLimiter.clear();
}

/** The object startSandbox() resolves to (typed in index.d.ts). */
function publicApi(internals, stopServer, port, front) {
	const { baseUrl, state, config } = internals;
	const configure = (change) => applyConfig(config, change);
	const callEnv = () => ({ state, callbacks: config.callbacks, now: Date.now(), baseUrl });
	return {
		url: baseUrl,
		port,
		aliyunEndpoint: baseUrl,
		nxBaseUrl: `${baseUrl}/api/pns/`,
		/** with `https`: the HTTPS front (same APIs and state) and its self-signed certificate (PEM, and its file) */
		httpsUrl: front ? front.baseUrl : undefined,
		httpsCertificate: front ? front.cert : undefined,
		httpsCertificatePath: front ? front.certPath : undefined,
		credentials: JSON.parse(JSON.stringify(DEFAULT_CREDENTIALS)),
		get state() {
			return state;
		},
		stats: () => internals.stats.snapshot(),
		resetStats: () => internals.stats.reset(),
		configure,
		getConfig: () => copyConfig(config),
		reset: () => resetState(internals),
		stop: stopServer,
		seedNxBindings: (count) => seedNxBindings(state, count),
		lastRequests: (count) => internals.requestLog.last(count),
		/** Simulate a call in-process (same as POST /__sandbox/calls). */
		simulateCall: (body) => simulateCall(body, callEnv()),
		/** The MNS queues, tokens and queue requests (see sandbox/mns). */
		mnsQueues: () => mnsSnapshot(state),
		/** Put a message in an MNS queue as Alibaba would (e.g. a receipt delivered twice). */
		enqueueMns: (queueName, body) => mnsEnqueue(state, queueName, body).messageId,
	};
}

/**
 * Start the sandbox.
 * @param {object} [options] { port=0, host='127.0.0.1', latencyMs=0, jitterMs=0,
 *   faults={rate,kinds}, qps (object | false), seed=true, quiet, verbose, callbacks,
 *   https (true: an HTTPS front with a generated self-signed certificate; or { key, cert }), httpsPort=0 }
 */
async function startSandbox(options = {}) {
	const internals = createInternals(options);
	applyConfig(internals.config, {
		...options,
		qps: options.qps === undefined ? true : options.qps,
	});
	const handlers = { internals, api: null };
	const http = createServer(handlers);
	const nonceTimer = sweepNoncesPeriodically(internals.nonces);
	const { port, baseUrl } = await listen(http.server, options.port, options.host || '127.0.0.1');
	internals.baseUrl = baseUrl;
	let front;
	if (options.https) {
		const tls = options.https === true ? selfSignedCertificate() : options.https;
		const server = createServer(handlers, { key: tls.key, cert: tls.cert });
		const address = await listen(
			server.server,
			options.httpsPort,
			options.host || '127.0.0.1',
			'https',
		);
		front = { server, baseUrl: address.baseUrl, cert: String(tls.cert), certPath: tls.certPath };
	}
	const stop = async () => {
		clearInterval(nonceTimer);
		if (front) await closeServer(front.server, new Set());
		await closeServer(http, internals.hungResponses);
	};
	handlers.api = publicApi(internals, stop, port, front);
	return handlers.api;
}

module.exports = { startSandbox, DEFAULT_CREDENTIALS, FAULT_KINDS, SANDBOX_ALI_UID };
