import type { IDataObject } from 'n8n-workflow';
import { Agent, request } from 'undici';
import { startSandbox, type Sandbox } from '../../sandbox';
import { signedQueryString, rpcTimestamp } from '../../nodes/shared/signing/aliyunRpcV1';
import { AXB_POOL } from '../aliyun/helpers';
import { CountingCredentialsHelper } from '../helpers/counting-credentials';
import { credentialTypes, runWorkflow, singleNodeWorkflow } from '../helpers/n8n';

/**
 * The credential is read once per execution (not once per request) and every request is still signed with the
 * credential's own code: the sandbox verifies each signature, and a request it could not verify fails the item.
 */

const ITEMS = 60;
let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => {
	await sb.stop();
});

async function runCounted(
	type: string,
	credentials: IDataObject,
	parameters: IDataObject,
	items: IDataObject[],
) {
	const helper = new CountingCredentialsHelper(credentialTypes as IDataObject, credentials);
	const before = sb.stats().requests.total;
	const run = await runWorkflow(
		singleNodeWorkflow(type, parameters, items),
		{},
		{ credentialsHelper: helper },
	);
	const requests = sb.lastRequests(sb.stats().requests.total - before);
	return { run, items: run.output('Node'), requests, reads: helper.reads };
}

const digits = (prefix: string, n: number) => `${prefix}${String(n).padStart(8, '0')}`;

test(`Alibaba: ${ITEMS} Bind AXB items, one credential read, every request signed and verified`, async () => {
	const orders = Array.from({ length: ITEMS }, (_, i) => ({
		a: digits('135', i),
		b: digits('134', i),
	}));
	const r = await runCounted(
		'aliyunPhoneNumberProtection',
		{ alibabaCloudApi: { ...sb.credentials.aliyun, endpoint: sb.aliyunEndpoint } },
		{
			resource: 'binding',
			operation: 'bindAxb',
			poolKey: AXB_POOL,
			phoneNoA: '={{ $json.a }}',
			phoneNoB: '={{ $json.b }}',
			expiration: 'in 2 hours',
			options: { concurrency: 10 },
		},
		orders,
	);
	expect(r.run.error).toBeUndefined();
	expect(r.reads).toEqual({ alibabaCloudApi: 1 });
	expect(r.requests).toHaveLength(ITEMS);
	expect(r.requests.every((req) => req.verified && req.params?.Action === 'BindAxb')).toBe(true);
	expect(new Set(r.requests.map((req) => req.params?.SignatureNonce)).size).toBe(ITEMS);
	expect(r.items.map((item) => item.pairedItem)).toEqual(orders.map((_, item) => ({ item })));
	expect(r.items.every((item) => typeof item.json.subsId === 'string')).toBe(true);
});

test(`NXCloud: ${ITEMS} Bind AXB items, one credential read, every request signed and verified`, async () => {
	const orders = Array.from({ length: ITEMS }, (_, i) => ({
		a: `8526${String(i).padStart(7, '0')}`,
		b: `8529${String(i).padStart(7, '0')}`,
	}));
	const r = await runCounted(
		'nxCloudPrivacyNumber',
		{ nxCloudApi: { ...sb.credentials.nxcloud, baseUrl: 'custom', customBaseUrl: sb.nxBaseUrl } },
		{
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '={{$json.a}}',
			phoneB: '={{$json.b}}',
			expiry: 'until',
			expireUntil: 'in 2 hours',
			options: { concurrency: 10 },
		},
		orders,
	);
	expect(r.run.error).toBeUndefined();
	expect(r.reads).toEqual({ nxCloudApi: 1 });
	expect(r.requests).toHaveLength(ITEMS);
	expect(r.requests.every((req) => req.verified)).toBe(true);
	expect(r.items.every((item) => typeof item.json.bindId === 'string')).toBe(true);
});

test('the HTTPS front serves the same API with its generated certificate, and verifies signatures', async () => {
	expect(sb.httpsUrl).toBeUndefined();
	const front = await startSandbox({ https: true });
	try {
		await expectHttpsFront(front);
	} finally {
		await front.stop();
	}
});

async function expectHttpsFront(sb: Sandbox) {
	expect(sb.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
	const { accessKeyId, accessKeySecret } = sb.credentials.aliyun;
	const params = {
		Action: 'QuerySecretNoRemain',
		SpecId: '1',
		City: '全国',
		Format: 'JSON',
		Version: '2017-05-25',
		AccessKeyId: accessKeyId,
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: `https-front-${Date.now()}`,
		Timestamp: rpcTimestamp(new Date()),
	};
	const trusted = new Agent({ connect: { ca: sb.httpsCertificate } });
	const signed = signedQueryString(params, 'POST', accessKeySecret);
	const good = await request(`${sb.httpsUrl}/?${signed}`, { method: 'POST', dispatcher: trusted });
	expect(((await good.body.json()) as IDataObject).Code).toBe('OK');
	const forged = signedQueryString({ ...params, SignatureNonce: 'x' }, 'POST', 'wrong secret');
	const bad = await request(`${sb.httpsUrl}/?${forged}`, { method: 'POST', dispatcher: trusted });
	expect(((await bad.body.json()) as IDataObject).Code).toBe('SignatureDoesNotMatch');
	// without the certificate as a CA the front is not trusted (nothing is installed system-wide)
	await expect(request(`${sb.httpsUrl}/?${signed}`, { method: 'POST' })).rejects.toThrow();
	await trusted.close();
}
