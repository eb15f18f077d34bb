/*
 * The sandbox's MNS queue endpoint and Dybaseapi QueryTokenForMnsQueue, driven by a client written here from the
 * MNS docs (signed with the project's signer; the sandbox verifies with the official SDK's).
 */
import { request } from 'undici';
import { mnsAuthorization, mnsDate } from '../../nodes/shared/signing/mnsSignature';
import { startSandbox, SANDBOX_ALI_UID, type Sandbox } from '../../sandbox';
import { aliCall } from './client';

const QUEUE = `Alicom-Queue-${SANDBOX_ALI_UID}-SecretReport`;
let sb: Sandbox;

interface Token {
	AccessKeyId: string;
	AccessKeySecret: string;
	SecurityToken: string;
	ExpireTime: string;
	CreateTime: string;
}

async function token(queueName = QUEUE, messageType = 'SecretReport') {
	const r = await aliCall(sb.url, sb.credentials.aliyun, 'QueryTokenForMnsQueue', {
		MessageType: messageType,
		QueueName: queueName,
	});
	return r.body as unknown as { Code: string; Message: string; MessageTokenDTO: Token };
}

async function mns(
	t: Token,
	method: 'GET' | 'DELETE',
	resource: string,
	opts: { body?: string; date?: Date; signWith?: string; securityToken?: string | null } = {},
) {
	const headers: Record<string, string> = {
		Date: mnsDate(opts.date ?? new Date()),
		'x-mns-version': '2015-06-06',
	};
	if (opts.body) headers['Content-Type'] = 'text/xml';
	headers.Authorization = mnsAuthorization(t.AccessKeyId, opts.signWith ?? t.AccessKeySecret, {
		method,
		resource,
		headers,
	});
	if (opts.securityToken !== null)
		headers['security-token'] = opts.securityToken ?? t.SecurityToken;
	const res = await request(`${sb.url}${resource}`, { method, headers, body: opts.body });
	const text = await res.body.text();
	return { status: res.statusCode, text };
}

const code = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const handles = (xml: string) =>
	[...xml.matchAll(/<ReceiptHandle>([^<]*)<\/ReceiptHandle>/g)].map((m) => m[1]);

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => await sb.stop());
beforeEach(() => {
	sb.reset();
	sb.configure({ mns: { visibilityTimeoutMs: 300, tokenTtlMs: 3600000 } });
});

describe('QueryTokenForMnsQueue', () => {
	it('answers temporary credentials for the account’s queue of that message type', async () => {
		const body = await token();
		expect(body.Code).toBe('OK');
		expect(body.MessageTokenDTO).toMatchObject({
			AccessKeyId: expect.stringMatching(/^STS\./),
			ExpireTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expect(sb.mnsQueues().tokenRequests).toBe(1);
	});

	it('refuses a queue of another account or message type', async () => {
		expect((await token(`Alicom-Queue-1-SecretReport`)).Code).toBe('isv.INVALID_PARAMETERS');
		expect((await token(QUEUE, 'SecretRecording')).Code).toBe('isv.INVALID_PARAMETERS');
	});
});

describe('the MNS endpoint', () => {
	const receive = `/queues/${QUEUE}/messages?numOfMessages=16&waitseconds=0`;

	it('empty queue: 404 MessageNotExist; then BatchReceive, invisible while received, BatchDelete 204', async () => {
		const t = (await token()).MessageTokenDTO;
		let r = await mns(t, 'GET', receive);
		expect([r.status, code(r.text)]).toEqual([404, 'MessageNotExist']);
		sb.enqueueMns(QUEUE, '{"call_id":"c1"}');
		sb.enqueueMns(QUEUE, '{"call_id":"c2"}');
		r = await mns(t, 'GET', receive);
		expect(r.status).toBe(200);
		expect(r.text).toContain('<MessageBody>{&quot;call_id&quot;:&quot;c1&quot;}</MessageBody>');
		const got = handles(r.text);
		expect(got).toHaveLength(2);
		expect((await mns(t, 'GET', receive)).status).toBe(404); // invisible now
		const body = `<?xml version="1.0" encoding="UTF-8"?><ReceiptHandles xmlns="http://mns.aliyuncs.com/doc/v1/">${got
			.map((h) => `<ReceiptHandle>${h}</ReceiptHandle>`)
			.join('')}</ReceiptHandles>`;
		r = await mns(t, 'DELETE', `/queues/${QUEUE}/messages`, { body });
		expect(r.status).toBe(204);
		expect(sb.mnsQueues().queues[QUEUE]).toEqual([]);
	});

	it('a received message is visible again after the visibility timeout; its old handle is refused', async () => {
		const t = (await token()).MessageTokenDTO;
		sb.enqueueMns(QUEUE, 'x');
		const first = handles((await mns(t, 'GET', receive)).text)[0];
		await new Promise((resolve) => {
			void import('n8n-workflow').then(({ sleep }) => sleep(400).then(resolve));
		});
		const again = await mns(t, 'GET', receive);
		expect(again.text).toContain('<DequeueCount>2</DequeueCount>');
		const r = await mns(t, 'DELETE', `/queues/${QUEUE}/messages?ReceiptHandle=${first}`);
		expect([r.status, code(r.text)]).toEqual([400, 'ReceiptHandleError']);
		const ok = await mns(
			t,
			'DELETE',
			`/queues/${QUEUE}/messages?ReceiptHandle=${handles(again.text)[0]}`,
		);
		expect(ok.status).toBe(204);
	});

	it('long polling: answers as soon as a message arrives', async () => {
		const t = (await token()).MessageTokenDTO;
		const started = Date.now();
		const pending = mns(t, 'GET', `/queues/${QUEUE}/messages?numOfMessages=16&waitseconds=10`);
		await new Promise((resolve) => {
			void import('n8n-workflow').then(({ sleep }) => sleep(300).then(resolve));
		});
		sb.enqueueMns(QUEUE, 'late');
		const r = await pending;
		expect(r.status).toBe(200);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it.each([
		['a wrong signature', { signWith: 'not-the-secret' }, 403, 'SignatureDoesNotMatch'],
		['no security token', { securityToken: null }, 403, 'InvalidSecurityToken'],
		['a stale Date', { date: new Date(Date.now() - 20 * 60 * 1000) }, 408, 'TimeExpired'],
	] as const)('refuses %s', async (_, opts, status, expected) => {
		const t = (await token()).MessageTokenDTO;
		const r = await mns(t, 'GET', receive, opts);
		expect([r.status, code(r.text)]).toEqual([status, expected]);
		expect(r.text).toContain('<RequestId>');
	});

	it('refuses an expired token and a token of another queue', async () => {
		sb.configure({ mns: { tokenTtlMs: 1 } });
		const expired = (await token()).MessageTokenDTO;
		await new Promise((resolve) => {
			void import('n8n-workflow').then(({ sleep }) => sleep(20).then(resolve));
		});
		expect(code((await mns(expired, 'GET', receive)).text)).toBe('SecurityTokenExpired');
		sb.configure({ mns: { tokenTtlMs: 3600000 } });
		const other = (
			await token(`Alicom-Queue-${SANDBOX_ALI_UID}-SecretRecording`, 'SecretRecording')
		).MessageTokenDTO;
		expect(code((await mns(other, 'GET', receive)).text)).toBe('AccessDenied');
	});
});
