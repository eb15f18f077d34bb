'use strict';
/*
 * A real HTTP server that hands every POST to a trigger node's webhook(), through an IWebhookFunctions stand-in
 * built from the real request: the way n8n's webhook server does it (webhook-helpers.js, n8n 2.41), minus the
 * workflow run. Plain JS because the .ts tests may not import node:http (n8n cloud lint).
 *
 * What it mirrors from n8n:
 *  - node parameters = the description's top-level defaults overlaid with the test's parameters;
 *  - `rawBody` (Buffer) on the request object, `body` parsed by content type (JSON → value, text/plain → string);
 *  - the route: `/hook` or, when options.tokenLocation is 'path', `/hook/:token` (the `:token` segment goes to
 *    `req.params.token`, like n8n's dynamic webhook paths, whose real shape description.test.ts checks); any other
 *    path gets 404 without calling the node;
 *  - the answer: with `noWebhookResponse: true` n8n sends nothing itself (the node must have answered); otherwise
 *    `webhookResponse` (or n8n's "Workflow was started") with status 200;
 *  - `workflowData` means "start an execution with these items": recorded in `emitted`;
 *  - workflow static data ('node') persists across requests, like n8n's saved static data.
 * Deliberate simplification: n8n answers 422 itself when a body declared application/json does not parse; here the
 * node sees such bodies (rawBody + an undefined parsed body) so its own 400 path can be tested.
 */
const http = require('node:http');
const { request: undiciRequest } = require('undici');

/**
 * Stand-ins of the two file helpers of IWebhookFunctions the triggers' Attach Recording uses: n8n's httpRequest for
 * the options it is given there (GET, arraybuffer body, full response, HTTP errors not thrown) and prepareBinaryData
 * in n8n's default (in-memory, base64) binary mode. The real helpers run in the end-to-end test.
 */
const fileHelpers = {
	async httpRequest(options) {
		const response = await undiciRequest(options.url, {
			method: options.method || 'GET',
			headers: options.headers,
		});
		const body = Buffer.from(await response.body.arrayBuffer());
		if (!options.ignoreHttpStatusErrors && response.statusCode >= 400)
			throw new Error(`HTTP ${response.statusCode}`);
		const full = { statusCode: response.statusCode, headers: response.headers, body };
		return options.returnFullResponse ? full : body;
	},
	async prepareBinaryData(buffer, fileName, mimeType) {
		return {
			data: buffer.toString('base64'),
			mimeType: mimeType || 'application/octet-stream',
			fileName,
			fileSize: `${buffer.length} B`,
		};
	},
};

function defaultsOf(description) {
	const params = {};
	for (const p of description.properties) {
		if (p.type === 'notice') continue;
		if (!(p.name in params)) params[p.name] = p.default;
	}
	return params;
}

function queryObject(searchParams) {
	const out = {};
	for (const [k, v] of searchParams) {
		if (k in out) out[k] = [].concat(out[k], v);
		else out[k] = v;
	}
	return out;
}

function parseBody(contentType, raw) {
	if (!raw.length) return undefined;
	const type = String(contentType || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const text = raw.toString('utf8');
	if (type === 'application/json') {
		try {
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	if (type === 'text/plain') return text;
	return undefined;
}

/** Express-like wrapper over the real ServerResponse (the subset nodes use). */
function wrapResponse(res) {
	const wrapper = {
		get headersSent() {
			return res.headersSent;
		},
		get statusCode() {
			return res.statusCode;
		},
		status(code) {
			res.statusCode = code;
			return wrapper;
		},
		setHeader(name, value) {
			res.setHeader(name, value);
			return wrapper;
		},
		json(body) {
			const data = Buffer.from(JSON.stringify(body), 'utf8');
			res.setHeader('content-type', 'application/json; charset=utf-8');
			res.setHeader('content-length', data.length);
			res.end(data);
			return wrapper;
		},
		send(body) {
			if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body))
				return wrapper.json(body);
			res.end(body);
			return wrapper;
		},
		end(chunk) {
			res.end(chunk);
			return wrapper;
		},
	};
	return wrapper;
}

/**
 * @param nodeType an instance of the trigger node class
 * @param {{ parameters?: object, omitRawBody?: boolean }} [opts]
 */
async function startTriggerHarness(nodeType, opts = {}) {
	const description = nodeType.description;
	let parameters = { ...defaultsOf(description), ...(opts.parameters || {}) };
	const staticData = { node: {}, global: {} };
	const requests = [];
	const emitted = [];
	const node = {
		id: 'trigger-under-test',
		name: description.defaults.name,
		type: `n8n-nodes-privacy-number.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'test-webhook-id',
		get parameters() {
			return parameters;
		},
	};
	let baseUrl = '';

	async function handle(req, res, rawBody, record) {
		const u = new URL(req.url, 'http://harness.local');
		Object.assign(record, {
			method: req.method,
			path: u.pathname,
			query: queryObject(u.searchParams),
		});
		const segments = u.pathname.split('/').filter(Boolean);
		const pathMode = (parameters.options || {}).tokenLocation === 'path';
		const routeOk =
			req.method === 'POST' && segments[0] === 'hook' && segments.length === (pathMode ? 2 : 1);
		if (!routeOk) {
			res.statusCode = 404;
			res.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
			return;
		}
		const params = pathMode ? { token: decodeURIComponent(segments[1]) } : {};
		const request = {
			method: req.method,
			url: req.url,
			headers: req.headers,
			query: record.query,
			params,
			body: parseBody(req.headers['content-type'], rawBody),
		};
		if (!opts.omitRawBody) request.rawBody = rawBody;
		const response = wrapResponse(res);
		const ctx = {
			getNodeParameter(name, fallback) {
				const value = parameters[name];
				if (value === undefined) {
					if (arguments.length < 2) throw new Error(`Could not get parameter "${name}"`);
					return fallback;
				}
				return value;
			},
			getBodyData: () => request.body,
			getHeaderData: () => request.headers,
			getQueryData: () => request.query,
			getParamsData: () => request.params,
			getRequestObject: () => request,
			getResponseObject: () => response,
			getWorkflowStaticData: (type) => staticData[type === 'global' ? 'global' : 'node'],
			getNode: () => ({ ...node, parameters }),
			getMode: () => 'webhook',
			getWebhookName: () => 'default',
			getNodeWebhookUrl: () => `${baseUrl}/hook`,
			helpers: {
				returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
				...fileHelpers,
			},
		};
		let result;
		try {
			result = await nodeType.webhook.call(ctx);
		} catch (e) {
			record.error = e;
			if (!res.headersSent) {
				res.statusCode = 500;
				res.end(
					JSON.stringify({
						code: 500,
						message: 'Workflow Webhook Error: Workflow could not be started!',
					}),
				);
			}
			return;
		}
		record.result = result;
		record.answeredByNode = res.headersSent;
		if (result && result.noWebhookResponse === true) {
			if (!res.headersSent) {
				record.error = new Error('noWebhookResponse returned but the node sent no answer');
				res.statusCode = 500;
				res.end('{"harness":"node returned noWebhookResponse without answering"}');
			}
		} else if (!res.headersSent) {
			response
				.status(200)
				.json(
					result && result.webhookResponse !== undefined
						? result.webhookResponse
						: { message: 'Workflow was started' },
				);
		}
		if (result && result.workflowData) {
			record.emitted = result.workflowData;
			emitted.push(result.workflowData);
		}
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const record = {
				body: rawBody.toString('utf8'),
				status: 0,
				response: '',
				emitted: null,
				error: null,
			};
			requests.push(record);
			// capture what was written, for assertions on the answer
			const end = res.end.bind(res);
			res.end = (chunk, ...rest) => {
				record.status = res.statusCode;
				if (chunk !== undefined)
					record.response = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
				return end(chunk, ...rest);
			};
			handle(req, res, rawBody, record).catch((e) => {
				if (!res.headersSent) {
					res.statusCode = 500;
					res.end(String(e && e.message));
				}
			});
		});
	});
	const sockets = new Set();
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;

	return {
		url: baseUrl,
		/** the webhook URL; with a token: `?token=` or a path segment, following options.tokenLocation */
		hookUrl(token) {
			if (token === undefined) return `${baseUrl}/hook`;
			return (parameters.options || {}).tokenLocation === 'path'
				? `${baseUrl}/hook/${encodeURIComponent(token)}`
				: `${baseUrl}/hook?token=${encodeURIComponent(token)}`;
		},
		get parameters() {
			return parameters;
		},
		setParameters(p) {
			parameters = { ...defaultsOf(description), ...p };
		},
		staticData,
		requests,
		emitted,
		/** every emitted item's json, in order */
		items() {
			return emitted.flatMap((wd) => wd[0].map((item) => item.json));
		},

		clear() {
			requests.length = 0;
			emitted.length = 0;
		},
		close() {
			return new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			});
		},
	};
}

module.exports = { startTriggerHarness };
