/*
 * Test-side clients for the sandbox: Alibaba RPC V1 requests signed with @alicloud/openapi-util (query built here),
 * NXCloud requests signed with node:crypto MD5 here. Independent of both the node's signers and the sandbox's own code.
 */
import OpenApiUtil from '@alicloud/openapi-util';
import { createHash, randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';

export function pe(s: string): string {
	return encodeURIComponent(s).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/** ms epoch -> yyyy-MM-dd HH:mm:ss in China time (UTC+8). */
export function chinaTime(ms: number): string {
	return new Date(ms + 8 * 3600 * 1000)
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d{3}Z$/, '');
}

export function aliTimestamp(ms: number = Date.now()): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AliCreds {
	accessKeyId: string;
	accessKeySecret: string;
	securityToken?: string;
}

export type AliMode = 'GET' | 'POST-query' | 'POST-form';

export interface AliOptions {
	mode?: AliMode;
	nonce?: string;
	timestamp?: string;
	/** sign with this secret instead of the credential's */
	signSecret?: string;
	version?: string;
	/** raw body / content type override (malformed input tests) */
	rawBody?: string;
	contentType?: string;
	dispatcher?: Dispatcher;
}

export interface SecretBindDTO {
	SubsId: string;
	SecretNo: string;
	Extension?: string;
}

export interface AliBody {
	RequestId: string;
	Code: string;
	Message: string;
	HostId?: string;
	Recommend?: string;
	SecretBindDTO?: SecretBindDTO;
	SecretBindDetailDTO?: {
		SubsId: string;
		PhoneNoA: string;
		PhoneNoB: string;
		PhoneNoX: string;
		Extension: string;
		GroupId?: number;
		ExpireDate: string;
		GmtCreate: string;
		Status: number;
		NeedRecord: boolean;
		CallRestrict?: string;
		ASRStatus: boolean;
		ASRModelId?: string;
	};
	SecretBindList?: {
		SecretBind: Array<{
			Code: string;
			Message: string;
			GroupId?: string;
			PhoneNoA?: string;
			SecretNo?: string;
			SubsId?: string;
		}>;
	};
	SubsId?: string;
	GroupId?: number;
	Module?: Array<{ PhoneNoA: string; PhoneNoX: string; Extension: string }>;
	DownloadUrl?: string;
	Data?: Record<string, unknown>;
	SecretNoInfoDTO?: {
		SecretStatus: number;
		City: string;
		Province: string;
		Vendor: number;
		CertifyStatus: number;
		PurchaseTime: string;
	};
	SecretBuyInfoDTO?: { SecretNo: string };
	SecretRemainDTO?: {
		Amount: number;
		City: string;
		RemainDTOList?: { remainDTO: Array<{ City: string; Amount: number }> };
	};
}

export interface HttpResult<T> {
	status: number;
	text: string;
	contentType: string;
	body: T;
}

function parse<T>(text: string): T {
	try {
		return JSON.parse(text) as T;
	} catch {
		return {} as T;
	}
}

/** Build the full signed parameter set for one Dyplsapi call. */
export function signedAliParams(
	creds: AliCreds,
	action: string,
	biz: Record<string, string>,
	method: 'GET' | 'POST',
	opts: AliOptions = {},
): Record<string, string> {
	const params: Record<string, string> = {
		AccessKeyId: creds.accessKeyId,
		Action: action,
		Format: 'JSON',
		Version: opts.version ?? '2017-05-25',
		RegionId: 'cn-hangzhou',
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: opts.nonce ?? randomUUID(),
		Timestamp: opts.timestamp ?? aliTimestamp(),
		...biz,
	};
	if (creds.securityToken) params.SecurityToken = creds.securityToken;
	params.Signature = OpenApiUtil.getRPCSignature(
		params,
		method,
		opts.signSecret ?? creds.accessKeySecret,
	);
	return params;
}

export function toQuery(params: Record<string, string>): string {
	return Object.keys(params)
		.map((k) => `${pe(k)}=${pe(params[k])}`)
		.join('&');
}

export async function aliCall(
	base: string,
	creds: AliCreds,
	action: string,
	biz: Record<string, string> = {},
	opts: AliOptions = {},
): Promise<HttpResult<AliBody>> {
	const mode = opts.mode ?? 'POST-query';
	const method = mode === 'GET' ? 'GET' : 'POST';
	const params = signedAliParams(creds, action, biz, method, opts);
	const qs = toQuery(params);
	let url = `${base}/`;
	let body: string | undefined;
	const headers: Record<string, string> = {};
	if (mode === 'POST-form') {
		body = qs;
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else {
		url += `?${qs}`;
	}
	if (opts.rawBody !== undefined) body = opts.rawBody;
	if (opts.contentType !== undefined) headers['content-type'] = opts.contentType;
	return rawRequest<AliBody>(url, { method, headers, body, dispatcher: opts.dispatcher });
}

export async function rawRequest<T>(
	url: string,
	init: {
		method: 'GET' | 'POST';
		headers?: Record<string, string>;
		body?: string;
		dispatcher?: Dispatcher;
	},
): Promise<HttpResult<T>> {
	const res = await request(url, {
		method: init.method,
		headers: init.headers,
		body: init.body,
		dispatcher: init.dispatcher,
	});
	const text = await res.body.text();
	const ct = res.headers['content-type'];
	return { status: res.statusCode, text, contentType: String(ct ?? ''), body: parse<T>(text) };
}

// ----------------------------------------------------------------------------------------------------------------
// NXCloud

export interface NxCreds {
	accessKey: string;
	accessSecret: string;
}

export interface NxBinding {
	customerId: number;
	businessId: string;
	bindId: string;
	customerBindId: string;
	phoneA: string;
	phoneB: string;
	did: string;
	flag: number;
	expireAt: number;
	extension?: string;
}

export interface NxBody {
	code: number;
	msg: string;
	requestId: string;
	groupId?: string;
	data?: {
		bindId?: string;
		did?: string;
		didX?: string;
		didY?: string;
		extensionX?: string;
		bindList?: NxBinding[];
		total?: number;
		groups?: Array<{ groupId: string; groupName: string; phones: string; remark: string }>;
		groupId?: string;
		callee?: string;
		callId?: string;
		bindType?: number;
		extension?: string;
	};
}

export function nxSign(
	h: { accessKey: string; action: string; bizType: string; ts: string },
	body: string,
	secret: string,
): string {
	let raw = `accessKey=${h.accessKey}&action=${h.action}&bizType=${h.bizType}&ts=${h.ts}`;
	if (body) raw += `&body=${body}`;
	raw += `&accessSecret=${secret}`;
	return createHash('md5').update(raw, 'utf8').digest('hex');
}

export interface NxOptions {
	ts?: string;
	bizType?: string;
	signSecret?: string;
	/** change the body after signing */
	tamper?: (raw: string) => string;
	contentType?: string;
	omitHeader?: string;
	path?: string;
	lowerCaseHeaders?: boolean;
}

export async function nxCall(
	base: string,
	creds: NxCreds,
	action: string,
	body: unknown,
	opts: NxOptions = {},
): Promise<HttpResult<NxBody>> {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	const ts = opts.ts ?? String(Date.now());
	const bizType = opts.bizType ?? '5';
	const sign = nxSign(
		{ accessKey: creds.accessKey, action, bizType, ts },
		raw,
		opts.signSecret ?? creds.accessSecret,
	);
	const sent = opts.tamper ? opts.tamper(raw) : raw;
	const headers: Record<string, string> = {
		'Content-Type': opts.contentType ?? 'application/json',
		accessKey: creds.accessKey,
		ts,
		bizType,
		action,
		sign,
	};
	if (opts.omitHeader) delete headers[opts.omitHeader];
	const finalHeaders: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers))
		finalHeaders[opts.lowerCaseHeaders ? k.toLowerCase() : k] = v;
	const url = opts.path ? `${base}${opts.path}` : `${base}/api/pns/`;
	return rawRequest<NxBody>(url, { method: 'POST', headers: finalHeaders, body: sent });
}
