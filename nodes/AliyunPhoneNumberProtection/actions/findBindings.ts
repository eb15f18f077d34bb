import type { IDataObject } from 'n8n-workflow';
import type { Controls, FieldSpec, OperationSpec, WireParams } from '../../shared/spec';
import { bindingsOnX, matches, type BindingFilter, type Call, type FoundBinding } from '../lookup';
import { phoneNoA, phoneNoB, phoneNoX, poolKey } from './fields';
import { bindingDetail } from './output';

/**
 * Finding a binding from order data: Alibaba finds bindings only through an X number (QuerySubsId, then
 * QuerySubscriptionDetail for each), and its detail carries A, B and the status but no OutId or OutOrderId. So the
 * search is by the X numbers the order may use, filtered by A, B and status.
 */

const resource = 'binding';

/** X numbers searched per item: each costs one QuerySubsId plus one QuerySubscriptionDetail per binding on it. */
const MAX_X_NUMBERS = 50;

const xNumbers: FieldSpec = {
	...phoneNoX,
	name: 'xNumbers',
	wire: undefined,
	displayName: 'X Numbers',
	kind: 'phoneList',
	required: true,
	maxCount: MAX_X_NUMBERS,
	description:
		'The X number(s) to search, comma-separated (at most 50): Alibaba finds bindings only by X, so give the X ' +
		'the order was bound on or the pool’s X numbers you know',
};

const filterA: FieldSpec = {
	...phoneNoA,
	name: 'filterPhoneNoA',
	wire: undefined,
	required: false,
	description: 'Only bindings whose A is this number',
};
const filterB: FieldSpec = {
	...phoneNoB,
	name: 'filterPhoneNoB',
	wire: undefined,
	description: 'Only bindings whose B is this number',
};

const activeOnly: FieldSpec = {
	name: 'activeOnly',
	displayName: 'Active Only',
	kind: 'boolean',
	default: true,
	description: 'Whether to return only active bindings (Status 1), not expired or unbound ones',
};

const filterOf = (controls: Controls): BindingFilter => ({
	phoneNoA: controls.filterPhoneNoA as string | undefined,
	phoneNoB: controls.filterPhoneNoB as string | undefined,
	activeOnly: controls.activeOnly !== false,
});

/** The bindings on the item's X numbers that match its filter. */
async function search(call: Call, params: WireParams, controls: Controls): Promise<FoundBinding[]> {
	const filter = filterOf(controls);
	const found: FoundBinding[] = [];
	for (const x of String(controls.xNumbers).split(',')) {
		for (const binding of await bindingsOnX(call, params.PoolKey as string, x)) {
			if (matches(binding.detail, filter)) found.push(binding);
		}
	}
	return found;
}

const describe = (controls: Controls): string => {
	const { phoneNoA: a, phoneNoB: b, activeOnly: active } = filterOf(controls);
	const parties = [a && `A ${a}`, b && `B ${b}`].filter(Boolean).join(' and ');
	return `${active ? 'active ' : ''}binding${parties ? ` of ${parties}` : ''} on ${String(controls.xNumbers)}`;
};

const find: OperationSpec = {
	resource,
	value: 'find',
	name: 'Find Bindings',
	action: 'Find bindings by X number and parties',
	description:
		'Find bindings on X numbers, filtered by A, B and status (QuerySubsId + QuerySubscriptionDetail); one item ' +
		'per match, none when nothing matches',
	apiAction: 'QuerySubsId',
	kind: 'read',
	maxRps: 1000,
	maxRpsSource: 'Alibaba states no limit for QuerySubsId: a conservative default',
	fields: [poolKey, xNumbers, filterA, filterB, activeOnly],
	run: async (ctx, params, controls) =>
		(await search(ctx.call, params, controls)).map(({ body, detail }) =>
			bindingDetail({ ...body, SecretBindDetailDTO: detail }),
		),
};

const ifNone: FieldSpec = {
	name: 'ifNone',
	displayName: 'When Nothing Matches',
	kind: 'options',
	default: 'error',
	options: [
		{ name: 'Fail the Item', value: 'error', description: 'An error naming what was searched' },
		{
			name: 'Output Unbound: False',
			value: 'report',
			description: 'An item with unbound false and matches 0',
		},
	],
};
const ifSeveral: FieldSpec = {
	name: 'ifSeveral',
	displayName: 'When Several Match',
	kind: 'options',
	default: 'error',
	options: [
		{ name: 'Fail the Item', value: 'error', description: 'An error listing the matching SubsIds' },
		{
			name: 'Unbind All of Them',
			value: 'all',
			description: 'One output item per unbound binding',
		},
	],
};

const unbindByOrder: OperationSpec = {
	resource,
	value: 'unbindByOrder',
	name: 'Unbind by Order',
	action: 'Find and unbind the binding of an order',
	description:
		'Find the active binding of A (and B) on the order’s X number(s) and unbind it (QuerySubsId, ' +
		'QuerySubscriptionDetail, UnbindSubscription)',
	apiAction: 'UnbindSubscription',
	kind: 'idempotent',
	maxRps: 1000,
	maxRpsSource:
		'Alibaba states no limit for QuerySubsId, the first call of each item: a conservative default',
	fields: [
		poolKey,
		xNumbers,
		{ ...filterA, required: true, description: 'A of the order' },
		filterB,
	],
	optionFields: [ifNone, ifSeveral],
	run: async (ctx, params, controls) => {
		const found = await search(ctx.call, params, { ...controls, activeOnly: true });
		if (found.length === 0) {
			if (controls.ifNone === 'report') return { unbound: false, matches: 0 };
			throw new Error(`No ${describe({ ...controls, activeOnly: true })}`);
		}
		if (found.length > 1 && controls.ifSeveral !== 'all') {
			const ids = found.map(({ detail }) => detail.SubsId).join(', ');
			throw new Error(
				`${found.length} bindings match (SubsId ${ids}); set When Several Match to unbind all`,
			);
		}
		const out: IDataObject[] = [];
		for (const { detail } of found) {
			const body = await ctx.call({
				action: 'UnbindSubscription',
				params: { PoolKey: params.PoolKey, SubsId: detail.SubsId, SecretNo: detail.PhoneNoX },
				kind: 'idempotent',
			});
			out.push({
				unbound: true,
				subsId: detail.SubsId,
				secretNo: detail.PhoneNoX,
				phoneNoA: detail.PhoneNoA ?? null,
				phoneNoB: detail.PhoneNoB ?? null,
				matches: found.length,
				requestId: body.RequestId ?? null,
			});
		}
		return out;
	},
};

export const findOperations = [find, unbindByOrder];
