'use strict';
/**
 * Starts the sandbox in a child process (so its CPU and memory are not counted as the node's) and talks to it over
 * HTTP. With `--https` among the args it also reports the HTTPS front and its self-signed certificate's file.
 */
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { request } = require('undici');

/** The inspection endpoints of a sandbox at `url`. */
function sandboxClient(url) {
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
	};
}

async function startSandboxProcess(args = []) {
	const child = spawn(
		process.execPath,
		[join(__dirname, '..', 'sandbox', 'cli.js'), '--port', '0', '--quiet', ...args],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const wantsHttps = args.includes('--https');
	const started = await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const plain = /listening on (http:\/\/\S+)/.exec(out);
			const front = /HTTPS front on (https:\/\/\S+) \(self-signed certificate: (\S+)\)/.exec(out);
			if (plain && (!wantsHttps || front)) {
				resolve({ url: plain[1], httpsUrl: front?.[1], certificatePath: front?.[2] });
			}
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
	});
	return {
		...sandboxClient(started.url),
		httpsUrl: started.httpsUrl,
		certificatePath: started.certificatePath,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', resolve);
				child.kill('SIGTERM');
			}),
	};
}

module.exports = { startSandboxProcess, sandboxClient };
