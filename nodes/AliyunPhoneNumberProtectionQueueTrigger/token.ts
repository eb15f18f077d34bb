import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	ITriggerFunctions,
} from 'n8n-workflow';
import { AlibabaCloudApi, aliyunEndpoint } from '../../credentials/AlibabaCloudApi.credentials';
import { parseChinaTime } from '../shared/time';
import type { MnsCredentials } from './mns';

/**
 * Dybaseapi QueryTokenForMnsQueue: temporary credentials for one Alicom receipt queue
 * (https://help.aliyun.com/document_detail/109198.html, aliyun-dypls §9.2), signed like every Dyplsapi
 * call (RPC V1, Version 2017-05-25) by the Alibaba Cloud API credential's own `authenticate`.
 */

export const DYBASEAPI_ENDPOINT = 'https://dybaseapi.aliyuncs.com';
/** The Alicom-owned MNS account that holds every customer's receipt queues (cn-hangzhou). */
export const ALICOM_MNS_ENDPOINT = 'https://1943695596114318.mns.cn-hangzhou.aliyuncs.com';
/** Refresh a token this long before its ExpireTime. */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 60 * 1000;

export interface QueueEndpoints {
	dybaseapi: string;
	mns: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The credential's Endpoint is Dyplsapi's. On the real one (`dyplsapi.aliyuncs.com`, or a regional
 * `dyplsapi.<region>.aliyuncs.com`) the queue APIs have their own hosts; any other Endpoint is a proxy or the
 * sandbox, which serves Dybaseapi and MNS on that same base URL. The node's options override both.
 */
export function queueEndpoints(
	credentials: ICredentialDataDecryptedObject,
	overrides: { dybaseapiEndpoint?: string; mnsEndpoint?: string } = {},
): QueueEndpoints {
	const base = trimSlash(aliyunEndpoint(credentials));
	const real = /^https?:\/\/dyplsapi(\.[a-z0-9-]+)?\.aliyuncs\.com$/i.test(base);
	const given = (value: string | undefined) => (value ?? '').trim();
	return {
		dybaseapi: trimSlash(given(overrides.dybaseapiEndpoint) || (real ? DYBASEAPI_ENDPOINT : base)),
		mns: trimSlash(given(overrides.mnsEndpoint) || (real ? ALICOM_MNS_ENDPOINT : base)),
	};
}

export interface MnsToken extends MnsCredentials {
	/** epoch ms */
	expiresAt: number;
}

/** ExpireTime as Dybaseapi writes it (China time `yyyy-MM-dd HH:mm:ss`), ISO text or epoch ms. */
export function expireTimeMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e11 ? value * 1000 : value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return expireTimeMs(Number(text));
	const china = parseChinaTime(text);
	if (china !== undefined && !Number.isNaN(china)) return china;
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** A Dybaseapi answer that is not a token; `fatal` when retrying cannot help (keys, permissions, parameters). */
export class TokenError extends Error {
	constructor(
		message: string,
		readonly code: string,
		readonly requestId: string,
		readonly fatal: boolean,
	) {
		super(message);
		this.name = 'TokenError';
	}
}

const RETRYABLE = /^(Throttling|ServiceUnavailable|InternalError|SystemError|isv\.SYSTEM_ERROR)/i;

async function requestToken(
	ctx: ITriggerFunctions,
	signed: IHttpRequestOptions,
	queueName: string,
): Promise<MnsToken> {
	let response: { statusCode: number; body: unknown } | undefined;
	let failure: TokenError | undefined;
	try {
		response = (await ctx.helpers.httpRequest(signed)) as { statusCode: number; body: unknown };
	} catch (error) {
		// the signed URL stays out of the error: only the transport's message
		const message = (error as { message?: unknown }).message;
		failure = new TokenError(
			`QueryTokenForMnsQueue: ${String(message)}`,
			'NetworkError',
			'',
			false,
		);
	}
	if (failure || !response) throw failure;
	let body = response.body as IDataObject;
	if (typeof response.body === 'string') {
		try {
			body = JSON.parse(response.body) as IDataObject;
		} catch {
			body = {};
		}
	}
	const dto = (body?.MessageTokenDTO ?? {}) as IDataObject;
	const code = String(body?.Code ?? `HTTP${response.statusCode}`);
	const requestId = String(body?.RequestId ?? '');
	const expiresAt = expireTimeMs(dto.ExpireTime);
	if (code !== 'OK' || !dto.AccessKeyId || !dto.AccessKeySecret || expiresAt === undefined) {
		const message = String(body?.Message ?? 'no token in the answer');
		const fatal = code !== 'OK' && !RETRYABLE.test(code) && response.statusCode < 500;
		throw new TokenError(
			`QueryTokenForMnsQueue ${queueName}: ${code}: ${message}${requestId ? ` (RequestId ${requestId})` : ''}`,
			code,
			requestId,
			fatal,
		);
	}
	return {
		accessKeyId: String(dto.AccessKeyId),
		accessKeySecret: String(dto.AccessKeySecret),
		securityToken: String(dto.SecurityToken ?? ''),
		expiresAt,
	};
}

/** Signs QueryTokenForMnsQueue with the credential's own signer, aimed at the Dybaseapi endpoint. */
export async function queryTokenForMnsQueue(
	ctx: ITriggerFunctions,
	credentials: ICredentialDataDecryptedObject,
	endpoint: string,
	messageType: string,
	queueName: string,
): Promise<MnsToken> {
	const signed = await new AlibabaCloudApi().authenticate(
		{ ...credentials, endpoint },
		{
			method: 'POST',
			url: '/',
			qs: { Action: 'QueryTokenForMnsQueue', MessageType: messageType, QueueName: queueName },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30000,
		},
	);
	return await requestToken(ctx, signed, queueName);
}

/** The current token, fetched again when it is within the margin of its ExpireTime (or was refused). */
export class TokenCache {
	private token: MnsToken | undefined;

	private pending: Promise<MnsToken> | undefined;

	constructor(
		private readonly fetch: () => Promise<MnsToken>,
		private readonly marginMs = TOKEN_REFRESH_MARGIN_MS,
	) {}

	async get(now = Date.now()): Promise<MnsToken> {
		if (this.token && this.token.expiresAt - this.marginMs > now) return this.token;
		if (!this.pending) {
			this.pending = this.fetch().finally(() => {
				this.pending = undefined;
			});
		}
		this.token = await this.pending;
		return this.token;
	}

	/** Forget the token (MNS refused it). */
	invalidate(): void {
		this.token = undefined;
	}
}
