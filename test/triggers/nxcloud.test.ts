/*
 * NXCloud Privacy Number Trigger: call-result pushes (flat and legList) and the 10013 error push, sent by the
 * sandbox (POST /__sandbox/calls, real HTTP) to the trigger's webhook() behind a real HTTP server (./harness.js).
 */
import { sleep, type IDataObject } from 'n8n-workflow';
import { NxCloudPrivacyNumberTrigger } from '../../nodes/NxCloudPrivacyNumberTrigger/NxCloudPrivacyNumberTrigger.node';
import { startSandbox, type Sandbox } from '../../sandbox';
import { recordingBytes } from '../../sandbox/recording-files';
import { startTriggerHarness, type TriggerHarness } from './harness';
import { configureCallbacks, post, sandboxPost, simulateCall } from './http';

const ACK = { code: 0, msg: 'success' };

let sb: Sandbox;
let h: TriggerHarness;

/** epoch seconds → the ISO form the trigger must produce */
const iso = (s: number): string =>
	`${new Date((s + 8 * 3600) * 1000).toISOString().slice(0, 19)}+08:00`;

function only<T>(list: T[]): T {
	expect(list).toHaveLength(1);
	return list[0];
}

async function seedBinding(): Promise<{
	bindId: string;
	phoneA: string;
	phoneB: string;
	did: string;
}> {
	const { bindIds } = await sandboxPost<{ bindIds: string[] }>(
		sb.url,
		'/__sandbox/seed-nx-bindings?n=1',
		{},
	);
	const b = sb.state.nxcloud.bindings.get(bindIds[0]);
	return { bindId: b.bindId, phoneA: b.phoneA, phoneB: b.phoneB, did: b.did };
}

async function useFormat(format: 'flat' | 'legs', url = h.hookUrl()): Promise<void> {
	await configureCallbacks(sb.url, { nxcloud: url, nxcloudFormat: format });
}

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
	h = await startTriggerHarness(new NxCloudPrivacyNumberTrigger());
});

afterAll(async () => {
	await h.close();
	await sb.stop();
});

beforeEach(async () => {
	h.setParameters({});
	h.clear();
	await useFormat('flat');
});

describe('Attach Recording', () => {
	it.each(['flat', 'legs'] as const)(
		'%s format: the recordFile of a recorded call lands in the emitted item',
		async (format) => {
			await useFormat(format);
			h.setParameters({ attachRecording: true, recordingWaitSeconds: 5 });
			const b = await seedBinding();
			const call = await simulateCall(sb.url, {
				provider: 'nxcloud',
				bindId: b.bindId,
				answered: true,
				recording: true,
			});
			expect(JSON.parse(only(call.pushed).response ?? '')).toEqual(ACK);
			let items = h.emitted.flatMap((run) => run[0]);
			for (let waited = 0; items.length === 0 && waited < 8000; waited += 50) {
				await sleep(50);
				items = h.emitted.flatMap((run) => run[0]);
			}
			const item = only(items);
			expect(item.json).toMatchObject({ callId: call.callId, recordingAttached: true });
			expect(item.binary?.data).toMatchObject({
				fileName: `${call.callId}.mp3`,
				mimeType: 'audio/mpeg',
			});
			const bytes = Buffer.from(String(item.binary?.data.data), 'base64');
			expect(bytes.equals(recordingBytes(call.callId))).toBe(true);
		},
	);
});

describe('call results pushed by the sandbox', () => {
	it('flat format, answered and recorded: 200, one item with numbers, ISO times, labels, raw', async () => {
		const b = await seedBinding();
		const call = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: true,
			recording: true,
		});
		const pushed = only(call.pushed);
		expect(pushed.status).toBe(200);
		expect(JSON.parse(pushed.response ?? '')).toEqual(ACK);
		const raw = pushed.body as IDataObject;

		const item = only(h.items());
		expect(item.raw).toEqual(raw);
		expect(item).toMatchObject({
			event: 'callResult',
			format: 'flat',
			callId: call.callId,
			bindId: b.bindId,
			did: b.did,
			caller: b.phoneA,
			callee: b.phoneB,
			callStatus: 1,
			callStatusLabel: 'Ended normally',
			duration: 30,
			answered: true,
			hangupCode: 16,
			hangup: 0,
			hangupBy: 'caller',
			id: String(raw.id),
			startAt: iso(raw.startAt as number),
			answerAt: iso(raw.answerAt as number),
			hangupAt: iso(raw.hangupAt as number),
		});
		expect(String(item.recordFile)).toContain(`/__sandbox/recordings/${call.callId}.mp3`);
		expect(Date.parse(item.hangupAt as string) - Date.parse(item.answerAt as string)).toBe(30000);
		expect(h.requests[0].answeredByNode).toBe(true);
	});

	it('flat format, unanswered: answerAt null, answered false, status 2', async () => {
		const b = await seedBinding();
		const call = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: false,
		});
		expect(only(call.pushed).status).toBe(200);
		expect(only(h.items())).toMatchObject({
			callStatus: 2,
			callStatusLabel: 'Ended abnormally',
			answerAt: null,
			answered: false,
			duration: 0,
			hangupBy: 'callee',
			hangupCause: 'NO_ANSWER',
		});
	});

	it('legList format: callStatus "1" → 1, legs normalized, call summary in flat names', async () => {
		await useFormat('legs');
		const b = await seedBinding();
		const call = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: true,
			recording: true,
		});
		const pushed = only(call.pushed);
		expect(pushed.status).toBe(200);
		const raw = pushed.body as IDataObject;
		expect(raw.callStatus).toBe('1');
		const [inbound, outbound] = raw.legList as IDataObject[];

		const item = only(h.items());
		expect(item.raw).toEqual(raw);
		expect(item).toMatchObject({
			event: 'callResult',
			format: 'legs',
			callId: call.callId,
			bindId: b.bindId,
			did: b.did,
			didX: b.did,
			callStatus: 1,
			callStatusLabel: 'Ended normally',
			startAt: iso(inbound.callStartAt as number),
			answerAt: iso(outbound.callAnswerAt as number),
			hangupAt: iso(outbound.callFinishAt as number),
			duration: outbound.duration,
			answered: true,
			hangupCause: 'NORMAL_CLEARING',
			hangupCode: 16,
			hangupBy: 'caller',
		});
		expect(item.duration).toBe(30);
		expect(String(item.recordFile)).toContain(`${call.callId}.mp3`);
		const legs = item.legList as IDataObject[];
		expect(legs).toHaveLength(2);
		expect(legs[0]).toMatchObject({
			callType: 1,
			callTypeLabel: 'Inbound (caller to X)',
			callStartAt: iso(inbound.callStartAt as number),
		});
		expect(legs[1]).toMatchObject({
			callType: 2,
			callTypeLabel: 'Outbound (X to callee)',
			callRingAt: iso(outbound.callRingAt as number),
			callAnswerAt: iso(outbound.callAnswerAt as number),
			callFinishAt: iso(outbound.callFinishAt as number),
			ringDuration: outbound.ringDuration,
		});
	});

	it('legList format, unanswered: callStatus "2" → 2, the unreached answer time is null', async () => {
		await useFormat('legs');
		const b = await seedBinding();
		await simulateCall(sb.url, { provider: 'nxcloud', bindId: b.bindId, answered: false });
		const item = only(h.items());
		expect(item).toMatchObject({
			callStatus: 2,
			answered: false,
			answerAt: null,
			duration: 0,
			hangupCode: 19,
			hangupBy: 'callee',
		});
		expect((item.legList as IDataObject[])[1].callAnswerAt).toBeNull();
	});

	it('legList with an empty did takes the X number from didX; string numbers are coerced', async () => {
		const a = await post(h.hookUrl(), {
			bindId: 'b1',
			callId: 'legs-did',
			caller: '85260000001',
			did: '',
			didX: '85230000009',
			callee: '85290000001',
			pnsType: 'axeyb',
			callStatus: '1',
			legList: [
				{
					callType: '2',
					callStartAt: '1714528800',
					callAnswerAt: 1714528810,
					callFinishAt: 1714528870,
					duration: '60',
					hangupType: 1,
					callRecordFile: '',
				},
			],
		});
		expect(a.status).toBe(200);
		expect(only(h.items())).toMatchObject({
			did: '85230000009',
			callStatus: 1,
			duration: 60,
			startAt: '2024-05-01T10:00:00+08:00',
			answerAt: '2024-05-01T10:00:10+08:00',
			hangupAt: '2024-05-01T10:01:10+08:00',
			recordFile: '',
			hangupBy: 'callee',
		});
	});
});

describe('no-binding error push (code 10013)', () => {
	it('is acknowledged but not emitted unless the event is selected', async () => {
		const b = await seedBinding();
		const call = await simulateCall(sb.url, {
			provider: 'nxcloud',
			noBinding: true,
			did: b.did,
			caller: '85260009999',
		});
		const pushed = only(call.pushed);
		expect(pushed.status).toBe(200);
		expect(JSON.parse(pushed.response ?? '')).toEqual(ACK);
		expect(h.items()).toEqual([]);
	});

	it('is emitted as its own event when included', async () => {
		h.setParameters({ events: ['callResult', 'noBinding'] });
		const b = await seedBinding();
		const call = await simulateCall(sb.url, {
			provider: 'nxcloud',
			noBinding: true,
			did: b.did,
			caller: '85260009999',
		});
		const raw = only(call.pushed).body as IDataObject;
		const item = only(h.items());
		expect(item).toEqual({
			event: 'noBinding',
			code: 10013,
			msg: 'binding not exist',
			requestId: raw.requestId,
			action: 'queryAXB',
			caller: '85260009999',
			did: b.did,
			occurrenceTime: `${((raw.data as IDataObject).occurrenceTime as string).replace(' ', 'T')}+08:00`,
			raw,
		});
		// call results still come through alongside
		await simulateCall(sb.url, { provider: 'nxcloud', bindId: b.bindId, answered: true });
		expect(h.items().map((i) => i.event)).toEqual(['noBinding', 'callResult']);
	});

	it('only error pushes when Call Result is deselected; other codes are a separate event', async () => {
		h.setParameters({ events: ['noBinding'] });
		const b = await seedBinding();
		await simulateCall(sb.url, { provider: 'nxcloud', bindId: b.bindId, answered: true });
		expect(h.items()).toEqual([]);
		const other = {
			code: 10009,
			msg: 'failed to fetch data',
			requestId: 'r-10009',
			data: { action: 'queryAXB' },
		};
		expect((await post(h.hookUrl(), other)).status).toBe(200);
		expect(h.items()).toEqual([]);
		h.setParameters({ events: ['otherError'] });
		await post(h.hookUrl(), other);
		expect(only(h.items())).toMatchObject({
			event: 'otherError',
			code: 10009,
			requestId: 'r-10009',
			caller: null,
		});
	});
});

describe('de-duplication, token, malformed bodies', () => {
	it('a re-pushed call result (same callId) is acknowledged but not emitted again', async () => {
		const b = await seedBinding();
		const call = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: true,
		});
		const body = only(call.pushed).body;
		const again = await post(h.hookUrl(), body);
		expect(again.status).toBe(200);
		expect(again.json).toEqual(ACK);
		expect(h.items()).toHaveLength(1);
		// the legList shape of the same call is the same call
		await post(h.hookUrl(), { callId: call.callId, callStatus: '1', legList: [] });
		expect(h.items()).toHaveLength(1);

		h.setParameters({ deduplicate: false });
		await post(h.hookUrl(), body);
		expect(h.items()).toHaveLength(2);
	});

	it('token: sandbox push without it → 401 and nothing emitted; with it (query or path) → 200', async () => {
		h.setParameters({ options: { token: 'nx-token' } });
		const b = await seedBinding();
		const denied = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: true,
		});
		expect(only(denied.pushed).status).toBe(401);
		expect(h.items()).toEqual([]);

		await useFormat('flat', h.hookUrl('nx-token'));
		const ok = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: true,
		});
		expect(only(ok.pushed).status).toBe(200);
		expect(only(h.items()).callId).toBe(ok.callId);

		h.setParameters({ options: { token: 'nx-token', tokenLocation: 'path' } });
		await useFormat('legs', h.hookUrl('nx-token'));
		const viaPath = await simulateCall(sb.url, {
			provider: 'nxcloud',
			bindId: b.bindId,
			answered: true,
		});
		expect(only(viaPath.pushed).status).toBe(200);
		expect(h.items().map((i) => i.callId)).toEqual([ok.callId, viaPath.callId]);
		expect((await post(h.hookUrl('nx-tokeN'), only(viaPath.pushed).body)).status).toBe(401);
	});

	const cases: Array<[string, string, string, string]> = [
		['not JSON', 'callId=1', 'text/plain', 'body is not valid JSON'],
		['truncated JSON', '{"callId":"1",', 'application/json', 'body is not valid JSON'],
		['an empty array', '[]', 'application/json', 'empty array: no pushes'],
		['a JSON number', '42', 'application/json', 'expected a JSON object'],
		[
			'an object without callId, legList or code',
			'{"caller":"85260000001"}',
			'application/json',
			'neither a call result (callId or legList) nor an error push (code)',
		],
		[
			'legList not an array',
			'{"callId":"x","legList":{"callType":1}}',
			'application/json',
			'legList is not an array of objects',
		],
		[
			'an array with a non-object',
			'[{"callId":"x"}, "y"]',
			'application/json',
			'push 1: expected a JSON object',
		],
		[
			'a leg-list call result with no callId, bindId or customerBindId',
			'{"caller":"85260000001","legList":[{"callType":1}]}',
			'application/json',
			'a call result (legList) that carries none of callId, bindId, customerBindId',
		],
		[
			'an error push with no requestId and no request parameters',
			'{"code":10013,"msg":"binding not exist"}',
			'application/json',
			'an error push that carries none of requestId, data.requestParams.did, data.requestParams.caller',
		],
	];
	it.each(cases)(
		'malformed: %s → 400, nothing emitted, still active',
		async (what, body, contentType, reason) => {
			const a = await post(h.hookUrl(), body, contentType);
			expect(a.status).toBe(400);
			expect(a.json).toEqual({ code: 400, msg: reason });
			expect(h.items()).toEqual([]);
			expect(h.requests.at(-1)?.error).toBeNull();
			expect((await post(h.hookUrl(), { callId: `after ${what}`, callStatus: 1 })).status).toBe(
				200,
			);
			expect(h.items()).toHaveLength(1);
		},
	);

	it('an array of pushes is accepted, one item each', async () => {
		await post(
			h.hookUrl(),
			'[{"callId":"arr-1","callStatus":"1","startAt":0},{"callId":"arr-2","callStatus":2,"id":12345678901234567890}]',
		);
		expect(h.items()).toMatchObject([
			{ callId: 'arr-1', callStatus: 1, startAt: null },
			{ callId: 'arr-2', callStatus: 2, id: '12345678901234567890' },
		]);
	});
});
