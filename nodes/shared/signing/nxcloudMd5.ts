import { createHash } from 'node:crypto';

/**
 * NXCloud signature: lowercase hex MD5 of
 * `accessKey=…&action=…&bizType=…&ts=…[&body=<exact body text>]&accessSecret=…`.
 * The body is hashed as sent, byte for byte; no `&body=` part when it is empty.
 * Vectors: test/signing.nxcloud.test.ts (NXCloud's official examples).
 */
export interface NxSignHeaders {
	accessKey: string;
	action: string;
	bizType: string;
	ts: string;
}

export function nxStringToSign(headers: NxSignHeaders, body: string, accessSecret: string): string {
	const head = `accessKey=${headers.accessKey}&action=${headers.action}&bizType=${headers.bizType}&ts=${headers.ts}`;
	return `${head}${body ? `&body=${body}` : ''}&accessSecret=${accessSecret}`;
}

export function signNx(headers: NxSignHeaders, body: string, accessSecret: string): string {
	return createHash('md5')
		.update(nxStringToSign(headers, body, accessSecret), 'utf8')
		.digest('hex');
}
