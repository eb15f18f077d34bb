import type { IDataObject } from 'n8n-workflow';
import type { OperationSpec, WireParams } from '../../shared/spec';
import { groupsOf } from '../transport';
import { checkPhoneList, groupLocator, phones } from './fields';
import { listOperation } from './list';
import { done } from './output';
import { DEFAULT_RPS } from './shared';

const resource = 'group';

/** Add, Remove and Replace Numbers: updateGroup with its operateType (0 add, 1 delete, 2 replace all). */
const membersChange = {
	resource,
	apiAction: 'updateGroup',
	kind: 'idempotent',
	maxRps: DEFAULT_RPS,
	fields: [groupLocator('The number group G'), phones],
	validate: (params: WireParams) => checkPhoneList(params),
	output: done('updated', 'groupId', 'operateType', 'phones'),
} satisfies Partial<OperationSpec>;

const memberChanges: OperationSpec[] = [
	{
		...membersChange,
		fixed: { operateType: 0 },
		value: 'addNumbers',
		name: 'Add Numbers',
		action: 'Add numbers to a group',
		description: 'Add numbers to a group (updateGroup, operateType 0: add)',
	},
	{
		...membersChange,
		fixed: { operateType: 1 },
		value: 'removeNumbers',
		name: 'Remove Numbers',
		action: 'Remove numbers from a group',
		description: 'Remove numbers from a group (updateGroup, operateType 1: delete)',
	},
	{
		...membersChange,
		fixed: { operateType: 2 },
		value: 'replaceNumbers',
		name: 'Replace Numbers',
		action: "Replace all of a group's numbers",
		description: "Replace all of a group's numbers (updateGroup, operateType 2: replace all)",
	},
];

export const groupOperations: OperationSpec[] = [
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a number group',
		description: 'Create a number group G for AXG bindings (createGroup)',
		apiAction: 'createGroup',
		kind: 'create',
		maxRps: DEFAULT_RPS,
		fields: [
			{ ...phones, description: `Initial members. ${phones.description}` },
			{
				name: 'groupName',
				wire: 'groupName',
				displayName: 'Group Name',
				kind: 'string',
				description: 'Defaults to the group ID',
			},
			{ name: 'remark', wire: 'remark', displayName: 'Remark', kind: 'string' },
		],
		validate: (params) => checkPhoneList(params),
		output: (body, params) => {
			const data = (body.data ?? {}) as IDataObject;
			const groupId = body.groupId ?? data.groupId;
			const result: IDataObject = {
				groupId: groupId === undefined || groupId === null ? null : String(groupId),
			};
			if (params.groupName !== undefined) result.groupName = params.groupName;
			result.phones = params.phones;
			result.requestId = body.requestId ?? null;
			return result;
		},
	},
	...memberChanges,
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a number group',
		description: 'Delete a number group G (deleteGroup)',
		apiAction: 'deleteGroup',
		kind: 'idempotent',
		maxRps: DEFAULT_RPS,
		fields: [groupLocator('The number group G to delete')],
		output: done('deleted', 'groupId'),
	},
	listOperation({
		resource,
		value: 'list',
		name: 'List',
		action: 'List number groups',
		description: 'List the number groups of the account, one item per group (listGroup)',
		apiAction: 'listGroup',
		what: 'groups',
		itemsOf: groupsOf,
		toItem: (entry) => entry,
	}),
];
