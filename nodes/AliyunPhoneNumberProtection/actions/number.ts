import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import { poolKey, secretNo } from './fields';
import { detail, done, NOT_DOCUMENTED } from './output';

const resource = 'number';

const specId: FieldSpec = {
	name: 'specId',
	wire: 'SpecId',
	displayName: 'Spec ID',
	kind: 'options',
	required: true,
	default: 1,
	options: [
		{ name: 'Virtual Operator Numbers 170/171 (1)', value: 1 },
		{ name: 'Carrier Numbers (2)', value: 2 },
		{ name: '95-Prefixed Numbers (3)', value: 3 },
	],
	description: 'Number type (SpecId)',
};

const city: FieldSpec = {
	name: 'city',
	wire: 'City',
	displayName: 'City',
	kind: 'string',
	required: true,
	placeholder: '杭州',
	description: 'Mainland city in Chinese (e.g. 杭州); for 95-prefixed numbers use 全国通用',
};

/** 95-prefixed numbers (SpecId 3) are national: their City is 全国通用. */
const NATIONAL = '全国通用';
/** Totals that only the stock query knows. */
const STOCK_ONLY_CITIES = ['全国', '全国列表'];

const cityForSpec =
	(forStock: boolean) =>
	(params: WireParams): void => {
		const given = String(params.City);
		if (params.SpecId === 3 && given !== NATIONAL) {
			throw new FieldError(
				'City',
				'City',
				`must be ${NATIONAL} for 95-prefixed numbers (Spec ID 3), got "${given}"`,
			);
		}
		if (!forStock && STOCK_ONLY_CITIES.includes(given)) {
			throw new FieldError(
				'City',
				'City',
				`"${given}" is a total of the stock query; name the city to buy in, e.g. 杭州`,
			);
		}
	};

const prefix: FieldSpec = {
	name: 'secretNoPrefix',
	wire: 'SecretNo',
	displayName: 'Number Prefix',
	kind: 'digits',
	min: 1,
	max: 18,
	description: 'Only numbers starting with these digits (up to 18)',
};

/** Release, Lock and Unlock share their fields and kind: a change of one X number's state. */
const numberStateChange = {
	resource,
	kind: 'idempotent',
	fields: [poolKey, secretNo('The full X number')],
} satisfies Partial<OperationSpec>;

const stateChanges: OperationSpec[] = [
	{
		...numberStateChange,
		value: 'release',
		name: 'Release',
		action: 'Release an X number',
		description: 'Release an unbound X number from the pool; irreversible (ReleaseSecretNo)',
		apiAction: 'ReleaseSecretNo',
		maxRps: 100,
		maxRpsSource: NOT_DOCUMENTED,
		output: done('released', 'SecretNo'),
	},
	{
		...numberStateChange,
		value: 'lock',
		name: 'Lock',
		action: 'Lock an X number',
		description: 'Lock an X number so it is not used for new bindings (LockSecretNo)',
		apiAction: 'LockSecretNo',
		maxRps: 500,
		output: done('locked', 'SecretNo'),
	},
	{
		...numberStateChange,
		value: 'unlock',
		name: 'Unlock',
		action: 'Unlock an X number',
		description: 'Unlock a locked X number (UnlockSecretNo)',
		apiAction: 'UnlockSecretNo',
		maxRps: 500,
		output: done('unlocked', 'SecretNo'),
	},
];

export const numberOperations: OperationSpec[] = [
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get an X number',
		description: 'Status, carrier and city of an X number (QuerySecretNoDetail)',
		apiAction: 'QuerySecretNoDetail',
		kind: 'read',
		maxRps: 1000,
		fields: [poolKey, secretNo('The X number')],
		output: detail('SecretNoInfoDTO'),
	},
	{
		resource,
		value: 'buy',
		name: 'Buy',
		action: 'Buy an X number',
		description: 'Buy a number into the pool (BuySecretNo); needs an enterprise-verified account',
		apiAction: 'BuySecretNo',
		maxRpsSource: NOT_DOCUMENTED,
		kind: 'create',
		maxRps: 100,
		fields: [
			poolKey,
			specId,
			city,
			prefix,
			{
				name: 'displayPool',
				wire: 'DisplayPool',
				displayName: 'Display Pool',
				kind: 'boolean',
				description: 'Whether to buy into the display-number pool',
			},
		],
		validate: cityForSpec(false),
		output: detail('SecretBuyInfoDTO'),
	},
	...stateChanges,
	{
		resource,
		value: 'getStock',
		name: 'Get Stock',
		action: 'Get the stock of numbers for sale',
		description: 'How many numbers of a type can be bought in a city (QuerySecretNoRemain)',
		apiAction: 'QuerySecretNoRemain',
		maxRpsSource: NOT_DOCUMENTED,
		kind: 'read',
		maxRps: 100,
		fields: [
			specId,
			{
				...city,
				description:
					'City in Chinese (e.g. 杭州), 全国 (national total) or 全国列表 (per city); for 95 numbers 全国通用',
			},
			prefix,
		],
		validate: cityForSpec(true),
		output: detail('SecretRemainDTO'),
	},
];
