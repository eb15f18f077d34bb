/*
 * MNS request signature (nodes/shared/signing/mnsSignature.ts): Alibaba's published example, the string to sign,
 * and a cross-check against the official MNS SDK's own signer (@alicloud/mns 1.2.0, Client#sign).
 */
import {
	canonicalizedMnsHeaders,
	mnsAuthorization,
	mnsDate,
	mnsStringToSign,
	signMns,
} from '../../nodes/shared/signing/mnsSignature';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MnsClient = require('@alicloud/mns') as {
	prototype: {
		sign(
			this: { accessKeySecret: string },
			verb: string,
			headers: object,
			resource: string,
		): string;
	};
};

/** The SDK signs lower-case header names (it builds them so); node:http hands the server the same. */
function sdkSign(
	secret: string,
	method: string,
	headers: Record<string, string>,
	resource: string,
) {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return MnsClient.prototype.sign.call({ accessKeySecret: secret }, method, lower, resource);
}

describe('MNS signature', () => {
	// https://help.aliyun.com/document_detail/175633.html (如何获取签名字符串): AccessKey TestAccessID /
	// TestAccessSecret, signature published masked as "uwx3yeWoILzgmvesW0BQSgfM****"
	const published = {
		method: 'GET',
		resource: '/MyQueue',
		headers: { Date: 'Thu, 09 Jul 2015 03:01:34 GMT', 'x-mns-version': '2015-06-06' },
	};

	it("Alibaba's published example: the string to sign and the signature", () => {
		expect(mnsStringToSign(published)).toBe(
			'GET\n\n\nThu, 09 Jul 2015 03:01:34 GMT\nx-mns-version:2015-06-06\n/MyQueue',
		);
		const signature = signMns('TestAccessSecret', published);
		expect(signature.startsWith('uwx3yeWoILzgmvesW0BQSgfM')).toBe(true);
		expect(signature).toBe('uwx3yeWoILzgmvesW0BQSgfM7b8=');
		expect(mnsAuthorization('TestAccessID', 'TestAccessSecret', published)).toBe(
			'MNS TestAccessID:uwx3yeWoILzgmvesW0BQSgfM7b8=',
		);
	});

	it('CanonicalizedMNSHeaders: x-mns-* only, names lower-cased, sorted, name:value\\n each', () => {
		expect(
			canonicalizedMnsHeaders({
				'X-MNS-Version': '2015-06-06',
				'x-mns-date': 'Thu, 09 Jul 2015 03:01:34 GMT',
				Host: 'example',
				'security-token': 'not signed',
				Authorization: 'x',
			}),
		).toBe('x-mns-date:Thu, 09 Jul 2015 03:01:34 GMT\nx-mns-version:2015-06-06\n');
		expect(canonicalizedMnsHeaders({ Date: 'd' })).toBe('');
	});

	it('Content-MD5 and Content-Type take their lines (empty when absent); the header names are case-free', () => {
		const input = {
			method: 'delete',
			resource: '/queues/q/messages',
			headers: {
				'content-md5': 'MD5VALUE==',
				'Content-Type': 'text/xml;charset=utf-8',
				DATE: 'Wed, 02 Dec 2026 10:00:00 GMT',
				'x-mns-version': '2015-06-06',
			},
		};
		expect(mnsStringToSign(input)).toBe(
			'DELETE\nMD5VALUE==\ntext/xml;charset=utf-8\nWed, 02 Dec 2026 10:00:00 GMT\n' +
				'x-mns-version:2015-06-06\n/queues/q/messages',
		);
	});

	it.each([
		[
			'GET',
			'/queues/Alicom-Queue-1234567890123456-SecretReport/messages?numOfMessages=16&waitseconds=30',
			{},
		],
		['GET', '/queues/q/messages?waitseconds=3', { 'x-mns-date': 'Wed, 02 Dec 2026 10:00:00 GMT' }],
		[
			'DELETE',
			'/queues/q/messages',
			{ 'Content-Type': 'text/xml;charset=utf-8', 'Content-MD5': 'abc==' },
		],
		['DELETE', '/queues/q/messages?ReceiptHandle=1-ODU4OTkzNDU5My0xNDM1MTk3NjAwLTItOA==', {}],
		[
			'PUT',
			'/queues/q?metaOverride=true',
			{ 'Content-Type': 'text/xml', 'x-mns-zzz': 'last', 'x-mns-aaa': 'first' },
		],
	] as const)('%s %s: the same signature as the official SDK', (method, resource, extra) => {
		const headers: Record<string, string> = {
			Date: 'Wed, 02 Dec 2026 10:00:00 GMT',
			'x-mns-version': '2015-06-06',
			...extra,
		};
		for (const secret of ['TestAccessSecret', 'another+secret/with=chars', '密钥']) {
			expect(signMns(secret, { method, resource, headers })).toBe(
				sdkSign(secret, method, headers, resource),
			);
		}
	});

	it('the Date header is RFC 7231 GMT', () => {
		expect(mnsDate(new Date(Date.UTC(2015, 6, 9, 3, 1, 34)))).toBe('Thu, 09 Jul 2015 03:01:34 GMT');
	});
});
