#!/usr/bin/env node
'use strict';
/*
 * Screenshots of our nodes in a REAL n8n editor, for the README (docs/images/*.webp; needs Debian's chromium and webp).
 *
 *   node scripts/screenshots/take.js            build, start sandbox + n8n, take every shot, stop everything
 *   node scripts/screenshots/take.js --serve    same setup, then keep n8n running and print its URL + login
 *                                               (for looking around or writing a new shot); Ctrl-C stops it
 *
 * What it does:
 *  1. the pinned n8n + Node 24 of the end-to-end test (scripts/e2e/install-n8n.js; cached after the first install)
 *  2. `npm run build`, then package.json + dist/ into <tmp>/.n8n/nodes/node_modules/n8n-nodes-privacy-number
 *  3. starts the project's sandbox, imports credentials pointing at it under the ids the examples use
 *     (pn-aliyun-sandbox / pn-nxcloud-sandbox) and the example workflows of examples/*.json
 *  4. `n8n start` on 127.0.0.1 (a free port of its own), creates the owner through POST /rest/owner/setup
 *  5. headless Debian Chromium (/usr/bin/chromium, `apt-get install chromium`) driven by playwright-core, which is
 *     installed on demand with `npm install --no-save` into a temp folder (not a dependency of the package)
 *  6. saves each shot as docs/images/<name>.webp; always stops n8n and the sandbox and removes the temp folder
 *
 * Env: SHOTS_ONLY=<substring of shot names>[,<another>], SHOTS_SKIP_BUILD=1, SHOTS_KEEP=1 (keep the temp n8n folder),
 *      SHOTS_OUT=<dir> (default docs/images), SHOTS_TOOLS=<dir for playwright-core>, CHROMIUM=<path>, SHOTS_VERBOSE=1.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const { ensureInstalled } = require(path.join(REPO, 'scripts', 'e2e', 'install-n8n.js'));
const home = require(path.join(REPO, 'scripts', 'e2e', 'n8n-home.js'));
const { freePort, sleep } = home;

const OUT_DIR = path.resolve(process.env.SHOTS_OUT || path.join(REPO, 'docs', 'images'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PLAYWRIGHT_VERSION = '1.65.1';
const TOOLS_DIR = path.resolve(
	process.env.SHOTS_TOOLS || path.join(os.tmpdir(), 'n8n-pn-screenshot-tools'),
);
const VERBOSE = process.env.SHOTS_VERBOSE === '1';
const SERVE = process.argv.includes('--serve');
const VIEWPORT = { width: 1440, height: 900 };
const MAX_BYTES = 400 * 1024;

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Screenshots-2026',
};
const ENCRYPTION_KEY = 'screenshots-n8n-nodes-privacy-number-key';
const CREDS = {
	alibabaCloudApi: { id: 'pn-aliyun-sandbox', name: 'Alibaba Cloud (sandbox)' },
	nxCloudApi: { id: 'pn-nxcloud-sandbox', name: 'NXCloud (sandbox)' },
};

const T0 = Date.now();
function log(msg) {
	process.stdout.write(`[shots +${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s] ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// state that cleanup() releases

let install = null;
let tmpRoot = null;
let sandbox = null;
let browser = null;
let modelStub = null; // the scripted OpenAI-compatible model of the AI Agent shot
const children = new Set();

async function cleanup() {
	if (browser) {
		await browser.close().catch(() => {});
		browser = null;
	}
	await home.releaseAll({
		children,
		sandbox,
		folder: tmpRoot,
		keepVar: 'SHOTS_KEEP',
		log,
		graceMs: 5000,
	});
	sandbox = null;
	tmpRoot = null;
	if (modelStub) await modelStub.close();
	modelStub = null;
}

// ---------------------------------------------------------------------------------------------------------------
// tools: Chromium from Debian, playwright-core from the npm registry (outside the repository)

function loadPlaywright() {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} not found: install Debian's Chromium first (apt-get update && apt-get install -y chromium), or set CHROMIUM`,
		);
	}
	const entry = path.join(TOOLS_DIR, 'node_modules', 'playwright-core');
	if (!fs.existsSync(path.join(entry, 'package.json'))) {
		log(
			`installing playwright-core@${PLAYWRIGHT_VERSION} into ${TOOLS_DIR} (not a project dependency) ...`,
		);
		fs.mkdirSync(TOOLS_DIR, { recursive: true });
		// an own package.json so npm installs here and not into the repository that contains the script
		const pj = path.join(TOOLS_DIR, 'package.json');
		if (!fs.existsSync(pj))
			fs.writeFileSync(
				pj,
				JSON.stringify({ name: 'screenshot-tools', private: true, version: '0.0.0' }) + '\n',
			);
		const env = { ...process.env };
		for (const k of Object.keys(env))
			if (/^npm_/i.test(k) && !/^npm_config_(registry|cache|userconfig)$/i.test(k)) delete env[k];
		// playwright-core never downloads a browser on install; we use Debian's Chromium
		env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
		const r = spawnSync(
			'npm',
			[
				'install',
				'--no-save',
				'--no-package-lock',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				`playwright-core@${PLAYWRIGHT_VERSION}`,
			],
			{ cwd: TOOLS_DIR, env, encoding: 'utf8' },
		);
		if (r.status !== 0)
			throw new Error(
				`npm install playwright-core failed (${r.status}):\n${r.stdout}\n${r.stderr}`,
			);
	}
	return require(entry);
}

// ---------------------------------------------------------------------------------------------------------------
// n8n

function n8nEnv(extra = {}) {
	return home.n8nEnv(
		install,
		{ userFolder: tmpRoot, encryptionKey: ENCRYPTION_KEY },
		{ N8N_LOG_LEVEL: 'warn', N8N_HIRING_BANNER_ENABLED: 'false', ...extra },
	);
}

function spawnN8n(args, env) {
	const child = home.spawnN8n(install, tmpRoot, args, env);
	children.add(child);
	child.out = '';
	const onData = (d) => {
		child.out += d;
		if (VERBOSE) process.stdout.write(String(d).replace(/^/gm, `    [n8n ${args[0]}] `));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.done = new Promise((resolve) =>
		child.on('close', (code, signal) => {
			children.delete(child);
			resolve({ code, signal, out: child.out });
		}),
	);
	return child;
}

async function n8nCli(args) {
	const r = await spawnN8n(args, await n8nEnv()).done;
	if (r.code !== 0)
		throw new Error(
			`n8n ${args.join(' ')} exited with ${r.signal || r.code}:\n${r.out.split('\n').slice(-25).join('\n')}`,
		);
	return r;
}

async function startServer() {
	const port = Number(process.env.SHOTS_PORT) || (await freePort());
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = await n8nEnv({
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		WEBHOOK_URL: `${baseUrl}/`,
	});
	const child = spawnN8n(['start'], env);
	let exited = null;
	child.done.then((r) => (exited = r.signal || r.code));
	await home.waitUntilReady(baseUrl, { exited: () => exited, output: () => child.out });
	return { child, port, baseUrl };
}

/** POST /rest/owner/setup (first start), then /rest/login; returns the n8n-auth cookie value. */
async function ownerSession(baseUrl) {
	const post = async (p, body, cookie) => {
		const res = await fetch(`${baseUrl}${p}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, text, cookies: res.headers.getSetCookie() };
	};
	const setup = await post('/rest/owner/setup', OWNER);
	if (setup.status !== 200)
		throw new Error(`POST /rest/owner/setup -> ${setup.status}: ${setup.text.slice(0, 300)}`);
	const login = await post('/rest/login', {
		emailOrLdapLoginId: OWNER.email,
		password: OWNER.password,
	});
	if (login.status !== 200)
		throw new Error(`POST /rest/login -> ${login.status}: ${login.text.slice(0, 300)}`);
	const auth = login.cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!auth)
		throw new Error(`POST /rest/login set no n8n-auth cookie (${login.cookies.join(' | ')})`);
	return auth.slice('n8n-auth='.length);
}

// ---------------------------------------------------------------------------------------------------------------
// setup: package, sandbox, credentials, workflows

function installPackageIntoUserFolder() {
	const { target } = home.copyPackageIntoUserFolder(tmpRoot);
	fs.copyFileSync(path.join(REPO, 'package.json'), path.join(target, 'package.json'));
}

/** examples/N-name.json -> { n, slug, id, workflow } */
function examples() {
	const dir = path.join(REPO, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => /^\d+-.*\.json$/.test(f) && !f.endsWith('.e2e.json'))
		.sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
		.map((f) => {
			const slug = f.slice(0, -'.json'.length);
			const n = parseInt(f, 10);
			let wf = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
			if (Array.isArray(wf)) wf = wf[0];
			const id = `pnExample${String(n).padStart(7, '0')}`; // 16 characters, like n8n's own ids
			wf = { ...wf, id, active: false };
			delete wf.activeVersionId;
			delete wf.versionId;
			delete wf.shared;
			delete wf.tags;
			return { n, slug, id, workflow: wf };
		});
}

/** The AI Agent fixture of the end-to-end test, as example "ai" (its credential ids are the ones imported here). */
function aiAgentWorkflow() {
	const file = path.join(REPO, 'test', 'e2e', 'fixtures', 'ai-agent.json');
	const wf = JSON.parse(fs.readFileSync(file, 'utf8'));
	return {
		n: 'ai',
		slug: 'ai-agent',
		id: 'pnAiAgentExample',
		workflow: { ...wf, id: 'pnAiAgentExample' },
	};
}

async function build() {
	if (process.env.SHOTS_SKIP_BUILD === '1') return;
	log('npm run build ...');
	await home.buildPackage();
}

async function setup() {
	install = await ensureInstalled();
	await build();
	tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-shots-'));
	log(`n8n user folder: ${tmpRoot}`);
	installPackageIntoUserFolder();

	const { startSandbox } = require(path.join(REPO, 'sandbox'));
	sandbox = await startSandbox({ quiet: true });
	log(`sandbox at ${sandbox.url}`);

	const creds = home.sandboxCredentials(sandbox, CREDS);
	// the AI Agent workflow of the end-to-end test, with its scripted model (test/e2e/openai-stub.js)
	const aiCase = require(path.join(REPO, 'test', 'e2e', 'fixtures', 'ai-agent.e2e.js'));
	modelStub = await require(path.join(REPO, 'test', 'e2e', 'openai-stub.js')).startOpenAiStub(
		aiCase.script,
	);
	creds.push(aiCase.stubCredential(modelStub));
	const credFile = path.join(tmpRoot, 'credentials.json');
	fs.writeFileSync(credFile, JSON.stringify(creds, null, 2));
	log('n8n import:credentials (the first command also creates the database) ...');
	await n8nCli(['import:credentials', `--input=${credFile}`]);

	const exs = examples();
	exs.push(aiAgentWorkflow());
	const wfFile = path.join(tmpRoot, 'workflows.json');
	fs.writeFileSync(
		wfFile,
		JSON.stringify(
			exs.map((e) => e.workflow),
			null,
			2,
		),
	);
	log(`n8n import:workflow (${exs.length} examples) ...`);
	await n8nCli(['import:workflow', `--input=${wfFile}`]);

	log('n8n start ...');
	const server = await startServer();
	log(`n8n at ${server.baseUrl}`);
	const cookie = await ownerSession(server.baseUrl);
	log(`owner ${OWNER.email} set up and logged in`);
	return { server, cookie, examples: exs };
}

// ---------------------------------------------------------------------------------------------------------------
// the browser

async function openBrowser(playwright, baseUrl, cookie) {
	browser = await playwright.chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
	const context = await browser.newContext({
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'Asia/Shanghai',
	});
	await context.addCookies([{ name: 'n8n-auth', value: cookie, url: baseUrl }]);
	// Only loopback: anything the editor wants from the internet (telemetry, fonts, templates) is answered locally.
	await context.route(
		(url) =>
			!/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url.href) &&
			!/^(data|blob):/.test(url.href),
		(route) => route.abort(),
	);
	const page = await context.newPage();
	page.setDefaultTimeout(30000);
	return { context, page };
}

/**
 * Closes an onboarding / announcement / survey modal or a toast that covers the canvas right after a workflow
 * opened (none appears for this fresh owner with N8N_PERSONALIZATION_ENABLED=false, but n8n adds new ones often).
 * Only for the bare canvas: it would close the NDV or the credential modal too.
 */
async function dismissOverlays(page) {
	const closers = [
		'[data-test-id="nps-survey-modal"] .el-dialog__headerbtn',
		'.el-overlay .el-dialog__headerbtn',
		'.el-notification .el-notification__closeBtn',
		'[data-test-id="notification-banner-dismiss"]',
		'[data-test-id="credit-banner-dismiss"]',
	];
	for (let round = 0; round < 3; round++) {
		let closed = 0;
		for (const sel of closers) {
			const visible = page.locator(sel).filter({ visible: true });
			if ((await visible.count()) === 0) continue;
			const what = await visible
				.first()
				.evaluate((el) =>
					(el.closest('.el-dialog, .el-notification, [data-test-id]')?.textContent || '')
						.trim()
						.slice(0, 60),
				)
				.catch(() => '');
			await visible
				.first()
				.click({ timeout: 2000 })
				.catch(() => {});
			log(`  dismissed an overlay (${sel}): ${what}`);
			closed++;
		}
		if (!closed) return;
		await page.waitForTimeout(400);
	}
}

/**
 * Saved as lossless WebP (Debian's `webp` package: cwebp): `n8n-node build` copies every *.png and *.svg of the
 * project into dist/, so PNG screenshots would end up in the published package.
 */
async function shot(page, name, opts = {}) {
	const png = path.join(os.tmpdir(), `n8n-pn-shot-${name}.png`);
	const file = path.join(OUT_DIR, `${name}.webp`);
	await page.waitForTimeout(opts.settleMs ?? 600); // animations
	await page.screenshot({ path: png, ...opts.screenshot });
	require('node:child_process').execFileSync('cwebp', ['-quiet', '-lossless', png, '-o', file]);
	fs.rmSync(png, { force: true });
	const bytes = fs.statSync(file).size;
	log(`saved ${path.relative(REPO, file)} (${Math.round(bytes / 1024)} KB)`);
	if (bytes > MAX_BYTES) log(`WARNING: ${name}.webp is larger than ${MAX_BYTES / 1024} KB`);
	return file;
}

async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await page
		.locator('[data-test-id="canvas-node"]')
		.first()
		.waitFor({ state: 'visible', timeout: 60000 });
	await page.waitForTimeout(800);
	await dismissOverlays(page);
}

/** Moves the mouse, in steps so that hover effects end, to a spot where it highlights nothing. */
async function parkMouse(page, x = 720, y = 190) {
	await page.mouse.move(x, y, { steps: 8 });
	await page.waitForTimeout(300);
}

/** Double-clicks a canvas node by its name and waits for the node details view. */
async function openNode(page, nodeName) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await node.waitFor({ state: 'visible' });
	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible' });
	await page.waitForTimeout(800);
	await parkMouse(page, 1150, 780); // the output panel's empty lower part
}

async function closeToasts(page) {
	const close = page
		.locator('.el-notification .el-notification__closeBtn')
		.filter({ visible: true });
	for (let i = (await close.count()) - 1; i >= 0; i--)
		await close
			.nth(i)
			.click({ timeout: 2000 })
			.catch(() => {});
	await page.waitForTimeout(500);
}

/** Clicks "Execute workflow" and waits until every node of the workflow shows its success mark. */
async function runWorkflow(page, nodeCount) {
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await page.waitForFunction(
		(n) => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= n,
		nodeCount,
		{ timeout: 60000 },
	);
	await parkMouse(page);
}

const SHOTS = [];
function defineShot(name, description, fn) {
	SHOTS.push({ name, description, fn });
}

// Every example on the canvas; example 4 (manual trigger, NXCloud only) after a real run against the sandbox.
for (const [n, name] of [
	[1, 'workflow-1-new-order-bind-axb'],
	[2, 'workflow-2-extend-expiring-bindings'],
	[3, 'workflow-3-order-completed-unbind'],
	[5, 'workflow-5-call-recording-url'],
]) {
	defineShot(name, `example ${n} on the canvas`, async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(n).id);
		await parkMouse(page);
		await shot(page, name);
	});
}

defineShot(
	'workflow-4-nxcloud-bind-extension-then-list-run',
	'example 4 after "Execute workflow" against the sandbox',
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(4).id);
		await runWorkflow(page, example(4).workflow.nodes.length);
		await shot(page, 'workflow-4-nxcloud-bind-extension-then-list-run');
	},
);

defineShot(
	'nxcloud-node-bind-extension-output',
	"the NXCloud node after the run: parameters and the sandbox's answer",
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(4).id);
		await runWorkflow(page, example(4).workflow.nodes.length);
		await closeToasts(page); // "Workflow executed successfully"
		await openNode(page, 'Bind AXB Extension');
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText('1 item').first().waitFor({ state: 'visible' });
		await output.locator('[data-test-id="radio-button-json"]').first().click(); // every field, not a cut-off table
		await output.getByText('"bindId"').first().waitFor({ state: 'visible' });
		await parkMouse(page, 1150, 780);
		await shot(page, 'nxcloud-node-bind-extension-output');
	},
);

defineShot(
	'aliyun-node-bind-axb',
	"the Aliyun node's parameter panel (Bind AXB, example 1)",
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(1).id);
		await openNode(page, 'Bind AXB');
		await shot(page, 'aliyun-node-bind-axb');
	},
);

defineShot(
	'aliyun-node-update-expire',
	'Update with Operate Type updateExpire shows the Expiration field (example 2)',
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(2).id);
		await openNode(page, 'Extend by a Day');
		await page.locator('[data-test-id="parameter-input-expiration"]').waitFor({ state: 'visible' });
		await shot(page, 'aliyun-node-update-expire');
	},
);

defineShot(
	'aliyun-node-update-operate-types',
	'the eight Operate Types of Update (example 2)',
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(2).id);
		await openNode(page, 'Extend by a Day');
		await page.locator('[data-test-id="parameter-input-operateType"]').click();
		await page
			.getByText('updateIsRecordingEnabled', { exact: false })
			.first()
			.waitFor({ state: 'visible' });
		await parkMouse(page, 1150, 300); // a path that does not cross (and highlight) an entry of the open list
		await shot(page, 'aliyun-node-update-operate-types');
	},
);

defineShot(
	'node-creator-search',
	'both nodes in the node creator (search "number")',
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(1).id);
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		const search = page.locator('[data-test-id="node-creator-search-bar"]').first();
		await search.waitFor({ state: 'visible' });
		await search.fill('number');
		const creator = page.locator('[data-test-id="node-creator"]');
		await creator.getByText('Aliyun Phone Number Protection').first().waitFor({ state: 'visible' });
		await creator.getByText('NXCloud Privacy Number').first().waitFor({ state: 'visible' });
		await parkMouse(page);
		await shot(page, 'node-creator-search');
	},
);

defineShot(
	'node-creator-aliyun-actions',
	"the Aliyun node's actions in the node creator",
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example(1).id);
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		const search = page.locator('[data-test-id="node-creator-search-bar"]').first();
		await search.waitFor({ state: 'visible' });
		await search.fill('aliyun');
		const creator = page.locator('[data-test-id="node-creator"]');
		await creator.getByText('Aliyun Phone Number Protection').first().click();
		await creator.getByText('Bind A and B through X (AXB)').first().waitFor({ state: 'visible' });
		await parkMouse(page);
		await shot(page, 'node-creator-aliyun-actions');
	},
);

defineShot(
	'credential-alibaba-cloud-api',
	'the Alibaba Cloud API credential, tested against the sandbox',
	async ({ page, baseUrl }) => {
		await page.goto(`${baseUrl}/home/credentials/${CREDS.alibabaCloudApi.id}`, {
			waitUntil: 'domcontentloaded',
		});
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]').first();
		await dialog.waitFor({ state: 'visible', timeout: 60000 });
		await page.waitForTimeout(800);
		// Save runs the credential test (a signed QuerySecretNoRemain call) against the sandbox
		await page.locator('[data-test-id="credential-save-button"]').click();
		await page
			.locator('[data-test-id="credentials-config-container-test-success"]')
			.first()
			.waitFor({ state: 'visible' });
		await parkMouse(page, 1300, 850);
		await shot(page, 'credential-alibaba-cloud-api');
	},
);

defineShot(
	'ai-agent-tool-call',
	'the AI Agent calling the Aliyun node as a tool (scripted model): the logs of its bad and its corrected call',
	async ({ page, baseUrl, example }) => {
		await openWorkflow(page, baseUrl, example('ai').id);
		await runWorkflow(page, example('ai').workflow.nodes.length);
		await closeToasts(page);
		// the logs panel: the agent's runs as a tree; the second call of the Aliyun tool is the corrected one
		const body = page.locator('[data-test-id="logs-overview-body"]').first();
		if (!(await body.isVisible()))
			await page.locator('[data-test-id="logs-overview-header"]').first().click();
		const rows = body.getByText('Aliyun Bind AXB', { exact: true });
		// a click selects a row (and shows its input and output), a click on the selected row unselects it
		const select = async (row, shown) => {
			const text = page.getByText(shown, { exact: true }).filter({ visible: true });
			for (let i = 0; i < 3 && !(await text.count()); i++) {
				await row.click();
				await page.waitForTimeout(1000);
			}
			await text.first().waitFor();
			await parkMouse(page, 1200, 120); // empty canvas: no node toolbar shown
		};
		await select(rows.nth(0), 'tomorrow-ish'); // the model's first call, and the error it gets back
		await shot(page, 'ai-agent-tool-error');
		await select(rows.nth(1), 'in 3 hours'); // its corrected call, and the binding
		await shot(page, 'ai-agent-tool-call');
	},
);

// ---------------------------------------------------------------------------------------------------------------

async function main() {
	const playwright = loadPlaywright();
	const { server, cookie, examples: exs } = await setup();
	const example = (n) => {
		const e = exs.find((x) => x.n === n);
		if (!e) throw new Error(`examples/${n}-*.json not found`);
		return e;
	};

	if (SERVE) {
		log(
			`n8n is running: ${server.baseUrl}  (login ${OWNER.email} / ${OWNER.password}; cookie n8n-auth=${cookie})`,
		);
		log(`workflows: ${exs.map((e) => `${e.n} -> ${server.baseUrl}/workflow/${e.id}`).join(', ')}`);
		log('Ctrl-C stops n8n and the sandbox');
		await new Promise(() => {}); // until a signal
	}

	fs.mkdirSync(OUT_DIR, { recursive: true });
	const { page } = await openBrowser(playwright, server.baseUrl, cookie);
	page.on('pageerror', (e) => VERBOSE && log(`page error: ${e.message}`));
	const only = (process.env.SHOTS_ONLY || '').split(',').filter(Boolean);
	const failed = [];
	for (const s of SHOTS) {
		if (only.length && !only.some((o) => s.name.includes(o))) continue;
		log(`shot ${s.name}: ${s.description}`);
		try {
			await s.fn({ page, baseUrl: server.baseUrl, example });
		} catch (e) {
			failed.push(s.name);
			log(`FAILED ${s.name}: ${e.message.split('\n')[0]}`);
			const dbg = path.join(os.tmpdir(), `shots-failed-${s.name}.png`);
			await page.screenshot({ path: dbg }).catch(() => {});
			log(`  page at failure: ${dbg} (${page.url()})`);
		}
	}
	if (failed.length) throw new Error(`${failed.length} shot(s) failed: ${failed.join(', ')}`);
}

let exiting = false;
async function finish(code) {
	if (exiting) return;
	exiting = true;
	await cleanup();
	log(code ? 'done, with errors' : 'done');
	process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(SERVE ? 0 : 130));

main().then(
	() => finish(0),
	(e) => {
		log(`FAILED: ${e && e.stack ? e.stack : e}`);
		finish(1);
	},
);
