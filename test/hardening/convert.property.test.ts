/**
 * Property test over every field kind of nodes/shared/spec.ts, with the package's real fields: for random inputs of
 * every JS type, convertField either refuses with a FieldError naming the field, or returns a wire value that is valid
 * for its kind and equal in meaning to the input (dates: the same instant, checked with Luxon, or refused).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { aliyunOperations } from '../../nodes/AliyunPhoneNumberProtection/actions';
import { nxOperations } from '../../nodes/NxCloudPrivacyNumber/actions';
import { FieldError, type FieldKind, type FieldSpec } from '../../nodes/shared/spec';
import { convertField, isEmpty, type ConvertContext } from '../../nodes/shared/values';

const ALL_KINDS: Record<FieldKind, true> = {
	string: true,
	phone: true,
	phoneList: true,
	digits: true,
	number: true,
	boolean: true,
	options: true,
	chinaDateTime: true,
	jsonObject: true,
	jsonText: true,
	pointInTime: true,
	resourceLocator: true,
};

const NOW = Date.UTC(2026, 11, 2, 8, 0, 0);
const ZONE = 'Europe/Berlin';
type Style = ConvertContext['phoneStyle'];

/** Every distinct field of both nodes (top level and options), with the phone style of its provider. */
function packageFields(): Array<{ field: FieldSpec; style: Style }> {
	const seen = new Map<string, { field: FieldSpec; style: Style }>();
	for (const [style, operations] of [
		['cn', aliyunOperations],
		['intl', nxOperations],
	] as const) {
		for (const op of operations) {
			for (const field of [...op.fields, ...(op.optionFields ?? [])]) {
				const key = `${style}:${field.name}:${field.wire ?? ''}:${field.kind}:${field.min ?? ''}:${field.max ?? ''}`;
				if (!seen.has(key)) seen.set(key, { field, style });
			}
		}
	}
	return [...seen.values()];
}

const FIELDS = packageFields();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Date-time text with any calendar fields, possible or not, with or without a zone. */
const dateText = fc
	.record({
		year: fc.integer({ min: 1960, max: 10100 }),
		month: fc.integer({ min: 0, max: 14 }),
		day: fc.integer({ min: 0, max: 32 }),
		hour: fc.integer({ min: 0, max: 26 }),
		minute: fc.integer({ min: 0, max: 62 }),
		second: fc.integer({ min: 0, max: 61 }),
		zone: fc.constantFrom('', 'Z', '+08:00', '-05:30', '+0800', '+15:00'),
		sep: fc.constantFrom('T', ' '),
	})
	.map(({ year, month, day, hour, minute, second, zone, sep }) => {
		const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
		return `${date}${sep}${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
	});

const anyInput = fc.oneof(
	fc.string(),
	fc.string({ unit: fc.constantFrom('0', '1', '3', '8', '5', '+', '-', ' ', ',', '.', 'e', 'x') }),
	fc.integer(),
	fc.double(),
	fc.integer({ min: -1000, max: 1000 }).map((n) => n * 2 ** 60 + 1),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean()), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
	fc.date({ min: new Date(-1e14), max: new Date(8.64e15) }),
	fc.integer({ min: 0, max: 2 ** 53 - 1 }).map((n) => DateTime.fromMillis(n)),
	dateText,
	fc
		.integer({ min: 1, max: 10 ** 7 })
		.map((n) => `in ${n} ${['minutes', 'hours', 'days', 'weeks', 'fortnights'][n % 5]}`),
	fc.constantFrom(
		'13800000000',
		'057188992688',
		'17001000000',
		'85211111114',
		'+85211111114',
		'0x10',
		'[60]',
		'1e3',
	),
	fc.constantFrom(
		'true',
		'false',
		'TRUE',
		' 60 ',
		'60.5',
		'-1',
		'A',
		'B',
		'1,2',
		'1,2,3',
		'#',
		'{"maxLoop":3}',
		'[]',
	),
	fc.constantFrom(
		'7ee372834d2f4cc7ac0d0ab2d0ae1aac',
		'my-own-model',
		'mandarin',
		'seconds',
		'until',
		'never',
	),
	fc.record({
		__rl: fc.constant(true),
		mode: fc.constant('id'),
		value: fc.oneof(fc.string(), fc.integer(), fc.object()),
	}),
);

const UNITS: Record<string, string> = {
	...Object.fromEntries(['s', 'sec', 'second'].map((u) => [u, 'seconds'])),
	...Object.fromEntries(['m', 'min', 'minute'].map((u) => [u, 'minutes'])),
	...Object.fromEntries(['h', 'hr', 'hour'].map((u) => [u, 'hours'])),
	d: 'days',
	day: 'days',
	w: 'weeks',
	week: 'weeks',
};

/**
 * The instant a date input means, computed with Luxon, independently of nodes/shared/time.ts (undefined: not a date).
 */
function instantOf(raw: unknown, zone: string): number | undefined {
	if (raw instanceof Date) return raw.getTime();
	if (DateTime.isDateTime(raw)) return raw.toMillis();
	if (typeof raw === 'number') return raw > 0 ? (raw < 1e11 ? raw * 1000 : raw) : undefined;
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (/^\d{10}$|^\d{13}$/.test(text)) return instantOf(Number(text), zone);
	const relative = /^(?:in\s+)?(\d+(?:\.\d+)?)\s*([a-z]+?)s?$/i.exec(text);
	const unit = relative && UNITS[relative[2].toLowerCase()];
	if (relative)
		return unit
			? DateTime.fromMillis(NOW)
					.plus({ [unit]: Number(relative[1]) })
					.toMillis()
			: undefined;
	const iso = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true });
	return iso.isValid ? iso.toMillis() : undefined;
}

/** Dyplsapi times are UTC+8 (China's rule since 1991; the 1986–91 summer time does not apply to the API). */
const CHINA = 'UTC+8';
const chinaText = (ms: number) =>
	DateTime.fromMillis(ms, { zone: CHINA }).toFormat('yyyy-MM-dd HH:mm:ss');

function scalarText(raw: unknown): string | undefined {
	if (typeof raw === 'string') return raw.trim();
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	return undefined;
}

function inBounds(field: FieldSpec, n: number): boolean {
	return (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
}

/** Asserts that `wire` is a valid wire value of `field` and means what `raw` means. */
function expectFaithful(field: FieldSpec, style: Style, raw: unknown, wire: unknown): void {
	const text = scalarText(raw);
	switch (field.kind) {
		case 'string':
			expect(typeof raw === 'boolean' ? String(raw) : text).toBe(wire);
			return;
		case 'resourceLocator': {
			const value =
				raw && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
			expect(scalarText(value)).toBe(wire);
			return;
		}
		case 'phone': {
			expect(typeof wire).toBe('string');
			expect(wire).toMatch(/^\d{5,20}$/);
			expect(wire).toBe(style === 'intl' ? text?.replace(/[\s-]/g, '').replace(/^\+/, '') : text);
			return;
		}
		case 'phoneList': {
			const parts = Array.isArray(raw) ? raw.map(String) : String(text).split(/[,，\s]+/);
			const compact = (p: string) =>
				style === 'intl' ? p.replace(/[\s-]/g, '').replace(/^\+/, '') : p.trim();
			const digits = parts.filter((p) => p.trim() !== '').map(compact);
			expect(String(wire).split(',')).toEqual(digits);
			return;
		}
		case 'digits':
			expect(wire).toBe(text);
			expect(wire).toMatch(new RegExp(`^\\d{${field.min ?? 1},${field.max ?? 32}}$`));
			return;
		case 'number':
			expect(typeof wire).toBe('number');
			expect(Number.isInteger(wire)).toBe(true);
			expect(inBounds(field, wire as number)).toBe(true);
			expect(wire).toBe(typeof raw === 'number' ? raw : Number(text));
			expect(
				typeof raw === 'number' || /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(String(text)),
			).toBe(true);
			return;
		case 'boolean':
			expect(typeof wire).toBe('boolean');
			expect(String(wire)).toBe(
				typeof raw === 'boolean' ? String(raw) : String(text).toLowerCase(),
			);
			return;
		case 'options': {
			const listed = (field.options ?? []).some((o) => o.value === wire);
			expect(listed || (typeof wire === 'string' && field.otherValues?.pattern.test(wire))).toBe(
				true,
			);
			expect(wire).toBe(listed ? raw : text);
			return;
		}
		case 'chinaDateTime': {
			const instant = instantOf(raw, field.naiveZone ?? ZONE);
			expect(instant).toBeDefined();
			expect(wire).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(wire).toBe(chinaText(Math.floor((instant as number) / 1000) * 1000));
			return;
		}
		case 'pointInTime': {
			const instant = instantOf(raw, ZONE);
			expect(typeof wire).toBe('number');
			expect(Math.abs((wire as number) - (instant as number))).toBeLessThan(1);
			expect(chinaText(wire as number)).toMatch(/^\d{4}-/);
			return;
		}
		case 'jsonObject': {
			const parsed = JSON.parse(String(wire)) as Record<string, unknown>;
			const source = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
			const known = new Set((field.keys ?? []).map((k) => k.name));
			for (const [key, value] of Object.entries(parsed)) {
				expect(known.has(key)).toBe(true);
				expect(String(value)).toBe(String(source[key]).trim());
			}
			return;
		}
		case 'jsonText':
			expect(wire).toEqual(typeof raw === 'string' ? JSON.parse(raw) : raw);
			expect(typeof wire).toBe('object');
			return;
	}
}

test('the package has a field of every kind', () => {
	const kinds = new Set(FIELDS.map(({ field }) => field.kind));
	expect([...kinds].sort()).toEqual(Object.keys(ALL_KINDS).sort());
});

test.each(
	FIELDS.map(
		({ field, style }) => [`${style} ${field.displayName} (${field.kind})`, field, style] as const,
	),
)('%s: refused with a FieldError naming it, or converted faithfully', (_label, field, style) => {
	fc.assert(
		fc.property(anyInput, (raw) => {
			fc.pre(!isEmpty(raw));
			const ctx: ConvertContext = { timeZone: ZONE, now: NOW, phoneStyle: style, notices: [] };
			let wire: unknown;
			try {
				wire = convertField(field, raw, ctx);
			} catch (error) {
				expect(error).toBeInstanceOf(FieldError);
				expect((error as FieldError).field).toBe(field.displayName);
				return;
			}
			expectFaithful(field, style, raw, wire);
		}),
		{ numRuns: 300 },
	);
});
