#!/usr/bin/env node
'use strict';
/**
 * npm run demo — the example workflows of examples/ run through n8n's workflow engine (n8n-core) against the local
 * sandbox, with a readable summary of each step. Builds the package first; leaves nothing running.
 */
const { execSync } = require('node:child_process');
const { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// n8n-core writes an encryption key and config into the n8n user folder (N8N_USER_FOLDER, default ~/.n8n) on first
// use: the demo gives it a throw-away folder, set before anything below loads n8n-core, and removes it on exit.
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-privacy-demo-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// without this n8n-core logs where it saved the (throw-away) encryption key among the demo's results
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'warn';
function removeUserFolder() {
	rmSync(userFolder, { recursive: true, force: true });
}
process.on('exit', removeUserFolder);
for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
]) {
	process.once(signal, () => process.exit(code));
}

const { startSandbox } = require('../../sandbox');
const { runWorkflow, packageTypes } = require('../../test/helpers/engine');
const { standIns } = require('./standins');
const { scenarios } = require('./scenarios');

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

const color = (code) => (text) => (process.stdout.isTTY ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = color(1);
const green = color(32);
const red = color(31);
const dim = color(2);

function print(line = '') {
	process.stdout.write(`${line}\n`);
}

function loadExample(file) {
	return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
}

async function main() {
	const started = Date.now();
	print(bold('n8n-nodes-privacy-number demo'));
	print(dim('Building the package…'));
	execSync('npm run build --silent', { cwd: ROOT, stdio: 'ignore' });
	const types = packageTypes((path) => require(join(ROOT, 'dist', path)));

	const sandbox = await startSandbox({ port: 0, quiet: true });
	print(dim(`Sandbox (Alibaba Dyplsapi + NXCloud PNS emulator) on ${sandbox.url}`));
	const credentials = {
		alibabaCloudApi: { ...sandbox.credentials.aliyun, endpoint: sandbox.aliyunEndpoint },
		nxCloudApi: {
			...sandbox.credentials.nxcloud,
			baseUrl: 'custom',
			customBaseUrl: sandbox.nxBaseUrl,
		},
	};
	const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
	let failures = 0;
	const shared = {};
	try {
		for (const scenario of scenarios) {
			if (!files.includes(scenario.file)) {
				print(
					`\n${bold(scenario.title)}\n  ${dim(`(examples/${scenario.file} not present, skipped)`)}`,
				);
				continue;
			}
			print(`\n${bold(scenario.title)}  ${dim(`examples/${scenario.file}`)}`);
			for (const run of scenario.runs(shared, sandbox)) {
				const responses = [];
				const workflow = run.prepare
					? run.prepare(loadExample(scenario.file), shared, sandbox)
					: loadExample(scenario.file);
				const setupResult = (run.setup ? await run.setup(shared, sandbox, types) : undefined) ?? {};
				const result = await runWorkflow(workflow, {
					nodeTypes: {
						...standIns(responses, userFolder),
						...types.nodeTypes,
						...setupResult.extraNodeTypes,
					},
					credentialTypes: types.credentialTypes,
					credentials,
					startNode: workflow.nodes[0].name,
					startItems: setupResult.startItems ?? run.input,
				});
				const lines = scenario.summarize({ result, responses, run, shared, sandbox, setupResult });
				const failed = Boolean(result.error) || lines.some((l) => l.startsWith('✗'));
				if (failed) failures++;
				print(`  ${run.label}`);
				for (const line of lines)
					print(
						`    ${line.startsWith('✗') ? red(line) : line.startsWith('✓') ? green(line) : line}`,
					);
				if (result.error) print(`    ${red(`✗ workflow error: ${result.error.message}`)}`);
			}
		}
	} finally {
		await sandbox.stop();
	}
	const stats = `${((Date.now() - started) / 1000).toFixed(1)} s`;
	print(
		`\n${failures ? red(`${failures} step(s) failed`) : green('All example workflows ran successfully')} ${dim(`in ${stats}; sandbox stopped.`)}`,
	);
	if (!existsSync(join(ROOT, 'dist'))) failures++;
	process.exit(failures ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`demo failed: ${error.stack || error}\n`);
	process.exit(1);
});
