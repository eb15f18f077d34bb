'use strict';
/*
 * Authentication of an NXCloud PNS request: the headers accessKey, ts, bizType, action and sign;
 * the action matching its path; the account; `ts` within ±60 s; Content-Type application/json;
 * and the MD5 sign over the exact raw body bytes.
 */

const { md5Hex } = require('../util');
const { envelope } = require('./envelope');

const TS_WINDOW_MS = 60 * 1000;
const REQUIRED_HEADERS = ['accessKey', 'ts', 'bizType', 'action', 'sign'];
/** bizType of the PNS product. */
const PNS_BIZ_TYPE = '5';

/**
 * The sandbox's own signer: MD5 hex of
 * `accessKey=…&action=…&bizType=…&ts=…[&body=<raw body>]&accessSecret=…`.
 */
function nxSign({ accessKey, action, bizType, ts }, rawBody, secret) {
	let signed = `accessKey=${accessKey}&action=${action}&bizType=${bizType}&ts=${ts}`;
	if (rawBody) signed += `&body=${rawBody}`;
	signed += `&accessSecret=${secret}`;
	return md5Hex(signed);
}

/** Which NXCloud route a path belongs to: { kind: 'action' } | { kind: 'rest', mode } | null. */
function routeOf(pathname) {
	if (/^\/(v1\/)?api\/pns\/?$/.test(pathname)) return { kind: 'action' };
	const restPath = /^\/v1\/pns\/bind\/([^/]+)\/?$/.exec(pathname);
	if (restPath) return { kind: 'rest', mode: restPath[1].toLowerCase() };
	const prefixes = ['/v1/pns/', '/api/pns', '/v1/api/pns'];
	if (prefixes.some((prefix) => pathname.startsWith(prefix))) return { kind: 'rest', mode: null };
	return null;
}

function isNxPath(pathname) {
	return routeOf(pathname) !== null;
}

function header(req, name) {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function contentType(req) {
	return String(header(req, 'content-type') || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

/** The action header must be a known action API action, or the one action of a REST path. */
function routeMismatch(route, action, pathname, routes) {
	if (route.kind === 'action') {
		return routes.actionApi.includes(action) ? null : [1002, `unknown action: ${action}`];
	}
	const expected = route.mode && routes.restModeActions[route.mode];
	if (!expected) return [1002, `unknown PNS path: ${pathname}`, 404];
	if (action !== expected) {
		return [1002, `action ${action} does not match path (expected ${expected})`];
	}
	return null;
}

/**
 * Runs the checks in NXCloud's order, filling `prepared` (action, account, verified).
 * `routes` = { actionApi: [actions], restModeActions: { mode: action } }.
 * Returns { rejection: {status, body} } or { account, action }.
 */
function authenticate(req, env, pathname, routes, prepared) {
	const reject = (code, msg, status = 200) => ({
		rejection: { status, body: envelope(code, msg) },
	});
	const route = routeOf(pathname);
	const action = header(req, 'action');
	prepared.action =
		action || (route && route.mode ? routes.restModeActions[route.mode] : null) || null;
	if (req.method !== 'POST')
		return reject(1002, `HTTP method ${req.method} not allowed; use POST`, 405);
	const missing = REQUIRED_HEADERS.find((name) => !header(req, name));
	if (missing) return reject(1001, `missing header: ${missing}`);
	const bizType = header(req, 'bizType');
	if (bizType !== PNS_BIZ_TYPE) {
		return reject(1002, `bizType ${bizType} is not valid for PNS (expected 5)`);
	}
	const mismatch = routeMismatch(route, action, pathname, routes);
	if (mismatch) return reject(...mismatch);
	const accessKey = header(req, 'accessKey');
	const account = env.getState().nxcloud.accounts.get(accessKey);
	if (!account) return reject(1005, 'insufficient permission: unknown accessKey');
	prepared.account = `nxcloud:${account.accessKey}`;
	const ts = header(req, 'ts');
	if (!/^\d{10,13}$/.test(ts) || Math.abs(Number(ts) - env.now()) > TS_WINDOW_MS) {
		return reject(1004, 'timestamp expired');
	}
	const type = contentType(req);
	if (type !== 'application/json') {
		env.signatureFailure();
		const got = type || '(none)';
		return reject(1003, `invalid signature: Content-Type must be application/json (got "${got}")`);
	}
	const sign = String(header(req, 'sign')).toLowerCase();
	if (sign !== nxSign({ accessKey, action, bizType, ts }, prepared.body, account.secret)) {
		env.signatureFailure();
		return reject(1003, 'invalid signature');
	}
	prepared.verified = true;
	return { account, action };
}

module.exports = { authenticate, nxSign, isNxPath };
