import type { IDataObject } from 'n8n-workflow';
import { FieldError, type ConvertContext, type FieldSpec, type SubFieldSpec } from './spec';

export type { ConvertContext } from './spec';
import { formatChinaTime, LATEST_EPOCH_MS, parsePointInTime } from './time';


const CN_MOBILE = /^1[3-9]\d{9}$/;
const CN_LANDLINE = /^0\d{9,11}$/;
/** X numbers include 95/400-style and virtual-operator numbers: any plausible digit string */
const ANY_NUMBER = /^\d{5,20}$/;

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

function fail(field: Pick<FieldSpec, 'displayName' | 'wire'>, reason: string): never {
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
function scalarText(field: FieldSpec, raw: unknown, what: string): string {
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
function checkedText(field: FieldSpec | SubFieldSpec, text: string): string {
	if (field.maxLength !== undefined && text.length > field.maxLength) {
		fail(field, `must be at most ${field.maxLength} characters (got ${text.length})`);
	}
	if (field.pattern && !field.pattern.test(text))
		fail(field, `"${truncate(text)}" ${field.patternHint ?? 'is not valid'}`);
	return text;
}

function normalisePhone(field: FieldSpec, raw: unknown, ctx: ConvertContext): string {
	if (typeof raw === 'number' && !(raw >= 0))
		fail(field, `must be a phone number, got ${describeValue(raw)}`);
	const text = scalarText(field, raw, 'a phone number');
	const compact = text.replace(/[\s-]/g, '');
	if (ctx.phoneStyle === 'intl') {
		const digits = compact.replace(/^\+/, '');
		if (!/^\d{6,17}$/.test(digits)) {
			fail(
				field,
				`"${text}" is not a phone number: use digits with the country code, e.g. 85211111114`,
			);
		}
		if (digits !== text) ctx.notices.push(`${field.displayName}: "${text}" was sent as ${digits}`);
		return digits;
	}
	if (!/^\d+$/.test(text)) {
		fail(
			field,
			`"${text}" must be digits only (no spaces, dashes or +86), e.g. 13800000000 or 057188992688`,
		);
	}
	if (field.anyNumber ? !ANY_NUMBER.test(text) : !(CN_MOBILE.test(text) || CN_LANDLINE.test(text))) {
		fail(
			field,
			`"${text}" is not a mainland mobile number (11 digits, 1…) or a landline with area code (0…)`,
		);
	}
	return text;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A number, or decimal text of one; hex, lists ([60]), booleans and the like are refused. */
function toNumber(field: FieldSpec, raw: unknown): number {
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

function toBoolean(field: FieldSpec, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	return fail(field, `must be true or false, got ${describeValue(raw)}`);
}

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

function toJsonObject(field: FieldSpec, raw: unknown): string {
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
function toJsonText(field: FieldSpec, raw: unknown): unknown {
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

/** Epoch ms within what a `yyyy-MM-dd HH:mm:ss` time (and an epoch) can carry: 1970 to the year 9999. */
function inCarriedRange(field: FieldSpec, raw: unknown, epoch: number): number {
	if (!(epoch >= 0 && epoch <= LATEST_EPOCH_MS)) {
		fail(
			field,
			`${describeValue(raw)} is outside the dates the provider accepts (1970-01-01 to 9999-12-31)`,
		);
	}
	return epoch;
}

function toEpoch(field: FieldSpec, raw: unknown, timeZone: string, now: number): number {
	const epoch = parsePointInTime(raw, timeZone, now);
	if (epoch === undefined) {
		fail(
			field,
			`${describeValue(raw)} is not a date and time (use the picker, an ISO date, or e.g. "in 2 hours")`,
		);
	}
	return inCarriedRange(field, raw, epoch);
}

/** One parameter value → its wire value; throws FieldError naming the field. */
export function convertField(field: FieldSpec, raw: unknown, ctx: ConvertContext): unknown {
	switch (field.kind) {
		case 'string':
			return checkedText(
				field,
				typeof raw === 'boolean' ? String(raw) : scalarText(field, raw, 'text'),
			);
		case 'phone':
			return normalisePhone(field, raw, ctx);
		case 'phoneList': {
			const list = (
				Array.isArray(raw) ? raw : scalarText(field, raw, 'phone numbers').split(/[,，\s]+/)
			).filter((part) => !isEmpty(part));
			if (list.length === 0) fail(field, 'needs at least one phone number');
			if (field.maxCount !== undefined && list.length > field.maxCount) {
				fail(field, `at most ${field.maxCount} numbers per call (got ${list.length})`);
			}
			const phone = { ...field, wire: field.wire, kind: 'phone' as const };
			return list.map((part) => normalisePhone(phone, part, ctx)).join(',');
		}
		case 'digits': {
			const text = scalarText(field, raw, 'digits');
			const min = field.min ?? 1;
			const max = field.max ?? 32;
			if (!/^\d+$/.test(text) || text.length < min || text.length > max) {
				fail(
					field,
					min === max
						? `must be exactly ${min} digits (got "${text}")`
						: `must be ${min}–${max} digits (got "${text}")`,
				);
			}
			return text;
		}
		case 'number': {
			const value = toNumber(field, raw);
			if (!Number.isInteger(value)) fail(field, `must be a whole number (got ${value})`);
			return value;
		}
		case 'boolean':
			return toBoolean(field, raw);
		case 'options': {
			const allowed = field.options ?? [];
			if (allowed.some((option) => option.value === raw)) return raw;
			const other = field.otherValues;
			if (other && typeof raw === 'string' && other.pattern.test(raw.trim())) return raw.trim();
			const names = allowed.map((o) => String(o.value)).join(', ');
			return fail(
				field,
				`${describeValue(raw)} is not one of ${names}${other ? ` nor ${other.hint}` : ''}`,
			);
		}
		case 'chinaDateTime': {
			const epoch = toEpoch(field, raw, field.naiveZone ?? ctx.timeZone, ctx.now);
			if (field.future && epoch <= ctx.now + 60000) {
				fail(
					field,
					`must be more than 1 minute in the future (got ${formatChinaTime(epoch)} China time)`,
				);
			}
			return formatChinaTime(epoch);
		}
		case 'jsonObject':
			return toJsonObject(field, raw);
		case 'jsonText':
			return toJsonText(field, raw);
		case 'pointInTime': {
			const epoch = toEpoch(field, raw, ctx.timeZone, ctx.now);
			if (field.future && epoch <= ctx.now) {
				fail(field, `must be in the future (got ${new Date(epoch).toISOString()})`);
			}
			return epoch;
		}
		case 'resourceLocator': {
			const value =
				raw && typeof raw === 'object' && 'mode' in raw && 'value' in raw ? raw.value : raw;
			if (isEmpty(value)) fail(field, 'is required: pick one from the list or enter its ID');
			return scalarText(field, value, 'an ID');
		}
	}
}

/** The wire value as its field's `sendAs` asks (NXCloud JSON bodies are typed); without `sendAs`, unchanged. */
export function castForJson(field: FieldSpec, value: unknown): unknown {
	switch (field.sendAs) {
		case 'number':
			return Number(value);
		case 'boolean':
			return value === true || value === 'true';
		case 'string':
			return String(value);
		default:
			return value;
	}
}
