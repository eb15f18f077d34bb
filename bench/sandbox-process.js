'use strict';
/**
 * Starts the sandbox in a child process (so its CPU and memory are not counted as the node's) and talks to it over
 * HTTP.
 */
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { request } = require('undici');

async function startSandboxProcess(args = []) {
	const child = spawn(
		process.execPath,
		[join(__dirname, '..', 'sandbox', 'cli.js'), '--port', '0', '--quiet', ...args],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
	});
	const call = async (method, path, body) => {
		const res = await request(`${url}${path}`, {
			method,
			body: body === undefined ? undefined : JSON.stringify(body),
			headers: { 'content-type': 'application/json' },
		});
		return await res.body.json();
	};
	return {
		url,
		stats: () => call('GET', '/__sandbox/stats'),
		resetStats: () => call('POST', '/__sandbox/reset-stats', {}),
		configure: (config) => call('POST', '/__sandbox/config', config),
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', resolve);
				child.kill('SIGTERM');
			}),
	};
}

module.exports = { startSandboxProcess };
