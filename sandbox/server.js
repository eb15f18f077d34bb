'use strict';
/*
 * The HTTP server: reads each request, sends /__sandbox/* to the inspection endpoints and the rest
 * to the provider APIs, and keeps track of sockets so that stop() can close every one, hung ones
 * included.
 */

const http = require('node:http');
const https = require('node:https');
const aliyun = require('./aliyun');
const nxcloud = require('./nxcloud');
const mns = require('./mns');
const { sendJson, readBody } = require('./http-io');
const { handleApiRequest } = require('./api');
const { isAdminPath, handleAdminRequest } = require('./admin');
const { isOssPath, handleOssRequest } = require('./aliyun/aNumberReport');

function parseUrl(req) {
	try {
		const url = new URL(req.url, 'http://sandbox.local');
		return { pathname: url.pathname, query: url.searchParams };
	} catch {
		// keep defaults; the provider parsers report malformed input
		return { pathname: '/', query: new URLSearchParams() };
	}
}

function bodyTooLarge(pathname) {
	return nxcloud.isNxPath(pathname)
		? nxcloud.envelope(1002, 'body too large')
		: aliyun.gatewayBody('InvalidParameter', 'Request body too large.');
}

/** `sandbox` = { internals (see index.js), api (the public object) }. */
async function handleRequest(sandbox, req, res) {
	const { pathname, query } = parseUrl(req);
	// the emulated OSS bucket of the A-number report photos reads its own multipart body
	if (isOssPath(pathname)) return handleOssRequest(sandbox.internals, req, res, pathname);
	let rawBody;
	try {
		rawBody = await readBody(req);
	} catch (error) {
		if (error.tooLarge) return sendJson(res, 413, bodyTooLarge(pathname));
		return; // the client went away
	}
	if (isAdminPath(pathname)) {
		return handleAdminRequest(sandbox.api, req, res, rawBody, pathname, query);
	}
	if (mns.isMnsPath(pathname)) return mns.handleMnsRequest(sandbox.internals, req, res, rawBody);
	return handleApiRequest(sandbox.internals, req, res, rawBody, pathname);
}

/** The HTTP server, or with `tls` ({ key, cert }) the HTTPS front serving the same handlers. */
function createServer(sandbox, tls) {
	const sockets = new Set();
	const handler = (req, res) => {
		handleRequest(sandbox, req, res).catch((error) => {
			try {
				const message = `sandbox error: ${error && error.message}`;
				sendJson(res, 500, aliyun.gatewayBody('InternalError', message));
			} catch {
				// the socket is already gone
			}
		});
	};
	const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (error, socket) => {
		if (socket.writable) {
			socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		} else socket.destroy();
	});
	return { server, sockets };
}

/** Listen and answer the base URL (an IPv6 host in brackets, 0.0.0.0 as 127.0.0.1). */
async function listen(server, port, host, scheme = 'http') {
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port || 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const boundPort = server.address().port;
	const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
	return { port: boundPort, baseUrl: `${scheme}://${urlHost}:${boundPort}` };
}

async function closeServer({ server, sockets }, hungResponses) {
	for (const res of hungResponses) {
		try {
			res.destroy();
		} catch {
			// already destroyed
		}
	}
	hungResponses.clear();
	const closed = new Promise((resolve) => server.close(() => resolve()));
	for (const socket of sockets) socket.destroy();
	if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
	await closed;
}

module.exports = { createServer, listen, closeServer };
