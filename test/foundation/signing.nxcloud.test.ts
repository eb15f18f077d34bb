import { createHash } from 'node:crypto';
import { nxStringToSign, signNx, type NxSignHeaders } from '../../nodes/shared/signing/nxcloudMd5';

/**
 * NXCloud MD5 signature: the official vectors of NXCloud's signature documentation (the Java/C# and PHP/Go samples,
 * https://github.com/nxtele/http-api-document/wiki) and vectors derived from them for PNS requests.
 */

const official: NxSignHeaders = {
	accessKey: 'fme2na3kdi3ki',
	action: 'send',
	bizType: '1',
	ts: '1655710885431',
};
const officialSecret = 'abciiiko2k3';

describe('NXCloud MD5: the vectors of the NXCloud API wiki', () => {
	it.each([
		['{"name":"牛小信","id":10001}', '87c3560d3331ae23f1021e2025722354', 'Java/C# sample'],
		['{"id":10001,"name":"牛小信"}', '7750759da06333f20d0640be09355e34', 'PHP/Go sample'],
		[
			'{"id": 10001, "name": "牛小信"}',
			'd0c24a9886c629330d7f3f2056c65bc2',
			'Python json.dumps spacing',
		],
	])('body %s → %s (%s)', (body, sign) => {
		expect(signNx(official, body, officialSecret)).toBe(sign);
	});

	it('the full string to sign for row 1 is exactly the documented one', () => {
		expect(nxStringToSign(official, '{"name":"牛小信","id":10001}', officialSecret)).toBe(
			'accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&body={"name":"牛小信","id":10001}&accessSecret=abciiiko2k3',
		);
	});

	it('empty body: no "&body=" part → 884afe159e39b6c88a0d6102ca97d704', () => {
		expect(nxStringToSign(official, '', officialSecret)).toBe(
			'accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&accessSecret=abciiiko2k3',
		);
		expect(signNx(official, '', officialSecret)).toBe('884afe159e39b6c88a0d6102ca97d704');
	});

	it('the body is hashed byte for byte (whitespace and key order change the sign) as UTF-8 lowercase hex', () => {
		const a = signNx(official, '{"id":10001}', officialSecret);
		expect(signNx(official, '{"id": 10001}', officialSecret)).not.toBe(a);
		expect(signNx(official, '{"id":10001}\n', officialSecret)).not.toBe(a);
		expect(a).toMatch(/^[0-9a-f]{32}$/);
		const raw = nxStringToSign(official, '{"n":"牛"}', officialSecret);
		expect(signNx(official, '{"n":"牛"}', officialSecret)).toBe(
			createHash('md5').update(Buffer.from(raw, 'utf8')).digest('hex'),
		);
	});
});

describe('NXCloud MD5: PNS vectors derived by the documented algorithm', () => {
	const secret = 'EXAMPLE_SECRET';
	const base = { accessKey: 'sixgqophrnv4', bizType: '5', ts: '1670479632933' };

	it('bindAXBExtension → d1c5e4d606778630d27dd7c335a7e82c (body from JSON.stringify)', () => {
		const body = JSON.stringify({
			phoneA: '446075363777',
			phoneB: '448646607772',
			phoneX: '447401264117',
			extension: '101',
			expireSecond: 86400,
			customerBindId: '66666666',
			flag: 1,
		});
		expect(body).toBe(
			'{"phoneA":"446075363777","phoneB":"448646607772","phoneX":"447401264117",' +
				'"extension":"101","expireSecond":86400,"customerBindId":"66666666","flag":1}',
		);
		expect(signNx({ ...base, action: 'bindAXBExtension' }, body, secret)).toBe(
			'd1c5e4d606778630d27dd7c335a7e82c',
		);
	});

	it('unbindAXB → 5b423bbf1cb89b6aba0ab19265782737', () => {
		expect(
			signNx(
				{ ...base, action: 'unbindAXB' },
				'{"bindId":"f6e24ebdaf64ef91adb0b60e3b582db0"}',
				secret,
			),
		).toBe('5b423bbf1cb89b6aba0ab19265782737');
	});
});
