import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { AlibabaCloudApi } from '../../credentials/AlibabaCloudApi.credentials';
import type { ProviderFailure, RecoveryResult, RetryClass, SendOutcome } from '../shared/outcome';
import {
	exchangeOptions,
	parseJsonBody,
	sendThroughHelper,
	type Provider,
} from '../shared/provider';
import type { ProviderRequest } from '../shared/spec';
import { bindingsOnX, matches, type FoundBinding } from './lookup';

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
 * logistics pickup actions carry `Data.Success` (a boolean, or "true"/"false" text in the SDK), with or without a
 * top-level Code: it must hold too, and `Data.ErrorCode`/`ErrorMsg` explain a failure.
 */
interface Verdict {
	ok: boolean;
	code: string;
	message: string;
}

const SUCCESS_CODES = new Set(['OK', '200', '0000']);

/** A Success flag as Alibaba writes it: true/false, or their text; anything else is no flag. */
function flag(value: unknown): boolean | undefined {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return undefined;
}

function verdictOf(body: IDataObject): Verdict | undefined {
	const data = body.Data as IDataObject | null | undefined;
	const dataSuccess = data && typeof data === 'object' ? flag(data.Success) : undefined;
	const topSuccess = flag(body.Success);
	if (typeof body.Code !== 'string' && topSuccess === undefined) {
		if (dataSuccess === undefined) return undefined;
		const code = String(data?.ErrorCode ?? data?.Code ?? 'Unsuccessful');
		return {
			ok: dataSuccess,
			code,
			message: String(data?.ErrorMsg ?? data?.Message ?? body.Message ?? code),
		};
	}
	if (topSuccess === undefined && body.Code === 'OK' && dataSuccess === false) {
		const code = String(data?.ErrorCode ?? 'Unsuccessful');
		return { ok: false, code, message: String(data?.ErrorMsg ?? data?.Message ?? code) };
	}
	const ok = topSuccess ?? body.Code === 'OK';
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

/** What a user checks by hand when a create's outcome stays unknown: what identifies it (numbers, order, pool). */
function checkByHand(params: Record<string, string | undefined>): string {
	const named: Array<[string, string[]]> = [
		['A', ['PhoneNoA', 'TelA']],
		['B', ['PhoneNoB', 'TelB']],
		['order', ['OutOrderId', 'OrderId', 'OuterOrderCode']],
		['request', ['ReqId']],
		['pool', ['PoolKey', 'CustomerPoolKey', 'AppId']],
	];
	const parts = named
		.map(([label, wires]) => {
			const wire = wires.find((name) => params[name]);
			return wire && `${label} ${params[wire]}`;
		})
		.filter(Boolean);
	return `check whether it took effect${parts.length ? ` (${parts.join(', ')})` : ''} before running it again`;
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
	let bindings: FoundBinding[];
	try {
		bindings = await bindingsOnX(call, PoolKey, PhoneNoX);
	} catch {
		return {
			state: 'unknown',
			hint: `check X ${PhoneNoX} in pool ${PoolKey ?? ''} (the look-up failed)`,
		};
	}
	// No binding at all on this X, or none of these parties: the lost bind did not happen.
	const live = bindings.find(({ detail }) =>
		matches(detail, { phoneNoA: PhoneNoA, phoneNoB: PhoneNoB, activeOnly: true }),
	);
	if (live) {
		return {
			state: 'created',
			body: {
				Code: 'OK',
				Message: 'OK',
				RequestId: live.body.RequestId ?? null,
				SecretBindDTO: {
					SubsId: live.detail.SubsId,
					SecretNo: PhoneNoX,
					Extension: live.detail.Extension ?? null,
				},
			},
		};
	}
	return { state: 'notCreated' };
}

/** Above this many query characters the parameters are sent as a form body instead. */
const MAX_QUERY_CHARS = 4096;

/** Percent-encoding makes a character at most 9 long (3 UTF-8 bytes as %XX): short requests need no encoding. */
const MAX_ENCODED_PER_CHAR = 9;

/** Whether the percent-encoded parameters are longer than MAX_QUERY_CHARS. */
function tooLongForQuery(params: IDataObject): boolean {
	const texts: string[] = [];
	let raw = 0;
	for (const [key, value] of Object.entries(params)) {
		if (value === undefined || value === null) continue;
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		texts.push(key, text);
		raw += key.length + text.length + 2;
	}
	if (raw * MAX_ENCODED_PER_CHAR <= MAX_QUERY_CHARS) return false;
	const encoded = texts.reduce((total, text) => total + encodeURIComponent(text).length + 1, 0);
	return encoded > MAX_QUERY_CHARS;
}

/** The credential's own RPC V1 signing (its `authenticate`), applied with the credential read once per execution. */
const signer = new AlibabaCloudApi();

export const aliyunProvider: Provider = {
	credentialType: 'alibabaCloudApi',
	secretFields: ['accessKeySecret', 'securityToken'],
	phoneStyle: 'cn',
	async send(
		ctx: IExecuteFunctions,
		request: ProviderRequest,
		timeoutMs: number,
		credentials?: ICredentialDataDecryptedObject,
	): Promise<SendOutcome> {
		const params: IDataObject = { Action: request.action, ...request.params };
		// Long requests (a BindBatchAxg chunk, big RingConfig/DtmfConfig) go as a form body: a query string that long
		// overflows request-line/header limits (HTTP 400/414 with no JSON). The signature covers the body either way.
		const form = tooLongForQuery(params);
		const response = (await sendThroughHelper(ctx, 'alibabaCloudApi', signer, credentials, {
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
