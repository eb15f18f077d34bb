import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ProviderFailure, RecoveryResult, RetryClass, SendOutcome } from '../shared/outcome';
import {
	exchangeOptions,
	parseJsonBody,
	ProviderCallError,
	type Provider,
} from '../shared/provider';
import type { ProviderRequest } from '../shared/spec';

/** Dyplsapi over RPC: POST to the endpoint with every parameter in the signed query (as the official SDK does). */

const ALWAYS_RETRY = new Set(['SignatureNonceUsed', 'isv.FLOW_LIMIT', 'ServiceUnavailable']);

function classify(code: string, httpCode: number): RetryClass {
	if (code.startsWith('Throttling') || ALWAYS_RETRY.has(code)) return 'always';
	if (code.startsWith('isp.') || httpCode >= 500) return 'ifIdempotent';
	return 'never';
}

/**
 * The classic actions answer `Code: "OK"`. The newer families (700, fixed line, work number, A-number report) carry
 * `Success`, which alone decides: their success Codes vary (`OK`, `200`, `0000` in Alibaba's SDK examples). The
 * logistics pickup actions have no top-level Code: `Data.Success` decides and `Data.ErrorCode`/`ErrorMsg` explain.
 */
interface Verdict {
	ok: boolean;
	code: string;
	message: string;
}

const SUCCESS_CODES = new Set(['OK', '200', '0000']);
const isTrue = (value: unknown) => value === true || value === 'true';

function verdictOf(body: IDataObject): Verdict | undefined {
	const data = body.Data as IDataObject | null | undefined;
	if (typeof body.Code !== 'string' && typeof body.Success !== 'boolean') {
		if (!data || typeof data !== 'object' || typeof data.Success !== 'boolean') return undefined;
		return {
			ok: data.Success,
			code: String(data.ErrorCode ?? data.Code ?? 'Unsuccessful'),
			message: String(data.ErrorMsg ?? data.Message ?? body.Message ?? 'unsuccessful'),
		};
	}
	const ok =
		body.Success === undefined || body.Success === null ? body.Code === 'OK' : isTrue(body.Success);
	// An unsuccessful answer's code: its own, unless it reads like a success (then the envelope is the failure).
	const code =
		body.Code === undefined || SUCCESS_CODES.has(String(body.Code))
			? 'Unsuccessful'
			: String(body.Code);
	return { ok, code, message: String(body.Message ?? body.Code) };
}

export function interpretAliyun(statusCode: number, rawBody: unknown): SendOutcome {
	const body = parseJsonBody(rawBody);
	const verdict = body && verdictOf(body);
	if (!body || !verdict) {
		const failure: ProviderFailure = {
			code: statusCode >= 500 ? `HTTP_${statusCode}` : 'UnreadableResponse',
			message: `Alibaba Cloud answered HTTP ${statusCode} with ${body ? 'JSON without a Code' : 'a non-JSON body'}`,
			httpCode: statusCode,
			// The request may have been processed: treat as an unknown outcome.
			retry: 'ifIdempotent',
		};
		return { ok: false, failure };
	}
	if (statusCode >= 200 && statusCode < 300 && verdict.ok) return { ok: true, body };
	return {
		ok: false,
		failure: {
			code: verdict.code,
			message: verdict.message,
			requestId: body.RequestId ? String(body.RequestId) : undefined,
			httpCode: statusCode,
			retry: classify(verdict.code, statusCode),
			body,
		},
	};
}

/** The binds QuerySubsId + QuerySubscriptionDetail can find again, on their X. */
const LOOKED_UP_BINDS = new Set(['BindAxb', 'BindAxn', 'BindAxnExtension', 'BindAxg']);

/** What a user checks by hand when a create's outcome stays unknown: its numbers, order and pool. */
function checkByHand(params: Record<string, string | undefined>): string {
	const { PhoneNoA, TelA, TelB, OutOrderId, PoolKey } = params;
	const parties = [
		(PhoneNoA ?? TelA) && `A ${PhoneNoA ?? TelA}`,
		TelB && `B ${TelB}`,
		OutOrderId && `order ${OutOrderId}`,
	].filter(Boolean);
	const which = `${parties.length ? `${parties.join(', ')} ` : ''}in pool ${PoolKey ?? ''}`;
	return `check the bindings of ${which} before running it again`;
}

async function recoverBind(
	call: (request: ProviderRequest) => Promise<IDataObject>,
	request: ProviderRequest,
): Promise<RecoveryResult> {
	const params = request.params as Record<string, string | undefined>;
	const { PhoneNoX, PoolKey, PhoneNoA, PhoneNoB } = params;
	if (!LOOKED_UP_BINDS.has(request.action)) {
		return {
			state: 'unknown',
			hint: `Alibaba offers no look-up for ${request.action}; ${checkByHand(params)}`,
		};
	}
	if (!PhoneNoX) {
		return {
			state: 'unknown',
			hint: `no X number was given, so it cannot be looked up; ${checkByHand(params)}`,
		};
	}
	let found: IDataObject;
	try {
		found = await call({ action: 'QuerySubsId', params: { PoolKey, PhoneNoX }, kind: 'read' });
	} catch (error) {
		// No binding at all on this X: the lost bind did not happen.
		if (error instanceof ProviderCallError && error.failure.code === 'isv.SUBS_NOT_EXIST')
			return { state: 'notCreated' };
		return {
			state: 'unknown',
			hint: `check X ${PhoneNoX} in pool ${PoolKey ?? ''} (QuerySubsId failed)`,
		};
	}
	const ids = String(found.SubsId ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	for (const SubsId of ids) {
		const detail = await call({
			action: 'QuerySubscriptionDetail',
			params: { PoolKey, PhoneNoX, SubsId },
			kind: 'read',
		});
		const dto = (detail.SecretBindDetailDTO ?? {}) as IDataObject;
		if (
			dto.PhoneNoA === PhoneNoA &&
			(!PhoneNoB || dto.PhoneNoB === PhoneNoB) &&
			Number(dto.Status) === 1
		) {
			return {
				state: 'created',
				body: {
					Code: 'OK',
					Message: 'OK',
					RequestId: detail.RequestId ?? null,
					SecretBindDTO: {
						SubsId: String(dto.SubsId ?? SubsId),
						SecretNo: PhoneNoX,
						Extension: dto.Extension ?? null,
					},
				},
			};
		}
	}
	return { state: 'notCreated' };
}

/** Above this many query characters the parameters are sent as a form body instead. */
const MAX_QUERY_CHARS = 4096;

function encodedLength(params: IDataObject): number {
	let total = 0;
	for (const [key, value] of Object.entries(params)) {
		if (value === undefined || value === null) continue;
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		total += encodeURIComponent(key).length + encodeURIComponent(text).length + 2;
	}
	return total;
}

export const aliyunProvider: Provider = {
	credentialType: 'alibabaCloudApi',
	secretFields: ['accessKeySecret', 'securityToken'],
	phoneStyle: 'cn',
	async send(
		ctx: IExecuteFunctions,
		request: ProviderRequest,
		timeoutMs: number,
	): Promise<SendOutcome> {
		const params: IDataObject = { Action: request.action, ...request.params };
		// Long requests (a BindBatchAxg chunk, big RingConfig/DtmfConfig) go as a form body: a query string that long
		// overflows request-line/header limits (HTTP 400/414 with no JSON). The signature covers the body either way.
		const form = encodedLength(params) > MAX_QUERY_CHARS;
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'alibabaCloudApi', {
			method: 'POST',
			url: '/',
			...(form
				? { body: params, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
				: { qs: params }),
			json: true,
			...exchangeOptions(timeoutMs),
		})) as { statusCode: number; body: unknown };
		return interpretAliyun(response.statusCode, response.body);
	},
	recoverCreate: recoverBind,
	alreadyDoneCodes: {
		UnbindSubscription: ['isv.SUBS_NOT_EXIST'],
	},
};
