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
		'Number pool key (号码池Key), shown under Number Pool Management in the Phone Number Protection console',
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
	'Number A: a mobile number, or a landline with area code and no hyphen (e.g. 057188992688)',
	true,
);
export const phoneNoB = phone(
	'phoneNoB',
	'PhoneNoB',
	'Phone No. B',
	'Number B: the other party, or the default callee when A calls X',
);
export const phoneNoBRequired: FieldSpec = {
	...phoneNoB,
	required: true,
	description: 'Number B: A and B reach each other through X',
};
export const phoneNoX: FieldSpec = {
	...phone(
		'phoneNoX',
		'PhoneNoX',
		'Phone No. X',
		'Virtual number X to use. If empty, one is picked from the pool, preferring Expect City.',
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
		'When the binding expires: a date, an ISO string, a Luxon DateTime or e.g. "in 3 days". Sent in China time ' +
		'(yyyy-MM-dd HH:mm:ss); must be more than 1 minute ahead.',
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
