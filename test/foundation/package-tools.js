'use strict';
/*
 * Build / stage / pack helpers for the loader test (JS: child_process, process.env and fs need no lint exceptions
 * here).
 */
const { execFileSync } = require('node:child_process');
const {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	existsSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args) {
	return execFileSync(NPM, args, {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, CI: '1', NO_COLOR: '1' },
		maxBuffer: 64 * 1024 * 1024,
	});
}

/** `npm run build` in the repository; throws with the build output when it fails. */
function build() {
	try {
		run(['run', 'build']);
	} catch (error) {
		throw new Error(`npm run build failed:\n${error.stdout || ''}\n${error.stderr || ''}`);
	}
}

/**
 * Lays the built package out as n8n installs a community package: <tmp>/node_modules/<name>/{package.json,dist},
 * with only its peer dependency n8n-workflow beside it (linked to the repository's copy).
 */
function stagePackage(name) {
	const base = mkdtempSync(join(tmpdir(), 'n8n-loader-'));
	const modules = join(base, 'node_modules');
	const dir = join(modules, name);
	mkdirSync(dir, { recursive: true });
	cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
	if (!existsSync(join(ROOT, 'dist'))) throw new Error('dist/ is missing after the build');
	cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
	symlinkSync(join(ROOT, 'node_modules', 'n8n-workflow'), join(modules, 'n8n-workflow'), 'dir');
	return { base, dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** Builds and stages; one retry if another process rebuilt dist/ while it was being copied. */
function buildAndStage(name) {
	let lastError;
	for (let attempt = 0; attempt < 2; attempt++) {
		build();
		try {
			return stagePackage(name);
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}

/** The file list of `npm pack --dry-run --json`. */
function packFiles() {
	const out = run(['pack', '--dry-run', '--json', '--ignore-scripts']);
	const start = out.indexOf('[');
	const parsed = JSON.parse(out.slice(start));
	return parsed[0].files.map((f) => f.path);
}

/** Small file helpers for the TypeScript tests (which may not import node:fs / node:path under the n8n lint rules). */
const files = {
	join: (...parts) => join(...parts),
	exists: (path) => existsSync(path),
	read: (path) => readFileSync(path, 'utf8'),
	readJson: (path) => JSON.parse(readFileSync(path, 'utf8')),
};

module.exports = { ROOT, build, stagePackage, buildAndStage, packFiles, files };
