import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import { poolKey } from './fields';
import { done } from './output';

const resource = 'blacklist';

const blackType: FieldSpec = {
	name: 'blackType',
	wire: 'BlackType',
	displayName: 'Black Type',
	kind: 'options',
	required: true,
	default: 'POINT_TO_POINT_BLACK',
	options: [
		{
			name: 'Point to Point (POINT_TO_POINT_BLACK)',
			value: 'POINT_TO_POINT_BLACK',
			description: 'Two numbers may not call each other',
		},
		{
			name: 'Whole Pool (PARTNER_GLOBAL_NUMBER_BLACK)',
			value: 'PARTNER_GLOBAL_NUMBER_BLACK',
			description: 'One number may not call any X of the pool',
		},
	],
};

const blackNo: FieldSpec = {
	name: 'blackNo',
	wire: 'BlackNo',
	displayName: 'Black No.',
	kind: 'string',
	required: true,
	placeholder: '13800000000:13900000000',
	description: 'Point to point: "numberA:numberB"; whole pool: one number',
};

const wayControl: FieldSpec = {
	name: 'wayControl',
	wire: 'WayControl',
	displayName: 'Way Control',
	kind: 'options',
	description: 'Direction of a point-to-point block',
	default: 'DUPLEX_REJECT',
	options: [
		{ name: 'Neither May Call the Other (DUPLEX_REJECT)', value: 'DUPLEX_REJECT' },
		{ name: 'A May Not Call B (PHONEA_REJECT)', value: 'PHONEA_REJECT' },
		{ name: 'B May Not Call A (PHONEB_REJECT)', value: 'PHONEB_REJECT' },
	],
};

const NUMBER = /^\d{5,20}$/;

function checkBlackNo(params: WireParams): void {
	const value = String(params.BlackNo);
	if (params.BlackType === 'POINT_TO_POINT_BLACK') {
		const parts = value.split(':');
		if (parts.length !== 2 || !parts.every((part) => NUMBER.test(part))) {
			throw new FieldError(
				'Black No.',
				'BlackNo',
				`point to point needs "numberA:numberB" in digits (got "${value}")`,
			);
		}
	} else {
		if (!NUMBER.test(value))
			throw new FieldError('Black No.', 'BlackNo', `must be one number in digits (got "${value}")`);
		if (params.WayControl !== undefined) {
			throw new FieldError('Way Control', 'WayControl', 'applies to point-to-point blocks only');
		}
	}
}

/** Add and Remove of the blacklist: the same fields and checks, two actions. */
const blacklistEntry = {
	resource,
	kind: 'idempotent',
	maxRps: 100,
	fields: [
		poolKey,
		blackType,
		blackNo,
		wayControl,
		{ name: 'remark', wire: 'Remark', displayName: 'Remark', kind: 'string' },
	],
	validate: checkBlackNo,
} satisfies Partial<OperationSpec>;

/** Block and Unblock in the pool: OperateBlackNo with its OperateType. */
const poolBlock = {
	resource,
	apiAction: 'OperateBlackNo',
	kind: 'idempotent',
	maxRps: 1000,
	fields: [
		poolKey,
		{
			...blackNo,
			kind: 'phone',
			placeholder: '13800000000',
			description: 'The number to block or unblock',
		},
		{
			name: 'tips',
			wire: 'Tips',
			displayName: 'Tips',
			kind: 'string',
			description: 'Note shown in the console',
		},
	],
} satisfies Partial<OperationSpec>;

export const blacklistOperations: OperationSpec[] = [
	{
		...blacklistEntry,
		value: 'add',
		name: 'Add',
		action: 'Add a blacklist entry',
		description: 'Add a blacklist entry: point to point or for the whole pool (AddSecretBlacklist)',
		apiAction: 'AddSecretBlacklist',
		output: done('added', 'BlackType', 'BlackNo'),
	},
	{
		...blacklistEntry,
		value: 'remove',
		name: 'Remove',
		action: 'Remove a blacklist entry',
		description:
			'Remove a blacklist entry: point to point or for the whole pool (DeleteSecretBlacklist)',
		apiAction: 'DeleteSecretBlacklist',
		output: done('removed', 'BlackType', 'BlackNo'),
	},
	{
		...poolBlock,
		value: 'block',
		name: 'Block a Number in the Pool',
		action: 'Block a number in the pool',
		description: 'Block a number in the pool (OperateBlackNo AddBlack)',
		fixed: { OperateType: 'AddBlack' },
		output: done('blocked', 'BlackNo'),
	},
	{
		...poolBlock,
		value: 'unblock',
		name: 'Unblock a Number in the Pool',
		action: 'Unblock a number in the pool',
		description: 'Unblock a number in the pool (OperateBlackNo DeleteBlack)',
		fixed: { OperateType: 'DeleteBlack' },
		output: done('unblocked', 'BlackNo'),
	},
];
