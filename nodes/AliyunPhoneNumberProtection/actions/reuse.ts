import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import { bindingsOnX, matches, type Call, type FoundBinding } from '../lookup';
import { phoneNoX } from './fields';
import { bindResult } from './output';

/**
 * Reuse Live Binding: a bind that is safe to repeat. A bind whose execution died (a queue-mode worker killed with the
 * request in flight) may exist although its caller was told it failed; sending the order again would bind it a
 * second time on another X. With this option the bind first looks for a live binding of the same parties on the
 * given X number(s) (QuerySubsId, then QuerySubscriptionDetail for each binding on X) and returns it instead.
 * QuerySubscriptionDetail carries no OutId or OutOrderId, so what is matched is the pool, A, B (when the bind has
 * one), the extension and the group (when given) and Status 1: a live binding of the same parties counts as this
 * order's.
 */

/** Bind actions whose binding QuerySubscriptionDetail describes (BindBatchAxg answers per chunk: not covered). */
const REUSABLE = new Set(['BindAxb', 'BindAxn', 'BindAxnExtension', 'BindAxg']);

/** Each X searched costs one QuerySubsId plus one QuerySubscriptionDetail per binding on it. */
const MAX_SEARCHED = 50;

const reuseLiveBinding: FieldSpec = {
	name: 'reuseLiveBinding',
	displayName: 'Reuse Live Binding',
	kind: 'boolean',
	default: false,
	description:
		'Whether to look for a live binding of the same A and B first and return it (reused: true) instead of binding ' +
		'again, which makes a resent order safe. Searches Phone No. X, else X Numbers to Search.',
};

const reuseXNumbers: FieldSpec = {
	...phoneNoX,
	name: 'reuseXNumbers',
	wire: undefined,
	displayName: 'X Numbers to Search',
	kind: 'phoneList',
	maxCount: MAX_SEARCHED,
	description:
		'For Reuse Live Binding when X is picked by the pool: the X numbers a binding of this order may be on, ' +
		'comma-separated (at most 50), e.g. the pool’s numbers or the X your own records hold for the order',
};

const searched = (params: WireParams, xNumbers: unknown): string[] => {
	const list = params.PhoneNoX ? [String(params.PhoneNoX)] : String(xNumbers ?? '').split(',');
	return list.map((x) => x.trim()).filter(Boolean);
};

/** The live binding of the same parties on the searched X numbers, if any. */
async function findLive(
	call: Call,
	params: WireParams,
	xNumbers: string[],
): Promise<FoundBinding | undefined> {
	const same = (detail: IDataObject, key: string) =>
		params[key] === undefined || String(detail[key] ?? '') === String(params[key]);
	for (const x of xNumbers) {
		const found = (await bindingsOnX(call, params.PoolKey as string, x)).find(
			({ detail }) =>
				matches(detail, {
					phoneNoA: params.PhoneNoA as string,
					phoneNoB: params.PhoneNoB as string | undefined,
					activeOnly: true,
				}) &&
				same(detail, 'Extension') &&
				same(detail, 'GroupId'),
		);
		if (found) return found;
	}
	return undefined;
}

/** The bind operations with the Reuse Live Binding option; every other operation unchanged. */
export function withReuse(operations: OperationSpec[]): OperationSpec[] {
	return operations.map((op) =>
		op.kind !== 'create' || !REUSABLE.has(op.apiAction) || op.run
			? op
			: {
					...op,
					optionFields: [...(op.optionFields ?? []), reuseLiveBinding, reuseXNumbers],
					validate: (params, convert, controls, item) => {
						op.validate?.(params, convert, controls, item);
						if (
							controls.reuseLiveBinding === true &&
							!searched(params, controls.reuseXNumbers).length
						)
							throw new FieldError(
								'X Numbers to Search',
								undefined,
								'is required for Reuse Live Binding when Phone No. X is empty',
							);
					},
					run: async (ctx, params, controls) => {
						const reuse = controls.reuseLiveBinding === true;
						if (reuse) {
							const live = await findLive(
								ctx.call,
								params,
								searched(params, controls.reuseXNumbers),
							);
							if (live) {
								const { detail, body } = live;
								return {
									...bindResult({
										RequestId: body.RequestId,
										SecretBindDTO: {
											SubsId: detail.SubsId,
											SecretNo: detail.PhoneNoX,
											Extension: detail.Extension || null,
										},
									}),
									reused: true,
									expireDate: detail.ExpireDate ?? null,
								};
							}
						}
						const body = await ctx.call({ action: op.apiAction, params, kind: op.kind });
						const result = op.output ? (op.output(body, params) as IDataObject) : body;
						return reuse ? { ...result, reused: false } : result;
					},
				},
	);
}
