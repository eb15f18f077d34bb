'use strict';
/*
 * One provider API request: prepare (parse and authenticate), count it, then either an injected
 * fault, the gateway's rejection, the QPS cap or the action; log it, wait the configured latency
 * and answer.
 */

const aliyun = require('./aliyun');
const nxcloud = require('./nxcloud');
const { sleep } = require('./util');
const { sendJson } = require('./http-io');
const { pickFault, isPreApplyFault, sendReplacedResponse } = require('./faults');

/** The provider a path belongs to. `module` is looked up per call so tests can spy on prepare. */
function providerOf(pathname) {
	return nxcloud.isNxPath(pathname)
		? { name: 'nxcloud', module: nxcloud }
		: { name: 'aliyun', module: aliyun };
}

/** What a request that the emulator itself failed on looks like. */
function internalFailure(provider, error) {
	const message = `sandbox error: ${error.message}`;
	return {
		provider: provider.name,
		action: null,
		verified: false,
		error:
			provider.name === 'nxcloud'
				? { status: 500, body: nxcloud.envelope(10009, message) }
				: { status: 500, body: aliyun.gatewayBody('InternalError', message) },
	};
}

/** The env a provider module reads the sandbox through. */
function providerEnv(sandbox) {
	const { stats } = sandbox;
	return {
		getState: () => sandbox.state,
		nonces: sandbox.nonces,
		now: () => Date.now(),
		baseUrl: () => sandbox.baseUrl,
		signatureFailure: () => stats.countSignatureFailure(),
		recordBind: (fields) => stats.recordBind(fields),
		recordReplay: (customerBindId) => stats.recordReplay(customerBindId),
		config: () => sandbox.config,
	};
}

/**
 * Decide the outcome: `{ fault, applied, outcome }` where outcome is the `{status, body}` to send
 * (for replacing faults: what the action answered if it was applied, else null).
 */
function decideOutcome(sandbox, provider, prepared, now) {
	const { stats } = sandbox;
	const fault = pickFault(sandbox.config.faults);
	if (fault) {
		stats.countFaultInjected(fault);
		if (isPreApplyFault(fault)) {
			return { fault, applied: false, outcome: provider.module.faultBody(fault) };
		}
		const applied = Math.random() < 0.5 && !prepared.error && !!prepared.execute;
		if (!applied) return { fault, applied: false, outcome: null };
		const outcome = prepared.execute();
		stats.countFaultApplied(fault);
		return { fault, applied: true, outcome };
	}
	if (prepared.error) return { fault: null, applied: null, outcome: prepared.error };
	if (!sandbox.qpsLimiter.allows(prepared, now)) {
		stats.countThrottled();
		return { fault: null, applied: null, outcome: provider.module.faultBody('throttle') };
	}
	return { fault: null, applied: null, outcome: prepared.execute() };
}

function logEntry(req, rawBody, provider, prepared, now) {
	const entry = {
		at: now,
		provider: prepared.provider,
		action: prepared.action,
		method: req.method,
		path: req.url,
		headers: { ...req.headers },
		verified: !!prepared.verified,
		response: null,
	};
	if (provider.name === 'nxcloud') {
		entry.body = prepared.body !== undefined ? prepared.body : rawBody.toString('utf8');
	} else entry.params = prepared.params || {};
	return entry;
}

async function waitLatency(config) {
	if (!config.latencyMs && !config.jitterMs) return;
	const delay = Math.max(0, config.latencyMs + (Math.random() * 2 - 1) * config.jitterMs);
	if (delay > 0) await sleep(delay);
}

async function handleApiRequest(sandbox, req, res, rawBody, pathname) {
	const provider = providerOf(pathname);
	const now = Date.now();
	let prepared;
	try {
		prepared = provider.module.prepare(req, rawBody, sandbox.env, pathname);
	} catch (error) {
		prepared = internalFailure(provider, error);
	}
	sandbox.stats.countRequest(prepared.action, now);
	const { fault, applied, outcome } = decideOutcome(sandbox, provider, prepared, now);
	const entry = logEntry(req, rawBody, provider, prepared, now);
	sandbox.requestLog.push(entry);

	await waitLatency(sandbox.config);
	if (sandbox.verbose) {
		const result = fault ? 'FAULT ' + fault : outcome && outcome.status;
		const line = `${req.method} ${pathname} ${prepared.provider}:${prepared.action} ${result}`;
		process.stderr.write(`[sandbox] ${line}\n`);
	}

	if (!fault || isPreApplyFault(fault)) {
		entry.response = { status: outcome.status, body: outcome.body, fault: fault || undefined };
		// most work-number answers carry no RequestId: no header then
		const requestId = outcome.body && outcome.body.RequestId;
		const headers =
			provider.name === 'nxcloud' || !requestId ? {} : { 'x-acs-request-id': requestId };
		sendJson(res, outcome.status, outcome.body, headers);
		return;
	}
	entry.response = { status: null, fault, applied, body: outcome ? outcome.body : null };
	sendReplacedResponse(fault, {
		req,
		res,
		provider,
		outcome,
		logged: entry.response,
		hungResponses: sandbox.hungResponses,
	});
}

module.exports = { handleApiRequest, providerEnv, isNxPath: nxcloud.isNxPath };
