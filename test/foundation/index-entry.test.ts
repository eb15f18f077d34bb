/**
 * index.js, the package's "main" (`require('n8n-nodes-privacy-number')`): it exports the classes of exactly the files
 * of package.json's "n8n" section, each under its class name, and is published.
 *
 * Here each dist/ file index.js requires is mapped to its TypeScript source, so the test needs no build and cannot
 * race the loader test, which rebuilds (and first empties) dist/ while other test files run; the real build is what
 * test/foundation/loader.test.ts loads.
 */
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { ROOT, files as fsx } from './package-tools';

interface PackageJson {
	name: string;
	main?: string;
	files: string[];
	n8n: { nodes: string[]; credentials: string[] };
}

type Entry = Record<string, new () => INodeType | IVersionedNodeType | ICredentialType>;

const pkg = fsx.readJson(fsx.join(ROOT, 'package.json')) as PackageJson;
const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];

/** dist/nodes/X/X.node.js → X: the class each file exports. */
const classNameOf = (path: string) =>
	(path.split('/').pop() as string).replace(/\.(node|credentials)\.js$/, '');
const typeNameOf = (path: string) => classNameOf(path).replace(/^./, (c) => c.toLowerCase());
/** dist/nodes/X/X.node.js → ../../nodes/X/X.node (the TypeScript source, through ts-jest). */
const sourceOf = (path: string) => `../../${path.replace(/^dist\//, '').replace(/\.js$/, '')}`;

/** Loads index.js afresh with each listed dist file served from its source; `failing` makes one of them throw. */
function loadEntry(failing?: { path: string; error: Error }): { entry: Entry; loaded: string[] } {
	jest.resetModules();
	const loaded: string[] = [];
	for (const path of listed) {
		jest.doMock(
			`../../${path}`,
			() => {
				if (failing?.path === path) throw failing.error;
				loaded.push(path);
				return jest.requireActual(sourceOf(path));
			},
			{ virtual: true },
		);
	}
	const entry = jest.requireActual<Entry>('../../index.js');
	return { entry, loaded };
}

describe('index.js, the package entry point', () => {
	test('package.json names it as "main" and publishes it beside dist/', () => {
		expect(pkg.main).toBe('index.js');
		expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'index.js']));
	});

	test('requires exactly the files of the "n8n" section and exports each one\'s class under its name', () => {
		const { entry, loaded } = loadEntry();
		expect([...loaded].sort()).toEqual([...listed].sort());
		expect(Object.keys(entry).sort()).toEqual(listed.map(classNameOf).sort());
		for (const path of listed) {
			const mod = jest.requireActual<Entry>(sourceOf(path));
			expect({ path, same: entry[classNameOf(path)] === mod[classNameOf(path)] }).toEqual({
				path,
				same: true,
			});
		}
	});

	test.each(pkg.n8n.nodes)('%s: the node class describes the node of that name', (path) => {
		const { entry } = loadEntry();
		const node = new entry[classNameOf(path)]() as INodeType | IVersionedNodeType;
		expect(node.description.name).toBe(typeNameOf(path));
		expect(node.description.displayName).toEqual(expect.any(String));
	});

	test.each(pkg.n8n.credentials)(
		'%s: the credential class is the credential of that name',
		(path) => {
			const { entry } = loadEntry();
			const credential = new entry[classNameOf(path)]() as ICredentialType;
			expect(credential.name).toBe(typeNameOf(path));
			expect(credential.properties.length).toBeGreaterThan(0);
		},
	);

	test('without a build it fails naming the missing file and `npm run build`', () => {
		const path = pkg.n8n.nodes[0];
		const missing = Object.assign(new Error(`Cannot find module './${path}' from 'index.js'`), {
			code: 'MODULE_NOT_FOUND',
		});
		expect(() => loadEntry({ path, error: missing })).toThrow(
			`n8n-nodes-privacy-number: ${path} is missing; run \`npm run build\` first`,
		);
	});

	test('any other loading error is passed on unchanged', () => {
		const path = pkg.n8n.credentials[0];
		const other = Object.assign(
			new Error("Cannot find module 'n8n-workflow' from 'dist/credentials/x.js'"),
			{ code: 'MODULE_NOT_FOUND' },
		);
		expect(() => loadEntry({ path, error: other })).toThrow(other);
	});
});
