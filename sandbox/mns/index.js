'use strict';
/*
 * The MNS queue endpoint (REST, XML, x-mns-version 2015-06-06) that Alibaba's receipt queues live on
 * (https://1943695596114318.mns.cn-hangzhou.aliyuncs.com in production): ReceiveMessage /
 * BatchReceiveMessage with long polling, DeleteMessage / BatchDeleteMessage by ReceiptHandle, under
 * /queues/<QueueName>/messages. Requests are signed with the temporary credentials of
 * QueryTokenForMnsQueue (sandbox/aliyun/dybaseapi.js); the signature is recomputed with the official
 * MNS SDK's own signer (@alicloud/mns), independently of the node's. API reference:
 * https://help.aliyun.com/document_detail/35134.html (ReceiveMessage), …/35136.html (BatchReceiveMessage),
 * …/35138.html (DeleteMessage), …/35139.html (BatchDeleteMessage), …/27487.html (signature).
 */

const MnsClient = require('@alicloud/mns');
const { getCanonicalizedMNSHeaders } = require('@alicloud/mns/lib/helper');
const { randomHex, sleep } = require('../util');
const {
	mnsOf,
	queueOf,
	parseQueueName,
	SANDBOX_ALI_UID,
	DEFAULT_MNS_SETTINGS,
} = require('./store');
const xml = require('./xml');

const VERSION = '2015-06-06';
const DATE_WINDOW_MS = 15 * 60 * 1000;
const MAX_WAIT_SECONDS = 30;
const MAX_BATCH = 16;
const POLL_STEP_MS = 20;

class MnsError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

function isMnsPath(pathname) {
	return pathname === '/queues' || pathname.startsWith('/queues/');
}

function settingsOf(internals) {
	return { ...DEFAULT_MNS_SETTINGS, ...(internals.config.mns || {}) };
}

function requestId() {
	return randomHex(12).toUpperCase();
}

function send(res, status, body, id) {
	const headers = { 'x-mns-request-id': id, 'x-mns-version': VERSION };
	if (body === null) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	const data = Buffer.from(body, 'utf8');
	res.writeHead(status, {
		...headers,
		'content-type': 'text/xml;charset=utf-8',
		'content-length': data.length,
	});
	res.end(data);
}

/** The signature the SDK computes for this request (lower-case header names, as node:http gives them). */
function sdkSignature(secret, method, headers, resource) {
	const signed = {};
	for (const [key, value] of Object.entries(headers)) signed[key] = String(value);
	return MnsClient.prototype.sign.call({ accessKeySecret: secret }, method, signed, resource);
}

/** Headers, date, credentials and signature; returns the temporary token the request was signed with. */
function authenticate(req, mns, now) {
	const { headers } = req;
	if (!headers['x-mns-version'])
		throw new MnsError(400, 'MissingVersionHeader', 'x-mns-version is missing.');
	if (headers['x-mns-version'] !== VERSION) {
		throw new MnsError(
			400,
			'InvalidVersionHeader',
			`x-mns-version ${headers['x-mns-version']} is not valid.`,
		);
	}
	if (!headers.date) throw new MnsError(400, 'MissingDateHeader', 'The Date header is missing.');
	const date = Date.parse(headers['x-mns-date'] || headers.date);
	if (Number.isNaN(date))
		throw new MnsError(400, 'InvalidDateHeader', 'The Date header is not a GMT date.');
	if (Math.abs(date - now) > DATE_WINDOW_MS) {
		throw new MnsError(408, 'TimeExpired', 'The http request you sent is expired.');
	}
	const authorization = headers.authorization;
	if (!authorization) {
		throw new MnsError(400, 'MissingAuthorizationHeader', 'The Authorization header is missing.');
	}
	const match = /^MNS ([^:\s]+):(\S+)$/.exec(authorization);
	if (!match) {
		throw new MnsError(
			400,
			'InvalidAuthorizationHeader',
			'Authorization must be "MNS AccessKeyId:Signature".',
		);
	}
	const token = mns.tokens.get(match[1]);
	if (!token)
		throw new MnsError(403, 'InvalidAccessKeyId', 'The AccessKey Id you provided is not exist.');
	const securityToken = headers['security-token'] || headers['x-mns-security-token'];
	if (securityToken !== token.securityToken) {
		throw new MnsError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
	}
	if (token.expireAt <= now) {
		throw new MnsError(403, 'SecurityTokenExpired', 'The security token you provided has expired.');
	}
	const expected = sdkSignature(token.secret, req.method, headers, req.url);
	if (expected !== match[2]) {
		const canonical = getCanonicalizedMNSHeaders(headers);
		throw new MnsError(
			403,
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided. String to sign: ' +
				JSON.stringify(
					`${req.method}\n${headers['content-md5'] || ''}\n${headers['content-type'] || ''}\n` +
						`${headers.date}\n${canonical}${req.url}`,
				),
		);
	}
	return token;
}

function route(req) {
	const url = new URL(req.url, 'http://mns.local');
	const match = /^\/queues\/([^/]+)\/messages$/.exec(url.pathname);
	if (!match)
		throw new MnsError(
			400,
			'InvalidRequestURL',
			`The sandbox does not emulate ${req.method} ${url.pathname}.`,
		);
	const name = decodeURIComponent(match[1]);
	return { name, query: url.searchParams };
}

function intParam(query, key, min, max, fallback) {
	if (!query.has(key)) return fallback;
	const text = query.get(key);
	const n = Number(text);
	if (!/^\d+$/.test(text) || n < min || n > max) {
		throw new MnsError(
			400,
			'InvalidArgument',
			`The value of ${key} should between ${min} and ${max}.`,
		);
	}
	return n;
}

function takeVisible(queue, count, now, visibilityMs) {
	const visible = queue.messages.filter((m) => m.nextVisibleTime <= now).slice(0, count);
	for (const m of visible) {
		m.dequeueCount++;
		if (!m.firstDequeueTime) m.firstDequeueTime = now;
		m.nextVisibleTime = now + visibilityMs;
		m.receiptHandle = `${randomHex(4)}-${m.messageId}-${randomHex(8)}`.toUpperCase();
	}
	return visible;
}

async function receive(internals, req, res, queue, query) {
	const batch = query.has('numOfMessages');
	const count = intParam(query, 'numOfMessages', 1, MAX_BATCH, 1);
	const waitSeconds = intParam(query, 'waitseconds', 0, MAX_WAIT_SECONDS, 0);
	const deadline = Date.now() + waitSeconds * 1000;
	for (;;) {
		const now = Date.now();
		const got = takeVisible(queue, count, now, settingsOf(internals).visibilityTimeoutMs);
		if (got.length)
			return {
				status: 200,
				body: batch ? xml.messagesXml(got) : xml.messageXml(got[0]),
				count: got.length,
			};
		if (now >= deadline || res.destroyed || (req.socket && req.socket.destroyed)) break;
		await sleep(Math.min(POLL_STEP_MS, deadline - now));
	}
	throw new MnsError(404, 'MessageNotExist', 'Message not exist.');
}

/** Deletes by handle; the error entry when the handle is not the current one of an invisible message. */
function deleteOne(queue, handle, now) {
	const index = queue.messages.findIndex((m) => m.receiptHandle === handle);
	if (index === -1 || queue.messages[index].nextVisibleTime <= now) {
		return {
			code: 'ReceiptHandleError',
			message: 'The receipt handle you provide is not valid.',
			receiptHandle: handle,
		};
	}
	queue.messages.splice(index, 1);
	return null;
}

function remove(queue, query, rawBody, now) {
	if (query.has('ReceiptHandle')) {
		const error = deleteOne(queue, query.get('ReceiptHandle'), now);
		if (error) throw new MnsError(400, error.code, error.message);
		return { status: 204, body: null, count: 1 };
	}
	const handles = xml.parseReceiptHandles(rawBody.toString('utf8'));
	if (!handles || handles.length === 0 || handles.length > MAX_BATCH) {
		throw new MnsError(
			400,
			handles ? 'InvalidArgument' : 'MalformedXML',
			'Expected 1 to 16 ReceiptHandle elements.',
		);
	}
	const errors = handles.map((handle) => deleteOne(queue, handle, now)).filter(Boolean);
	if (errors.length)
		return {
			status: 404,
			body: xml.deleteErrorsXml(errors),
			count: handles.length - errors.length,
		};
	return { status: 204, body: null, count: handles.length };
}

async function execute(internals, req, res, rawBody, mns, entry) {
	const now = Date.now();
	const { name, query } = route(req);
	entry.queue = name;
	const token = authenticate(req, mns, now);
	const parsed = parseQueueName(name);
	if (!parsed || parsed.aliUid !== SANDBOX_ALI_UID) {
		throw new MnsError(404, 'QueueNotExist', 'The queue name you provided is not exist.');
	}
	if (token.queueName !== name) {
		throw new MnsError(
			403,
			'AccessDenied',
			'The temporary credentials were issued for another queue.',
		);
	}
	const queue = queueOf(mns, name);
	if (req.method === 'GET') {
		if (query.get('peekonly') === 'true')
			throw new MnsError(400, 'InvalidRequestURL', 'PeekMessage is not emulated.');
		entry.op = query.has('numOfMessages') ? 'BatchReceiveMessage' : 'ReceiveMessage';
		return await receive(internals, req, res, queue, query);
	}
	if (req.method === 'DELETE') {
		entry.op = query.has('ReceiptHandle') ? 'DeleteMessage' : 'BatchDeleteMessage';
		return remove(queue, query, rawBody, now);
	}
	throw new MnsError(
		400,
		'InvalidRequestURL',
		`The sandbox does not emulate ${req.method} on messages.`,
	);
}

/** One request to /queues/…: answered with MNS XML (errors: <Error> with Code, Message, RequestId, HostId). */
async function handleMnsRequest(internals, req, res, rawBody) {
	const mns = mnsOf(internals.state);
	const id = requestId();
	const entry = { at: Date.now(), op: null, queue: null, status: null };
	mns.log.push(entry);
	if (mns.log.length > 1000) mns.log.shift();
	try {
		const outcome = await execute(internals, req, res, rawBody, mns, entry);
		entry.status = outcome.status;
		entry.count = outcome.count;
		send(res, outcome.status, outcome.body, id);
	} catch (error) {
		if (!(error instanceof MnsError)) throw error;
		entry.status = error.status;
		entry.code = error.code;
		if (!res.destroyed)
			send(res, error.status, xml.errorXml(error.code, error.message, id, internals.baseUrl), id);
	}
}

module.exports = { isMnsPath, handleMnsRequest, MnsError, VERSION };
