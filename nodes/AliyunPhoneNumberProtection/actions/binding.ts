import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import { convertField, type ConvertContext } from '../../shared/values';
import {
	bindExtras,
	callDisplayType,
	callRestrict,
	callRestrictOptions,
	callTimeout,
	dtmfConfig,
	expiration,
	groupId,
	isRecordingEnabled,
	outId,
	phoneNoA,
	phoneNoB,
	phoneNoX,
	phoneNoXRequired,
	poolKey,
	subsId,
} from './fields';
import { bindingDetail, bindResult, done, NOT_DOCUMENTED } from './output';

const resource = 'binding';

const requiredB: FieldSpec = {
	...phoneNoB,
	required: true,
	description: 'Number B: A and B reach each other through X',
};

const extension: FieldSpec = {
	name: 'extension',
	wire: 'Extension',
	displayName: 'Extension',
	kind: 'digits',
	min: 1,
	max: 3,
	description: 'Extension on X, 1–3 digits. When given, Phone No. X is required too.',
};

const trackNo: FieldSpec = {
	name: 'trackNo',
	wire: 'trackNo',
	displayName: 'Tracking No.',
	kind: 'string',
	required: true,
	description: 'Logistics tracking number (sent as trackNo)',
};

/** Largest AxgBindList sent in one BindBatchAxg call (the API states no limit; keeps URLs and failures small). */
export const BATCH_AXG_CHUNK = 100;

const AXG_ENTRY_FIELDS: Record<string, FieldSpec> = Object.fromEntries(
	[
		groupId(true),
		phoneNoA,
		phoneNoB,
		phoneNoX,
		{ ...expiration, required: false },
		...bindExtras('AXG'),
	].map((field) => [
		field.wire as string,
		{ ...field, displayName: `AXG Bind List: ${field.wire}` },
	]),
);

function convertEntryValue(
	field: FieldSpec,
	value: unknown,
	convert: ConvertContext,
	index: number,
) {
	let problem: string | undefined;
	let converted: unknown;
	try {
		converted = convertField(field, value, convert);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined)
		throw new FieldError('AXG Bind List', 'AxgBindList', `entry ${index}: ${problem}`);
	return converted as IDataObject[string];
}

/** Validates and converts each BindBatchAxg entry like the single-binding fields. */
export function normaliseAxgBindList(list: unknown, convert: ConvertContext): IDataObject[] {
	const label = 'AXG Bind List';
	if (!Array.isArray(list) || list.length === 0) {
		throw new FieldError(label, 'AxgBindList', 'must be a non-empty JSON array of bindings');
	}
	return list.map((entry, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new FieldError(label, 'AxgBindList', `entry ${index} must be an object`);
		}
		const out: IDataObject = {};
		for (const [key, value] of Object.entries(entry as IDataObject)) {
			const field = AXG_ENTRY_FIELDS[key];
			if (!field) {
				throw new FieldError(
					label,
					'AxgBindList',
					`entry ${index} has unknown key "${key}"; allowed: ${Object.keys(AXG_ENTRY_FIELDS).join(', ')}`,
				);
			}
			if (value === undefined || value === null || value === '') continue;
			out[key] = convertEntryValue(field, value, convert, index);
		}
		for (const key of ['GroupId', 'PhoneNoA']) {
			if (out[key] === undefined)
				throw new FieldError(label, 'AxgBindList', `entry ${index} needs ${key}`);
		}
		return out;
	});
}

const requireXWithExtension = (params: WireParams) => {
	if (params.Extension !== undefined && params.PhoneNoX === undefined) {
		throw new FieldError('Phone No. X', 'PhoneNoX', 'is required when an Extension is given');
	}
};

const operateTypes: Array<{ value: string; name: string; field: FieldSpec }> = [
	{
		value: 'updateNoA',
		name: 'Update A Number (updateNoA)',
		field: { ...phoneNoA, description: 'New number A' },
	},
	{
		value: 'updateNoB',
		name: 'Update B Number (updateNoB)',
		field: { ...requiredB, description: 'New number B' },
	},
	{
		value: 'updateExpire',
		name: 'Update Expiration (updateExpire)',
		field: { ...expiration, description: `New expiry. ${expiration.description}` },
	},
	{
		value: 'updateAxgGroup',
		name: 'Update AXG Group (updateAxgGroup)',
		field: groupId(true, 'New number group G of the AXG binding'),
	},
	{
		value: 'updateCallRestrict',
		name: 'Update Call Restriction (updateCallRestrict)',
		field: {
			...callRestrict,
			required: true,
			options: [
				...callRestrictOptions,
				{ name: 'Clear Restriction (CONTROL_CLEAR_DISABLE)', value: 'CONTROL_CLEAR_DISABLE' },
			],
		},
	},
	{
		value: 'updateCallDisplayType',
		name: 'Update Call Display Type (updateCallDisplayType)',
		field: { ...callDisplayType, required: true },
	},
	{
		value: 'updateOutId',
		name: 'Update Out ID (updateOutId)',
		field: { ...outId, required: true, description: 'New OutId' },
	},
	{
		value: 'updateIsRecordingEnabled',
		name: 'Update Recording (updateIsRecordingEnabled)',
		field: {
			...isRecordingEnabled,
			required: true,
			description: 'Whether calls of this binding are recorded from now on',
		},
	},
];

export const operateTypeField: FieldSpec = {
	name: 'operateType',
	wire: 'OperateType',
	displayName: 'Operate Type',
	kind: 'options',
	required: true,
	default: 'updateExpire',
	options: operateTypes.map(({ value, name }) => ({ name, value })),
	description:
		'What to change (OperateType). Only the field that this type needs is shown and sent.',
};

const bindFields = (extra: FieldSpec[]): FieldSpec[] => [poolKey, phoneNoA, ...extra, expiration];

export const bindingOperations: OperationSpec[] = [
	{
		resource,
		value: 'bindAxb',
		name: 'Bind AXB',
		action: 'Bind A and B through X (AXB)',
		description: 'Create an AXB binding: A and B reach each other by calling X (BindAxb)',
		apiAction: 'BindAxb',
		kind: 'create',
		maxRps: 5000,
		fields: [...bindFields([requiredB]), phoneNoX, ...bindExtras('AXB'), callTimeout, dtmfConfig],
		output: bindResult,
	},
	{
		resource,
		value: 'bindAxn',
		name: 'Bind AXN',
		action: 'Bind A to X for anyone (AXN)',
		description:
			'Create an AXN binding: anyone calling X reaches A; A calling X reaches the default B (BindAxn)',
		apiAction: 'BindAxn',
		kind: 'create',
		maxRps: 5000,
		fields: [...bindFields([]), phoneNoB, phoneNoX, ...bindExtras('AXN'), callTimeout],
		output: bindResult,
	},
	{
		resource,
		value: 'bindAxnExtension',
		name: 'Bind AXN Extension',
		action: 'Bind A to X with an extension (AXN extension)',
		description:
			'Create an AXN extension binding: callers dial X then the extension to reach A (BindAxnExtension)',
		apiAction: 'BindAxnExtension',
		kind: 'create',
		maxRps: 5000,
		fields: [...bindFields([]), extension, phoneNoB, phoneNoX, ...bindExtras('AXN')],
		validate: requireXWithExtension,
		output: bindResult,
	},
	{
		resource,
		value: 'bindAxg',
		name: 'Bind AXG',
		action: 'Bind A to a number group through X (AXG)',
		description: 'Create an AXG binding: only numbers of group G reach A through X (BindAxg)',
		apiAction: 'BindAxg',
		kind: 'create',
		maxRps: 5000,
		fields: [
			...bindFields([
				groupId(true, 'ID of a non-empty number group G (from Number Group → Create)'),
			]),
			phoneNoB,
			phoneNoX,
			...bindExtras('AXG'),
		],
		output: bindResult,
	},
	{
		resource,
		value: 'bindBatchAxg',
		name: 'Bind AXG in Batch',
		action: 'Bind many A numbers to groups in one call (batch AXG)',
		description: `Create several AXG bindings per call (BindBatchAxg), ${BATCH_AXG_CHUNK} per request; outputs one item per entry with its own Code`,
		apiAction: 'BindBatchAxg',
		maxRpsSource: `${NOT_DOCUMENTED}; each request carries up to ${BATCH_AXG_CHUNK} bindings`,
		kind: 'create',
		maxRps: 50,
		fields: [
			poolKey,
			{
				name: 'axgBindList',
				wire: 'AxgBindList',
				displayName: 'AXG Bind List',
				kind: 'jsonText',
				required: true,
				default: '[{"GroupId": "1234", "PhoneNoA": "13800000000", "Expiration": "in 1 day"}]',
				description:
					'JSON array of bindings with PascalCase keys: GroupId and PhoneNoA required; PhoneNoB, PhoneNoX, Expiration, ExpectCity, IsRecordingEnabled, OutId, OutOrderId, CallDisplayType, CallRestrict, ASRStatus, ASRModelId optional',
			},
		],
		validate: (params, convert) => {
			params.AxgBindList = normaliseAxgBindList(params.AxgBindList, convert);
		},
		run: async (ctx, params, options) => {
			const list = params.AxgBindList as IDataObject[];
			const results: IDataObject[] = [];
			for (let start = 0; start < list.length; start += BATCH_AXG_CHUNK) {
				const chunk = list.slice(start, start + BATCH_AXG_CHUNK);
				const body = await ctx.call({
					action: 'BindBatchAxg',
					params: { PoolKey: params.PoolKey, AxgBindList: JSON.stringify(chunk) },
					kind: 'create',
				});
				if (options.rawResponse === true) {
					results.push(body);
					continue;
				}
				const entries = ((body.SecretBindList as IDataObject | undefined)?.SecretBind ??
					[]) as IDataObject[];
				entries.forEach((entry, offset) =>
					results.push({
						index: start + offset,
						code: entry.Code ?? null,
						message: entry.Message ?? null,
						groupId: entry.GroupId ?? chunk[offset]?.GroupId ?? null,
						phoneNoA: entry.PhoneNoA ?? chunk[offset]?.PhoneNoA ?? null,
						subsId:
							entry.SubsId === undefined || entry.SubsId === null ? null : String(entry.SubsId),
						secretNo: entry.SecretNo ?? null,
						extension: entry.Extension ?? null,
						requestId: body.RequestId ?? null,
					}),
				);
			}
			return results;
		},
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a binding',
		description: 'Change one property of a binding, chosen by Operate Type (UpdateSubscription)',
		apiAction: 'UpdateSubscription',
		kind: 'idempotent',
		maxRps: 10000,
		fields: [
			poolKey,
			subsId,
			phoneNoXRequired,
			operateTypeField,
			...operateTypes.map(({ value, field }) => ({
				...field,
				required: true,
				show: { operateType: [value] },
			})),
		],
		output: (body, params) => ({ ...done('updated', 'SubsId', 'OperateType')(body, params) }),
	},
	{
		resource,
		value: 'unbind',
		name: 'Unbind',
		action: 'Unbind a binding',
		description: "Delete a binding (UnbindSubscription). X must be the binding's own X.",
		apiAction: 'UnbindSubscription',
		kind: 'idempotent',
		maxRps: 5000,
		fields: [
			poolKey,
			subsId,
			{ ...phoneNoXRequired, name: 'secretNo', wire: 'SecretNo', displayName: 'Secret No. (X)' },
		],
		output: done('unbound', 'SubsId', 'SecretNo'),
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a binding',
		description: 'Read one binding: numbers, expiry, status, recording (QuerySubscriptionDetail)',
		apiAction: 'QuerySubscriptionDetail',
		kind: 'read',
		maxRps: 5000,
		fields: [poolKey, subsId, phoneNoXRequired],
		output: bindingDetail,
	},
	{
		resource,
		value: 'findByX',
		name: 'Find by X Number',
		action: 'Find bindings by X number',
		description: 'Get the binding ID(s) on an X number (QuerySubsId)',
		apiAction: 'QuerySubsId',
		maxRpsSource: NOT_DOCUMENTED,
		kind: 'read',
		maxRps: 1000,
		fields: [poolKey, phoneNoXRequired],
		output: (body, params) => {
			const ids = String(body.SubsId ?? '')
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean);
			return {
				phoneNoX: params.PhoneNoX,
				subsId: ids[0] ?? null,
				subsIds: ids,
				requestId: body.RequestId ?? null,
			};
		},
	},
	{
		resource,
		value: 'addTrackNo',
		name: 'Add Track Number',
		action: 'Add a tracking number to a binding',
		description: 'Attach a logistics tracking number to an AXN binding (AddAxnTrackNo)',
		apiAction: 'AddAxnTrackNo',
		kind: 'idempotent',
		maxRps: 5000,
		fields: [poolKey, phoneNoXRequired, subsId, trackNo],
		output: done('added', 'SubsId', 'trackNo'),
	},
	{
		resource,
		value: 'findAByTrackNo',
		name: 'Find A by Track Number',
		action: 'Find number A by tracking number',
		description:
			'Look up A (and X, extension) from a logistics tracking number (QueryPhoneNoAByTrackNo); one item per match',
		apiAction: 'QueryPhoneNoAByTrackNo',
		kind: 'read',
		maxRps: 5000,
		fields: [
			trackNo,
			phoneNoX,
			{
				name: 'cabinetNo',
				wire: 'CabinetNo',
				displayName: 'Cabinet No.',
				kind: 'string',
				description: 'Parcel locker number',
			},
		],
		output: (body) => {
			const modules = (Array.isArray(body.Module) ? body.Module : []) as IDataObject[];
			return modules.map((entry) => ({ ...entry, requestId: body.RequestId ?? null }));
		},
	},
];
