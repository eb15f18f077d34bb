import type { INodePropertyOptions } from 'n8n-workflow';
import {
	FieldError,
	type Controls,
	type ConvertContext,
	type FieldSpec,
	type WireParams,
} from '../../shared/spec';

/* ----- expiry: controls (a mode and one field per mode) from which the API's seconds value is computed ----- */

const EXPIRY_SECONDS = 'expireSeconds';
/** expireSecond / bindExpireSecond are 32-bit integers */
const MAX_EXPIRE_SECONDS = 2_147_483_647;
const EXPIRY_UNTIL = 'expireUntil';

export const expiryFields = (
	wire: 'expireSecond' | 'bindExpireSecond',
	allowNever: boolean,
	defaultSeconds: number,
): FieldSpec[] => {
	const options: INodePropertyOptions[] = [
		{ name: 'After a Number of Seconds', value: 'seconds' },
		{
			name: 'At a Date and Time',
			value: 'until',
			description: 'Converted to the seconds from now when the request is sent',
		},
	];
	if (allowNever)
		options.push({
			name: 'Never',
			value: 'never',
			description: 'Sent as 0: the binding does not expire',
		});
	return [
		{
			name: 'expiry',
			computes: wire,
			displayName: 'Expiry',
			kind: 'options',
			required: true,
			default: 'seconds',
			options,
			description: `When the binding expires (sent as ${wire} in seconds)`,
		},
		{
			name: EXPIRY_SECONDS,
			displayName: 'Expire After (Seconds)',
			kind: 'number',
			required: true,
			min: 1,
			max: MAX_EXPIRE_SECONDS,
			default: defaultSeconds,
			show: { expiry: ['seconds'] },
			description: 'Lifetime of the binding in seconds, a whole number, e.g. 10800 for 3 hours',
		},
		{
			name: EXPIRY_UNTIL,
			displayName: 'Expire At',
			kind: 'pointInTime',
			required: true,
			future: true,
			show: { expiry: ['until'] },
			description:
				'When the binding expires: the date picker, an ISO 8601 date-time such as 2026-12-24T18:00:00+08:00 (one ' +
				'without offset is read in the workflow time zone), a duration such as "3 hours" or "in 90 minutes", or ' +
				'a Luxon DateTime',
		},
	];
};

/** The API's seconds value (`wire`) from the expiry controls: the mode and the field of that mode. */
export function resolveExpiry(
	params: WireParams,
	wire: 'expireSecond' | 'bindExpireSecond',
	convert: ConvertContext,
	controls: Controls,
): void {
	const mode = controls.expiry;
	if (mode === 'never') {
		params[wire] = 0;
	} else if (mode === 'until') {
		const epoch = Number(controls[EXPIRY_UNTIL]);
		const seconds = Math.ceil((epoch - convert.now) / 1000);
		if (!(seconds >= 1)) throw new FieldError('Expire At', undefined, 'must be in the future');
		if (seconds > MAX_EXPIRE_SECONDS) {
			const reason = `must be at most ${MAX_EXPIRE_SECONDS} seconds (about 68 years) from now: ${wire} is a 32-bit number`;
			throw new FieldError('Expire At', undefined, reason);
		}
		params[wire] = seconds;
	} else if (mode === 'seconds') {
		params[wire] = Number(controls[EXPIRY_SECONDS]);
	}
}
