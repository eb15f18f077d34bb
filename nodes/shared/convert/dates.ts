import type { FieldSpec } from '../spec';
import { LATEST_EPOCH_MS, parsePointInTime } from '../time';
import { describeValue, fail } from './scalars';

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

export function toEpoch(field: FieldSpec, raw: unknown, timeZone: string, now: number): number {
	const epoch = parsePointInTime(raw, timeZone, now);
	if (epoch === undefined) {
		fail(
			field,
			`${describeValue(raw)} is not a date and time: use an ISO 8601 date-time such as ` +
				`2026-12-24T18:00:00+08:00, a duration such as "3 hours" or "in 90 minutes", or the date picker`,
		);
	}
	return inCarriedRange(field, raw, epoch);
}
