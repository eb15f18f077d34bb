import { parseChinaTime, toChinaIso } from '../time';

/**
 * Receipt time values → ISO 8601 with +08:00: China-time strings (`yyyy-MM-dd HH:mm:ss`), epoch milliseconds
 * (13 digits, e.g. SecretRecording's call_time) and epoch seconds (10 digits, NXCloud), as numbers or digit strings.
 * Returns undefined for anything else (the caller keeps the original value).
 */
export function receiptTimeToIso(value: unknown): string | undefined {
	if (typeof value === 'number') return epochToIso(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{10}$|^\d{13}$/.test(text)) return epochToIso(Number(text));
	const ms = parseChinaTime(text);
	return ms === undefined || Number.isNaN(ms) ? undefined : toChinaIso(ms);
}

/** Epoch seconds (< 1e11) or milliseconds → ISO with +08:00; undefined for 0, negatives and non-numbers. */
export function epochToIso(value: number): string | undefined {
	if (!Number.isFinite(value) || value <= 0) return undefined;
	const ms = value < 1e11 ? value * 1000 : value;
	return toChinaIso(ms);
}

/** Milliseconds of a receipt time value, as receiptTimeToIso reads it. */
export function receiptTimeToMs(value: unknown): number | undefined {
	if (typeof value === 'number')
		return Number.isFinite(value) && value > 0 ? (value < 1e11 ? value * 1000 : value) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{10}$|^\d{13}$/.test(text)) return receiptTimeToMs(Number(text));
	const ms = parseChinaTime(text);
	return ms === undefined || Number.isNaN(ms) ? undefined : ms;
}
