import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud RPC signature V1 (HMAC-SHA1, SignatureVersion 1.0), as pure functions.
 * Vectors: test/signing.aliyun.test.ts (official ECS/SMS/VMS examples and the project's Dyplsapi vectors).
 */

export type RpcParams = Record<string, string>;
export type RpcMethod = 'GET' | 'POST';

/** RFC 3986 percent-encoding as the POP gateway expects: space → %20, `*` → %2A, `~` kept, uppercase hex. */
export function percentEncode(value: string): string {
	const encoded = encodeURIComponent(value);
	// most values hold none of the five characters encodeURIComponent leaves alone
	return RESERVED.test(encoded) ? encoded.replace(RESERVED_ALL, hexEscape) : encoded;
}
const RESERVED = /[!'()*]/;
const RESERVED_ALL = /[!'()*]/g;
const hexEscape = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase();

/** Sorted by code unit (case-sensitive, so `trackNo` sorts after `Version`), `Signature` never included. */
export function canonicalizedQuery(params: RpcParams): string {
	return Object.keys(params)
		.filter((name) => name !== 'Signature')
		.sort()
		.map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
		.join('&');
}

export function stringToSign(method: RpcMethod, params: RpcParams): string {
	return stringToSignOf(method, canonicalizedQuery(params));
}

const stringToSignOf = (method: RpcMethod, canonical: string) =>
	`${method}&${percentEncode('/')}&${percentEncode(canonical)}`;

const hmacOf = (text: string, accessKeySecret: string) =>
	createHmac('sha1', `${accessKeySecret}&`).update(text, 'utf8').digest('base64');

export function signRpcV1(params: RpcParams, method: RpcMethod, accessKeySecret: string): string {
	return hmacOf(stringToSign(method, params), accessKeySecret);
}

/** Timestamp in UTC without milliseconds: YYYY-MM-DDThh:mm:ssZ. */
export function rpcTimestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The query string to send: every signed parameter plus `Signature`, encoded exactly as signed. */
export function signedQueryString(
	params: RpcParams,
	method: RpcMethod,
	accessKeySecret: string,
): string {
	const canonical = canonicalizedQuery(params);
	const signature = hmacOf(stringToSignOf(method, canonical), accessKeySecret);
	return `${canonical}&Signature=${percentEncode(signature)}`;
}
