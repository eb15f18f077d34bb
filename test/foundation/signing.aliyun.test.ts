import {
	canonicalizedQuery,
	percentEncode,
	rpcTimestamp,
	signRpcV1,
	signedQueryString,
	stringToSign,
	type RpcMethod,
	type RpcParams,
} from '../../nodes/shared/signing/aliyunRpcV1';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenApiUtil = require('@alicloud/openapi-util').default as {
	getRPCSignature(params: Record<string, string>, method: string, secret: string): string;
};

/**
 * Alibaba Cloud RPC signature V1 (HMAC-SHA1 over the percent-encoded, sorted query): the official vectors of
 * Alibaba's RPC signature documentation (the ECS DescribeRegions example), the project's own vectors for Dyplsapi
 * requests, and a seeded property test against @alicloud/openapi-util.
 */

describe('Aliyun RPC V1: the vectors of the Alibaba signature documentation', () => {
	const ecsCommon: RpcParams = {
		AccessKeyId: 'testid',
		Action: 'DescribeRegions',
		Format: 'XML',
		SignatureMethod: 'HMAC-SHA1',
		SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
		SignatureVersion: '1.0',
		Version: '2014-05-26',
	};

	it('ECS DescribeRegions (old doc spelling "TimeStamp") → CT9X0VtwR86fNWSnsc6v8YGOjuE=', () => {
		const params = { ...ecsCommon, TimeStamp: '2016-02-23T12:46:24Z' };
		expect(stringToSign('GET', params)).toBe(
			'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
				'%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
				'%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
		);
		expect(signRpcV1(params, 'GET', 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
	});

	it('ECS DescribeRegions with the correct name "Timestamp" → OLeaidS1JvxuMvnyHOwuJ+uX5qY=', () => {
		const params = { ...ecsCommon, Timestamp: '2016-02-23T12:46:24Z' };
		expect(signRpcV1(params, 'GET', 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
	});

	it('Alicom SMS SendSms (UTF-8 Chinese, JSON value) → zJDF+Lrzhj/ThnlvIToysFRq6t4=', () => {
		const params: RpcParams = {
			AccessKeyId: 'testId',
			Action: 'SendSms',
			Format: 'XML',
			OutId: '123',
			PhoneNumbers: '15300000001',
			RegionId: 'cn-hangzhou',
			SignName: '阿里云短信测试专用',
			SignatureMethod: 'HMAC-SHA1',
			SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
			SignatureVersion: '1.0',
			TemplateCode: 'SMS_71390007',
			TemplateParam: '{"customer":"test"}',
			Timestamp: '2017-07-12T02:42:19Z',
			Version: '2017-05-25',
		};
		expect(signRpcV1(params, 'GET', 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
	});

	it('Alicom VMS SingleCallByTts → aMfgrx8DLS7vLfpeR1c2rrKLr0Q=', () => {
		const params: RpcParams = {
			AccessKeyId: 'testId',
			Action: 'SingleCallByTts',
			CalledNumber: '13000000000',
			CalledShowNumber: '057112345678',
			Format: 'XML',
			OutId: '123',
			RegionId: 'cn-hangzhou',
			SignatureMethod: 'HMAC-SHA1',
			SignatureNonce: 'f7d2d4ef-6d5f-4da4-86ed-88e001a66abb',
			SignatureVersion: '1.0',
			Timestamp: '2017-09-28T14:31:56Z',
			TtsCode: 'TTS_0000000',
			TtsParam: '{"code":"1234","product":"test"}',
			Version: '2017-05-25',
		};
		expect(signRpcV1(params, 'GET', 'testSecret')).toBe('aMfgrx8DLS7vLfpeR1c2rrKLr0Q=');
	});
});

const POOL = 'FC100000000000001';
const STS_VECTOR = 'STS.testToken+/=';

describe('Aliyun RPC V1: project vectors recomputed by the documented algorithm', () => {
	const bindAxb: RpcParams = {
		AccessKeyId: 'testId',
		Action: 'BindAxb',
		Format: 'JSON',
		Version: '2017-05-25',
		RegionId: 'cn-hangzhou',
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: 'c8f0a4b2-1d6e-4f3a-9b7c-5e2d1a0f9e88',
		Timestamp: '2024-01-01T00:00:00Z',
		PoolKey: POOL,
		PhoneNoA: '13800000000',
		PhoneNoB: '13900000000',
		Expiration: '2024-01-02 00:00:00',
		IsRecordingEnabled: 'true',
		OutId: "o!'()*~ 单号",
	};

	it('BindAxb canonical query string (sorted, RFC 3986: %20, %2A, ~ kept, uppercase hex)', () => {
		expect(canonicalizedQuery(bindAxb)).toBe(
			'AccessKeyId=testId&Action=BindAxb&Expiration=2024-01-02%2000%3A00%3A00&Format=JSON&IsRecordingEnabled=true' +
				'&OutId=o%21%27%28%29%2A~%20%E5%8D%95%E5%8F%B7&PhoneNoA=13800000000&PhoneNoB=13900000000' +
				'&PoolKey=FC100000000000001&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1' +
				'&SignatureNonce=c8f0a4b2-1d6e-4f3a-9b7c-5e2d1a0f9e88&SignatureVersion=1.0' +
				'&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2017-05-25',
		);
	});

	it('BindAxb GET → fWO+jHjv+4rbwg/js8BrEB8Jaws=', () => {
		expect(signRpcV1(bindAxb, 'GET', 'testSecret')).toBe('fWO+jHjv+4rbwg/js8BrEB8Jaws=');
	});

	it('BindAxb POST → pqAkTV4bWs/KYEwwF2z3OSTLp64= (the method is part of what is signed)', () => {
		expect(signRpcV1(bindAxb, 'POST', 'testSecret')).toBe('pqAkTV4bWs/KYEwwF2z3OSTLp64=');
	});

	it('BindAxb POST with SecurityToken=STS.testToken+/= → lpcn7PxN32yDETlcnYjr9ykCX/A=', () => {
		expect(signRpcV1({ ...bindAxb, SecurityToken: STS_VECTOR }, 'POST', 'testSecret')).toBe(
			'lpcn7PxN32yDETlcnYjr9ykCX/A=',
		);
	});

	it('AddAxnTrackNo POST (case-sensitive sort, trackNo after Version) → sZiTkoq22eyYdXv0viTWs8InEI8=', () => {
		const params: RpcParams = {
			AccessKeyId: 'testId',
			Action: 'AddAxnTrackNo',
			Format: 'JSON',
			Version: '2017-05-25',
			SignatureMethod: 'HMAC-SHA1',
			SignatureVersion: '1.0',
			SignatureNonce: '0d7c6f3e-4a2b-4c1d-8e9f-a1b2c3d4e5f6',
			Timestamp: '2024-01-01T00:00:00Z',
			PoolKey: POOL,
			PhoneNoX: '17000000000',
			SubsId: '1000000000000001',
			trackNo: 'SF1234567890',
		};
		const order = canonicalizedQuery(params)
			.split('&')
			.map((pair) => pair.split('=')[0]);
		expect(order.slice(-3)).toEqual(['Timestamp', 'Version', 'trackNo']);
		expect(signRpcV1(params, 'POST', 'testSecret')).toBe('sZiTkoq22eyYdXv0viTWs8InEI8=');
	});

	it('signing ignores a Signature parameter and the signed query carries it percent-encoded', () => {
		const signature = signRpcV1(bindAxb, 'GET', 'testSecret');
		expect(signRpcV1({ ...bindAxb, Signature: 'anything' }, 'GET', 'testSecret')).toBe(signature);
		const query = signedQueryString(bindAxb, 'GET', 'testSecret');
		expect(query).toBe(`${canonicalizedQuery(bindAxb)}&Signature=${encodeURIComponent(signature)}`);
		expect(query.endsWith('&Signature=fWO%2BjHjv%2B4rbwg%2Fjs8BrEB8Jaws%3D')).toBe(true);
	});

	it('percentEncode follows RFC 3986 as the POP gateway expects', () => {
		expect(percentEncode("a b+c*d~e!f'g(h)i/j=k&l%m")).toBe(
			'a%20b%2Bc%2Ad~e%21f%27g%28h%29i%2Fj%3Dk%26l%25m',
		);
		expect(percentEncode('单')).toBe('%E5%8D%95');
		expect(percentEncode('😀')).toBe('%F0%9F%98%80');
		expect(percentEncode('-_.~AZaz09')).toBe('-_.~AZaz09');
	});

	it('rpcTimestamp is UTC without milliseconds', () => {
		expect(rpcTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05Z');
	});
});

/** mulberry32: small seeded PRNG so a failing case can be reproduced from the seed and index. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SPECIAL = "!'()*~ +/=&%";
const COMMON_NAMES = [
	'Action',
	'PoolKey',
	'PhoneNoA',
	'PhoneNoB',
	'Expiration',
	'OutId',
	'trackNo',
	'callId',
	'partnerKey',
	'SubsId',
	'Version',
	'a',
	'A',
	'_x',
	'x.y',
	'Z9',
];

function randomCodePoint(next: () => number): string {
	const kind = Math.floor(next() * 7);
	switch (kind) {
		case 0:
			return SPECIAL[Math.floor(next() * SPECIAL.length)];
		case 1: // printable ASCII
			return String.fromCharCode(0x20 + Math.floor(next() * 0x5f));
		case 2: // CJK unified ideographs
			return String.fromCharCode(0x4e00 + Math.floor(next() * 0x51a6));
		case 3: // astral plane: emoji and CJK extension B
			return String.fromCodePoint(
				next() < 0.5 ? 0x1f300 + Math.floor(next() * 0x300) : 0x20000 + Math.floor(next() * 0xa6d7),
			);
		case 4: // Latin-1, Greek, Cyrillic and other BMP text below the surrogate range
			return String.fromCharCode(0xa0 + Math.floor(next() * (0xd7ff - 0xa0)));
		case 5: // BMP above the surrogate range (private use, CJK compatibility, full-width forms)
			return String.fromCharCode(0xe000 + Math.floor(next() * 0x1ffe));
		default: // control characters, tab, newline
			return String.fromCharCode(Math.floor(next() * 0x20));
	}
}

function randomString(next: () => number, maxLength: number): string {
	const length = Math.floor(next() * (maxLength + 1));
	let out = '';
	for (let i = 0; i < length; i++) out += randomCodePoint(next);
	return out;
}

function randomName(next: () => number): string {
	const r = next();
	if (r < 0.5) return COMMON_NAMES[Math.floor(next() * COMMON_NAMES.length)];
	if (r < 0.75) {
		// ASCII identifiers, lower- or upper-case first letter
		const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
		let name = '';
		const length = 1 + Math.floor(next() * 10);
		for (let i = 0; i < length; i++) name += letters[Math.floor(next() * letters.length)];
		return name;
	}
	const name = randomString(next, 6);
	return name === '' ? 'k' : name;
}

function randomParams(next: () => number): RpcParams {
	const params: RpcParams = {};
	const count = 1 + Math.floor(next() * 14);
	for (let i = 0; i < count; i++) {
		const name = randomName(next);
		// `Signature` is never signed by definition (openapi-util expects callers not to pass it);
		// `__proto__` cannot be an own key of a plain object literal.
		if (name === 'Signature' || name === '__proto__') continue;
		const r = next();
		params[name] = r < 0.1 ? '' : r < 0.2 ? SPECIAL : randomString(next, 24);
	}
	return params;
}

describe('Aliyun RPC V1: property test against @alicloud/openapi-util getRPCSignature', () => {
	const SEED = 0x5eed2017;
	const CASES = 10_000;

	it(`${CASES} random parameter sets sign identically for GET and POST (seed ${SEED})`, () => {
		const next = prng(SEED);
		const methods: RpcMethod[] = ['GET', 'POST'];
		let compared = 0;
		let sawEmpty = false;
		let sawAstral = false;
		let sawChinese = false;
		let sawLowerCaseName = false;
		let sawSpecial = false;
		const mismatches: string[] = [];
		for (let i = 0; i < CASES; i++) {
			const params = randomParams(next);
			const secret = next() < 0.1 ? '' : randomString(next, 30);
			for (const method of methods) {
				const ours = signRpcV1(params, method, secret);
				const theirs = OpenApiUtil.getRPCSignature(params, method, secret);
				compared++;
				if (ours !== theirs && mismatches.length < 5) {
					mismatches.push(
						`case ${i} ${method}: ${JSON.stringify({ params, secret })} → ${ours} vs ${theirs}`,
					);
				}
			}
			const values = Object.values(params);
			const names = Object.keys(params);
			sawEmpty ||= values.includes('');
			sawAstral ||= values.some((v) => /[\u{10000}-\u{10ffff}]/u.test(v));
			sawChinese ||= values.some((v) => /[\u4e00-\u9fff]/.test(v));
			sawLowerCaseName ||= names.some((n) => /^[a-z]/.test(n));
			sawSpecial ||= values.some((v) => [...SPECIAL].every((c) => v.includes(c)));
		}
		expect(mismatches).toEqual([]);
		expect(compared).toBe(CASES * 2);
		// the generator really produced the interesting inputs
		expect([sawEmpty, sawAstral, sawChinese, sawLowerCaseName, sawSpecial]).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
	});
});
