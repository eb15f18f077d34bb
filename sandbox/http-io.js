'use strict';
/* Reading request bodies and writing responses. */

/** Larger bodies are answered 413. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Write a JSON (or ready text) body, unless the response is already finished or destroyed. */
function sendJson(res, status, body, extraHeaders = {}) {
	if (res.writableEnded || res.destroyed) return;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const bytes = Buffer.from(text, 'utf8');
	res.writeHead(status, {
		'content-type': 'application/json;charset=utf-8',
		'content-length': bytes.length,
		...extraHeaders,
	});
	res.end(bytes);
}

function sendBytes(res, status, contentType, bytes) {
	res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length });
	res.end(bytes);
}

/** The whole body as a Buffer; rejects with `tooLarge: true` past MAX_BODY_BYTES. */
function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(Object.assign(new Error('body too large'), { tooLarge: true }));
				req.removeAllListeners('data');
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

module.exports = { sendJson, sendBytes, readBody };
