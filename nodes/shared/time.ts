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

const RELATIVE = /^in\s+(\d+(?:\.\d+)?)\s*([a-z]+?)s?$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

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
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in `timeZone` → epoch ms (the second pass settles DST edges). */
function zonedToEpoch(fields: number[], timeZone: string): number {
	const [y, mo, d, h, mi, s] = fields;
	const guess = Date.UTC(y, mo - 1, d, h, mi, s);
	let epoch = guess - offsetInZone(guess, timeZone);
	const second = guess - offsetInZone(epoch, timeZone);
	if (second !== epoch) epoch = second;
	return epoch;
}

function isDateTimeLike(value: unknown): value is { toMillis(): number } {
	return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}

/**
 * Accepts the date picker's value, ISO strings with or without zone (naive ones are read in `timeZone`,
 * the workflow's zone), Luxon DateTimes and JS Dates from expressions, epoch seconds/ms, and "in 2 hours".
 * Returns epoch ms, or undefined when the value is not a point in time.
 */
export function parsePointInTime(value: unknown, timeZone: string, now: number): number | undefined {
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
	const naive = NAIVE.exec(text);
	if (naive) {
		const fields = naive.slice(1).map((part) => Number(part ?? 0));
		return zonedToEpoch(fields, timeZone);
	}
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** `yyyy-MM-dd HH:mm:ss` in China Standard Time, the format Dyplsapi expects. */
export function formatChinaTime(epochMs: number): string {
	return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A China-time `yyyy-MM-dd HH:mm:ss` back to epoch ms (receipts and API answers). */
export function parseChinaTime(text: string): number | undefined {
	const match = NAIVE.exec(text.trim());
	if (!match) return undefined;
	const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
	return Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS;
}

/** ISO 8601 with the +08:00 offset, for output items. */
export function toChinaIso(epochMs: number): string {
	return `${formatChinaTime(epochMs).replace(' ', 'T')}+08:00`;
}
