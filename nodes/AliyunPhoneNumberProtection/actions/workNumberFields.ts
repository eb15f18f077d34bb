import type { IDataObject } from 'n8n-workflow';
import { phoneField } from '../../shared/fields';
import { FieldError, type ConvertContext, type FieldSpec } from '../../shared/spec';
import { convertField } from '../../shared/values';
import { callId } from './fields';

/** The fields and output shapers of the work-number (工作号, XB) family, in the words of Alibaba's SDK models. */

export const customerPoolKey: FieldSpec = {
	name: 'customerPoolKey',
	wire: 'CustomerPoolKey',
	displayName: 'Customer Pool Key',
	kind: 'string',
	required: true,
	placeholder: 'FC500000000000001',
	description:
		'Key of the work-number pool (号码池key), shown in the Phone Number Protection console',
};

export const reqId: FieldSpec = {
	name: 'reqId',
	wire: 'ReqId',
	displayName: 'Req ID',
	kind: 'string',
	required: true,
	default: '',
	maxLength: 20,
	placeholder: 'e.g. {{ $json.orderId }}',
	description:
		'De-duplication ID (请求去重ID), at most 20 characters, e.g. your order ID: Alibaba answers a repeated ' +
		'Req ID with the first result instead of acting twice, so a retry is safe. Give each new request its own.',
};

export const callerParentId: FieldSpec = {
	name: 'callerParentId',
	wire: 'CallerParentId',
	displayName: 'Caller Parent ID',
	kind: 'number',
	description: 'Customer UID (客户uid), for accounts that act for a customer',
};

const number = (name: string, wire: string, displayName: string, description: string) =>
	phoneField({ name, wire, displayName, description, placeholder: '13800000000' }, true);

export const telX: FieldSpec = {
	...number('telX', 'TelX', 'Work Number (X)', 'The work number X of the pool'),
	anyNumber: true,
};
export const telB = number('telB', 'TelB', 'Employee Number (B)', 'Real number of employee B');
export const telA = number('telA', 'TelA', 'Customer Number (A)', 'Number of customer A');
export const calledNo = number('calledNo', 'CalledNo', 'Called No.', 'Recipient of the SMS');
export const callingNo = number('callingNo', 'CallingNo', 'Calling No.', 'Sender of the SMS');

const id = (name: string, wire: string, displayName: string, description: string): FieldSpec => ({
	name,
	wire,
	displayName,
	kind: 'string',
	required: true,
	description,
});
export const authId = id(
	'authId',
	'AuthId',
	'Auth ID',
	'ID of the X → B binding (Bind Work Number)',
);
export const bindId = id('bindId', 'BindId', 'Bind ID', 'ID of the call binding (Bind Call (AXB))');
export const soundCallId: FieldSpec = {
	...callId,
	maxLength: undefined,
	description: 'Unique ID of the call (本次呼叫唯一id), from the call receipt',
};

export const userData: FieldSpec = {
	name: 'userData',
	wire: 'UserData',
	displayName: 'User Data',
	kind: 'string',
	description: 'Free-form data of yours, echoed back in the call receipts (客户自定义参数)',
};

export const expiresInSeconds: FieldSpec = {
	name: 'expiresInSeconds',
	wire: 'Expiration',
	displayName: 'Expires In (Seconds)',
	kind: 'number',
	required: true,
	min: 1,
	default: 7200,
	description: 'Seconds after which the call binding ends by itself (above 0)',
};

const choice = (
	[name, wire, displayName, description]: [string, string, string, string],
	options: Array<[string, string]>,
): FieldSpec => ({
	name,
	wire,
	displayName,
	kind: 'options',
	description,
	options: options.map(([value, label]) => ({ name: `${label} (${value})`, value })),
});
const ON_OFF: Array<[string, string]> = [
	['0', 'Off'],
	['1', 'On'],
];
const PASS_THROUGH: Array<[string, string]> = [
	['0', 'Not Passed Through'],
	['1', 'Passed Through'],
];

/** ConfigX: what can be switched on X. Unset ones are not sent and stay as they are. */
export const configFields: FieldSpec[] = [
	choice(
		['callAbility', 'CallAbility', 'Call Ability', 'Whether X can make and take calls'],
		ON_OFF,
	),
	choice(['smsAbility', 'SmsAbility', 'SMS Ability', 'Whether X can send and receive SMS'], ON_OFF),
	choice(
		[
			'gnFlag',
			'GNFlag',
			'Caller ID Pass-Through',
			'Whether B sees the real number of A when A calls (default 00: both sides see the work number)',
		],
		[
			['00', 'Both See the Work Number'],
			['10', 'B Sees A’s Real Number'],
		],
	),
	choice(
		['smsSignMode', 'SmsSignMode', 'SMS Sender Pass-Through', 'Whether SMS show the real sender'],
		PASS_THROUGH,
	),
	choice(
		[
			'sequenceMode',
			'SequenceMode',
			'Sequence Mode',
			'Sequential ringing (顺振) of Sequence Calls',
		],
		[
			['0', 'None'],
			['1', 'When B Does Not Answer'],
			['2', 'Instead of B'],
		],
	),
	{
		name: 'sequenceCalls',
		wire: 'SequenceCalls',
		displayName: 'Sequence Calls',
		kind: 'jsonText',
		default: '[{"SequenceCalledNo": "13800000000"}]',
		description:
			'JSON array of the numbers rung in sequence: SequenceCalledNo (required), SequenceCallNoPlayCode (prompt ' +
			'code while ringing) and SequenceCalledPlayCode (prompt code once connected)',
	},
];

const SEQUENCE_KEYS = ['SequenceCalledNo', 'SequenceCallNoPlayCode', 'SequenceCalledPlayCode'];
const sequenceCalledNo = number('sequenceCalledNo', 'SequenceCalls', 'Sequence Calls', '');

/** SequenceCalls: a JSON array of the documented objects, each with the number to ring (sent as one JSON string). */
export function normaliseSequenceCalls(list: unknown, convert: ConvertContext): string {
	const fail = (reason: string): never => {
		throw new FieldError('Sequence Calls', 'SequenceCalls', reason);
	};
	if (!Array.isArray(list)) return fail('must be a JSON array of {SequenceCalledNo, …} objects');
	const entries = list.map((entry: unknown, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			return fail(`entry ${index} must be an object`);
		const out: Record<string, string> = {};
		for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
			if (!SEQUENCE_KEYS.includes(key))
				fail(`entry ${index} has unknown key "${key}"; allowed: ${SEQUENCE_KEYS.join(', ')}`);
			if (value === undefined || value === null || value === '') continue;
			if (key !== 'SequenceCalledNo') {
				if (typeof value !== 'string' && typeof value !== 'number')
					fail(`entry ${index}: ${key} must be text`);
				out[key] = String(value);
				continue;
			}
			try {
				out[key] = convertField(sequenceCalledNo, value, convert) as string;
			} catch (error) {
				fail(
					`entry ${index}: ${key} ${error instanceof FieldError ? error.reason : String(error)}`,
				);
			}
		}
		if (out.SequenceCalledNo === undefined) fail(`entry ${index} needs SequenceCalledNo`);
		return out;
	});
	return JSON.stringify(entries);
}

/** Output: the answer's Data made an item, with the RequestId where the action's answer has one. */
export const item =
	(make: (data: IDataObject, params: IDataObject) => IDataObject) =>
	(body: IDataObject, params: IDataObject): IDataObject => {
		const made = make((body.Data ?? {}) as IDataObject, params);
		return body.RequestId === undefined ? made : { ...made, requestId: body.RequestId };
	};

export const text = (value: unknown) =>
	value === undefined || value === null ? null : String(value);
const lowerFirst = (key: string) =>
	key === 'GNFlag' ? 'gnFlag' : key[0].toLowerCase() + key.slice(1);
const camelKeys = (entry: IDataObject): IDataObject =>
	Object.fromEntries(Object.entries(entry ?? {}).map(([key, value]) => [lowerFirst(key), value]));
export const listOf = (value: unknown) =>
	Array.isArray(value) ? (value as IDataObject[]).map(camelKeys) : [];

/** GetXConfig and GetXDefaultConfig in one shape (the default answer names its lists in the singular). */
export const xConfig = item((data, params) => {
	const { SequenceCall, ReachJson, SequenceCalls, ReachJsons, ...settings } = data;
	return {
		telX: params.TelX,
		...camelKeys(settings),
		sequenceCalls: listOf(SequenceCalls ?? SequenceCall),
		reachJsons: listOf(ReachJsons ?? ReachJson),
	};
});

/** For answers without a payload: what was done, on what. */
export const done = (what: string, ...echo: string[]) =>
	item((_data, params) => ({
		[what]: true,
		...Object.fromEntries(echo.map((key) => [lowerFirst(key), params[key] ?? null])),
	}));
