import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
	aliCall,
	aliTimestamp,
	chinaTime,
	rawRequest,
	signedAliParams,
	toQuery,
	type AliBody,
	type AliCreds,
} from './client';

let sb: Sandbox;
let creds: AliCreds;

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
	creds = sb.credentials.aliyun;
});

afterAll(async () => {
	await sb.stop();
});

const AXB = 'FC100000000000001';
const unknownId = 'LTAI5tUnknownKey9999';
const otherTok = 'another-token';
const detail = { PoolKey: AXB, SecretNo: '17001000000' };

describe('Alibaba gateway: signature, timestamp, nonce, AccessKey', () => {
	it('accepts GET, POST with the query and POST with a form body', async () => {
		for (const mode of ['GET', 'POST-query', 'POST-form'] as const) {
			const r = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, { mode });
			expect(r.status).toBe(200);
			expect(r.body.Code).toBe('OK');
			expect(r.body.RequestId).toMatch(
				/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
			);
			expect(r.body.SecretNoInfoDTO).toMatchObject({ City: '杭州', SecretStatus: 0 });
		}
		const logged = sb.lastRequests(1)[0];
		expect(logged.provider).toBe('aliyun');
		expect(logged.verified).toBe(true);
		expect(logged.params?.PoolKey).toBe('FC100000000000001');
	});

	it(
		'rejects a request signed with the wrong secret with SignatureDoesNotMatch (HTTP 400) and shows its string to ' +
			'sign',
		async () => {
			const before = sb.stats().signatureFailures;
			const r = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
				signSecret: 'wrong-secret',
			});
			expect(r.status).toBe(400);
			expect(r.body.Code).toBe('SignatureDoesNotMatch');
			expect(r.body.HostId).toBe('dyplsapi.aliyuncs.com');
			expect(r.body.Message).toContain(
				'server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tSandboxKey0001',
			);
			expect(r.body.Recommend).toContain('SignatureDoesNotMatch');
			expect(sb.stats().signatureFailures).toBe(before + 1);
			expect(sb.lastRequests(1)[0].verified).toBe(false);
		},
	);

	it('rejects a signature made for another HTTP method', async () => {
		const params = signedAliParams(creds, 'QuerySecretNoDetail', detail, 'GET');
		const r = await rawRequest<AliBody>(`${sb.url}/?${toQuery(params)}`, { method: 'POST' });
		expect(r.status).toBe(400);
		expect(r.body.Code).toBe('SignatureDoesNotMatch');
	});

	it('rejects a reused SignatureNonce with SignatureNonceUsed, even re-signed', async () => {
		const nonce = randomUUID();
		const first = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, { nonce });
		expect(first.body.Code).toBe('OK');
		const again = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, { nonce });
		expect(again.status).toBe(400);
		expect(again.body.Code).toBe('SignatureNonceUsed');
	});

	it(
		'rejects a stale timestamp (> 15 min) with InvalidTimeStamp.Expired and a malformed one with ' +
			'InvalidTimeStamp.Format',
		async () => {
			const stale = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
				timestamp: aliTimestamp(Date.now() - 16 * 60 * 1000),
			});
			expect(stale.status).toBe(400);
			expect(stale.body.Code).toBe('InvalidTimeStamp.Expired');
			const future = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
				timestamp: aliTimestamp(Date.now() + 16 * 60 * 1000),
			});
			expect(future.body.Code).toBe('InvalidTimeStamp.Expired');
			const bad = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
				timestamp: '2024/01/01 00:00:00',
			});
			expect(bad.status).toBe(400);
			expect(bad.body.Code).toBe('InvalidTimeStamp.Format');
			const ok = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
				timestamp: aliTimestamp(Date.now() - 10 * 60 * 1000),
			});
			expect(ok.body.Code).toBe('OK');
		},
	);

	it('rejects an unknown AccessKeyId with InvalidAccessKeyId.NotFound (HTTP 404)', async () => {
		const r = await aliCall(
			sb.url,
			{ ...creds, accessKeyId: unknownId },
			'QuerySecretNoDetail',
			detail,
		);
		expect(r.status).toBe(404);
		expect(r.body.Code).toBe('InvalidAccessKeyId.NotFound');
	});

	it('checks the STS token of temporary credentials', async () => {
		const sts = sb.credentials.aliyunSts;
		const ok = await aliCall(sb.url, sts, 'QuerySecretNoDetail', detail);
		expect(ok.body.Code).toBe('OK');
		const wrong = await aliCall(
			sb.url,
			{ ...sts, securityToken: otherTok },
			'QuerySecretNoDetail',
			detail,
		);
		expect(wrong.status).toBe(400);
		expect(wrong.body.Code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
		const none = await aliCall(
			sb.url,
			{ accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret },
			'QuerySecretNoDetail',
			detail,
		);
		expect(none.body.Code).toBe('InvalidSecurityToken.Malformed');
		const extra = await aliCall(
			sb.url,
			{ ...creds, securityToken: sts.securityToken },
			'QuerySecretNoDetail',
			detail,
		);
		expect(extra.body.Code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
	});

	it('checks Version, Action, SignatureMethod and missing signature parameters', async () => {
		const v = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
			version: '2020-01-01',
		});
		expect(v.status).toBe(404);
		expect(v.body.Code).toBe('InvalidVersion');
		const a = await aliCall(sb.url, creds, 'DescribeRegions', {});
		expect(a.status).toBe(404);
		expect(a.body.Code).toBe('InvalidAction.NotFound');
		const params = signedAliParams(creds, 'QuerySecretNoDetail', detail, 'POST');
		const noSig = { ...params };
		delete noSig.Signature;
		const r1 = await rawRequest<AliBody>(`${sb.url}/?${toQuery(noSig)}`, { method: 'POST' });
		expect(r1.status).toBe(400);
		expect(r1.body.Code).toBe('IncompleteSignature');
		const r2 = await rawRequest<AliBody>(
			`${sb.url}/?${toQuery({ ...params, SignatureMethod: 'HMAC-MD5' })}`,
			{ method: 'POST' },
		);
		expect(r2.body.Code).toBe('InvalidSignatureMethod');
	});

	it('answers MissingParameter for a mandatory parameter and PoolKey', async () => {
		const r = await aliCall(sb.url, creds, 'BindAxb', { PoolKey: AXB, PhoneNoA: '13800000000' });
		expect(r.status).toBe(400);
		expect(r.body.Code).toBe('MissingParameter');
		expect(r.body.Message).toBe(
			'The input parameter "Expiration" that is mandatory for processing this request is not supplied.',
		);
		const p = await aliCall(sb.url, creds, 'QuerySubscriptionDetail', {
			SubsId: '1',
			PhoneNoX: '17001000000',
		});
		expect(p.body.Message).toContain('"PoolKey"');
	});

	it('decodes %XX and + the way the gateway does (a literal plus must be %2B)', async () => {
		const exp = chinaTime(Date.now() + 3600 * 1000);
		const outId = "o+!'()*~ 单号&=";
		const params = signedAliParams(
			creds,
			'BindAxb',
			{
				PoolKey: AXB,
				PhoneNoA: '13600000001',
				PhoneNoB: '13600000002',
				Expiration: exp,
				OutId: outId,
			},
			'GET',
		);
		// encode spaces as '+' (form style) - still one space on the server
		const qs = toQuery(params).replace(/%20/g, '+');
		const r = await rawRequest<AliBody>(`${sb.url}/?${qs}`, { method: 'GET' });
		expect(r.body.Code).toBe('OK');
		const b = sb.state.aliyun.bindings.get(r.body.SecretBindDTO?.SubsId ?? '');
		expect(b.outId).toBe(outId);
	});
});

describe('Alibaba gateway: malformed input never crashes the server', () => {
	it(
		'rejects a JSON body, a malformed query and an unknown method with a ' +
			'gateway error, then keeps serving',
		async () => {
			const json = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, {
				mode: 'POST-query',
				rawBody: JSON.stringify(detail),
				contentType: 'application/json',
			});
			expect(json.status).toBe(400);
			expect(json.body.Code).toBe('InvalidParameter');
			expect(json.body.HostId).toBe('dyplsapi.aliyuncs.com');

			const bad = await rawRequest<AliBody>(`${sb.url}/?Action=%E0%A4%A&AccessKeyId=%`, {
				method: 'GET',
			});
			expect(bad.status).toBe(400);
			expect(bad.body.Code).toBe('InvalidParameter');

			const empty = await rawRequest<AliBody>(`${sb.url}/`, { method: 'GET' });
			expect(empty.status).toBe(400);
			expect(empty.body.Code).toBe('MissingParameter');

			const garbage = await rawRequest<AliBody>(`${sb.url}/`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: '%%%===&&&\u0000',
			});
			expect(garbage.status).toBe(400);

			const ok = await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail);
			expect(ok.body.Code).toBe('OK');
		},
	);
});
