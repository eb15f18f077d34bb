/**
 * Points in time for Expiration/CallTime-style parameters. China has kept UTC+8 without DST since 1991,
 * so China time is a fixed offset; other zones (the workflow's) go through Intl.
 */

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

const UNIT_MS: Record<string, number> = {
	s: 1000,
	sec: 1000,
	second: 1000,
	m: 60000,
	min: 60000,
	minute: 60000,
	h: 3600000,
	hr: 3600000,
	hour: 3600000,
	d: 86400000,
	day: 86400000,
	w: 604800000,
	week: 604800000,
};

/** "in 2 hours", "2 hours", "in 90 min", "3 hours from now", "+3h" */
const RELATIVE = /^(?:in\s+|\+\s*)?(\d+(?:\.\d+)?)\s*([a-z]+?)s?(?:\s+(?:from\s+now|later))?$/i;
/** an ISO 8601 duration from now: `PT3H`, `P1DT2H30M`, `P1W` */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;
/** a wall-clock date-time without zone: `2026-12-02`, `2026-12-02 10:00`, `2026-12-02T10:00:00.250` */
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?$/;
/** the same with a zone: `Z`, `+08:00`, `+0800`, `+08` */
const ZONED =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(?:(Z)|([+-])(\d{2}):?(\d{2})?)$/i;

/** The latest instant whose China time still has a four-digit year (`9999-12-31 23:59:59`). */
export const LATEST_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59) - CHINA_OFFSET_MS;

/** Wall-clock fields [year, month, day, hour, minute, second, ms] of a match, or undefined for an impossible date. */
function calendarFields(match: RegExpExecArray): number[] | undefined {
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	const ms = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const valid =
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59;
	return valid ? [year, month, day, hour, minute, second, ms] : undefined;
}

/** `Date.UTC` for four-digit years (it maps years 0–99 to 1900–1999). */
function utc([year, month, day, hour, minute, second, ms]: number[]): number {
	const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
	date.setUTCFullYear(year);
	return date.getTime();
}

/** Text a JS Date prints of itself (an expression's `new Date().toString()`), read back only when it round-trips. */
function jsDateText(text: string): number | undefined {
	const parsed = Date.parse(text);
	if (Number.isNaN(parsed)) return undefined;
	const date = new Date(parsed);
	const own = [date.toString(), date.toUTCString(), date.toISOString()];
	// Without this check the legacy parser rolls "Feb 30" over into March.
	return own.includes(text) ? parsed : undefined;
}

function offsetInZone(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in `timeZone` → epoch ms (the second pass settles DST edges). */
function zonedToEpoch(fields: number[], timeZone: string): number {
	const guess = utc(fields);
	let epoch = guess - offsetInZone(guess, timeZone);
	const second = guess - offsetInZone(epoch, timeZone);
	if (second !== epoch) epoch = second;
	return epoch;
}

function isDateTimeLike(value: unknown): value is { toMillis(): number } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	);
}

/**
 * Accepts the date picker's value, ISO strings with or without zone (naive ones are read in `timeZone`,
 * the workflow's zone), Luxon DateTimes and JS Dates from expressions, epoch seconds/ms, durations from now as
 * people and AI models write them ("3 hours", "in 3 hours", "3 hours from now", "+3h") and ISO 8601 durations
 * ("PT3H").
 * Returns epoch ms, or undefined when the value is not a point in time (impossible dates such as 30 February
 * included: they are refused, never rolled over). The range is the caller's to check.
 */
export function parsePointInTime(
	value: unknown,
	timeZone: string,
	now: number,
): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (isDateTimeLike(value)) {
		const ms = value.toMillis();
		return Number.isFinite(ms) ? ms : undefined;
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value <= 0) return undefined;
		return value < 1e11 ? value * 1000 : value;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{10}$|^\d{13}$/.test(text)) return parsePointInTime(Number(text), timeZone, now);
	const relative = RELATIVE.exec(text);
	if (relative) {
		const unit = UNIT_MS[relative[2].toLowerCase()];
		return unit === undefined ? undefined : now + Number(relative[1]) * unit;
	}
	const duration = DURATION.exec(text);
	if (duration && /\d/.test(text) && !/T$/i.test(text)) {
		const [weeks, days, hours, minutes, seconds] = duration.slice(1).map((n) => Number(n ?? 0));
		return now + ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
	}
	const naive = NAIVE.exec(text);
	if (naive) {
		const fields = calendarFields(naive);
		return fields && zonedToEpoch(fields, timeZone);
	}
	const zoned = ZONED.exec(text);
	if (zoned) {
		const fields = calendarFields(zoned);
		const [sign, hours, minutes] = [zoned[9], Number(zoned[10] ?? 0), Number(zoned[11] ?? 0)];
		if (!fields || hours > 14 || minutes > 59) return undefined;
		const offsetMs = zoned[8] ? 0 : (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60000;
		return utc(fields) - offsetMs;
	}
	return jsDateText(text);
}

/** `yyyy-MM-dd HH:mm:ss` in China Standard Time, the format Dyplsapi expects. */
export function formatChinaTime(epochMs: number): string {
	return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A China-time `yyyy-MM-dd HH:mm:ss` back to epoch ms (receipts and API answers). */
export function parseChinaTime(text: string): number | undefined {
	const match = NAIVE.exec(text.trim());
	const fields = match && calendarFields(match);
	return fields ? utc(fields) - CHINA_OFFSET_MS : undefined;
}

/** ISO 8601 with the +08:00 offset, for output items. */
export function toChinaIso(epochMs: number): string {
	return `${formatChinaTime(epochMs).replace(' ', 'T')}+08:00`;
}
