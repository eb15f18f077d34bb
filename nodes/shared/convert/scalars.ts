import { FieldError, type FieldSpec, type SubFieldSpec } from '../spec';

/** The checks every kind builds on: what a value is, its text, numbers and booleans, and how a refusal is raised. */

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(typeof value === 'object' &&
			!Array.isArray(value) &&
			!isTimeObject(value) &&
			Object.keys(value as object).length === 0)
	);
}

function isTimeObject(value: unknown): boolean {
	return value instanceof Date || typeof (value as { toMillis?: unknown })?.toMillis === 'function';
}

export function fail(field: Pick<FieldSpec, 'displayName' | 'wire'>, reason: string): never {
	throw new FieldError(field.displayName, field.wire, reason);
}

/** What a value an expression produced is, for messages: "a list", "an object", "true", "a number (60)" … */
export function describeValue(value: unknown): string {
	if (Array.isArray(value)) return `a list (${truncate(JSON.stringify(value))})`;
	if (value instanceof Date) return 'a date object';
	if (value && typeof value === 'object')
		return `an object (${truncate(JSON.stringify(value) ?? '{}')})`;
	if (typeof value === 'boolean') return `the boolean ${value}`;
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'string') return `"${truncate(value)}"`;
	return `a ${typeof value}`;
}

const truncate = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Text of a scalar; a list, object or anything else an expression may give is refused, naming the field. */
export function scalarText(field: FieldSpec, raw: unknown, what: string): string {
	if (typeof raw === 'string') return raw.trim();
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) fail(field, `must be ${what}, got ${describeValue(raw)}`);
		if (Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
			fail(
				field,
				`got the number ${raw}, too large to be exact: give it as text (in quotes) instead`,
			);
		}
		return String(raw);
	}
	if (typeof raw === 'bigint') return raw.toString();
	return fail(field, `must be ${what}, got ${describeValue(raw)}`);
}

/** A text value against its field's documented length and shape. */
export function checkedText(field: FieldSpec | SubFieldSpec, text: string): string {
	if (field.maxLength !== undefined && text.length > field.maxLength) {
		fail(field, `must be at most ${field.maxLength} characters (got ${text.length})`);
	}
	if (field.pattern && !field.pattern.test(text))
		fail(field, `"${truncate(text)}" ${field.patternHint ?? 'is not valid'}`);
	return text;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A number, or decimal text of one; hex, lists ([60]), booleans and the like are refused. */
export function toNumber(field: FieldSpec, raw: unknown): number {
	const text = typeof raw === 'string' ? raw.trim() : undefined;
	if (typeof raw !== 'number' && !(text !== undefined && DECIMAL.test(text))) {
		fail(field, `must be a number, got ${describeValue(raw)}`);
	}
	const value = typeof raw === 'number' ? raw : Number(text);
	if (!Number.isFinite(value)) fail(field, `must be a finite number, got ${describeValue(raw)}`);
	if (field.min !== undefined && value < field.min)
		fail(field, `must be at least ${field.min} (got ${value})`);
	if (field.max !== undefined && value > field.max)
		fail(field, `must be at most ${field.max} (got ${value})`);
	return value;
}

export function toBoolean(field: FieldSpec, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	return fail(field, `must be true or false, got ${describeValue(raw)}`);
}
