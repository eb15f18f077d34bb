/*
 * Aliyun Phone Number Protection Trigger: receipts pushed by the sandbox (POST /__sandbox/calls, real HTTP) reach
 * the trigger's webhook() through a real HTTP server and an IWebhookFunctions stand-in (./harness.js).
 */
import { sleep, type IDataObject } from 'n8n-workflow';
import { AliyunPhoneNumberProtectionTrigger } from '../../nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node';
import { DEDUPE_STATIC_KEY } from '../../nodes/shared/receipts/dedupe';
import { startSandbox, type Sandbox } from '../../sandbox';
import { recordingBytes } from '../../sandbox/recording-files';
import { aliCall, chinaTime, type AliCreds } from '../sandbox/client';
import { startTriggerHarness, type TriggerHarness } from './harness';
import { configureCallbacks, post, simulateCall } from './http';

const AXB = 'FC100000000000001';
const AXB700 = 'FC700000000000001';
const ACK = { code: 0, msg: '成功' };

let sb: Sandbox;
let creds: AliCreds;
const hooks: Record<string, TriggerHarness> = {};
const TYPES = [
	'SecretReport',
	'SecretRecording',
	'SecretPickUpReport',
	'SecretStartReport',
	'SecretRingReport',
];

let phoneSeq = 0;
async function bind(
	recording = true,
): Promise<{ subsId: string; secretNo: string; phoneA: string; phoneB: string }> {
	phoneSeq++;
	const phoneA = `1380000${String(phoneSeq).padStart(4, '0')}`;
	const phoneB = `1390000${String(phoneSeq).padStart(4, '0')}`;
	const r = await aliCall(sb.url, creds, 'BindAxb', {
		PoolKey: AXB,
		PhoneNoA: phoneA,
		PhoneNoB: phoneB,
		Expiration: chinaTime(Date.now() + 3600 * 1000),
		IsRecordingEnabled: recording ? 'true' : 'false',
	});
	expect(r.body.Code).toBe('OK');
	return {
		subsId: r.body.SecretBindDTO?.SubsId ?? '',
		secretNo: r.body.SecretBindDTO?.SecretNo ?? '',
		phoneA,
		phoneB,
	};
}

/** `yyyy-MM-dd HH:mm:ss` China time → the ISO form the trigger must produce */
const iso = (chinaText: string): string => `${chinaText.replace(' ', 'T')}+08:00`;

function only<T>(list: T[]): T {
	expect(list).toHaveLength(1);
	return list[0];
}

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
	creds = sb.credentials.aliyun;
	const trigger = new AliyunPhoneNumberProtectionTrigger();
	const callbacks: Record<string, string> = {};
	for (const type of TYPES) {
		hooks[type] = await startTriggerHarness(trigger, { parameters: { messageType: type } });
		callbacks[type] = hooks[type].hookUrl();
	}
	await configureCallbacks(sb.url, { aliyun: callbacks });
});

afterAll(async () => {
	await Promise.all(Object.values(hooks).map((h) => h.close()));
	await sb.stop();
});

beforeEach(() => {
	for (const type of TYPES) {
		hooks[type].setParameters({ messageType: type });
		hooks[type].clear();
	}
});

describe('receipts pushed by the sandbox', () => {
	it(
		'answered, recorded call: every message type answered 200 {"code":0,"msg":"成功"} and emitted normalized, raw ' +
			'kept',
		async () => {
			const b = await bind(true);
			const call = await simulateCall(sb.url, {
				provider: 'aliyun',
				subsId: b.subsId,
				answered: true,
				recording: true,
			});

			expect(call.pushed.map((p) => p.type).sort()).toEqual([...TYPES].sort());
			for (const p of call.pushed) {
				expect(p.status).toBe(200);
				expect(JSON.parse(p.response ?? '')).toEqual(ACK);
			}

			const sent = (type: string): IDataObject =>
				(call.pushed.find((p) => p.type === type)?.body as IDataObject[])[0];
			const report = only(hooks.SecretReport.items());
			const raw = sent('SecretReport');
			expect(report.raw).toEqual(raw);
			expect(report).toMatchObject({
				message_type: 'SecretReport',
				sub_id: b.subsId,
				call_id: call.callId,
				pool_key: AXB,
				phone_no: b.phoneA,
				peer_no: b.phoneB,
				secret_no: b.secretNo,
				call_type: 0,
				call_type_label: 'A called peer',
				release_dir: 1,
				release_dir_label: 'Caller hung up',
				unconnected_cause: 0,
				unconnected_cause_label: 'Normal',
				release_cause: 16,
				duration: 30,
				connected: true,
				control_type: 'CONTINUE',
			});
			expect(typeof report.sub_id).toBe('string');
			for (const key of [
				'call_time',
				'call_out_time',
				'ring_time',
				'free_ring_time',
				'start_time',
				'release_time',
			]) {
				expect(report[key]).toBe(iso(raw[key] as string));
				expect(report[key]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
			}
			expect(
				Date.parse(report.release_time as string) - Date.parse(report.start_time as string),
			).toBe(30000);
			expect(String(report.record_url)).toContain(`/__sandbox/recordings/${call.callId}.mp3`);

			// SecretRecording: call_time is epoch milliseconds
			const recording = only(hooks.SecretRecording.items());
			const rawRec = sent('SecretRecording');
			expect(typeof rawRec.call_time).toBe('number');
			expect(recording).toMatchObject({
				message_type: 'SecretRecording',
				call_id: call.callId,
				sub_id: b.subsId,
				raw: rawRec,
			});
			expect(recording.call_time).toBe(report.call_time);

			// SecretPickUpReport: camelCase ringTime too
			const pickUp = only(hooks.SecretPickUpReport.items());
			const rawPick = sent('SecretPickUpReport');
			expect(pickUp.ringTime).toBe(iso(rawPick.ringTime as string));
			expect(pickUp.start_time).toBe(report.start_time);
			expect(pickUp.raw).toEqual(rawPick);

			expect(only(hooks.SecretStartReport.items())).toMatchObject({
				message_type: 'SecretStartReport',
				call_time: report.call_time,
			});
			expect(only(hooks.SecretRingReport.items()).ring_time).toBe(
				iso(sent('SecretRingReport').ring_time as string),
			);
			// the node answered on the response object itself, before returning
			expect(hooks.SecretReport.requests[0].answeredByNode).toBe(true);
		},
	);

	it('unanswered call: duration 0, not connected, callee side released', async () => {
		const b = await bind(false);
		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: b.subsId,
			answered: false,
		});
		expect(call.pushed.map((p) => p.type).sort()).toEqual([
			'SecretReport',
			'SecretRingReport',
			'SecretStartReport',
		]);
		const report = only(hooks.SecretReport.items());
		expect(report).toMatchObject({
			duration: 0,
			connected: false,
			release_dir: 2,
			release_dir_label: 'Callee hung up',
			release_cause: 19,
		});
		expect(report.start_time).toBe(report.release_time);
		expect(hooks.SecretRecording.items()).toEqual([]);
	});

	it('call to X without a binding: unconnected_cause 2 (No binding)', async () => {
		const b = await bind(false);
		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			noBinding: true,
			secretNo: b.secretNo,
			caller: '13700000000',
		});
		expect(call.pushed).toHaveLength(1);
		const report = only(hooks.SecretReport.items());
		expect(report).toMatchObject({
			call_type: 1,
			call_type_label: 'Peer called A',
			unconnected_cause: 2,
			unconnected_cause_label: 'No binding',
			control_type: 'NO_SUBS_EXIST',
			release_dir: 0,
			release_dir_label: 'Platform',
			sub_id: '0',
			duration: 0,
			connected: false,
		});
	});

	it('a re-pushed receipt (same call_id and type) is acknowledged but not emitted again', async () => {
		const b = await bind(false);
		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: b.subsId,
			answered: true,
			recording: false,
		});
		const body = call.pushed.find((p) => p.type === 'SecretReport')?.body;
		expect(hooks.SecretReport.items()).toHaveLength(1);

		const again = await post(hooks.SecretReport.hookUrl(), body);
		expect(again.status).toBe(200);
		expect(again.json).toEqual(ACK);
		expect(hooks.SecretReport.items()).toHaveLength(1);
		expect(hooks.SecretReport.requests.at(-1)?.emitted).toBeNull();
		const seen = hooks.SecretReport.staticData.node[DEDUPE_STATIC_KEY] as IDataObject;
		expect(Object.keys(seen)).toContain(`SecretReport:${call.callId}`);

		// the same call_id under another message type is not a duplicate (no recording was pushed for this call)
		const asRecording = await post(hooks.SecretRecording.hookUrl(), body);
		expect(asRecording.status).toBe(200);
		expect(only(hooks.SecretRecording.items()).call_id).toBe(call.callId);

		// duplicates inside one batch collapse too; a new call_id in the same batch still goes through
		const record = (body as IDataObject[])[0];
		const batch = [
			record,
			{ ...record, call_id: `${call.callId}-b` },
			{ ...record, call_id: `${call.callId}-b` },
		];
		await post(hooks.SecretReport.hookUrl(), batch);
		expect(hooks.SecretReport.items().map((i) => i.call_id)).toEqual([
			call.callId,
			`${call.callId}-b`,
		]);
	});

	it('after the window a re-push is emitted again; with Deduplicate off every push is emitted', async () => {
		const b = await bind(false);
		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: b.subsId,
			answered: true,
			recording: false,
		});
		const body = call.pushed.find((p) => p.type === 'SecretReport')?.body;
		const age = (ms: number): void => {
			const seen = hooks.SecretReport.staticData.node[DEDUPE_STATIC_KEY] as Record<string, number>;
			seen[`SecretReport:${call.callId}`] = Date.now() - ms;
		};
		age(16 * 60 * 1000); // default window: 15 minutes
		await post(hooks.SecretReport.hookUrl(), body);
		expect(hooks.SecretReport.items()).toHaveLength(2);

		hooks.SecretReport.setParameters({ messageType: 'SecretReport', deduplicationWindow: 30 });
		age(16 * 60 * 1000);
		await post(hooks.SecretReport.hookUrl(), body);
		expect(hooks.SecretReport.items()).toHaveLength(2);

		hooks.SecretReport.setParameters({ messageType: 'SecretReport', deduplicate: false });
		await post(hooks.SecretReport.hookUrl(), body);
		await post(hooks.SecretReport.hookUrl(), body);
		expect(hooks.SecretReport.items()).toHaveLength(4);
	});
});

/** The items a hook emitted, once it has (a recording is fetched after the push was answered). */
async function emittedBy(hook: TriggerHarness, timeoutMs = 8000) {
	for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(50)) {
		const items = hook.emitted.flatMap((run) => run[0]);
		if (items.length) return items;
	}
	throw new Error('nothing emitted');
}

describe('Attach Recording (SecretReport)', () => {
	it('the record_url file lands in the emitted item, after the push was answered', async () => {
		hooks.SecretReport.setParameters({
			messageType: 'SecretReport',
			attachRecording: true,
			recordingField: 'audio',
			recordingWaitSeconds: 5,
		});
		const b = await bind(true);
		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: b.subsId,
			answered: true,
		});
		const push = call.pushed.find((p) => p.type === 'SecretReport');
		expect(JSON.parse(push?.response ?? '')).toEqual(ACK);
		const [item] = await emittedBy(hooks.SecretReport);
		expect(item.json).toMatchObject({ call_id: call.callId, recordingAttached: true });
		expect(item.binary?.audio).toMatchObject({
			fileName: `${call.callId}.mp3`,
			mimeType: 'audio/mpeg',
		});
		const bytes = Buffer.from(String(item.binary?.audio.data), 'base64');
		expect(bytes.equals(recordingBytes(call.callId))).toBe(true);
		expect(hooks.SecretReport.requests[0].answeredByNode).toBe(true);
	});

	it('a recording not ready within the wait: the item is emitted without it, saying why', async () => {
		hooks.SecretReport.setParameters({
			messageType: 'SecretReport',
			attachRecording: true,
			recordingWaitSeconds: 1,
		});
		const b = await bind(true);
		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: b.subsId,
			answered: true,
			recordingDelayMs: 60000,
		});
		const [item] = await emittedBy(hooks.SecretReport);
		expect(item.json).toMatchObject({ call_id: call.callId, recordingAttached: false });
		expect(String(item.json.recordingError)).toMatch(/^the recording of call \S+ is not ready yet/);
		expect(item.binary).toBeUndefined();
	});
});

describe('calls on 700-number bindings', () => {
	// Alibaba documents no receipt fields of their own for the 700 family: its calls arrive as the same message types,
	// with a 15-digit 700 X number in secret_no and the 700 binding's SubsId in sub_id.
	it('every message type of a recorded call on a Bind AXB (700) binding is emitted with its 700 X', async () => {
		phoneSeq++;
		const telA = `1370000${String(phoneSeq).padStart(4, '0')}`;
		const telB = `1360000${String(phoneSeq).padStart(4, '0')}`;
		const bound = await aliCall(sb.url, creds, 'BindAxb700', {
			PoolKey: AXB700,
			TelA: telA,
			TelB: telB,
			Expiration: chinaTime(Date.now() + 3600 * 1000),
			NeedRecord: 'true',
		});
		expect(bound.body.Success).toBe(true);
		const data = bound.body.Data as { SubsId: number; SecretNo: string };
		expect(data.SecretNo).toMatch(/^700\d{12}$/);

		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: String(data.SubsId),
			answered: true,
		});
		expect(call.pushed.map((p) => p.type).sort()).toEqual([...TYPES].sort());
		for (const p of call.pushed) expect(JSON.parse(p.response ?? '')).toEqual(ACK);
		for (const type of TYPES) {
			expect(only(hooks[type].items())).toMatchObject({
				message_type: type,
				call_id: call.callId,
				sub_id: String(data.SubsId),
			});
		}
		expect(only(hooks.SecretReport.items())).toMatchObject({
			pool_key: AXB700,
			secret_no: data.SecretNo,
			phone_no: telA,
			peer_no: telB,
			connected: true,
		});
	});
});

describe("answering within Alibaba's 700 ms", () => {
	it('acknowledges a batch of 500 receipts at once and emits 500 items', async () => {
		const h = hooks.SecretReport;
		const batch = Array.from({ length: 500 }, (_, i) => ({
			pool_key: AXB,
			sub_id: 1000000000000001 + i,
			call_id: `batch-${i}`,
			call_type: i % 2,
			call_time: '2024-05-01 10:00:00',
			start_time: '2024-05-01 10:00:10',
			release_time: '2024-05-01 10:00:40',
			release_dir: 1,
			unconnected_cause: 0,
		}));
		const started = Date.now();
		const a = await post(h.hookUrl(), batch);
		expect(Date.now() - started).toBeLessThan(700);
		expect(a.status).toBe(200);
		expect(a.json).toEqual(ACK);
		const items = h.items();
		expect(items).toHaveLength(500);
		expect(items[499]).toMatchObject({
			call_id: 'batch-499',
			sub_id: '1000000000000500',
			duration: 30,
			call_type_label: 'Peer called A',
		});
	});
});

describe('URL token', () => {
	it('query token: missing or wrong → 401 and nothing emitted; right → 200 and emitted', async () => {
		const h = hooks.SecretReport;
		h.setParameters({ messageType: 'SecretReport', options: { token: 's3cret-Tok/en' } });
		const b = await bind(false);

		const call = await simulateCall(sb.url, {
			provider: 'aliyun',
			subsId: b.subsId,
			answered: true,
			recording: false,
		});
		const pushed = call.pushed.find((p) => p.type === 'SecretReport');
		expect(pushed?.status).toBe(401);
		expect(JSON.parse(pushed?.response ?? '')).toEqual({ code: 401, msg: 'token missing' });
		expect(h.items()).toEqual([]);

		const wrong = await post(h.hookUrl('s3cret-Tok/em'), pushed?.body);
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ code: 401, msg: 'token invalid' });
		expect((await post(h.hookUrl(''), pushed?.body)).status).toBe(401);
		expect(h.items()).toEqual([]);

		await configureCallbacks(sb.url, { aliyun: { SecretReport: h.hookUrl('s3cret-Tok/en') } });
		try {
			const ok = await simulateCall(sb.url, {
				provider: 'aliyun',
				subsId: b.subsId,
				answered: true,
				recording: false,
			});
			const okPush = ok.pushed.find((p) => p.type === 'SecretReport');
			expect(okPush?.status).toBe(200);
			expect(JSON.parse(okPush?.response ?? '')).toEqual(ACK);
			expect(only(h.items()).call_id).toBe(ok.callId);
		} finally {
			await configureCallbacks(sb.url, { aliyun: { SecretReport: h.hookUrl() } });
		}
	});

	it('path-segment token: /hook/<token> accepted, another segment → 401', async () => {
		const h = hooks.SecretReport;
		h.setParameters({
			messageType: 'SecretReport',
			options: { token: 'path-secret', tokenLocation: 'path' },
		});
		const b = await bind(false);
		await configureCallbacks(sb.url, { aliyun: { SecretReport: h.hookUrl('path-secret') } });
		try {
			const ok = await simulateCall(sb.url, {
				provider: 'aliyun',
				subsId: b.subsId,
				answered: true,
				recording: false,
			});
			expect(ok.pushed.find((p) => p.type === 'SecretReport')?.status).toBe(200);
			expect(only(h.items()).call_id).toBe(ok.callId);
			const body = ok.pushed.find((p) => p.type === 'SecretReport')?.body;
			const wrong = await post(h.hookUrl('path-secreT'), body);
			expect(wrong.status).toBe(401);
			// a query token does not count in path mode
			const viaQuery = await post(`${h.url}/hook/nope?token=path-secret`, body);
			expect(viaQuery.status).toBe(401);
			expect(h.items()).toHaveLength(1);
		} finally {
			await configureCallbacks(sb.url, { aliyun: { SecretReport: hooks.SecretReport.hookUrl() } });
		}
	});
});

describe('malformed bodies → 400 with a reason, nothing emitted, trigger keeps working', () => {
	const cases: Array<[string, string, string, string]> = [
		['not JSON (text/plain)', 'call_id=1&sub_id=2', 'text/plain', 'body is not valid JSON'],
		[
			'not JSON (declared application/json)',
			'[{"call_id": "x",',
			'application/json',
			'body is not valid JSON',
		],
		[
			'an object instead of an array',
			'{"call_id":"x","sub_id":1}',
			'application/json',
			'expected a JSON array of receipts',
		],
		['an empty array', '[]', 'application/json', 'empty array: no receipts'],
		[
			'an array of non-objects',
			'[{"call_id":"x"}, 5]',
			'application/json',
			'receipt 1 is not a JSON object',
		],
		['a JSON string', '"SecretReport"', 'application/json', 'expected a JSON array of receipts'],
		['an empty body', '', 'application/json', 'empty body'],
		[
			'a receipt with none of its identifying fields',
			'[{"call_id":"ok-1"},{"call_type":0,"phone_no":"13800000000"}]',
			'application/json',
			'receipt 1 carries none of call_id, sub_id, subs_id, id, which identify a SecretReport',
		],
	];
	it.each(cases)('%s', async (what, body, contentType, reason) => {
		const h = hooks.SecretReport;
		const a = await post(h.hookUrl(), body, contentType);
		expect(a.status).toBe(400);
		expect(a.json).toEqual({ code: 400, msg: reason });
		expect(h.items()).toEqual([]);
		expect(h.requests.at(-1)?.error).toBeNull();
		const ok = await post(h.hookUrl(), [{ call_id: `after ${what}`, sub_id: 1 }]);
		expect(ok.status).toBe(200);
		expect(h.items()).toHaveLength(1);
	});

	it('the token is checked before the body: a bad body without the token gets 401', async () => {
		const h = hooks.SecretReport;
		h.setParameters({ messageType: 'SecretReport', options: { token: 't' } });
		expect((await post(h.hookUrl(), 'garbage', 'text/plain')).status).toBe(401);
		expect((await post(h.hookUrl('t'), 'garbage', 'text/plain')).status).toBe(400);
	});
});

describe('sub_id precision', () => {
	const body =
		'[{"pool_key":"FC100000000000001","sub_id":1234567890123456789,"call_id":"big-1","call_type":0,' +
		'"start_time":"2024-05-01 10:00:05","release_time":"2024-05-01 10:01:10","id":98765432109876543210},' +
		'{"sub_id":"9007199254740993","call_id":"big-2","note":"digits in a string: 12345678901234567890"},' +
		'{"sub_id":1000000000000001,"call_id":"big-3","release_cause":"16"}]';

	it('keeps a sub_id beyond 2^53 as its exact digits (raw body re-parsed)', async () => {
		const h = hooks.SecretReport;
		const a = await post(h.hookUrl(), body);
		expect(a.status).toBe(200);
		const [first, second, third] = h.items();
		expect(first.sub_id).toBe('1234567890123456789');
		expect((first.raw as IDataObject).sub_id).toBe('1234567890123456789');
		expect(first.id).toBe('98765432109876543210');
		expect(first.duration).toBe(65);
		expect(first.start_time).toBe('2024-05-01T10:00:05+08:00');
		expect(second.sub_id).toBe('9007199254740993');
		expect(second.note).toBe('digits in a string: 12345678901234567890');
		expect(third.sub_id).toBe('1000000000000001');
		expect(third.release_cause).toBe(16);
	});

	it('without a raw body it falls back to the body n8n parsed (safe-range ids stay exact)', async () => {
		const h = await startTriggerHarness(new AliyunPhoneNumberProtectionTrigger(), {
			omitRawBody: true,
		});
		try {
			const a = await post(h.hookUrl(), [
				{ sub_id: 1000000000000001, call_id: 'fallback-1', call_time: '2024-05-01 10:00:00' },
			]);
			expect(a.status).toBe(200);
			expect(only(h.items())).toMatchObject({
				sub_id: '1000000000000001',
				call_time: '2024-05-01T10:00:00+08:00',
			});
			expect((await post(h.hookUrl(), 'not json', 'text/plain')).status).toBe(400);
		} finally {
			await h.close();
		}
	});
});

describe('other message types', () => {
	it('NumberManagementReport and SecretSmsIntercept: type-specific labels, times, ids', async () => {
		const h = await startTriggerHarness(new AliyunPhoneNumberProtectionTrigger(), {
			parameters: { messageType: 'NumberManagementReport' },
		});
		try {
			await post(h.hookUrl(), [
				{
					secret_no: '17000000001',
					city: '杭州',
					partner_key: 'pk',
					operating_time: '2024-05-01 08:00:00',
					status: 1,
					vendor: 3,
				},
				{ secretNo: '17000000002', operatingTime: '2024-05-01 09:00:00', status: '2', vendor: '1' },
			]);
			const [created, deleted] = h.items();
			expect(created).toMatchObject({
				message_type: 'NumberManagementReport',
				operating_time: '2024-05-01T08:00:00+08:00',
				status: 1,
				status_label: 'Created',
				vendor_label: 'China Telecom',
			});
			expect(deleted).toMatchObject({
				secret_no: '17000000002',
				operatingTime: '2024-05-01T09:00:00+08:00',
				status: 2,
				status_label: 'Deleted',
				vendor_label: 'China Mobile',
			});

			h.setParameters({ messageType: 'SecretSmsIntercept' });
			await post(h.hookUrl(), [
				{
					id: 1,
					sub_id: 1000000000000009,
					call_id: 'sms-1',
					sms_type: 1,
					status: 3,
					start_time: '2024-05-01 12:00:00',
					sms_content: 'hi',
				},
			]);
			const sms = h.items()[2];
			expect(sms).toMatchObject({
				sms_type: 1,
				sms_type_label: 'Intercepted',
				status: 3,
				start_time: '2024-05-01T12:00:00+08:00',
			});
			expect(sms.status_label).toBeUndefined();
		} finally {
			await h.close();
		}
	});
});
