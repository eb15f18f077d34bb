import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { AlibabaCloudApi } from '../../credentials/AlibabaCloudApi.credentials';
import { NxCloudApi } from '../../credentials/NxCloudApi.credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenApiUtil = require('@alicloud/openapi-util').default as {
	getRPCSignature(params: Record<string, string>, method: string, secret: string): string;
};

/**
 * The two credentials' `authenticate` as pure request transformers: what they add, that the signature
 * covers exactly what is sent (checked with independent code), bad input, and that secrets never leak.
 */

const aliyun = new AlibabaCloudApi();
const nx = new NxCloudApi();

const ALI_ID = 'LTAIfoundationTestId01';
const ALI_SECRET = 'dummyAliSecretValue0123456789';
const STS_TOKEN = 'CAIS+dummy/StsToken==0123456789';
const NX_KEY = 'nxDummyAccessKey01';
const POOL = 'FC100000000000001';
const NX_SECRET = 'dummyNxSecretValue0123456789';

const aliCreds = (extra: IDataObject = {}): ICredentialDataDecryptedObject => ({
	accessKeyId: ALI_ID,
	accessKeySecret: ALI_SECRET,
	securityToken: '',
	endpoint: 'https://dyplsapi.aliyuncs.com',
	...extra,
});

const nxCreds = (extra: IDataObject = {}): ICredentialDataDecryptedObject => ({
	accessKey: NX_KEY,
	accessSecret: NX_SECRET,
	baseUrl: 'number',
	customBaseUrl: '',
	...extra,
});

/** Everything returned or thrown in this file, checked for secrets at the end. */
const returned: IHttpRequestOptions[] = [];
const thrown: unknown[] = [];

async function aliAuth(
	credentials: ICredentialDataDecryptedObject,
	request: Partial<IHttpRequestOptions>,
) {
	const out = await aliyun.authenticate(credentials, {
		url: '/',
		...request,
	} as IHttpRequestOptions);
	returned.push(out);
	return out;
}

async function nxAuth(
	credentials: ICredentialDataDecryptedObject,
	request: Partial<IHttpRequestOptions>,
) {
	const out = await nx.authenticate(credentials, { url: '', ...request } as IHttpRequestOptions);
	returned.push(out);
	return out;
}

async function authError(run: () => Promise<unknown>): Promise<Error> {
	try {
		await run();
	} catch (error) {
		thrown.push(error);
		return error as Error;
	}
	throw new Error('expected authenticate to throw');
}

/** Parses `a=b&c=d` as the gateway does: strict percent-decoding, `+` is a literal plus. */
function parseForm(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	if (!text) return out;
	for (const pair of text.split('&')) {
		const i = pair.indexOf('=');
		const name = decodeURIComponent(i === -1 ? pair : pair.slice(0, i));
		if (name in out) throw new Error(`parameter ${name} sent twice`);
		out[name] = i === -1 ? '' : decodeURIComponent(pair.slice(i + 1));
	}
	return out;
}

/** Every parameter that reaches the gateway: the URL's query plus a form body. */
function sentParams(out: IHttpRequestOptions): Record<string, string> {
	const q = out.url.indexOf('?');
	const query = parseForm(q === -1 ? '' : out.url.slice(q + 1));
	const body = typeof out.body === 'string' ? parseForm(out.body) : {};
	for (const name of Object.keys(body)) {
		if (name in query) throw new Error(`parameter ${name} sent in both query and body`);
	}
	return { ...query, ...body };
}

/** Recomputes the Signature with @alicloud/openapi-util over every parameter sent except Signature. */
function expectValidSignature(out: IHttpRequestOptions, secret = ALI_SECRET) {
	const { Signature, ...signed } = sentParams(out);
	expect(Signature).toBeDefined();
	expect(OpenApiUtil.getRPCSignature(signed, String(out.method), secret)).toBe(Signature);
	return signed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('AlibabaCloudApi.authenticate', () => {
	afterEach(() => {
		jest.useRealTimers();
	});

	it('adds the RPC V1 common parameters, signs every parameter sent and embeds the signed query in url', async () => {
		const out = await aliAuth(aliCreds(), {
			method: 'GET',
			qs: { Action: 'QuerySecretNoDetail', PoolKey: POOL, SecretNo: '17001000000' },
		});
		const params = expectValidSignature(out);
		expect(params).toEqual({
			Action: 'QuerySecretNoDetail',
			PoolKey: POOL,
			SecretNo: '17001000000',
			AccessKeyId: ALI_ID,
			Format: 'JSON',
			Version: '2017-05-25',
			SignatureMethod: 'HMAC-SHA1',
			SignatureVersion: '1.0',
			SignatureNonce: expect.stringMatching(UUID),
			Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
		});
		expect(params.SecurityToken).toBeUndefined();
		expect(out.qs).toBeUndefined();
		expect(out.baseURL).toBeUndefined();
		expect(out.method).toBe('GET');
		expect(out.url.startsWith('https://dyplsapi.aliyuncs.com/?')).toBe(true);
	});

	it('Timestamp is the current UTC time without milliseconds', async () => {
		jest.useFakeTimers({
			now: Date.UTC(2025, 2, 4, 5, 6, 7, 891),
			doNotFake: ['nextTick', 'queueMicrotask'],
		});
		const out = await aliAuth(aliCreds(), { qs: { Action: 'QuerySubsId' } });
		expect(sentParams(out).Timestamp).toBe('2025-03-04T05:06:07Z');
		expectValidSignature(out);
	});

	it('a fresh UUID SignatureNonce on every call', async () => {
		const nonces = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const out = await aliAuth(aliCreds(), { qs: { Action: 'QuerySubsId' } });
			nonces.add(sentParams(out).SignatureNonce);
		}
		expect(nonces.size).toBe(20);
		for (const nonce of nonces) expect(nonce).toMatch(UUID);
	});

	it('sends and signs SecurityToken when an STS token is set', async () => {
		const out = await aliAuth(aliCreds({ securityToken: STS_TOKEN }), {
			method: 'POST',
			qs: { Action: 'BindAxb' },
		});
		const params = expectValidSignature(out);
		expect(params.SecurityToken).toBe(STS_TOKEN);
		// encoded exactly as signed: + / = are percent-encoded in the URL
		expect(out.url).toContain('SecurityToken=CAIS%2Bdummy%2FStsToken%3D%3D0123456789');
	});

	it(
		'business parameters: special characters, Chinese, lower-case names, numbers, booleans, objects; unset values ' +
			'dropped',
		async () => {
			const out = await aliAuth(aliCreds(), {
				method: 'POST',
				qs: {
					Action: 'BindAxb',
					OutId: "o!'()*~ +/=&%单号😀",
					trackNo: 'SF1234567890',
					Expiration: '2024-01-02 00:00:00',
					IsRecordingEnabled: true,
					ExpectCity: '杭州',
					SpecId: 1,
					RingConfig: { AXBRing_A: '1000000001' },
					Empty: '',
					Missing: undefined,
					Null: null,
				},
			});
			const params = expectValidSignature(out);
			expect(params).toMatchObject({
				OutId: "o!'()*~ +/=&%单号😀",
				trackNo: 'SF1234567890',
				Expiration: '2024-01-02 00:00:00',
				IsRecordingEnabled: 'true',
				ExpectCity: '杭州',
				SpecId: '1',
				RingConfig: '{"AXBRing_A":"1000000001"}',
			});
			expect('Missing' in params || 'Null' in params || 'Empty' in params).toBe(false);
			// the URL's query is the canonical string itself (sorted, RFC 3986), so nothing re-encodes it
			const query = out.url.slice(out.url.indexOf('?') + 1);
			expect(query).toContain(
				'OutId=o%21%27%28%29%2A~%20%2B%2F%3D%26%25%E5%8D%95%E5%8F%B7%F0%9F%98%80',
			);
			const names = query.split('&').map((pair) => pair.split('=')[0]);
			expect(names.slice(0, -1)).toEqual([...names.slice(0, -1)].sort());
			expect(names[names.length - 1]).toBe('Signature');
			expect(names.indexOf('trackNo')).toBeGreaterThan(names.indexOf('Version'));
		},
	);

	it('honours the method: GET and POST are signed as such, anything else as POST', async () => {
		for (const method of ['GET', 'POST'] as const) {
			const out = await aliAuth(aliCreds(), { method, qs: { Action: 'QuerySubsId' } });
			expect(out.method).toBe(method);
			expectValidSignature(out);
			const { Signature, ...signed } = sentParams(out);
			const other = method === 'GET' ? 'POST' : 'GET';
			expect(OpenApiUtil.getRPCSignature(signed, other, ALI_SECRET)).not.toBe(Signature);
		}
		const lower = await aliAuth(aliCreds(), {
			method: 'get' as IHttpRequestOptions['method'],
			qs: { Action: 'X' },
		});
		expect(lower.method).toBe('GET');
		expectValidSignature(lower);
		const none = await aliAuth(aliCreds(), { qs: { Action: 'X' } });
		expect(none.method).toBe('GET');
		expectValidSignature(none);
		// RPC knows only GET and POST: another verb is sent, and signed, as POST
		const put = await aliAuth(aliCreds(), { method: 'PUT', qs: { Action: 'X' } });
		expect(put.method).toBe('POST');
		expectValidSignature(put);
	});

	it(
		'form body: object → signed urlencoded string with Signature in the body; ' +
			'query parameters join it; URL bare',
		async () => {
			const body = { PoolKey: POOL, OutId: "a b+c*~!'()单", trackNo: 'SF1', Count: 3, Skip: '' };
			const out = await aliAuth(aliCreds({ securityToken: STS_TOKEN }), {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				qs: { Action: 'AddAxnTrackNo' },
				body,
			});
			expect(typeof out.body).toBe('string');
			expect(out.url).toBe('https://dyplsapi.aliyuncs.com/');
			expect(out.qs).toBeUndefined();
			expect(out.method).toBe('POST');
			const fromBody = parseForm(out.body as string);
			expect(fromBody.Signature).toBeDefined();
			const params = expectValidSignature(out);
			expect(params).toMatchObject({
				Action: 'AddAxnTrackNo',
				PoolKey: POOL,
				OutId: "a b+c*~!'()单",
				trackNo: 'SF1',
				Count: '3',
				SecurityToken: STS_TOKEN,
				AccessKeyId: ALI_ID,
			});
			expect('Skip' in params).toBe(false);
			// the caller's object is not mutated
			expect(body).toEqual({
				PoolKey: POOL,
				OutId: "a b+c*~!'()单",
				trackNo: 'SF1',
				Count: 3,
				Skip: '',
			});
		},
	);

	it('form body detection is case-insensitive on the header and tolerates a charset', async () => {
		const out = await aliAuth(aliCreds(), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
			body: { Action: 'QuerySubsId', PoolKey: 'FC1' },
		});
		expect(typeof out.body).toBe('string');
		expect(expectValidSignature(out)).toMatchObject({ Action: 'QuerySubsId', PoolKey: 'FC1' });
	});

	it(
		'GET with a form body object: nothing is lost (n8n never sends a GET ' +
			'body), all parameters signed in the URL',
		async () => {
			const out = await aliAuth(aliCreds(), {
				method: 'GET',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				qs: { Action: 'QuerySubsId' },
				body: { PoolKey: POOL, PhoneNoX: '17000000000' },
			});
			expect(out.method).toBe('GET');
			const params = expectValidSignature(out);
			// what n8n actually transmits for a GET: only the URL
			const { Signature, ...inUrl } = parseForm(out.url.slice(out.url.indexOf('?') + 1));
			expect(Signature).toBeDefined();
			expect(inUrl).toEqual(params);
			expect(inUrl).toMatchObject({
				Action: 'QuerySubsId',
				PoolKey: POOL,
				PhoneNoX: '17000000000',
			});
		},
	);

	it(
		'the endpoint comes from the credential (baseURL/url of the request are ignored); a path and a missing slash ' +
			'are handled',
		async () => {
			const a = await aliAuth(aliCreds({ endpoint: 'http://127.0.0.1:18080' }), {
				baseURL: 'https://elsewhere.example',
				url: '/ignored',
				qs: { Action: 'X' },
			});
			expect(a.url.startsWith('http://127.0.0.1:18080/?')).toBe(true);
			expect(a.baseURL).toBeUndefined();
			const b = await aliAuth(aliCreds({ endpoint: 'https://proxy.example/aliyun/dypls/' }), {
				qs: { Action: 'X' },
			});
			expect(b.url.startsWith('https://proxy.example/aliyun/dypls/?')).toBe(true);
			expectValidSignature(b);
			const c = await aliAuth(aliCreds({ endpoint: '' }), { qs: { Action: 'X' } });
			expect(c.url.startsWith('https://dyplsapi.aliyuncs.com/?')).toBe(true);
		},
	);

	it('a Signature or common parameter passed by the caller cannot override the computed ones', async () => {
		const out = await aliAuth(aliCreds(), {
			qs: {
				Action: 'X',
				Signature: 'forged',
				AccessKeyId: 'other',
				SignatureMethod: 'HMAC-SHA256',
				Version: '1999-01-01',
			},
		});
		const params = expectValidSignature(out);
		expect(params).toMatchObject({
			AccessKeyId: ALI_ID,
			SignatureMethod: 'HMAC-SHA1',
			Version: '2017-05-25',
		});
		expect(out.url).not.toContain('forged');
	});

	describe('bad input: a clear error naming the field, before any request exists', () => {
		it.each([
			['empty AccessKey ID', { accessKeyId: '' }, /"AccessKey ID" is empty/],
			['blank AccessKey ID', { accessKeyId: '   ' }, /"AccessKey ID" is empty/],
			['missing AccessKey ID', { accessKeyId: undefined }, /"AccessKey ID" is empty/],
			['empty AccessKey Secret', { accessKeySecret: '' }, /"AccessKey Secret" is empty/],
			['endpoint ftp://x', { endpoint: 'ftp://x' }, /"Endpoint" must be an http\(s\) URL/],
			['endpoint "not a url"', { endpoint: 'not a url' }, /"Endpoint" is not a URL/],
		])('%s', async (_label, extra, message) => {
			const error = await authError(
				async () =>
					await aliAuth(aliCreds({ securityToken: STS_TOKEN, ...extra }), { qs: { Action: 'X' } }),
			);
			expect(error.message).toMatch(message);
			expect(error.message).toMatch(/^Alibaba Cloud API credential: /);
		});
	});
});

/** An independent MD5 over the documented string, with the body exactly as returned. */
function expectedNxSign(headers: IDataObject, body: string, secret = NX_SECRET): string {
	const head = `accessKey=${headers.accessKey}&action=${headers.action}&bizType=${headers.bizType}&ts=${headers.ts}`;
	const raw =
		body === '' ? `${head}&accessSecret=${secret}` : `${head}&body=${body}&accessSecret=${secret}`;
	return createHash('md5').update(Buffer.from(raw, 'utf8')).digest('hex');
}

describe('NxCloudApi.authenticate', () => {
	afterEach(() => {
		jest.useRealTimers();
	});

	it('sets accessKey/action/bizType 5/ts/sign and Content-Type; POST, json false, body a string', async () => {
		const before = Date.now();
		const out = await nxAuth(nxCreds(), {
			method: 'POST',
			headers: { action: 'getAXBList' },
			body: { limit: 1, offset: 0 },
		});
		const after = Date.now();
		const headers = out.headers as IDataObject;
		expect(headers).toEqual({
			'Content-Type': 'application/json',
			accessKey: NX_KEY,
			action: 'getAXBList',
			bizType: '5',
			ts: expect.stringMatching(/^\d{13}$/),
			sign: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(Number(headers.ts)).toBeGreaterThanOrEqual(before);
		expect(Number(headers.ts)).toBeLessThanOrEqual(after);
		expect(out.body).toBe('{"limit":1,"offset":0}');
		expect(headers.sign).toBe(expectedNxSign(headers, out.body as string));
		expect(out.json).toBe(false);
		expect(out.method).toBe('POST');
		expect(out.baseURL).toBeUndefined();
		expect(out.url).toBe('https://number.nxcloud.com/api/pns/');
	});

	it('ts is the current time in ms on every call', async () => {
		jest.useFakeTimers({ now: 1_700_000_000_123, doNotFake: ['nextTick', 'queueMicrotask'] });
		const a = await nxAuth(nxCreds(), { headers: { action: 'getAXBList' }, body: {} });
		jest.setSystemTime(1_700_000_005_456);
		const b = await nxAuth(nxCreds(), { headers: { action: 'getAXBList' }, body: {} });
		expect((a.headers as IDataObject).ts).toBe('1700000000123');
		expect((b.headers as IDataObject).ts).toBe('1700000005456');
		expect((a.headers as IDataObject).sign).not.toBe((b.headers as IDataObject).sign);
	});

	it('an object body is serialised once (JSON.stringify) and that exact string is signed and sent', async () => {
		const body = {
			phoneA: '8613800000000',
			phoneB: '8613900000000',
			customerBindId: '单号 "1"',
			expireSecond: 86400,
			flag: 1,
		};
		const out = await nxAuth(nxCreds(), { headers: { action: 'bindAXB' }, body });
		expect(out.body).toBe(JSON.stringify(body));
		expect(JSON.parse(out.body as string)).toEqual(body);
		expect((out.headers as IDataObject).sign).toBe(
			expectedNxSign(out.headers as IDataObject, out.body as string),
		);
	});

	it.each([
		['odd spacing and newlines', '{ "limit" :1,\n  "offset":   0 }'],
		['key order and Chinese', '{"name":"牛小信","id":10001}'],
		['trailing whitespace', '{"bindId":"f6e24ebdaf64ef91adb0b60e3b582db0"}  \n'],
	])('a string body (%s) is sent untouched, byte for byte as signed', async (_label, text) => {
		const out = await nxAuth(nxCreds(), { headers: { action: 'unbindAXB' }, body: text });
		expect(out.body).toBe(text);
		expect(Buffer.from(out.body as string, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
		expect((out.headers as IDataObject).sign).toBe(
			expectedNxSign(out.headers as IDataObject, text),
		);
	});

	it.each([
		['undefined', undefined],
		['empty string', ''],
		['null', null],
	])('an empty body (%s) is signed without "&body=" and sent empty', async (_label, body) => {
		const out = await nxAuth(nxCreds(), { headers: { action: 'getAXBList' }, body });
		const headers = out.headers as IDataObject;
		expect(out.body).toBe('');
		const withoutBody = createHash('md5')
			.update(
				`accessKey=${NX_KEY}&action=getAXBList&bizType=5&ts=${headers.ts}&accessSecret=${NX_SECRET}`,
				'utf8',
			)
			.digest('hex');
		expect(headers.sign).toBe(withoutBody);
	});

	it(
		'the action header is found case-insensitively; other headers are kept, ' +
			'a caller Content-Type is replaced',
		async () => {
			const out = await nxAuth(nxCreds(), {
				headers: {
					Action: 'queryAXB',
					'X-Trace': 't-1',
					'content-type': 'text/plain',
					sign: 'forged',
					ts: '1',
				},
				body: { phoneX: '1' },
			});
			const headers = out.headers as IDataObject;
			expect(headers).toMatchObject({
				action: 'queryAXB',
				'X-Trace': 't-1',
				'Content-Type': 'application/json',
			});
			expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-type')).toEqual([
				'Content-Type',
			]);
			expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'action')).toEqual(['action']);
			expect(headers.sign).not.toBe('forged');
			expect(headers.ts).not.toBe('1');
			expect(headers.sign).toBe(expectedNxSign(headers, out.body as string));
		},
	);

	it(
		'a REST path (/v1/pns/bind/axe) is resolved against the base URL origin; other urls are relative to the base ' +
			'URL',
		async () => {
			const rest = await nxAuth(nxCreds(), {
				url: '/v1/pns/bind/axe',
				headers: { action: 'bindAXE' },
				body: {},
			});
			expect(rest.url).toBe('https://number.nxcloud.com/v1/pns/bind/axe');
			const custom = await nxAuth(
				nxCreds({ baseUrl: 'custom', customBaseUrl: 'http://127.0.0.1:18080/api/pns/' }),
				{
					url: '/v1/pns/bind/axe',
					headers: { action: 'bindAXE' },
					body: {},
				},
			);
			expect(custom.url).toBe('http://127.0.0.1:18080/v1/pns/bind/axe');
			const api = await nxAuth(nxCreds({ baseUrl: 'api' }), {
				url: '/v1/pns/bind/axe',
				headers: { action: 'bindAXE' },
			});
			expect(api.url).toBe('https://api.nxcloud.com/v1/pns/bind/axe');
		},
	);

	it.each([
		['number', {}, 'https://number.nxcloud.com/api/pns/'],
		['api', { baseUrl: 'api' }, 'https://api.nxcloud.com/v1/api/pns/'],
		[
			'custom with slash',
			{ baseUrl: 'custom', customBaseUrl: 'http://127.0.0.1:18080/api/pns/' },
			'http://127.0.0.1:18080/api/pns/',
		],
		[
			'custom without slash',
			{ baseUrl: 'custom', customBaseUrl: ' http://127.0.0.1:18080/v1/api/pns ' },
			'http://127.0.0.1:18080/v1/api/pns/',
		],
		['unset (default)', { baseUrl: undefined }, 'https://number.nxcloud.com/api/pns/'],
	])('base URL option %s', async (_label, extra, expected) => {
		const out = await nxAuth(nxCreds(extra), {
			headers: { action: 'getAXBList' },
			body: {},
			baseURL: 'https://ignored.example/',
		});
		expect(out.url).toBe(expected);
		expect(out.baseURL).toBeUndefined();
	});

	describe('bad input: a clear error naming the field, before any request exists', () => {
		it.each([
			['empty Access Key', { accessKey: '' }, /"Access Key" is empty/],
			['blank Access Key', { accessKey: '  ' }, /"Access Key" is empty/],
			['empty Access Secret', { accessSecret: '' }, /"Access Secret" is empty/],
			[
				'custom base URL without a path',
				{ baseUrl: 'custom', customBaseUrl: 'https://host' },
				/"Custom Base URL" needs the API path/,
			],
			[
				'custom base URL "/" only',
				{ baseUrl: 'custom', customBaseUrl: 'https://host/' },
				/"Custom Base URL" needs the API path/,
			],
			[
				'custom base URL not http(s)',
				{ baseUrl: 'custom', customBaseUrl: 'ftp://host/api/pns/' },
				/"Custom Base URL" must be an http\(s\) URL/,
			],
			[
				'custom base URL not a URL',
				{ baseUrl: 'custom', customBaseUrl: 'not a url' },
				/"Custom Base URL" is not a URL/,
			],
			[
				'custom base URL empty',
				{ baseUrl: 'custom', customBaseUrl: '' },
				/"Custom Base URL" is not a URL/,
			],
		])('%s', async (_label, extra, message) => {
			const error = await authError(
				async () => await nxAuth(nxCreds(extra), { headers: { action: 'getAXBList' }, body: {} }),
			);
			expect(error.message).toMatch(message);
			expect(error.message).toMatch(/^NXCloud API credential: /);
		});

		it('a request without an action header is refused', async () => {
			const error = await authError(async () => await nxAuth(nxCreds(), { headers: {}, body: {} }));
			expect(error.message).toMatch(/"action" header/);
		});
	});
});

// Runs last (jest keeps file order): checks everything the tests above got back or caught.
describe('secrets never leak', () => {
	it('no returned request contains an AccessKey Secret / Access Secret in any form', () => {
		expect(returned.length).toBeGreaterThan(30);
		const forms = [
			ALI_SECRET,
			`${ALI_SECRET}&`,
			NX_SECRET,
			encodeURIComponent(ALI_SECRET),
			encodeURIComponent(NX_SECRET),
		];
		for (const out of returned) {
			const text = JSON.stringify(out);
			for (const secret of forms) expect(text).not.toContain(secret);
		}
	});

	it('the STS token is sent only as the signed SecurityToken parameter', () => {
		const encodedToken = encodeURIComponent(STS_TOKEN);
		let withToken = 0;
		for (const out of returned) {
			const text = JSON.stringify(out);
			if (!text.includes(encodedToken) && !text.includes(STS_TOKEN)) continue;
			withToken++;
			const params = sentParams(out);
			expect(params.SecurityToken).toBe(STS_TOKEN);
			// exactly one occurrence, and it is the parameter's value
			const wire = `${out.url}\n${typeof out.body === 'string' ? out.body : ''}`;
			expect(wire.split(`SecurityToken=${encodedToken}`).length).toBe(2);
			expect(JSON.stringify({ ...out, url: '', body: '' })).not.toContain(STS_TOKEN);
		}
		expect(withToken).toBeGreaterThanOrEqual(2);
	});

	it('no thrown error contains a secret or the STS token (message, stack or own properties)', () => {
		expect(thrown.length).toBeGreaterThan(10);
		for (const error of thrown) {
			const e = error as Error;
			const text = [
				e.message,
				e.stack,
				JSON.stringify(e),
				JSON.stringify(
					Object.getOwnPropertyNames(e).map((k) => String((e as unknown as IDataObject)[k])),
				),
			].join('\n');
			for (const secret of [ALI_SECRET, NX_SECRET, STS_TOKEN, encodeURIComponent(STS_TOKEN)])
				expect(text).not.toContain(secret);
		}
	});
});
