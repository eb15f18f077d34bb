import type { IDataObject } from 'n8n-workflow';
import type { WireParams } from '../../shared/spec';

/** Simplified output items of NXCloud answers (the raw answer is available through the Return Raw Response option). */

const orNull = (value: unknown) => (value === undefined || value === '' ? null : value);

/** Bind answers of both API generations: action API {bindId, did}, REST-path API {bindId, didX, didY, extensionX}. */
export function bindResult(body: IDataObject, params: WireParams): IDataObject {
	const data = (body.data ?? {}) as IDataObject;
	const result: IDataObject = {
		bindId: orNull(data.bindId),
		did: orNull(data.did ?? data.didX),
	};
	if (data.didY !== undefined) result.didY = orNull(data.didY);
	result.extension = orNull(data.extension ?? data.extensionX ?? params.extension);
	if (params.customerBindId !== undefined) result.customerBindId = params.customerBindId;
	result.requestId = orNull(body.requestId);
	if (body.recovered) result.recovered = true;
	return result;
}

/** For actions that answer only the envelope: what was done, on what. */
export const done =
	(what: string, ...echo: string[]) =>
	(body: IDataObject, params: WireParams): IDataObject => {
		const result: IDataObject = { [what]: true };
		for (const key of echo) if (params[key] !== undefined) result[key] = params[key];
		if (body.alreadyDone) result.alreadyDone = true;
		result.requestId = orNull(body.requestId);
		return result;
	};

/** getAXBList entries, with the expiry also as an ISO date (expireAt is epoch seconds, 0 = never). */
export function bindingItem(entry: IDataObject): IDataObject {
	const expireAt = Number(entry.expireAt);
	return {
		...entry,
		expiresAt:
			Number.isFinite(expireAt) && expireAt > 0 ? new Date(expireAt * 1000).toISOString() : null,
	};
}
