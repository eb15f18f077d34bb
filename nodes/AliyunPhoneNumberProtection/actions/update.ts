import type { FieldSpec, OperationSpec } from '../../shared/spec';
import { callDisplayType, callRestrict, callRestrictOptions } from './callSettings';
import {
	expiration,
	groupId,
	isRecordingEnabled,
	outId,
	phoneNoA,
	phoneNoBRequired,
	phoneNoXRequired,
	poolKey,
	subsId,
} from './fields';
import { done } from './output';

/**
 * UpdateSubscription changes one property of a binding: its Operate Type decides which single field is shown,
 * required and sent.
 */

const operateTypes: Array<{ value: string; name: string; field: FieldSpec }> = [
	{
		value: 'updateNoA',
		name: 'Update A Number (updateNoA)',
		field: { ...phoneNoA, description: 'New number A' },
	},
	{
		value: 'updateNoB',
		name: 'Update B Number (updateNoB)',
		field: { ...phoneNoBRequired, description: 'New number B' },
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

export const update: OperationSpec = {
	resource: 'binding',
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
};
