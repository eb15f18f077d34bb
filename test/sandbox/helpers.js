'use strict';
/* Timer / socket helpers for the sandbox tests (kept in JS so the .ts tests need no timer or process globals). */
const http = require('node:http');

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Local HTTP receiver that records every POST body (parsed JSON when possible) and answers {"code":0,"msg":"接收成功"}. */
async function startReceiver() {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let json = null;
			try {
				json = JSON.parse(raw);
			} catch {
				json = null;
			}
			received.push({ path: req.url, headers: req.headers, raw, json });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 0, msg: '接收成功' }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		received,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { sleep, startReceiver };
