import type { FieldSpec, OperationSpec } from '../../shared/spec';
import { groupId, poolKey } from './fields';
import { done, NOT_DOCUMENTED } from './output';

const resource = 'group';

const numbers: FieldSpec = {
	name: 'numbers',
	wire: 'Numbers',
	displayName: 'Numbers',
	kind: 'phoneList',
	required: true,
	maxCount: 200,
	placeholder: '13800000000,13900000000',
	description: 'Comma-separated phone numbers, at most 200 per call',
};

/** Add, Remove and Replace Numbers: OperateAxgGroup with its OperateType. */
const membersChange = {
	resource,
	apiAction: 'OperateAxgGroup',
	kind: 'idempotent',
	maxRps: 5000,
	fields: [poolKey, groupId(true), numbers],
	output: done('done', 'GroupId', 'OperateType', 'Numbers'),
} satisfies Partial<OperationSpec>;

const memberChanges: OperationSpec[] = [
	{
		...membersChange,
		value: 'addNumbers',
		name: 'Add Numbers',
		action: 'Add numbers to a group',
		description: 'Add numbers to a group (OperateAxgGroup addNumbers)',
		fixed: { OperateType: 'addNumbers' },
	},
	{
		...membersChange,
		value: 'removeNumbers',
		name: 'Remove Numbers',
		action: 'Remove numbers from a group',
		description: 'Remove numbers from a group (OperateAxgGroup deleteNumbers)',
		fixed: { OperateType: 'deleteNumbers' },
	},
	{
		...membersChange,
		value: 'replaceNumbers',
		name: 'Replace Numbers',
		action: "Replace a group's numbers",
		description: "Replace a group's numbers (OperateAxgGroup overwriteNumbers)",
		fixed: { OperateType: 'overwriteNumbers' },
	},
];

export const groupOperations: OperationSpec[] = [
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a number group',
		description: 'Create a number group G for AXG bindings (CreateAxgGroup)',
		apiAction: 'CreateAxgGroup',
		maxRpsSource: NOT_DOCUMENTED,
		kind: 'create',
		maxRps: 100,
		fields: [
			poolKey,
			{
				name: 'name',
				wire: 'Name',
				displayName: 'Name',
				kind: 'string',
				maxLength: 128,
				description: 'Group name, 1–128 characters (defaults to the group ID)',
			},
			{ ...numbers, required: false, description: 'Initial members, comma-separated, at most 200' },
			{
				name: 'remark',
				wire: 'Remark',
				displayName: 'Remark',
				kind: 'string',
				maxLength: 256,
				description: 'At most 256 characters',
			},
		],
		output: (body) => ({
			groupId: body.GroupId === undefined ? null : String(body.GroupId),
			requestId: body.RequestId ?? null,
		}),
	},
	...memberChanges,
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a number group',
		description: 'Delete a number group G (DeleteAxgGroup)',
		apiAction: 'DeleteAxgGroup',
		maxRpsSource: NOT_DOCUMENTED,
		kind: 'idempotent',
		maxRps: 100,
		fields: [poolKey, groupId(true)],
		output: done('deleted', 'GroupId'),
	},
];
