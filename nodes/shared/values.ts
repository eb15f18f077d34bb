import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec } from './spec';
import { formatChinaTime, parsePointInTime } from './time';

export interface ConvertContext {
	timeZone: string;
	now: number;
	/** how phone numbers are written: Chinese domestic (Alibaba) or international digits (NXCloud) */
	phoneStyle: 'cn' | 'intl';
	/** non-fatal fixes worth telling the user about (e.g. a stripped "+") */
	notices: string[];
}

const CN_MOBILE = /^1[3-9]\d{9}$/;
const CN_LANDLINE = /^0\d{9,11}$/;
/** X numbers include 95/400-style and virtual-operator numbers: any plausible digit string */
const ANY_NUMBER = /^\d{5,20}$/;

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(typeof value === 'object' && !Array.isArray(value) && !isTimeObject(value) && Object.keys(value as object).length === 0)
	);
}

function isTimeObject(value: unknown): boolean {
	return value instanceof Date || typeof (value as { toMillis?: unknown })?.toMillis === 'function';
}

function fail(field: FieldSpec, reason: string): never {
	throw new FieldError(field.displayName, field.wire, reason);
}

function normalisePhone(field: FieldSpec, raw: unknown, ctx: ConvertContext): string {
	if (typeof raw !== 'string' && typeof raw !== 'number') fail(field, 'must be a phone number');
	const text = String(raw).trim();
	const compact = text.replace(/[\s-]/g, '');
	if (ctx.phoneStyle === 'intl') {
		const digits = compact.replace(/^\+/, '');
		if (!/^\d{6,17}$/.test(digits)) {
			fail(field, `"${text}" is not a phone number: use digits with the country code, e.g. 85211111114`);
		}
		if (digits !== text) ctx.notices.push(`${field.displayName}: "${text}" was sent as ${digits}`);
		return digits;
	}
	if (!/^\d+$/.test(text)) {
		fail(field, `"${text}" must be digits only (no spaces, dashes or +86), e.g. 13800000000 or 057188992688`);
	}
	const isX = field.wire === 'PhoneNoX' || field.wire === 'SecretNo';
	if (isX ? !ANY_NUMBER.test(text) : !(CN_MOBILE.test(text) || CN_LANDLINE.test(text))) {
		fail(field, `"${text}" is not a mainland mobile number (11 digits, 1…) or a landline with area code (0…)`);
	}
	return text;
}

function toNumber(field: FieldSpec, raw: unknown): number {
	const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (!Number.isFinite(value)) fail(field, `"${String(raw)}" is not a number`);
	if (field.min !== undefined && value < field.min) fail(field, `must be at least ${field.min} (got ${value})`);
	if (field.max !== undefined && value > field.max) fail(field, `must be at most ${field.max} (got ${value})`);
	return value;
}

function toBoolean(field: FieldSpec, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = String(raw).trim().toLowerCase();
	if (text === 'true') return true;
	if (text === 'false') return false;
	return fail(field, `"${String(raw)}" must be true or false`);
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
	if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be an object');
	const known = new Map((field.keys ?? []).map((key) => [key.name, key]));
	const out: IDataObject = {};
	for (const [name, entry] of Object.entries(value as IDataObject)) {
		const key = known.get(name);
		if (!key) fail(field, `unknown key "${name}"; allowed: ${[...known.keys()].join(', ')}`);
		if (isEmpty(entry)) continue;
		if (key.kind === 'number') {
			const n = Number(entry);
			if (!Number.isFinite(n)) fail(field, `${name} must be a number`);
			if (key.min !== undefined && n < key.min) fail(field, `${name} must be at least ${key.min}`);
			if (key.max !== undefined && n > key.max) fail(field, `${name} must be at most ${key.max}`);
			out[name] = n;
		} else if (key.options && !key.options.some((o) => o.value === entry)) {
			fail(field, `${name} must be one of ${key.options.map((o) => String(o.value)).join(', ')}`);
		} else if (typeof entry === 'object') {
			fail(field, `${name} must be text, not ${Array.isArray(entry) ? 'a list' : 'an object'}`);
		} else {
			out[name] = String(entry);
		}
	}
	return JSON.stringify(out);
}

function toJsonText(field: FieldSpec, raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw);
	} catch {
		return fail(field, 'is not valid JSON');
	}
}

/** One parameter value → its wire value; throws FieldError naming the field. */
export function convertField(field: FieldSpec, raw: unknown, ctx: ConvertContext): unknown {
	switch (field.kind) {
		case 'string':
			return typeof raw === 'object' ? JSON.stringify(raw) : String(raw).trim();
		case 'phone':
			return normalisePhone(field, raw, ctx);
		case 'phoneList': {
			const list = (Array.isArray(raw) ? raw : String(raw).split(/[,，\s]+/)).filter((part) => !isEmpty(part));
			if (list.length === 0) fail(field, 'needs at least one phone number');
			if (field.maxCount !== undefined && list.length > field.maxCount) {
				fail(field, `at most ${field.maxCount} numbers per call (got ${list.length})`);
			}
			const phone = { ...field, wire: field.wire, kind: 'phone' as const };
			return list.map((part) => normalisePhone(phone, part, ctx)).join(',');
		}
		case 'digits': {
			const text = String(raw).trim();
			const min = field.min ?? 1;
			const max = field.max ?? 32;
			if (!/^\d+$/.test(text) || text.length < min || text.length > max) {
				fail(field, min === max ? `must be exactly ${min} digits (got "${text}")` : `must be ${min}–${max} digits (got "${text}")`);
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
			if (!allowed.some((option) => option.value === raw)) {
				fail(field, `"${String(raw)}" is not one of ${allowed.map((o) => String(o.value)).join(', ')}`);
			}
			return raw;
		}
		case 'chinaDateTime': {
			const epoch = parsePointInTime(raw, field.naiveZone ?? ctx.timeZone, ctx.now);
			if (epoch === undefined) {
				fail(field, `"${String(raw)}" is not a date and time (use the picker, an ISO date, or e.g. "in 2 hours")`);
			}
			if (field.future && epoch <= ctx.now + 60000) {
				fail(field, `must be more than 1 minute in the future (got ${formatChinaTime(epoch)} China time)`);
			}
			return formatChinaTime(epoch);
		}
		case 'jsonObject':
			return toJsonObject(field, raw);
		case 'jsonText':
			return toJsonText(field, raw);
		case 'pointInTime': {
			const epoch = parsePointInTime(raw, ctx.timeZone, ctx.now);
			if (epoch === undefined) {
				fail(field, `"${String(raw)}" is not a date and time (use the picker, an ISO date, or e.g. "in 2 hours")`);
			}
			if (field.future && epoch <= ctx.now) {
				fail(field, `must be in the future (got ${new Date(epoch).toISOString()})`);
			}
			return epoch;
		}
		case 'resourceLocator': {
			const value = raw && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
			const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
			if (!text) fail(field, 'is required: pick one from the list or enter its ID');
			return text;
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
