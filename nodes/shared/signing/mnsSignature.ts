import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud MNS (Message Service) request signature, as pure functions.
 * https://help.aliyun.com/document_detail/27487.html: `Authorization: MNS <AccessKeyId>:<Signature>`, where
 * Signature = base64(HMAC-SHA1(AccessKeySecret, VERB\nContent-MD5\nContent-Type\nDate\n
 * CanonicalizedMNSHeaders + CanonicalizedResource)). Vectors: test/foundation/mns-signature.test.ts.
 */

export const MNS_VERSION = '2015-06-06';

export interface MnsSignInput {
	/** upper-case HTTP method */
	method: string;
	/** the request path with its query string, exactly as sent: `/queues/q/messages?numOfMessages=16` */
	resource: string;
	/** every header that is sent (any case); x-mns-* ones are signed */
	headers: Record<string, string>;
}

function header(headers: Record<string, string>, name: string): string {
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return found === undefined ? '' : String(found[1]);
}

/** x-mns-* headers, names lower-cased, sorted, `name:value\n` each (no space around the colon). */
export function canonicalizedMnsHeaders(headers: Record<string, string>): string {
	return Object.entries(headers)
		.map(([key, value]) => [key.toLowerCase(), String(value).trim()])
		.filter(([key]) => key.startsWith('x-mns-'))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, value]) => `${key}:${value}\n`)
		.join('');
}

export function mnsStringToSign(input: MnsSignInput): string {
	const { headers } = input;
	return (
		`${input.method.toUpperCase()}\n${header(headers, 'content-md5')}\n` +
		`${header(headers, 'content-type')}\n${header(headers, 'date')}\n` +
		`${canonicalizedMnsHeaders(headers)}${input.resource}`
	);
}

export function signMns(accessKeySecret: string, input: MnsSignInput): string {
	return createHmac('sha1', accessKeySecret)
		.update(mnsStringToSign(input), 'utf8')
		.digest('base64');
}

/** The Authorization header's value. */
export function mnsAuthorization(
	accessKeyId: string,
	accessKeySecret: string,
	input: MnsSignInput,
): string {
	return `MNS ${accessKeyId}:${signMns(accessKeySecret, input)}`;
}

/** The Date header: RFC 7231 GMT, e.g. `Thu, 09 Jul 2015 03:01:34 GMT`. */
export function mnsDate(date: Date): string {
	return date.toUTCString();
}
