import type { IDataObject } from 'n8n-workflow';
import type { ProviderRequest } from '../shared/spec';

/**
 * Dyplsapi lists no bindings: they can be found only through an X number, by QuerySubsId (the binding IDs on X) and
 * QuerySubscriptionDetail for each. Used by Find Bindings, Unbind by Order and the recovery of a lost bind.
 */

export type Call = (request: ProviderRequest) => Promise<IDataObject>;

/** Status of an active binding in QuerySubscriptionDetail */
export const ACTIVE = 1;

/** The binding IDs on X; none when Alibaba answers that X has no binding (isv.SUBS_NOT_EXIST). */
export async function subsIdsOnX(
	call: Call,
	PoolKey: string | undefined,
	PhoneNoX: string,
): Promise<string[]> {
	const found = await call({
		action: 'QuerySubsId',
		params: { PoolKey, PhoneNoX },
		kind: 'read',
		notFoundCodes: ['isv.SUBS_NOT_EXIST'],
	});
	return String(found.SubsId ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
}

export interface FoundBinding {
	/** the SecretBindDetailDTO */
	detail: IDataObject;
	/** the whole QuerySubscriptionDetail answer */
	body: IDataObject;
}

/** Each binding on X with its detail, in the order QuerySubsId lists them. */
export async function bindingsOnX(
	call: Call,
	PoolKey: string | undefined,
	PhoneNoX: string,
): Promise<FoundBinding[]> {
	const found: FoundBinding[] = [];
	for (const SubsId of await subsIdsOnX(call, PoolKey, PhoneNoX)) {
		const body = await call({
			action: 'QuerySubscriptionDetail',
			params: { PoolKey, PhoneNoX, SubsId },
			kind: 'read',
		});
		const detail = (body.SecretBindDetailDTO ?? {}) as IDataObject;
		found.push({ detail: { ...detail, SubsId: String(detail.SubsId ?? SubsId) }, body });
	}
	return found;
}

export interface BindingFilter {
	phoneNoA?: string;
	phoneNoB?: string;
	/** only active bindings (Status 1) */
	activeOnly?: boolean;
}

export const matches = (detail: IDataObject, filter: BindingFilter): boolean =>
	(!filter.phoneNoA || detail.PhoneNoA === filter.phoneNoA) &&
	(!filter.phoneNoB || detail.PhoneNoB === filter.phoneNoB) &&
	(!filter.activeOnly || Number(detail.Status) === ACTIVE);
