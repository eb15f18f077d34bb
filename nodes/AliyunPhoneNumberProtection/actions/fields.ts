import { phoneField } from '../../shared/fields';
import type { FieldSpec } from '../../shared/spec';

/** Dyplsapi parameters shared by several actions, in the API's own words. */

export const poolKey: FieldSpec = {
	name: 'poolKey',
	wire: 'PoolKey',
	displayName: 'Pool Key',
	kind: 'string',
	required: true,
	placeholder: 'FC100000000000001',
	description:
		'Number pool key (号码池Key), shown under Number Pool Management in the Phone Number Protection console, e.g. ' +
		'FC100000000000001',
};

const phone = (
	name: string,
	wire: string,
	displayName: string,
	description: string,
	required = false,
) => phoneField({ name, wire, displayName, description, placeholder: '13800000000' }, required);

export const phoneNoA = phone(
	'phoneNoA',
	'PhoneNoA',
	'Phone No. A',
	'Number A: an 11-digit mainland China mobile number such as 13800138000, or a landline with area code such as ' +
		'057188992688. Digits only: no +86, spaces or dashes.',
	true,
);
export const phoneNoB = phone(
	'phoneNoB',
	'PhoneNoB',
	'Phone No. B',
	'Number B: the other party, or the default callee when A calls X. Digits only, like Number A, e.g. 13900139000.',
);
export const phoneNoBRequired: FieldSpec = {
	...phoneNoB,
	required: true,
	description:
		'Number B: A and B reach each other through X. Digits only, like Number A (no +86), e.g. 13900139000.',
};
export const phoneNoX: FieldSpec = {
	...phone(
		'phoneNoX',
		'PhoneNoX',
		'Phone No. X',
		'Virtual number X to use, digits only (e.g. 17001000000). If empty, one is picked from the pool, preferring ' +
			'Expect City.',
	),
	anyNumber: true,
};
export const phoneNoXRequired: FieldSpec = {
	...phoneNoX,
	required: true,
	description: 'The X number of the binding (must match the binding)',
};

export const expiration: FieldSpec = {
	name: 'expiration',
	wire: 'Expiration',
	displayName: 'Expiration',
	kind: 'chinaDateTime',
	required: true,
	future: true,
	description:
		'When the binding expires, more than 1 minute ahead: the date picker, an ISO 8601 date-time such as ' +
		'2026-12-24T18:00:00+08:00 (one without offset is read in the workflow time zone), a duration such as ' +
		'"3 hours" or "in 90 minutes", or a Luxon DateTime. Sent in China time (yyyy-MM-dd HH:mm:ss).',
};

export const expectCity: FieldSpec = {
	name: 'expectCity',
	wire: 'ExpectCity',
	displayName: 'Expect City',
	kind: 'string',
	placeholder: '杭州',
	description:
		'Preferred city of X (Chinese city name). Another city is used if none is free, unless the pool is in strict mode.',
};

export const isRecordingEnabled: FieldSpec = {
	name: 'isRecordingEnabled',
	wire: 'IsRecordingEnabled',
	displayName: 'Is Recording Enabled',
	kind: 'boolean',
	description: 'Whether to record all calls of this binding',
};

export const outId: FieldSpec = {
	name: 'outId',
	wire: 'OutId',
	displayName: 'Out ID',
	kind: 'string',
	description: 'Free-form tag, echoed as out_id in call receipts',
};

export const outOrderId: FieldSpec = {
	name: 'outOrderId',
	wire: 'OutOrderId',
	displayName: 'Out Order ID',
	kind: 'string',
	description: 'Your business order ID',
};

export const groupId = (
	required: boolean,
	description = 'ID of the number group G',
): FieldSpec => ({
	name: 'groupId',
	wire: 'GroupId',
	displayName: 'Group ID',
	kind: 'digits',
	required,
	min: 1,
	max: 20,
	description,
});

export const subsId: FieldSpec = {
	name: 'subsId',
	wire: 'SubsId',
	displayName: 'Subs ID',
	kind: 'digits',
	required: true,
	min: 1,
	max: 32,
	description: 'Binding ID (SubsId) returned by the bind call',
};

export const secretNo = (description: string): FieldSpec => ({
	name: 'secretNo',
	wire: 'SecretNo',
	displayName: 'Secret No. (X)',
	kind: 'phone',
	anyNumber: true,
	required: true,
	description,
});

export const callId: FieldSpec = {
	name: 'callId',
	wire: 'CallId',
	displayName: 'Call ID',
	kind: 'string',
	required: true,
	maxLength: 100,
	description: 'Call record ID: call_id of the call receipt (at most 100 characters)',
};

export const callTime: FieldSpec = {
	name: 'callTime',
	wire: 'CallTime',
	displayName: 'Call Time',
	kind: 'chinaDateTime',
	required: true,
	// receipts give call_time as China time text: read it as such whatever the workflow's time zone
	naiveZone: 'Asia/Shanghai',
	description:
		'call_time of the receipt (China time text, epoch ms, ISO or a Luxon DateTime). A date and time without an ' +
		'offset is read as China time.',
};
