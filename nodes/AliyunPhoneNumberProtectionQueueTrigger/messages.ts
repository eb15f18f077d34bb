import type { IDataObject } from 'n8n-workflow';
import { quoteUnsafeIntegers } from '../shared/receipts/http';
import { aliyunRecords } from '../AliyunPhoneNumberProtectionTrigger/receipts';

/**
 * A queue message's body → its receipt records, read exactly as the push trigger reads a push body (big integers
 * kept as digit strings, then `aliyunRecords`). Alibaba's message body is the JSON record; depending on the
 * client that wrote it, it may be Base64-wrapped (aliyun-dypls §9.2): JSON is tried first, then Base64.
 */

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(quoteUnsafeIntegers(text)) as unknown };
	} catch {
		return { ok: false };
	}
}

export function decodeMessageBody(body: string): { ok: true; value: unknown } | { ok: false } {
	const text = body.trim().replace(/^\uFEFF/, '');
	const direct = parseJson(text);
	if (direct.ok) return direct;
	const compact = text.replace(/\s+/g, '');
	if (compact === '' || compact.length % 4 !== 0 || !BASE64.test(compact)) return { ok: false };
	return parseJson(
		Buffer.from(compact, 'base64')
			.toString('utf8')
			.trim()
			.replace(/^\uFEFF/, ''),
	);
}

/** One message → the records it carries (one object, or an array of them), or why it is not a receipt. */
export function messageRecords(
	body: string,
	messageType: string,
): { ok: true; records: IDataObject[] } | { ok: false; reason: string } {
	const decoded = decodeMessageBody(body);
	if (!decoded.ok) return { ok: false, reason: 'the body is neither JSON nor Base64-wrapped JSON' };
	const list = Array.isArray(decoded.value) ? decoded.value : [decoded.value];
	return aliyunRecords(list, messageType);
}
