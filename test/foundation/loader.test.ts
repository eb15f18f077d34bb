import { LazyPackageDirectoryLoader, PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	INodeType,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { testCredentials } from './credential-tester';
import { ROOT, buildAndStage, files as fsx, packFiles } from './package-tools';

const { join, exists: existsSync, read } = fsx;

/**
 * The BUILT package, loaded the way n8n loads a community package: n8n-core's package directory loader
 * reading package.json's `n8n` section from <tmp>/node_modules/n8n-nodes-privacy-number (package.json + dist only,
 * with nothing but the peer dependency n8n-workflow beside it).
 */

interface PackageJson {
	name: string;
	files: string[];
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
}

const pkg = JSON.parse(read(join(ROOT, 'package.json'))) as PackageJson;
let staged: { dir: string; cleanup(): void };
let loader: PackageDirectoryLoader;

beforeAll(async () => {
	staged = buildAndStage(pkg.name);
	loader = new PackageDirectoryLoader(staged.dir);
	await loader.loadAll();
}, 240_000);

afterAll(() => {
	staged?.cleanup();
});

type IconUrl = string | { light: string; dark: string } | undefined;

/** Resolves a loader icon URL (`icons/<package>/<path inside the package>`) to the file on disk. */
function iconFile(url: string): string {
	const prefix = `icons/${pkg.name}/`;
	expect(url.startsWith(prefix)).toBe(true);
	return join(staged.dir, url.slice(prefix.length));
}

function expectThemedIcons(iconUrl: IconUrl, owner: string) {
	expect(typeof iconUrl).toBe('object');
	const { light, dark } = iconUrl as { light: string; dark: string };
	const lightFile = iconFile(light);
	const darkFile = iconFile(dark);
	expect({ owner, light: existsSync(lightFile), dark: existsSync(darkFile) }).toEqual({
		owner,
		light: true,
		dark: true,
	});
	expect(lightFile).not.toBe(darkFile);
	const lightSvg = read(lightFile);
	const darkSvg = read(darkFile);
	expect(lightSvg).toMatch(/<svg[\s>]/);
	expect(darkSvg).toMatch(/<svg[\s>]/);
	expect(lightSvg).not.toBe(darkSvg);
}

function currentDescription(type: INodeType | IVersionedNodeType): INodeTypeDescription {
	if ('nodeVersions' in type) return type.nodeVersions[type.currentVersion].description;
	return type.description;
}

describe('package.json as n8n expects it', () => {
	it('declares an n8n section with strict mode, API version 1, dist paths, no runtime dependencies', () => {
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.files).toEqual(['dist', 'index.js']);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(path).toMatch(/^dist\/.+\.js$/);
		expect(pkg.n8n.credentials).toEqual(
			expect.arrayContaining([
				'dist/credentials/AlibabaCloudApi.credentials.js',
				'dist/credentials/NxCloudApi.credentials.js',
			]),
		);
	});
});

describe('n8n-core PackageDirectoryLoader over the built package', () => {
	it('uses the package name from package.json', () => {
		expect(loader.packageName).toBe('n8n-nodes-privacy-number');
	});

	it('finds both credentials by their type names, with light/dark icons that exist and differ', () => {
		expect(Object.keys(loader.known.credentials).sort()).toEqual(['alibabaCloudApi', 'nxCloudApi']);
		for (const name of ['alibabaCloudApi', 'nxCloudApi']) {
			const { type, sourcePath } = loader.getCredential(name);
			expect(pkg.n8n.credentials).toContain(sourcePath);
			expect(type.name).toBe(name);
			expect(type.properties.length).toBeGreaterThan(0);
			expect(typeof type.authenticate).toBe('function');
			expect(type.test?.request).toBeDefined();
			expectThemedIcons((type as ICredentialType & { iconUrl?: IconUrl }).iconUrl, name);
		}
		expect(loader.getCredential('alibabaCloudApi').type.displayName).toBe('Alibaba Cloud API');
		expect(loader.getCredential('nxCloudApi').type.displayName).toBe('NXCloud API');
	});

	it('finds every node listed in package.json, each with its codex and light/dark icons that exist and differ', () => {
		expect(pkg.n8n.nodes.length).toBeGreaterThan(0);
		const known = Object.entries(loader.known.nodes);
		expect(known.map(([, k]) => k.sourcePath).sort()).toEqual([...pkg.n8n.nodes].sort());
		for (const [name, { sourcePath }] of known) {
			const codexFile = join(staged.dir, `${sourcePath}on`);
			expect({ sourcePath, codexShipped: existsSync(codexFile) }).toEqual({
				sourcePath,
				codexShipped: true,
			});
			const codexJson = JSON.parse(read(codexFile)) as { node: string; categories: string[] };
			expect(codexJson.node).toBe(`${pkg.name}.${name}`);

			const { type } = loader.getNode(name);
			const description = currentDescription(type);
			expect(description.name).toBe(name);
			expect(description.codex?.categories).toEqual(codexJson.categories);
			expect(description.codex?.categories?.length).toBeGreaterThan(0);
			expect(description.codex?.resources?.primaryDocumentation?.length).toBeGreaterThan(0);
			expectThemedIcons(
				(description as INodeTypeDescription & { iconUrl?: IconUrl }).iconUrl,
				name,
			);
			expect(description.icon).toBeUndefined();
			expect(description.communityNodePackageVersion).toBe(
				(JSON.parse(read(join(staged.dir, 'package.json'))) as { version: string }).version,
			);
			// every credential a node asks for is one the package ships
			for (const credential of description.credentials ?? []) {
				expect(Object.keys(loader.known.credentials)).toContain(credential.name);
			}
		}
	});

	it('links each credential to the nodes that use it (supportedNodes)', () => {
		const supported = Object.fromEntries(
			Object.entries(loader.known.credentials).map(([name, c]) => [name, c.supportedNodes ?? []]),
		);
		expect(supported.alibabaCloudApi).toContain('aliyunPhoneNumberProtection');
	});

	it('types for the editor list every node and both credentials', () => {
		expect(loader.types.nodes.map((d) => d.name).sort()).toEqual(
			Object.keys(loader.known.nodes).sort(),
		);
		expect(loader.types.credentials.map((c) => c.name).sort()).toEqual([
			'alibabaCloudApi',
			'nxCloudApi',
		]);
	});

	it(
		'LazyPackageDirectoryLoader (used for installed packages) falls back ' +
			'to a full load and finds the same',
		async () => {
			const lazy = new LazyPackageDirectoryLoader(staged.dir);
			await lazy.loadAll();
			expect(Object.keys(lazy.known.credentials).sort()).toEqual(
				Object.keys(loader.known.credentials).sort(),
			);
			expect(Object.keys(lazy.known.nodes).sort()).toEqual(Object.keys(loader.known.nodes).sort());
		},
	);
});

describe('the built credentials, as loaded, pass their own credential test against the sandbox', () => {
	it(
		'alibabaCloudApi (permanent and STS keys) and nxCloudApi → Connection ' +
			'successful!; a wrong secret fails',
		async () => {
			const sb = await startSandbox({ quiet: true });
			try {
				const types = {
					alibabaCloudApi: loader.getCredential('alibabaCloudApi').type,
					nxCloudApi: loader.getCredential('nxCloudApi').type,
				};
				const ok = { status: 'OK', message: 'Connection successful!' };
				expect(
					await testCredentials(types, 'alibabaCloudApi', {
						...sb.credentials.aliyun,
						endpoint: sb.aliyunEndpoint,
					}),
				).toEqual(ok);
				expect(
					await testCredentials(types, 'alibabaCloudApi', {
						...sb.credentials.aliyunSts,
						endpoint: sb.aliyunEndpoint,
					}),
				).toEqual(ok);
				const nx = { ...sb.credentials.nxcloud, baseUrl: 'custom', customBaseUrl: sb.nxBaseUrl };
				expect(await testCredentials(types, 'nxCloudApi', nx)).toEqual(ok);
				const wrong = await testCredentials(types, 'alibabaCloudApi', {
					...sb.credentials.aliyun,
					accessKeySecret: 'wrong',
					endpoint: sb.aliyunEndpoint,
				});
				expect(wrong.status).toBe('Error');
				expect(sb.lastRequests(4).map((r) => r.verified)).toEqual([true, true, true, false]);
			} finally {
				await sb.stop();
			}
		},
	);
});

describe('npm pack', () => {
	it('ships only dist/**, README.md, LICENSE and package.json', () => {
		const files = packFiles();
		expect(files).toContain('package.json');
		expect(files.some((f) => f.startsWith('dist/'))).toBe(true);
		const unexpected = files.filter(
			(f) =>
				!f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'index.js'].includes(f),
		);
		expect(unexpected).toEqual([]);
		expect(
			files.filter((f) => /^(test|sandbox|credentials|nodes|scripts|bench|examples)\//.test(f)),
		).toEqual([]);
		expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
		// every file n8n loads is shipped
		for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(path);
	});
});
