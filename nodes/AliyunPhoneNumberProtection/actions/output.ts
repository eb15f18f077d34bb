import type { IDataObject } from 'n8n-workflow';
import { parseChinaTime, toChinaIso } from '../../shared/time';

/** Rate-cap default for actions whose QPS limit Alibaba does not state. */
export const NOT_DOCUMENTED = 'Alibaba states no limit for this action: a conservative default';

/** Simplified output items of Dyplsapi answers (the raw answer is available through the Return Raw Response option). */

export function bindResult(body: IDataObject): IDataObject {
	const dto = (body.SecretBindDTO ?? {}) as IDataObject;
	const result: IDataObject = {
		subsId: dto.SubsId === undefined ? null : String(dto.SubsId),
		secretNo: dto.SecretNo ?? null,
		extension: dto.Extension ?? null,
		requestId: body.RequestId ?? null,
	};
	if (body.recovered) result.recovered = true;
	return result;
}

/** The answer's payload object with the RequestId beside it. */
export const detail =
	(key: string) =>
	(body: IDataObject): IDataObject => ({
		...((body[key] ?? {}) as IDataObject),
		requestId: body.RequestId ?? null,
	});

/** For actions that answer only Code/Message: what was done, on what. */
export const done =
	(what: string, ...echo: string[]) =>
	(body: IDataObject, params: IDataObject): IDataObject => {
		const result: IDataObject = { [what]: true };
		for (const key of echo)
			result[key.charAt(0).toLowerCase() + key.slice(1)] = params[key] ?? null;
		if (body.alreadyDone) result.alreadyDone = true;
		result.requestId = body.RequestId ?? body.requestId ?? null;
		return result;
	};

/**
 * QuerySubscriptionDetail: the detail object plus ISO 8601 forms of its China-time dates, for date comparisons in
 * workflows.
 */
export function bindingDetail(body: IDataObject): IDataObject {
	const result = detail('SecretBindDetailDTO')(body);
	for (const [key, iso] of [
		['ExpireDate', 'expiresAt'],
		['GmtCreate', 'createdAt'],
	] as const) {
		const epoch =
			typeof result[key] === 'string' ? parseChinaTime(result[key] as string) : undefined;
		if (epoch !== undefined) result[iso] = toChinaIso(epoch);
	}
	return result;
}
