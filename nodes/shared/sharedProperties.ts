import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** What makes two operations' properties one: the same resource, show conditions and definition. */
function sharingKey(property: INodeProperties): string | undefined {
	const show = property.displayOptions?.show;
	const single = (values: unknown) => Array.isArray(values) && values.length === 1;
	if (!show || !single(show.resource) || !single(show.operation) || property.displayOptions?.hide)
		return undefined;
	const conditions = Object.entries(show).filter(([name]) => name !== 'operation');
	const definition = Object.entries(property).filter(([name]) => name !== 'displayOptions');
	return JSON.stringify([conditions, definition]);
}

/**
 * One property for the operations of a resource that show the same field, each operation's panel unchanged (same
 * fields, same order). n8n walks every property of a node for each execution (defaults, issues), so fewer is faster.
 */
export function shareIdenticalProperties(properties: INodeProperties[]): INodeProperties[] {
	const out: INodeProperties[] = [];
	const keys: Array<string | undefined> = [];
	const lastOfOperation = new Map<string, INodeProperties>();
	for (const property of properties) {
		const key = sharingKey(property);
		if (key === undefined) {
			out.push(property);
			keys.push(undefined);
			continue;
		}
		const show = property.displayOptions?.show as NonNullable<IDisplayOptions['show']>;
		const operation = (show.operation as string[])[0];
		const operationKey = JSON.stringify([show.resource, operation]);
		const previous = lastOfOperation.get(operationKey);
		// the operation's own properties so far all lie at or before `after`: what follows keeps its order
		const after = previous ? out.indexOf(previous) : -1;
		const shared = keys.findIndex((candidate, index) => index > after && candidate === key);
		if (shared >= 0) {
			(out[shared].displayOptions?.show?.operation as string[]).push(operation);
			lastOfOperation.set(operationKey, out[shared]);
			continue;
		}
		const own = { ...property, displayOptions: { show: { ...show, operation: [operation] } } };
		const at = previous ? after + 1 : out.length;
		out.splice(at, 0, own);
		keys.splice(at, 0, key);
		lastOfOperation.set(operationKey, own);
	}
	return out;
}
