/**
 * Download Recording: the file lands in the item's binary data, fetched without the signing credential, waited for
 * while object storage answers "not there yet", reported as not ready after the allowed wait.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { recordingBytes } from '../../sandbox/recording-files';
import { AXB_POOL, runNode, simulateCall, startSandbox } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

let seq = 0;
async function recordedCall(extra: IDataObject = {}) {
	seq++;
	const bind = await runNode(sb, {
		resource: 'binding',
		operation: 'bindAxb',
		poolKey: AXB_POOL,
		phoneNoA: `1350000${String(seq).padStart(4, '0')}`,
		phoneNoB: `1360000${String(seq).padStart(4, '0')}`,
		expiration: 'in 2 hours',
		additionalFields: { isRecordingEnabled: true },
	});
	expect(bind.error).toBeUndefined();
	const subsId = String(bind.items[0].json.subsId);
	return await simulateCall(sb, { subsId, answered: true, ...extra });
}

const download = (callId: string, callTime: string, options: IDataObject = {}) => ({
	resource: 'call',
	operation: 'downloadRecording',
	poolKey: AXB_POOL,
	callId,
	callTime,
	options,
});

type Fetch = { path: string; query: Record<string, string>; headers: Record<string, string> };
const fetchesOf = (callId: string) =>
	((sb.state as unknown as { recordingFetches?: Fetch[] }).recordingFetches ?? []).filter((f) =>
		f.path.includes(callId),
	);

test('the file request carries no credential: only the URL Alibaba signed', async () => {
	const { callId, callTime } = await recordedCall();
	const run = await runNode(sb, download(callId, callTime));
	expect(run.error).toBeUndefined();
	const [fetch] = fetchesOf(callId);
	expect(Object.keys(fetch.query)).toEqual(['Expires']);
	expect(fetch.headers.authorization).toBeUndefined();
	const text = JSON.stringify(fetch);
	for (const secret of [sb.credentials.aliyun.accessKeySecret, sb.credentials.aliyun.accessKeyId]) {
		expect(text).not.toContain(secret);
	}
});

test('the input item’s other binary fields are kept, pairedItem exact', async () => {
	const { callId, callTime } = await recordedCall();
	const photo = {
		data: Buffer.from('photo').toString('base64'),
		mimeType: 'image/png',
		fileName: 'p.png',
	};
	const run = await runNode(
		sb,
		download(callId, callTime, { binaryPropertyName: 'audio' }),
		[{ order: 1 }],
		{
			binary: [{ photo }],
		},
	);
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	expect(run.items[0].pairedItem).toEqual({ item: 0 });
	expect(Object.keys(run.items[0].binary ?? {}).sort()).toEqual(['audio', 'photo']);
	expect(run.items[0].binary?.photo).toMatchObject({ fileName: 'p.png', mimeType: 'image/png' });
	const audio = Buffer.from(String(run.items[0].binary?.audio.data), 'base64');
	expect(audio.equals(recordingBytes(callId))).toBe(true);
});

test('not ready yet: retried with backoff until the file is there', async () => {
	const { callId, callTime } = await recordedCall({ recordingDelayMs: 2500 });
	const started = Date.now();
	const run = await runNode(sb, download(callId, callTime, { waitSeconds: 20 }));
	expect(run.error).toBeUndefined();
	expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	const statuses = fetchesOf(callId).length;
	expect(statuses).toBeGreaterThanOrEqual(2); // a 404 first, then the file
	const file = Buffer.from(String(run.items[0].binary?.data.data), 'base64');
	expect(file.equals(recordingBytes(callId))).toBe(true);
});

test('still not ready after the wait: reported as not ready, not as a generic failure', async () => {
	const { callId, callTime } = await recordedCall({ recordingDelayMs: 60000 });
	const run = await runNode(sb, download(callId, callTime, { waitSeconds: 2 }), [{}, {}], {
		continueOnFail: true,
	});
	expect(run.error).toBeUndefined();
	expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	for (const item of run.items) {
		expect(String(item.json.error)).toMatch(
			new RegExp(
				`^RecordingNotReady: the recording of call ${callId} is not ready yet after waiting \\d+ s`,
			),
		);
		expect(item.binary).toBeUndefined();
	}
});

test('a call without a recording is an error naming it', async () => {
	const { callId, callTime } = await recordedCall({ recording: false });
	const run = await runNode(sb, download(callId, callTime));
	expect(run.error?.message).toMatch(/has no recording/);
});
