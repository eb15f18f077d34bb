import type { IExecuteFunctions, IGetNodeParameterOptions, INodeParameters } from 'n8n-workflow';

/**
 * Reads an item's node parameters with the values n8n's getNodeParameter gives, doing less work per item.
 * Each n8n expression evaluation builds a workflow data proxy and a sandbox context (about 0.1 ms), which is most
 * of a node's own cost per request, so:
 *  - a parameter with no expression anywhere in it has one value for every item: it is read once per execution;
 *  - `={{ $json.field }}` (a path of names or indexes) whose value is text, a finite number or a boolean is that value
 *    of the item's JSON, once n8n has evaluated all such paths together for one item and agreed with every one;
 *  - a collection holding expressions is read entry by entry, so its constant entries are read once;
 *  - everything else (other expressions, objects, missing values, resource locators) goes to getNodeParameter.
 */
export type ReadParameter = (
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
) => unknown;

type PathStep = string | number;

const isExpression = (value: unknown): value is string =>
	typeof value === 'string' && value.startsWith('=');

function holdsExpression(value: unknown): boolean {
	if (isExpression(value)) return true;
	if (value === null || typeof value !== 'object') return false;
	return Object.values(value).some(holdsExpression);
}

const STEP = /^(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\s*\])/;
const JSON_PATH =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*'|\d+)\s*\])+)\s*\}\}$/;

const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** The steps of `={{ $json.a["b"][0] }}`, or undefined for any other expression. */
export function jsonPathOf(expression: string): PathStep[] | undefined {
	const match = JSON_PATH.exec(expression);
	if (!match) return undefined;
	const steps: PathStep[] = [];
	let rest = match[1];
	while (rest.length) {
		const step = STEP.exec(rest) as RegExpExecArray;
		const [, name, double, single, index] = step;
		steps.push(index !== undefined ? Number(index) : (name ?? double ?? single));
		rest = rest.slice(step[0].length);
	}
	// names n8n's expression sandbox treats specially are left to n8n
	return steps.some((step) => UNSAFE_NAMES.has(step as string)) ? undefined : steps;
}

/** The primitive at `steps` of the item's JSON (own properties only), or undefined. */
function primitiveAt(json: unknown, steps: PathStep[]): string | number | boolean | undefined {
	let value = json;
	for (const step of steps) {
		if (value === null || typeof value !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(value, step)) return undefined;
		value = (value as Record<PathStep, unknown>)[step];
	}
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	return undefined;
}

/** A value read once and shared by every item: frozen, so that no operation can change it for the others. */
function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		Object.values(value).forEach(deepFreeze);
	}
	return value;
}

function rawAt(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

const isCollection = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !('__rl' in value);

/** The `$json` path expressions among the parameters (top level and inside collections), by parameter path. */
function jsonPathParameters(parameters: INodeParameters): Map<string, PathStep[]> {
	const found = new Map<string, PathStep[]>();
	const visit = (path: string, value: unknown) => {
		const steps = isExpression(value) ? jsonPathOf(value) : undefined;
		if (steps) found.set(path, steps);
	};
	for (const [name, value] of Object.entries(parameters)) {
		visit(name, value);
		if (isCollection(value))
			for (const [entry, inner] of Object.entries(value)) visit(`${name}.${entry}`, inner);
	}
	return found;
}

/** `={{ $json.a["b"] }}` as the expression text inside the braces. */
const expressionText = (steps: PathStep[]) =>
	'$json' + steps.map((step) => `[${JSON.stringify(step)}]`).join('');

type Plan =
	| { kind: 'constant' }
	| { kind: 'json' }
	| { kind: 'n8n' }
	/** a collection read entry by entry: each is a constant or a `$json` path */
	| { kind: 'entries'; entries: string[] };

/** How the parameter at `name` is read, from its raw value (the same for every item). */
function planOf(
	name: string,
	raw: unknown,
	jsonPaths: Map<string, PathStep[]>,
	options?: IGetNodeParameterOptions,
): Plan {
	if (!holdsExpression(raw)) return { kind: 'constant' };
	if (options) return { kind: 'n8n' };
	if (isExpression(raw)) return jsonPaths.has(name) ? { kind: 'json' } : { kind: 'n8n' };
	if (!isCollection(raw)) return { kind: 'n8n' };
	// An entry's other expression may read its siblings ($parameter["&name"]): then n8n reads the whole collection.
	const entries = Object.keys(raw);
	const simple = entries.every(
		(entry) => !holdsExpression(raw[entry]) || jsonPaths.has(`${name}.${entry}`),
	);
	return simple ? { kind: 'entries', entries } : { kind: 'n8n' };
}

export function parameterReader(ctx: IExecuteFunctions): ReadParameter {
	const parameters = ctx.getNode().parameters;
	const items = ctx.getInputData();
	const plans = new Map<string, Plan>();
	const constants = new Map<string, unknown>();
	const jsonPaths = jsonPathParameters(parameters);
	const shortcutAgrees = new Map<string, boolean>();

	const throughN8n: ReadParameter = (name, itemIndex, fallback, options) =>
		ctx.getNodeParameter(name, itemIndex, fallback as never, options);

	// A parameter n8n evaluates is evaluated once per item, however often the item's reading asks for it.
	const lastEvaluated = new Map<string, { itemIndex: number; value: unknown }>();
	function evaluated(
		key: string,
		name: string,
		itemIndex: number,
		fallback: unknown,
		options?: IGetNodeParameterOptions,
	) {
		const last = lastEvaluated.get(key);
		if (last?.itemIndex === itemIndex) return last.value;
		const value = throughN8n(name, itemIndex, fallback, options);
		lastEvaluated.set(key, { itemIndex, value });
		return value;
	}

	function constant(
		key: string,
		name: string,
		fallback: unknown,
		options?: IGetNodeParameterOptions,
	) {
		if (constants.has(key)) return constants.get(key);
		const value = deepFreeze(throughN8n(name, 0, fallback, options));
		constants.set(key, value);
		return value;
	}

	/**
	 * One n8n evaluation of every unconfirmed `$json` path at this item, as one array, compared with the item's JSON:
	 * where they agree, `$json` is this item's JSON and the shortcut holds for the rest of the execution.
	 */
	function confirmShortcuts(itemIndex: number) {
		const json = items[itemIndex]?.json;
		const pending = [...jsonPaths]
			.filter(([name]) => !shortcutAgrees.has(name))
			.map(([name, steps]) => ({ name, steps, direct: primitiveAt(json, steps) }))
			.filter(({ direct }) => direct !== undefined);
		let values: unknown;
		try {
			const list = pending.map(({ steps }) => expressionText(steps)).join(', ');
			values = ctx.evaluateExpression(`{{ [${list}] }}`, itemIndex);
		} catch {
			values = undefined; // n8n could not evaluate them together: every one stays n8n's to read
		}
		pending.forEach(({ name, direct }, index) => {
			shortcutAgrees.set(name, Array.isArray(values) && values[index] === direct);
		});
	}

	function fromJson(name: string, itemIndex: number): unknown {
		const direct = primitiveAt(items[itemIndex]?.json, jsonPaths.get(name) as PathStep[]);
		if (direct === undefined) return throughN8n(name, itemIndex);
		if (!shortcutAgrees.has(name)) confirmShortcuts(itemIndex);
		return shortcutAgrees.get(name) ? direct : throughN8n(name, itemIndex);
	}

	const read: ReadParameter = (name, itemIndex, fallback, options) => {
		const key = options ? `${name}\u0000${JSON.stringify(options)}` : name;
		let plan = plans.get(key);
		if (plan === undefined) {
			plan = planOf(name, rawAt(parameters, name), jsonPaths, options);
			plans.set(key, plan);
		}
		if (plan.kind === 'constant') return constant(key, name, fallback, options);
		if (plan.kind === 'json') return fromJson(name, itemIndex);
		if (plan.kind === 'n8n') return evaluated(key, name, itemIndex, fallback, options);
		return Object.fromEntries(
			plan.entries.map((entry) => [entry, read(`${name}.${entry}`, itemIndex)]),
		);
	};
	return read;
}
