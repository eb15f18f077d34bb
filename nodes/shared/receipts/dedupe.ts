import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * Drops records that were already received within a sliding window. The keys live in the node's workflow
 * static data (n8n saves it after each production webhook call), as `{ [key]: lastSeenEpochMs }`.
 * Entries older than the window are pruned on every call and at most DEDUPE_CAP keys are kept (newest win),
 * so the stored object stays small whatever the traffic.
 */

export const DEDUPE_STATIC_KEY = 'receiptsSeen';
export const DEDUPE_CAP = 2000;

export interface Deduper {
	/** True when `key` was seen within the window (its time is refreshed); otherwise records it and returns false. */
	isDuplicate(key: string): boolean;
	/** Writes the pruned, capped set back into the static data when anything changed. */
	commit(): void;
}

export function createDeduper(
	staticData: IDataObject,
	windowMs: number,
	now: number,
	cap = DEDUPE_CAP,
): Deduper {
	const stored = staticData[DEDUPE_STATIC_KEY];
	const seen = new Map<string, number>();
	let changed = false;
	if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
		for (const [key, at] of Object.entries(stored as IDataObject)) {
			// keep entries inside the window; drop garbage and clock jumps into the future
			if (typeof at === 'number' && now - at < windowMs && at <= now + windowMs) seen.set(key, at);
			else changed = true;
		}
	} else if (stored !== undefined) {
		changed = true;
	}
	return {
		isDuplicate(key: string): boolean {
			const duplicate = seen.has(key);
			seen.set(key, now);
			changed = true;
			return duplicate;
		},
		commit(): void {
			if (!changed) return;
			let entries = [...seen.entries()];
			if (entries.length > cap) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, cap);
			staticData[DEDUPE_STATIC_KEY] = Object.fromEntries(entries);
			changed = false;
		},
	};
}

/** Drops the stored keys (used when the trigger is deactivated). */
export function clearDedupe(staticData: IDataObject): void {
	if (DEDUPE_STATIC_KEY in staticData) delete staticData[DEDUPE_STATIC_KEY];
}

/** A stable fallback key for records without an id: a hash of their JSON text. */
export function contentKey(record: unknown): string {
	return `sha256:${createHash('sha256')
		.update(JSON.stringify(record) ?? '', 'utf8')
		.digest('hex')
		.slice(0, 32)}`;
}

export function windowMs(minutes: unknown): number {
	const n = typeof minutes === 'number' ? minutes : Number(minutes);
	return (Number.isFinite(n) && n > 0 ? n : 15) * 60 * 1000;
}
