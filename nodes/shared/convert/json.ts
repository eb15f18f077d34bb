import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type SubFieldSpec } from '../spec';
import { checkedText, describeValue, fail, isEmpty, scalarText, toNumber } from './scalars';

function subValue(key: SubFieldSpec, entry: unknown): string | number {
	const sub: FieldSpec = { ...key, wire: undefined };
	if (key.kind === 'number') {
		const n = toNumber(sub, entry);
		if (!Number.isInteger(n)) fail(sub, `must be a whole number (got ${n})`);
		return n;
	}
	if (key.options) {
		if (key.options.some((o) => o.value === entry)) return entry as string;
		fail(
			sub,
			`must be one of ${key.options.map((o) => String(o.value)).join(', ')}, got ${describeValue(entry)}`,
		);
	}
	return checkedText(sub, scalarText(sub, entry, 'text'));
}

export function toJsonObject(field: FieldSpec, raw: unknown): string {
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			fail(field, 'is not valid JSON');
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		fail(field, 'must be an object');
	const known = new Map((field.keys ?? []).map((key) => [key.name, key]));
	const out: IDataObject = {};
	for (const [name, entry] of Object.entries(value as IDataObject)) {
		const key = known.get(name);
		if (!key) fail(field, `unknown key "${name}"; allowed: ${[...known.keys()].join(', ')}`);
		if (isEmpty(entry)) continue;
		try {
			out[name] = subValue(key, entry);
		} catch (error) {
			// Reported under the field the user sees, naming the key: "DTMF Config (DtmfConfig): maxLoop must be …"
			fail(field, `${name} ${error instanceof FieldError ? error.reason : String(error)}`);
		}
	}
	return JSON.stringify(out);
}

/** JSON text or an expression's list/object; the wire value is the parsed list or object. */
export function toJsonText(field: FieldSpec, raw: unknown): unknown {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			return fail(field, 'is not valid JSON');
		}
	}
	if (!value || typeof value !== 'object' || value instanceof Date) {
		fail(field, `must be a JSON list or object, got ${describeValue(value)}`);
	}
	return value;
}
