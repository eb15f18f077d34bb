import type { IDataObject } from 'n8n-workflow';
import {
	FieldError,
	type ConvertContext,
	type FieldSpec,
	type OperationSpec,
} from '../../shared/spec';
import { convertField } from '../../shared/values';
import { bindExtras } from './callSettings';
import { expiration, groupId, phoneNoA, phoneNoB, phoneNoX, poolKey } from './fields';
import { NOT_DOCUMENTED } from './output';

/**
 * BindBatchAxg: many AXG bindings per call. Each entry of the list is checked like the single-binding fields, the list
 * is sent in chunks, and each entry becomes one output item with its own Code.
 */

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

export const bindAxgInBatch: OperationSpec = {
	resource: 'binding',
	value: 'bindBatchAxg',
	name: 'Bind AXG in Batch',
	action: 'Bind many A numbers to groups in one call (batch AXG)',
	description:
		`Create several AXG bindings per call (BindBatchAxg), ${BATCH_AXG_CHUNK} per request; outputs one ` +
		`item per entry with its own Code`,
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
				'JSON array of bindings with PascalCase keys: GroupId and PhoneNoA required; PhoneNoB, PhoneNoX, Expiration, ' +
				'ExpectCity, IsRecordingEnabled, OutId, OutOrderId, CallDisplayType, CallRestrict, ASRStatus, ASRModelId ' +
				'optional',
		},
	],
	validate: (params, convert) => {
		params.AxgBindList = normaliseAxgBindList(params.AxgBindList, convert);
	},
	run: async (ctx, params) => {
		const list = params.AxgBindList as IDataObject[];
		const results: IDataObject[] = [];
		for (let start = 0; start < list.length; start += BATCH_AXG_CHUNK) {
			const chunk = list.slice(start, start + BATCH_AXG_CHUNK);
			const body = await ctx.call({
				action: 'BindBatchAxg',
				params: { PoolKey: params.PoolKey, AxgBindList: JSON.stringify(chunk) },
				kind: 'create',
			});
			const entries = ((body.SecretBindList as IDataObject | undefined)?.SecretBind ??
				[]) as IDataObject[];
			entries.forEach((entry, offset) =>
				results.push({
					index: start + offset,
					code: entry.Code ?? null,
					message: entry.Message ?? null,
					groupId: entry.GroupId ?? chunk[offset]?.GroupId ?? null,
					phoneNoA: entry.PhoneNoA ?? chunk[offset]?.PhoneNoA ?? null,
					subsId: entry.SubsId === undefined || entry.SubsId === null ? null : String(entry.SubsId),
					secretNo: entry.SecretNo ?? null,
					extension: entry.Extension ?? null,
					requestId: body.RequestId ?? null,
				}),
			);
		}
		return results;
	},
};
