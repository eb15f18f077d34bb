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
			`${describeValue(raw)} is not a date and time (use the picker, an ISO date, or e.g. "in 2 hours")`,
		);
	}
	return inCarriedRange(field, raw, epoch);
}
