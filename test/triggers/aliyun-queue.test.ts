/*
 * Aliyun Phone Number Protection (Queue) Trigger against the sandbox: calls simulated on sandbox bindings put their
 * receipts in the sandbox's MNS queue (callbacks.aliyunQueues); the trigger runs in n8n-core's real TriggerContext
 * (./queue-harness.ts), gets its token from Dybaseapi QueryTokenForMnsQueue and long-polls the queue.
 */
import { sleep, type IDataObject, type IRun } from 'n8n-workflow';
import { AliyunPhoneNumberProtectionQueueTrigger } from '../../nodes/AliyunPhoneNumberProtectionQueueTrigger/AliyunPhoneNumberProtectionQueueTrigger.node';
import { AliyunPhoneNumberProtectionTrigger } from '../../nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node';
import { startSandbox, SANDBOX_ALI_UID, type Sandbox } from '../../sandbox';
import { aliCall, chinaTime } from '../sandbox/client';
import { startTriggerHarness, type TriggerHarness } from './harness';
import { QueueTriggerHarness } from './queue-harness';

const AXB = 'FC100000000000001';
const QUEUE = `Alicom-Queue-${SANDBOX_ALI_UID}-SecretReport`;

let sb: Sandbox;
const running: QueueTriggerHarness[] = [];

let phoneSeq = 0;
async function bind(): Promise<string> {
	phoneSeq++;
	const r = await aliCall(sb.url, sb.credentials.aliyun, 'BindAxb', {
		PoolKey: AXB,
		PhoneNoA: `1380001${String(phoneSeq).padStart(4, '0')}`,
		PhoneNoB: `1390001${String(phoneSeq).padStart(4, '0')}`,
		Expiration: chinaTime(Date.now() + 3600 * 1000),
	});
	expect(r.body.Code).toBe('OK');
	return r.body.SecretBindDTO?.SubsId ?? '';
}

/** n calls on fresh bindings; their call ids */
async function calls(n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const call = await sb.simulateCall({
			provider: 'aliyun',
			subsId: await bind(),
			answered: true,
		});
		expect(call.queued.map((q) => q.queue)).toEqual([QUEUE]);
		ids.push(call.callId);
	}
	return ids;
}

const inQueue = () => sb.mnsQueues().queues[QUEUE] ?? [];
const tokenRequests = () => sb.mnsQueues().tokenRequests;

function trigger(parameters: IDataObject = {}): QueueTriggerHarness {
	const h = new QueueTriggerHarness(
		new AliyunPhoneNumberProtectionQueueTrigger(),
		{ messageType: 'SecretReport', queueName: SANDBOX_ALI_UID, waitSeconds: 1, ...parameters },
		{ ...sb.credentials.aliyun, endpoint: sb.url },
	);
	running.push(h);
	return h;
}

const callIds = (h: QueueTriggerHarness) => h.items().map((item) => item.call_id);

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});

afterAll(async () => {
	await sb.stop();
});

beforeEach(() => {
	sb.reset();
	sb.configure({
		callbacks: { aliyun: {}, aliyunQueues: { SecretReport: true } },
		mns: { visibilityTimeoutMs: 30000, tokenTtlMs: 3600000 },
	});
});

afterEach(async () => {
	await Promise.all(running.splice(0).map(async (h) => await h.stop()));
});

describe('receipts from the MNS queue', () => {
	let push: TriggerHarness;
	beforeAll(async () => {
		push = await startTriggerHarness(new AliyunPhoneNumberProtectionTrigger(), {
			parameters: { messageType: 'SecretReport' },
		});
	});
	afterAll(async () => await push.close());

	it.each([
		['JSON', true],
		['Base64-wrapped JSON', 'base64'],
	] as const)(
		'three calls (%s bodies) → three records emitted once each, exactly as the push trigger emits them; queue empty',
		async (_, mode) => {
			push.clear();
			sb.configure({
				callbacks: {
					aliyun: { SecretReport: push.hookUrl() },
					aliyunQueues: { SecretReport: mode },
				},
			});
			const h = trigger();
			await h.start();
			const ids = await calls(3);
			await h.until(() => h.items().length >= 3 && inQueue().length === 0, 10000, 'three records');
			await sleep(1500); // one more long poll: nothing further
			expect(callIds(h).sort()).toEqual([...ids].sort());
			// the push trigger got the same records over HTTP: the items are identical
			const pushed = push.items();
			expect(pushed).toHaveLength(3);
			for (const item of h.items()) {
				expect(item).toEqual(pushed.find((p) => p.call_id === item.call_id));
				expect(item).toMatchObject({ message_type: 'SecretReport', connected: true, duration: 30 });
			}
			expect(inQueue()).toEqual([]);
			expect(h.errors).toEqual([]);
			const deletes = sb.mnsQueues().log.filter((e) => e.op === 'BatchDeleteMessage');
			expect(deletes.every((e) => e.status === 204)).toBe(true);
		},
	);

	it('messages that arrive while the trigger is stopped stay in the queue and are emitted after it starts', async () => {
		const h = trigger();
		await h.start();
		await h.stop();
		const ids = await calls(3);
		expect(inQueue()).toHaveLength(3);
		await sleep(300);
		expect(h.items()).toEqual([]);
		await h.start();
		await h.until(() => h.items().length >= 3 && inQueue().length === 0, 10000, 'the backlog');
		expect(callIds(h).sort()).toEqual([...ids].sort());
	});

	it('a message is not deleted before its execution finished: a hung execution leaves it, it comes back', async () => {
		sb.configure({ mns: { visibilityTimeoutMs: 600 } });
		const h = trigger();
		h.finish = 'never';
		await h.start();
		const [id] = await calls(1);
		await h.until(() => h.emissions.length === 1, 5000, 'the emission');
		await sleep(1000); // well past the visibility timeout: still there, as the execution never finished
		expect(inQueue()).toHaveLength(1);
		expect(sb.mnsQueues().log.filter((e) => e.op === 'BatchDeleteMessage')).toEqual([]);
		await h.stop(); // n8n stops while the execution hangs

		h.finish = 'success';
		await h.start();
		await h.until(() => h.emissions.length === 2 && inQueue().length === 0, 8000, 're-delivery');
		expect(callIds(h)).toEqual([id, id]);
		expect(inQueue()).toEqual([]);
	});

	it('an execution that could not start (done promise rejected): the message is emitted again', async () => {
		sb.configure({ mns: { visibilityTimeoutMs: 500 } });
		const h = trigger();
		h.finish = 'reject';
		await h.start();
		const [id] = await calls(1);
		await h.until(() => h.emissions.length === 1, 5000, 'the emission');
		h.finish = 'success';
		expect(inQueue()).toHaveLength(1);
		await h.until(() => h.emissions.length === 2 && inQueue().length === 0, 8000, 're-delivery');
		expect(callIds(h)).toEqual([id, id]);
		expect(h.logs.some((l) => l.level === 'warn' && /stay in the queue/.test(l.message))).toBe(
			true,
		);
	});

	it('a failed execution: deleted by default, kept for a retry with Delete Messages = Succeeds', async () => {
		sb.configure({ mns: { visibilityTimeoutMs: 500 } });
		const byDefault = trigger();
		byDefault.finish = 'error';
		await byDefault.start();
		await calls(1);
		await byDefault.until(
			() => byDefault.emissions.length === 1 && inQueue().length === 0,
			5000,
			'delete',
		);
		await byDefault.stop();

		const strict = trigger({ options: { deleteWhen: 'succeeded' } });
		strict.finish = 'error';
		await strict.start();
		const [id] = await calls(1);
		await strict.until(() => strict.emissions.length === 1, 5000, 'the emission');
		strict.finish = 'success';
		await strict.until(
			() => strict.emissions.length === 2 && inQueue().length === 0,
			8000,
			'the retry',
		);
		expect(callIds(strict)).toEqual([id, id]);
	});

	it('a record delivered again after it was processed is not emitted again, and is deleted', async () => {
		sb.configure({ mns: { visibilityTimeoutMs: 400 } });
		const h = trigger();
		h.finish = 'never';
		await h.start();
		const [id] = await calls(1);
		await h.until(() => h.emissions.length === 1, 5000, 'the emission');
		const body = inQueue()[0].body;
		// the execution outlives the visibility timeout: the delete is refused (ReceiptHandleError) and the message
		// comes back, like a delete lost on the network
		await sleep(700);
		h.emissions[0].done?.resolve({
			data: { resultData: { runData: {} } },
			status: 'success',
		} as unknown as IRun);
		// and Alibaba delivers the same receipt twice
		sb.enqueueMns(QUEUE, body);
		h.finish = 'success';
		await h.until(() => inQueue().length === 0, 8000, 'the duplicates deleted');
		await sleep(300);
		expect(callIds(h)).toEqual([id]);
		expect(h.logs.some((l) => /not deleted \(ReceiptHandleError\)/.test(l.message))).toBe(true);
	});

	it('without deduplication the re-delivered record is emitted again', async () => {
		const h = trigger({ deduplicate: false });
		await h.start();
		const [id] = await calls(1);
		await h.until(() => h.items().length === 1 && inQueue().length === 0, 5000, 'first');
		const body = JSON.stringify((h.items()[0] as IDataObject).raw);
		sb.enqueueMns(QUEUE, body);
		await h.until(() => h.items().length === 2 && inQueue().length === 0, 5000, 'second');
		expect(callIds(h)).toEqual([id, id]);
	});
});

describe('the temporary queue token', () => {
	it('is fetched once (QueryTokenForMnsQueue, signed, MessageType + QueueName) for many polls', async () => {
		const since = Date.now();
		const h = trigger();
		await h.start();
		await calls(2);
		await h.until(() => h.items().length === 2, 5000, 'records');
		await sleep(2500); // more long polls
		await calls(1);
		await h.until(() => h.items().length === 3 && inQueue().length === 0, 5000, 'the third');
		expect(tokenRequests()).toBe(1);
		const polls = sb.mnsQueues().log.filter((e) => e.op === 'BatchReceiveMessage');
		expect(polls.length).toBeGreaterThanOrEqual(3);
		// every answered poll got messages or MessageNotExist (the last one may still be waiting: no status yet)
		const answered = polls.filter((e) => e.status !== null);
		expect(answered.filter((e) => !(e.status === 200 || e.code === 'MessageNotExist'))).toEqual([]);
		const tokenCalls = sb
			.lastRequests(200)
			.filter((r) => r.action === 'QueryTokenForMnsQueue' && r.at >= since);
		expect(tokenCalls).toHaveLength(1);
		expect(tokenCalls[0].verified).toBe(true);
		expect(tokenCalls[0].params).toMatchObject({
			Action: 'QueryTokenForMnsQueue',
			Version: '2017-05-25',
			MessageType: 'SecretReport',
			QueueName: QUEUE,
			AccessKeyId: sb.credentials.aliyun.accessKeyId,
		});
	});

	it('is fetched again shortly (2 minutes) before its ExpireTime', async () => {
		// expires 2 min + 2 s after it was issued: due for renewal after about 2 s
		sb.configure({ mns: { tokenTtlMs: 122000 } });
		const h = trigger();
		await h.start();
		expect(tokenRequests()).toBe(1);
		await sleep(1000);
		expect(tokenRequests()).toBe(1);
		await h.until(() => tokenRequests() >= 2, 6000, 'a renewed token');
		await calls(1);
		await h.until(() => h.items().length === 1 && inQueue().length === 0, 5000, 'the record');
		expect(h.errors).toEqual([]);
	});

	it('is fetched again when MNS refuses it (InvalidAccessKeyId), without losing messages', async () => {
		const h = trigger();
		await h.start();
		sb.state.mns.tokens.clear();
		await calls(1);
		await h.until(() => h.items().length === 1 && inQueue().length === 0, 8000, 'the record');
		expect(tokenRequests()).toBe(2);
		expect(sb.mnsQueues().log.some((e) => e.code === 'InvalidAccessKeyId')).toBe(true);
	});

	it('activation fails with the Dybaseapi answer for a queue of another account (no secret)', async () => {
		const h = trigger({ queueName: '999999' });
		const error = await h.start().then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toContain('isv.INVALID_PARAMETERS');
		expect(error?.message).toContain('RequestId');
		expect(JSON.stringify(error)).not.toContain(sb.credentials.aliyun.accessKeySecret);
	});

	it('a queue name of another message type is refused before anything is sent', async () => {
		const h = trigger({ queueName: `Alicom-Queue-${SANDBOX_ALI_UID}-SecretRecording` });
		await expect(h.start()).rejects.toThrow(/not a SecretReport queue/);
		expect(tokenRequests()).toBe(0);
	});
});

describe('manual run (Test step)', () => {
	it('waits for the first records, emits them once and deletes them after that execution', async () => {
		const h = trigger();
		const [id] = await calls(1);
		const response = await h.manual();
		expect(callIds(h)).toEqual([id]);
		await h.until(() => inQueue().length === 0, 5000, 'the delete');
		await response.closeFunction?.();
	});
});
