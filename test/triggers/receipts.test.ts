/* Unit tests of the shared receipt helpers: big-integer quoting, token comparison, the de-duplication store, times. */
import type { IDataObject } from 'n8n-workflow';
import {
	createDeduper,
	DEDUPE_CAP,
	DEDUPE_STATIC_KEY,
	windowMs,
} from '../../nodes/shared/receipts/dedupe';
import { quoteUnsafeIntegers, tokensMatch } from '../../nodes/shared/receipts/http';
import { epochToIso, receiptTimeToIso } from '../../nodes/shared/receipts/time';

describe('quoteUnsafeIntegers', () => {
	it('quotes only integers beyond ±2^53 − 1, never inside strings', () => {
		const text =
			'{"a":9007199254740991,"b":9007199254740992,"c":-12345678901234567890,"d":"x ' +
			'12345678901234567890","e":1.5e300,"f":[18446744073709551615, 7],"g":"\\"99999999999999999\\""}';
		const parsed = JSON.parse(quoteUnsafeIntegers(text)) as IDataObject;
		expect(parsed).toEqual({
			a: 9007199254740991,
			b: '9007199254740992',
			c: '-12345678901234567890',
			d: 'x 12345678901234567890',
			e: 1.5e300,
			f: ['18446744073709551615', 7],
			g: '"99999999999999999"',
		});
	});

	it('leaves text that is not JSON unparseable', () => {
		expect(() => JSON.parse(quoteUnsafeIntegers('[{"sub_id": 12345678901234567890,'))).toThrow();
	});
});

describe('tokensMatch', () => {
	it('compares exactly, whatever the lengths', () => {
		expect(tokensMatch('abc', 'abc')).toBe(true);
		expect(tokensMatch('abc', 'abd')).toBe(false);
		expect(tokensMatch('abc', 'abcd')).toBe(false);
		expect(tokensMatch('', 'abc')).toBe(false);
		expect(tokensMatch('密钥', '密钥')).toBe(true);
	});
});

describe('de-duplication store', () => {
	const minute = 60 * 1000;

	it('slides the window on every sighting and prunes old entries', () => {
		const data: IDataObject = {};
		const t0 = 1_700_000_000_000;
		let d = createDeduper(data, 15 * minute, t0);
		expect(d.isDuplicate('a')).toBe(false);
		expect(d.isDuplicate('a')).toBe(true);
		d.commit();
		d = createDeduper(data, 15 * minute, t0 + 10 * minute);
		expect(d.isDuplicate('a')).toBe(true); // refreshed to t0 + 10 min
		expect(d.isDuplicate('b')).toBe(false);
		d.commit();
		d = createDeduper(data, 15 * minute, t0 + 24 * minute);
		expect(d.isDuplicate('a')).toBe(true);
		d.commit();
		d = createDeduper(data, 15 * minute, t0 + 35 * minute); // b (seen at +10) is pruned, a (+24) stays
		d.commit();
		expect(data[DEDUPE_STATIC_KEY]).toEqual({ a: t0 + 24 * minute });
		d = createDeduper(data, 15 * minute, t0 + 60 * minute);
		expect(d.isDuplicate('a')).toBe(false);
	});

	it(`keeps at most ${DEDUPE_CAP} keys, the newest`, () => {
		const t0 = 1_700_000_000_000;
		const stored: Record<string, number> = {};
		for (let i = 0; i < DEDUPE_CAP + 500; i++) stored[`k${i}`] = t0 + i;
		const data: IDataObject = { [DEDUPE_STATIC_KEY]: stored };
		const d = createDeduper(data, 60 * minute, t0 + DEDUPE_CAP + 500);
		expect(d.isDuplicate('new')).toBe(false);
		d.commit();
		const kept = data[DEDUPE_STATIC_KEY] as Record<string, number>;
		expect(Object.keys(kept)).toHaveLength(DEDUPE_CAP);
		expect(kept.new).toBeDefined();
		expect(kept.k0).toBeUndefined();
		expect(kept[`k${DEDUPE_CAP + 499}`]).toBeDefined();
	});

	it('does not write when nothing changed, and survives garbage in the static data', () => {
		const data: IDataObject = { [DEDUPE_STATIC_KEY]: { a: Date.now() } };
		const before = data[DEDUPE_STATIC_KEY];
		createDeduper(data, 15 * minute, Date.now()).commit();
		expect(data[DEDUPE_STATIC_KEY]).toBe(before);
		const bad: IDataObject = { [DEDUPE_STATIC_KEY]: 'oops' };
		const d = createDeduper(bad, 15 * minute, Date.now());
		expect(d.isDuplicate('__proto__')).toBe(false);
		expect(d.isDuplicate('__proto__')).toBe(true);
		d.commit();
		expect(Object.keys(bad[DEDUPE_STATIC_KEY] as object)).toEqual(['__proto__']);
	});

	it('reads the window in minutes, 15 when unusable', () => {
		expect(windowMs(30)).toBe(30 * minute);
		expect(windowMs('5')).toBe(5 * minute);
		expect(windowMs(0)).toBe(15 * minute);
		expect(windowMs(undefined)).toBe(15 * minute);
	});
});

describe('receipt times', () => {
	it('China-time strings, epoch ms and epoch s → ISO 8601 +08:00', () => {
		expect(receiptTimeToIso('2024-05-01 10:00:05')).toBe('2024-05-01T10:00:05+08:00');
		expect(receiptTimeToIso(1714528805000)).toBe('2024-05-01T10:00:05+08:00');
		expect(receiptTimeToIso('1714528805000')).toBe('2024-05-01T10:00:05+08:00');
		expect(receiptTimeToIso(1714528805)).toBe('2024-05-01T10:00:05+08:00');
		expect(receiptTimeToIso('')).toBeUndefined();
		expect(receiptTimeToIso('yesterday')).toBeUndefined();
		expect(epochToIso(0)).toBeUndefined();
	});
});
