import { type ConvertContext, type FieldSpec } from './spec';
import { toEpoch } from './convert/dates';
import { toJsonObject, toJsonText } from './convert/json';
import { normalisePhone } from './convert/phones';
import {
	checkedText,
	describeValue,
	fail,
	isEmpty,
	scalarText,
	toBoolean,
	toNumber,
} from './convert/scalars';
import { formatChinaTime } from './time';

export type { ConvertContext } from './spec';
export { describeValue, isEmpty } from './convert/scalars';

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
