import type { IDataObject, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { jsonPathOf, parameterReader } from '../../nodes/shared/parameterReader';
import { packageNodeTypes, runWorkflow, singleNodeWorkflow } from '../helpers/n8n';

/**
 * The parameter reader gives, for every item, exactly what n8n-core's getNodeParameter gives (value or error), while
 * calling it far less often: a probe node in n8n-core's real engine reads each parameter both ways for every item.
 */

type Outcome = { value: unknown } | { error: string };

const outcome = (read: () => unknown): Outcome => {
	try {
		return { value: read() };
	} catch (error) {
		return { error: (error as Error).message };
	}
};

const PARAMETERS: IDataObject = {
	plain: 'a constant',
	count: 7,
	simple: '={{ $json.a }}',
	spaced: '={{   $json.a   }}',
	number: '={{ $json.n }}',
	boolean: '={{ $json.flag }}',
	nested: '={{ $json.nested.c }}',
	bracket: '={{ $json["sp ace"] }}',
	quoted: "={{ $json['sp ace'] }}",
	index: '={{ $json.list[1] }}',
	object: '={{ $json.nested }}',
	missing: '={{ $json.nope }}',
	deepMissing: '={{ $json.nope.deeper }}',
	nullValue: '={{ $json.nothing }}',
	computed: '={{ $json.a + "!" }}',
	template: '=id-{{ $json.a }}',
	ownConstructor: '={{ $json.constructor }}',
	parameterOf: '={{ $parameter.plain }}',
	itemIndex: '={{ $itemIndex }}',
	entries: { x: '={{ $json.a }}', y: 'fixed', z: 5 },
	mixed: { x: '={{ $json.a }}', w: '={{ $json.a.toUpperCase() }}' },
	constantCollection: { p: 'one', q: { r: ['two'] } },
	locator: { __rl: true, mode: 'id', value: '={{ $json.a }}' },
};

const ITEMS: IDataObject[] = Array.from({ length: 40 }, (_, i) => ({
	a: `value-${i}`,
	n: i * 1.5,
	flag: i % 2 === 0,
	nested: { c: `deep-${i}` },
	'sp ace': `spaced-${i}`,
	list: ['zero', `one-${i}`],
	nothing: null,
	// a few items lack fields the others have
	...(i % 7 === 3 ? { a: undefined, nested: 'not an object' } : {}),
	...(i === 5 ? { constructor: 'own' } : {}),
}));

const probeDescription: INodeTypeDescription = {
	displayName: 'Parameter Probe',
	name: 'parameterProbe',
	group: ['transform'],
	version: 1,
	description: 'Reads its parameters with the reader and with getNodeParameter',
	defaults: { name: 'Probe' },
	inputs: ['main'],
	outputs: ['main'],
	properties: Object.entries(PARAMETERS).map(([name, value]) =>
		name === 'locator'
			? {
					displayName: name,
					name,
					type: 'resourceLocator',
					default: { mode: 'id', value: '' },
					modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
				}
			: {
					displayName: name,
					name,
					type:
						typeof value === 'number' ? 'number' : typeof value === 'object' ? 'json' : 'string',
					default: typeof value === 'number' ? 0 : '',
				},
	) as INodeTypeDescription['properties'],
};

class ParameterProbe implements INodeType {
	description = probeDescription;

	async execute(this: IExecuteFunctions) {
		const calls: Record<string, number> = {};
		const counting = {
			getNode: () => this.getNode(),
			getInputData: () => this.getInputData(),
			evaluateExpression: (expression: string, itemIndex: number) => {
				calls.evaluateExpression = (calls.evaluateExpression ?? 0) + 1;
				return this.evaluateExpression(expression, itemIndex);
			},
			getNodeParameter: (name: string, ...rest: unknown[]) => {
				const top = name.split('.')[0];
				calls[top] = (calls[top] ?? 0) + 1;
				return (this.getNodeParameter as (...args: unknown[]) => unknown)(name, ...rest);
			},
		} as unknown as IExecuteFunctions;
		const read = parameterReader(counting);
		const rows = this.getInputData().map((_, itemIndex) => {
			const row: IDataObject = {};
			for (const name of Object.keys(PARAMETERS)) {
				const options = name === 'locator' ? { extractValue: true } : undefined;
				row[name] = {
					reader: outcome(() => read(name, itemIndex, undefined, options)),
					n8n: outcome(() => this.getNodeParameter(name, itemIndex, undefined, options)),
				} as IDataObject;
			}
			return { json: row, pairedItem: { item: itemIndex } };
		});
		rows.push({ json: { calls }, pairedItem: { item: 0 } });
		return [rows];
	}
}

async function probe() {
	const run = await runWorkflow(
		singleNodeWorkflow('parameterProbe', PARAMETERS, ITEMS, { credentials: {} }),
		{},
		{
			nodeTypes: {
				...packageNodeTypes,
				'n8n-nodes-privacy-number.parameterProbe': new ParameterProbe(),
			},
		} as never,
	);
	expect(run.error).toBeUndefined();
	const out = run.output('Node').map((item) => item.json);
	return { rows: out.slice(0, -1), calls: out[out.length - 1].calls as Record<string, number> };
}

let result: Awaited<ReturnType<typeof probe>>;
beforeAll(async () => {
	result = await probe();
});

test.each(Object.keys(PARAMETERS))(
	'%s: the same value or error as getNodeParameter, item by item',
	(name) => {
		expect(result.rows).toHaveLength(ITEMS.length);
		for (const row of result.rows) {
			const { reader, n8n } = row[name] as { reader: Outcome; n8n: Outcome };
			expect(reader).toEqual(n8n);
		}
	},
);

test('the probe meets values, misses and errors (the comparison above is not vacuous)', () => {
	const outcomes = (name: string) => result.rows.map((row) => (row[name] as { n8n: Outcome }).n8n);
	expect(outcomes('simple')[0]).toEqual({ value: 'value-0' });
	expect(outcomes('number')[3]).toEqual({ value: 4.5 });
	expect(outcomes('locator')[2]).toEqual({ value: 'value-2' });
	expect(outcomes('entries')[1]).toEqual({ value: { x: 'value-1', y: 'fixed', z: 5 } });
	// n8n gives undefined for a missing path (dropped from the output item's JSON)
	expect(outcomes('deepMissing')[0]).toEqual({});
	expect(outcomes('ownConstructor').every((o) => 'error' in o)).toBe(true);
});

test('n8n evaluates each constant once and the $json paths together once; other expressions per item', () => {
	const items = ITEMS.length;
	const { calls } = result;
	const getNodeParameterCalls = (name: string) => calls[name] ?? 0;
	for (const name of ['plain', 'count', 'constantCollection']) expect(calls[name]).toBe(1);
	// a $json path is n8n's to read only for the items where it holds no text, number or boolean
	const without = (has: (item: IDataObject) => boolean) =>
		ITEMS.filter((item) => !has(item)).length;
	expect(getNodeParameterCalls('simple')).toBe(without((item) => typeof item.a === 'string'));
	expect(getNodeParameterCalls('number')).toBe(0);
	expect(getNodeParameterCalls('index')).toBe(0);
	expect(getNodeParameterCalls('nested')).toBe(without((item) => typeof item.nested === 'object'));
	expect(getNodeParameterCalls('object')).toBe(without((item) => typeof item.nested === 'string'));
	for (const name of ['computed', 'template', 'missing', 'mixed', 'locator', 'ownConstructor'])
		expect(calls[name]).toBe(items);
	// entries: y and z once each, x like `simple`
	expect(calls.entries).toBe(getNodeParameterCalls('simple') + 2);
	// one evaluation of all paths at item 0, one more where `$json.nested` first holds text (item 3)
	expect(calls.evaluateExpression).toBe(2);
});

test('values read once are shared frozen, so that no operation changes them for the next item', async () => {
	const read = parameterReader({
		getNode: () => ({ parameters: { options: { retries: 2 } } }),
		getInputData: () => [{ json: {} }, { json: {} }],
		getNodeParameter: () => ({ retries: 2 }),
	} as unknown as IExecuteFunctions);
	const first = read('options', 0) as IDataObject;
	expect(Object.isFrozen(first)).toBe(true);
	expect(read('options', 1)).toBe(first);
});

test.each([
	['={{ $json.a }}', ['a']],
	['={{$json.a.b_2}}', ['a', 'b_2']],
	['={{ $json["x y"][3] }}', ['x y', 3]],
	["={{ $json['k'] }}", ['k']],
	['={{ $json.a }} ', undefined],
	['={{ $json.a.toUpperCase() }}', undefined],
	['={{ $json }}', undefined],
	['={{ $json.__proto__ }}', undefined],
	['={{ $json["constructor"] }}', undefined],
	['=x{{ $json.a }}', undefined],
	['={{ $json.a }}{{ $json.b }}', undefined],
])('jsonPathOf(%s)', (expression, steps) => {
	expect(jsonPathOf(expression)).toEqual(steps);
});

describe('when n8n does not confirm the $json paths, n8n reads them', () => {
	const fake = (evaluateExpression: () => unknown) => {
		const reads: number[] = [];
		const ctx = {
			getNode: () => ({ parameters: { phone: '={{ $json.phone }}' } }),
			getInputData: () => [{ json: { phone: 'item-0' } }, { json: { phone: 'item-1' } }],
			evaluateExpression,
			getNodeParameter: (_name: string, itemIndex: number) => {
				reads.push(itemIndex);
				return `n8n-${itemIndex}`;
			},
		} as unknown as IExecuteFunctions;
		return { read: parameterReader(ctx), reads };
	};

	test.each([
		['gives other values', () => ['something else']],
		[
			'cannot evaluate them',
			() => {
				throw new Error('no');
			},
		],
	])('n8n %s', (_, evaluate) => {
		const { read, reads } = fake(evaluate);
		expect([read('phone', 0), read('phone', 1)]).toEqual(['n8n-0', 'n8n-1']);
		expect(reads).toEqual([0, 1]);
	});

	test('n8n agrees: the item JSON is read, n8n evaluated once', () => {
		let evaluations = 0;
		const { read, reads } = fake(() => {
			evaluations++;
			return ['item-0'];
		});
		expect([read('phone', 0), read('phone', 1)]).toEqual(['item-0', 'item-1']);
		expect({ reads, evaluations }).toEqual({ reads: [], evaluations: 1 });
	});
});

test('an expression n8n evaluates is evaluated once per item, however often it is asked for', () => {
	const reads: number[] = [];
	const read = parameterReader({
		getNode: () => ({ parameters: { options: { reuse: '={{ $json.resend === true }}' } } }),
		getInputData: () => [{ json: {} }, { json: {} }],
		getNodeParameter: (_name: string, itemIndex: number) => {
			reads.push(itemIndex);
			return { reuse: itemIndex === 1 };
		},
	} as unknown as IExecuteFunctions);
	expect([read('options', 0), read('options', 0), read('options', 1), read('options', 1)]).toEqual([
		{ reuse: false },
		{ reuse: false },
		{ reuse: true },
		{ reuse: true },
	]);
	expect(reads).toEqual([0, 1]);
});
