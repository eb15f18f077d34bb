'use strict';
/*
 * A local HTTP server that answers every request with one fixed response (kept in JS: no lint rules for
 * process/timers).
 */
const http = require('node:http');

async function startFixedServer(status, contentType, body) {
	let hits = 0;
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			hits++;
			res.writeHead(status, { 'content-type': contentType });
			res.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		hits: () => hits,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startFixedServer };
