'use strict';
/*
 * NXCloud PNS: the action API at /api/pns/ and /v1/api/pns/ (actions.js, groups.js) and the
 * REST-path modes at /v1/pns/bind/<mode> (rest.js). prepare() authenticates one request; the
 * returned execute() applies its action to state.
 */

const { NxError, envelope, faultBody } = require('./envelope');
const { authenticate, nxSign, isNxPath } = require('./auth');
const { isActive } = require('./store');
const { actionApi, ACTION_API } = require('./actions');
const { restActions, REST_MODE_ACTIONS } = require('./rest');

const ROUTES = { actionApi: ACTION_API, restModeActions: REST_MODE_ACTIONS };
/** action header → (body, ctx) → { data?, extra? } (errors thrown as NxError). */
const HANDLERS = { ...actionApi, ...restActions };

/** The body must be empty or a JSON object (else 1002). Returns { body } or { rejection }. */
function parseBody(text) {
	if (text.trim() === '') return { body: {} };
	const reject = (msg) => ({ rejection: { status: 200, body: envelope(1002, msg) } });
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		return reject('body is not valid JSON');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return reject('body must be a JSON object');
	}
	return { body };
}

function executeAction(action, body, account, env) {
	const state = env.getState();
	const ctx = {
		state,
		nxcloud: state.nxcloud,
		account,
		now: env.now(),
		recordBind: env.recordBind,
		recordReplay: env.recordReplay,
	};
	try {
		const result = HANDLERS[action](body, ctx);
		return { status: 200, body: envelope(0, 'success', result.data, result.extra) };
	} catch (error) {
		if (error instanceof NxError) return { status: 200, body: envelope(error.code, error.message) };
		return {
			status: 500,
			body: envelope(10009, `failed to fetch data: ${error && error.message}`),
		};
	}
}

/**
 * @param env { getState(), now(), signatureFailure(), recordBind(fields), recordReplay(id) }
 * @returns { provider, action, account, body (raw text), verified, error?: {status, body},
 *   execute?(): {status, body} }
 */
function prepare(req, rawBody, env, pathname) {
	const prepared = {
		provider: 'nxcloud',
		action: null,
		account: null,
		body: rawBody.toString('utf8'),
		verified: false,
		error: null,
	};
	const auth = authenticate(req, env, pathname, ROUTES, prepared);
	const parsed = auth.rejection ? auth : parseBody(prepared.body);
	if (parsed.rejection) {
		prepared.error = parsed.rejection;
		return prepared;
	}
	prepared.execute = () => executeAction(auth.action, parsed.body, auth.account, env);
	return prepared;
}

module.exports = {
	prepare,
	faultBody,
	isNxPath,
	nxSign,
	envelope,
	isActive,
	REST_MODES: REST_MODE_ACTIONS,
	ACTION_API,
};
