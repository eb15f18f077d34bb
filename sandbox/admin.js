'use strict';
/* The inspection endpoints under /__sandbox (see README.md), answered by the public sandbox API. */

const { CallError } = require('./calls');
const { sendJson, sendBytes } = require('./http-io');
const { recordingFile } = require('./recording-files');

function isAdminPath(pathname) {
	return pathname === '/__sandbox' || pathname.startsWith('/__sandbox/');
}

function jsonBody(rawBody) {
	if (!rawBody.length) return {};
	return JSON.parse(rawBody.toString('utf8'));
}

/** "METHOD /path" → (sandbox, { rawBody, query }) → the JSON answer. */
const ADMIN_ROUTES = {
	'GET /__sandbox': health,
	'GET /__sandbox/health': health,
	'GET /__sandbox/stats': (sandbox) => sandbox.stats(),
	'POST /__sandbox/reset-stats': (sandbox) => {
		sandbox.resetStats();
		return { ok: true };
	},
	'POST /__sandbox/reset': (sandbox) => {
		sandbox.reset();
		return { ok: true };
	},
	'GET /__sandbox/config': (sandbox) => sandbox.getConfig(),
	'POST /__sandbox/config': (sandbox, { rawBody }) => sandbox.configure(jsonBody(rawBody)),
	'GET /__sandbox/requests': (sandbox, { query }) =>
		sandbox.lastRequests(Number(query.get('n')) || 20),
	'POST /__sandbox/calls': (sandbox, { rawBody }) => sandbox.simulateCall(jsonBody(rawBody)),
	'POST /__sandbox/seed-nx-bindings': (sandbox, { query }) => ({
		bindIds: sandbox.seedNxBindings(Number(query.get('n')) || 10).map((binding) => binding.bindId),
	}),
};

function health(sandbox) {
	const { url, credentials, nxBaseUrl } = sandbox;
	return { ok: true, url, credentials, nxBaseUrl };
}

function errorResponse(error) {
	if (error instanceof CallError) return [error.status, { error: error.message }];
	if (error instanceof SyntaxError) return [400, { error: `invalid JSON: ${error.message}` }];
	if (error instanceof TypeError) return [400, { error: error.message }];
	return [500, { error: error.message }];
}

async function handleAdminRequest(sandbox, req, res, rawBody, pathname, query) {
	const route = `${req.method} ${pathname.replace(/\/+$/, '')}`;
	try {
		const answer = ADMIN_ROUTES[route];
		if (answer) return sendJson(res, 200, await answer(sandbox, { rawBody, query }));
		if (req.method === 'GET' && pathname.startsWith('/__sandbox/recordings/')) {
			const file = recordingFile(sandbox.state, pathname, query, Date.now(), req.headers);
			return sendBytes(res, file.status, file.contentType, Buffer.from(file.body));
		}
		return sendJson(res, 404, { error: `unknown sandbox endpoint: ${route}` });
	} catch (error) {
		const [status, body] = errorResponse(error);
		return sendJson(res, status, body);
	}
}

module.exports = { isAdminPath, handleAdminRequest };
