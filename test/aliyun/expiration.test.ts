/**
 * Expiration (and Call Time) accept the date picker (read in the workflow's time zone), ISO strings, Luxon DateTimes
 * from expressions, epoch values and "in 3 days"; the sandbox receives China time `yyyy-MM-dd HH:mm:ss`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import {
	AXB_POOL,
	AXG_POOL,
	businessParams,
	fromChinaTime,
	runNode,
	simulateCall,
	startSandbox,
} from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

const CHINA_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let seq = 0;
const mobile = (prefix: string) => `${prefix}6666${String(seq++).padStart(4, '0')}`;

/**
 * Binds AXB with this Expiration in a workflow of this time zone; returns what the sandbox received and the run's
 * time window.
 */
async function bindWith(expiration: string, timezone = 'Asia/Shanghai') {
	const before = Date.now();
	const run = await runNode(
		sb,
		{
			resource: 'binding',
			operation: 'bindAxb',
			poolKey: AXB_POOL,
			phoneNoA: mobile('138'),
			phoneNoB: mobile('139'),
			expiration,
		},
		[{}],
		{ settings: { timezone } },
	);
	const after = Date.now();
	expect(run.error).toBeUndefined();
	expect(run.requests).toHaveLength(1);
	const sent = businessParams(run.requests[0]).Expiration;
	expect(sent).toMatch(CHINA_FORMAT);
	const binding = sb.state.aliyun.bindings.get(String(run.items[0].json.subsId)) as {
		expireAt: number;
	};
	// the sandbox stored exactly the instant the node meant
	expect(binding.expireAt).toBe(fromChinaTime(sent));
	return { sent, before, after };
}

/** `sent` is China time of an instant between before+offset and after+offset (to the second). */
function expectRelative(result: { sent: string; before: number; after: number }, offsetMs: number) {
	const epoch = fromChinaTime(result.sent);
	expect(epoch).toBeGreaterThanOrEqual(Math.floor((result.before + offsetMs) / 1000) * 1000);
	expect(epoch).toBeLessThanOrEqual(result.after + offsetMs);
}

describe('absolute values → China time', () => {
	const rows: Array<[string, string, string, string]> = [
		[
			'date picker, workflow in Asia/Shanghai',
			'2030-01-01T10:00:00',
			'Asia/Shanghai',
			'2030-01-01 10:00:00',
		],
		[
			'date picker, workflow in Europe/Berlin (UTC+1 in winter)',
			'2030-01-01T10:00:00',
			'Europe/Berlin',
			'2030-01-01 17:00:00',
		],
		[
			'date picker, workflow in America/New_York (EST, UTC−5)',
			'2030-01-01T10:00:00',
			'America/New_York',
			'2030-01-01 23:00:00',
		],
		[
			'date picker, workflow in America/New_York (EDT, UTC−4)',
			'2030-07-01T10:00:00',
			'America/New_York',
			'2030-07-01 22:00:00',
		],
		[
			'the API format typed in, workflow in Asia/Shanghai',
			'2030-05-05 05:05:05',
			'Asia/Shanghai',
			'2030-05-05 05:05:05',
		],
		['ISO with Z', '2030-01-01T10:00:00Z', 'America/New_York', '2030-01-01 18:00:00'],
		[
			'ISO with Z and milliseconds',
			'2030-01-01T10:00:00.999Z',
			'Europe/Berlin',
			'2030-01-01 18:00:00',
		],
		['ISO with an offset', '2030-01-01T10:00:00+09:00', 'Europe/Berlin', '2030-01-01 09:00:00'],
		[
			'Luxon DateTime in another zone from an expression',
			"={{ DateTime.fromISO('2030-03-03T03:03:03', { zone: 'Asia/Tokyo' }) }}",
			'Europe/Berlin',
			'2030-03-03 02:03:03',
		],
		[
			'Luxon DateTime.fromMillis in a New York workflow',
			'={{ DateTime.fromMillis(1893456000000) }}',
			'America/New_York',
			'2030-01-01 08:00:00',
		],
		[
			'epoch milliseconds from an expression',
			'={{ 1893456000000 }}',
			'Europe/Berlin',
			'2030-01-01 08:00:00',
		],
		[
			'epoch seconds from an expression',
			'={{ 1893456000 }}',
			'Europe/Berlin',
			'2030-01-01 08:00:00',
		],
	];

	test.each(rows)('%s', async (_name, value, timezone, expected) => {
		const { sent } = await bindWith(value, timezone);
		expect(sent).toBe(expected);
	});
});

describe('relative values → China time of now + offset', () => {
	test('={{ $now.plus({days: 1}) }} (a Luxon DateTime)', async () => {
		expectRelative(await bindWith('={{ $now.plus({days: 1}) }}'), DAY);
	});

	test('={{ $now.plus({hours: 5}).toISO() }} in a New York workflow (ISO with offset)', async () => {
		expectRelative(
			await bindWith('={{ $now.plus({hours: 5}).toISO() }}', 'America/New_York'),
			5 * HOUR,
		);
	});

	test('"in 3 days"', async () => {
		const result = await bindWith('in 3 days', 'Europe/Berlin');
		expectRelative(result, 3 * DAY);
		// and it is written in China time, not in the workflow's or UTC
		// read as UTC it is 8 hours ahead of the instant (China time, not the workflow's zone or UTC)
		const asUtc = Date.parse(`${result.sent.replace(' ', 'T')}Z`);
		expect(Math.abs(asUtc - (result.before + 3 * DAY + 8 * HOUR))).toBeLessThan(5000);
	});

	test('"in 2 hours" and "in 90 minutes"', async () => {
		expectRelative(await bindWith('in 2 hours'), 2 * HOUR);
		expectRelative(await bindWith('in 90 minutes'), 90 * 60_000);
	});

	test('"in 2 minutes" is accepted (later than now + 1 minute)', async () => {
		expectRelative(await bindWith('in 2 minutes'), 2 * 60_000);
	});
});

describe('the same conversion on the other Expiration fields', () => {
	test('Update (updateExpire) and BindBatchAxg entries, in a Berlin workflow', async () => {
		const bound = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			poolKey: AXB_POOL,
			phoneNoA: mobile('138'),
			phoneNoB: mobile('139'),
			expiration: 'in 1 day',
		});
		const { subsId, secretNo } = bound.items[0].json as IDataObject;
		const update = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'update',
				poolKey: AXB_POOL,
				subsId,
				phoneNoX: secretNo,
				operateType: 'updateExpire',
				expiration: '2031-12-31T23:00:00',
			},
			[{}],
			{ settings: { timezone: 'Europe/Berlin' } },
		);
		expect(update.error).toBeUndefined();
		expect(businessParams(update.requests[0]).Expiration).toBe('2032-01-01 06:00:00');

		const batch = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'bindBatchAxg',
				poolKey: AXG_POOL,
				axgBindList: JSON.stringify([
					{ GroupId: '1000001', PhoneNoA: mobile('138'), Expiration: '2030-01-01T10:00:00' },
					{ GroupId: '1000001', PhoneNoA: mobile('138'), Expiration: '2030-01-01T10:00:00Z' },
					{ GroupId: '1000001', PhoneNoA: mobile('138') },
				]),
			},
			[{}],
			{ settings: { timezone: 'Europe/Berlin' } },
		);
		expect(batch.error).toBeUndefined();
		const list = JSON.parse(businessParams(batch.requests[0]).AxgBindList) as IDataObject[];
		expect(list.map((entry) => entry.Expiration)).toEqual([
			'2030-01-01 17:00:00',
			'2030-01-01 18:00:00',
			undefined,
		]);
	});
});

describe('Call Time', () => {
	test('a receipt call_time (China time text) is sent unchanged even when the workflow runs in New York', async () => {
		const bound = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			poolKey: AXB_POOL,
			phoneNoA: mobile('138'),
			phoneNoB: mobile('139'),
			expiration: 'in 1 day',
			additionalFields: { isRecordingEnabled: true },
		});
		const { callId, callTime } = await simulateCall(sb, { subsId: bound.items[0].json.subsId });
		const run = await runNode(
			sb,
			{
				resource: 'call',
				operation: 'getRecordingUrl',
				poolKey: AXB_POOL,
				callId: '={{ $json.call_id }}',
				callTime: '={{ $json.call_time }}',
			},
			[{ call_id: callId, call_time: callTime }],
			{ settings: { timezone: 'America/New_York' } },
		);
		expect(run.error).toBeUndefined();
		expect(businessParams(run.requests[0])).toEqual({
			PoolKey: AXB_POOL,
			CallId: callId,
			CallTime: callTime,
		});
	});

	test('a SecretRecording call_time (epoch ms) becomes China time text', async () => {
		const run = await runNode(
			sb,
			{
				resource: 'call',
				operation: 'getTranscript',
				poolKey: AXB_POOL,
				callId: 'no-such-call',
				callTime: '={{ $json.call_time }}',
			},
			[{ call_time: 1704074400000 }],
			{ continueOnFail: true, settings: { timezone: 'America/New_York' } },
		);
		expect(businessParams(run.requests[0]).CallTime).toBe('2024-01-01 10:00:00');
	});
});
