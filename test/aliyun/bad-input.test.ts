/**
 * Must show #3: a bad-input table. Each malformed input is rejected before any request reaches the sandbox,
 * with a message naming the field (display name and wire name) and the item. With continueOnFail the bad item
 * becomes an error item paired to itself while the valid items around it are still sent; without it the
 * workflow stops with a NodeOperationError and nothing at all is sent, not even for the valid items.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { ringConfig } from '../../nodes/AliyunPhoneNumberProtection/actions/callSettings';
import { FieldError } from '../../nodes/shared/spec';
import { convertField, type ConvertContext } from '../../nodes/shared/values';
import { AXB_POOL, AXG_POOL, AXN_POOL, businessParams, runNode, startSandbox } from './helpers';
import { aNumberReportBadRows } from './cases/aNumberReport';
import { fixedLineBadRows } from './cases/fixedLine';
import { pickupBadRows } from './cases/pickup';
import type { BadRow } from './cases/shared';
import { workNumberBadRows } from './cases/workNumber';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

let seq = 0;
/** a fresh valid mobile number per use, so valid items never collide */
const mobile = () => `1351234${String(seq++).padStart(4, '0')}`;
const FUTURE = '2030-01-01 10:00:00';

const axb = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding',
	operation: 'bindAxb',
	poolKey: AXB_POOL,
	phoneNoA: '={{ $json.a }}',
	phoneNoB: '={{ $json.b }}',
	expiration: '={{ $json.exp }}',
	...extra,
});
const axbItem = (extra: IDataObject = {}): IDataObject => ({
	a: mobile(),
	b: mobile(),
	exp: FUTURE,
	...extra,
});

const axnExt = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding',
	operation: 'bindAxnExtension',
	poolKey: AXN_POOL,
	phoneNoA: '={{ $json.a }}',
	expiration: FUTURE,
	additionalFields: { extension: '={{ $json.ext }}', phoneNoX: '={{ $json.x }}' },
	...extra,
});

const batch = (): IDataObject => ({
	resource: 'binding',
	operation: 'bindBatchAxg',
	poolKey: AXG_POOL,
	axgBindList: '={{ $json.list }}',
});
const batchItem = (): IDataObject => ({
	list: JSON.stringify([{ GroupId: '1000001', PhoneNoA: mobile(), Expiration: FUTURE }]),
});

const numbers201 = Array.from(
	{ length: 201 },
	(_, i) => `1370000${String(i).padStart(4, '0')}`,
).join(',');

const classicRows: BadRow[] = [
	{
		name: 'Phone No. A with letters',
		params: axb(),
		good: [axbItem(), axbItem()],
		bad: axbItem({ a: '1380000abcd' }),
		display: 'Phone No. A',
		wire: 'PhoneNoA',
		reason: /digits only/,
	},
	{
		name: 'Phone No. A with a +86 prefix',
		params: axb(),
		good: [axbItem(), axbItem()],
		bad: axbItem({ a: '+8613800000001' }),
		display: 'Phone No. A',
		wire: 'PhoneNoA',
		reason: /\+86/,
	},
	{
		name: 'Phone No. B with dashes',
		params: axb(),
		good: [axbItem(), axbItem()],
		bad: axbItem({ b: '139-0000-0001' }),
		display: 'Phone No. B',
		wire: 'PhoneNoB',
	},
	{
		name: 'Phone No. A too short to be a mobile or landline',
		params: axb(),
		good: [axbItem(), axbItem()],
		bad: axbItem({ a: '1380000' }),
		display: 'Phone No. A',
		wire: 'PhoneNoA',
		reason: /mainland mobile/,
	},
	{
		name: 'Extension of 4 digits',
		params: axnExt(),
		good: [
			{ a: mobile(), ext: '7', x: '17002000011' },
			{ a: mobile(), ext: '123', x: '17002000012' },
		],
		bad: { a: mobile(), ext: '1234', x: '17002000013' },
		display: 'Extension',
		wire: 'Extension',
		reason: /1–3 digits/,
	},
	{
		name: 'Extension with a letter',
		params: axnExt(),
		good: [
			{ a: mobile(), ext: '8', x: '17002000014' },
			{ a: mobile(), ext: '9', x: '17002000015' },
		],
		bad: { a: mobile(), ext: '1a', x: '17002000016' },
		display: 'Extension',
		wire: 'Extension',
	},
	{
		name: 'Extension without Phone No. X',
		params: axnExt(),
		good: [
			{ a: mobile(), ext: '21', x: '17002000017' },
			{ a: mobile(), ext: '22', x: '17002000018' },
		],
		bad: { a: mobile(), ext: '23' },
		display: 'Phone No. X',
		wire: 'PhoneNoX',
		reason: /Extension/,
	},
	{
		name: 'Call Timeout 3',
		params: axb({ additionalFields: { callTimeout: '={{ $json.t }}' } }),
		good: [axbItem({ t: 5 }), axbItem({ t: 20 })],
		bad: axbItem({ t: 3 }),
		display: 'Call Timeout',
		wire: 'CallTimeout',
		reason: /at least 5/,
	},
	{
		name: 'Call Timeout 25',
		params: axb({ additionalFields: { callTimeout: '={{ $json.t }}' } }),
		good: [axbItem({ t: 10 }), axbItem({ t: 15 })],
		bad: axbItem({ t: 25 }),
		display: 'Call Timeout',
		wire: 'CallTimeout',
		reason: /at most 20/,
	},
	{
		name: 'Expiration in the past',
		params: axb(),
		good: [axbItem(), axbItem()],
		bad: axbItem({ exp: '2020-01-01 00:00:00' }),
		display: 'Expiration',
		wire: 'Expiration',
		reason: /more than 1 minute in the future/,
	},
	{
		name: 'Expiration only 30 seconds ahead',
		params: axb(),
		good: [axbItem({ exp: 'in 2 minutes' }), axbItem({ exp: 'in 1 hour' })],
		bad: axbItem({ exp: 'in 30 seconds' }),
		display: 'Expiration',
		wire: 'Expiration',
		reason: /more than 1 minute in the future/,
	},
	{
		name: 'Expiration that is not a date',
		params: axb(),
		good: [axbItem(), axbItem()],
		bad: axbItem({ exp: 'next tuesday-ish' }),
		display: 'Expiration',
		wire: 'Expiration',
		reason: /not a date/,
	},
	{
		// n8n keeps per-key expressions of a collection; a whole-collection expression never reaches the node (see below)
		name: 'Ring Config key whose expression gives an object',
		params: axb({ additionalFields: { ringConfig: { AXBRing_A: '={{ $json.ring }}' } } }),
		good: [axbItem({ ring: '1001' }), axbItem({ ring: 1002 })],
		bad: axbItem({ ring: { AXBRing_X: '9' } }),
		display: 'Ring Config',
		wire: 'RingConfig',
		reason: /AXBRing_A must be text/,
	},
	{
		name: 'DTMF Config maxLoop 9 (from an expression)',
		params: axb({
			additionalFields: { dtmfConfig: { maxLoop: '={{ $json.loop }}', endCallIvrPhoneNo: 'A' } },
		}),
		good: [axbItem({ loop: 5 }), axbItem({ loop: 0 })],
		bad: axbItem({ loop: 9 }),
		display: 'DTMF Config',
		wire: 'DtmfConfig',
		reason: /maxLoop must be at most 5/,
	},
	{
		name: 'DTMF Config waitingDtmfTime that is not a number',
		params: axb({ additionalFields: { dtmfConfig: { waitingDtmfTime: '={{ $json.wait }}' } } }),
		good: [axbItem({ wait: 30 }), axbItem({ wait: '10' })],
		bad: axbItem({ wait: 'ten' }),
		display: 'DTMF Config',
		wire: 'DtmfConfig',
		reason: /waitingDtmfTime must be a number/,
	},
	{
		name: 'Group ID with letters (Bind AXG)',
		params: {
			resource: 'binding',
			operation: 'bindAxg',
			poolKey: AXG_POOL,
			phoneNoA: '={{ $json.a }}',
			groupId: '={{ $json.g }}',
			expiration: FUTURE,
		},
		good: [
			{ a: mobile(), g: '1000001' },
			{ a: mobile(), g: 1000001 },
		],
		bad: { a: mobile(), g: 'group-1' },
		display: 'Group ID',
		wire: 'GroupId',
	},
	{
		name: 'Group ID with letters (Add Numbers)',
		params: {
			resource: 'group',
			operation: 'addNumbers',
			poolKey: AXG_POOL,
			groupId: '={{ $json.g }}',
			numbers: '13700000001',
		},
		good: [{ g: '1000002' }, { g: '1000002' }],
		bad: { g: '10000O2' },
		display: 'Group ID',
		wire: 'GroupId',
	},
	{
		name: 'Numbers with 201 entries',
		params: {
			resource: 'group',
			operation: 'addNumbers',
			poolKey: AXG_POOL,
			groupId: '1000002',
			numbers: '={{ $json.n }}',
		},
		good: [{ n: '13700000002' }, { n: '13700000003,13700000004' }],
		bad: { n: numbers201 },
		display: 'Numbers',
		wire: 'Numbers',
		reason: /at most 200 numbers per call \(got 201\)/,
	},
	{
		name: 'Numbers with one malformed number (Create)',
		params: {
			resource: 'group',
			operation: 'create',
			poolKey: AXG_POOL,
			additionalFields: { numbers: '={{ $json.n }}' },
		},
		good: [{ n: '13700000005' }, { n: '13700000006,13700000007' }],
		bad: { n: '13700000008,1370000x009' },
		display: 'Numbers',
		wire: 'Numbers',
	},
	{
		name: 'Name longer than 128 characters (Create)',
		params: {
			resource: 'group',
			operation: 'create',
			poolKey: AXG_POOL,
			additionalFields: { name: '={{ $json.name }}' },
		},
		good: [{ name: 'a' }, { name: 'x'.repeat(128) }],
		bad: { name: 'x'.repeat(129) },
		display: 'Name',
		wire: 'Name',
	},
	{
		name: 'malformed AXG Bind List JSON',
		params: batch(),
		good: [batchItem(), batchItem()],
		bad: { list: '[{"GroupId": "1000001", "PhoneNoA": ' },
		display: 'AXG Bind List',
		wire: 'AxgBindList',
		reason: /not valid JSON/,
	},
	{
		name: 'AXG Bind List entry missing PhoneNoA',
		params: batch(),
		good: [batchItem(), batchItem()],
		bad: {
			list: JSON.stringify([
				{ GroupId: '1000001', PhoneNoA: mobile(), Expiration: FUTURE },
				{ GroupId: '1000001', Expiration: FUTURE },
			]),
		},
		display: 'AXG Bind List',
		wire: 'AxgBindList',
		reason: /entry 1 needs PhoneNoA/,
	},
	{
		name: 'AXG Bind List entry with an unknown key',
		params: batch(),
		good: [batchItem(), batchItem()],
		bad: {
			list: JSON.stringify([
				{ GroupId: '1000001', PhoneNoA: mobile(), Expiration: FUTURE, PhoneNoC: '13800000000' },
			]),
		},
		display: 'AXG Bind List',
		wire: 'AxgBindList',
		reason: /unknown key "PhoneNoC"/,
	},
	{
		name: 'AXG Bind List entry with an expiration in the past',
		params: batch(),
		good: [batchItem(), batchItem()],
		bad: {
			list: JSON.stringify([
				{ GroupId: '1000001', PhoneNoA: mobile(), Expiration: '2001-01-01 00:00:00' },
			]),
		},
		display: 'AXG Bind List',
		wire: 'AxgBindList',
		reason: /entry 0: .*Expiration.*1 minute in the future/,
	},
	{
		name: 'AXG Bind List that is an empty array',
		params: batch(),
		good: [batchItem(), batchItem()],
		bad: { list: '[]' },
		display: 'AXG Bind List',
		wire: 'AxgBindList',
		reason: /non-empty/,
	},
	{
		name: 'point-to-point Black No. without a colon',
		params: {
			resource: 'blacklist',
			operation: 'add',
			poolKey: AXB_POOL,
			blackType: 'POINT_TO_POINT_BLACK',
			blackNo: '={{ $json.no }}',
		},
		good: [{ no: '13800000001:13900000001' }, { no: '13800000002:13900000002' }],
		bad: { no: '1380000000313900000003' },
		display: 'Black No.',
		wire: 'BlackNo',
		reason: /numberA:numberB/,
	},
	{
		name: 'Way Control on a whole-pool blacklist entry',
		params: {
			resource: 'blacklist',
			operation: 'add',
			poolKey: AXB_POOL,
			blackType: 'PARTNER_GLOBAL_NUMBER_BLACK',
			blackNo: '={{ $json.no }}',
			additionalFields: { wayControl: '={{ $json.way }}' },
		},
		good: [{ no: '13800000004' }, { no: '13800000005' }],
		bad: { no: '13800000006', way: 'PHONEA_REJECT' },
		display: 'Way Control',
		wire: 'WayControl',
		reason: /point-to-point/,
	},
	{
		name: 'Block a number with letters',
		params: {
			resource: 'blacklist',
			operation: 'block',
			poolKey: AXB_POOL,
			blackNo: '={{ $json.no }}',
		},
		good: [{ no: '13800000007' }, { no: '13800000008' }],
		bad: { no: 'spam-caller' },
		display: 'Black No.',
		wire: 'BlackNo',
	},
	{
		name: 'empty required Subs ID (Unbind)',
		params: {
			resource: 'binding',
			operation: 'unbind',
			poolKey: AXN_POOL,
			subsId: '={{ $json.id }}',
			secretNo: '17002000001',
		},
		good: [{ id: '1' }, { id: '2' }],
		bad: { id: '' },
		display: 'Subs ID',
		wire: 'SubsId',
		reason: /is required/,
	},
	{
		name: 'Subs ID that is not a number (Get)',
		params: {
			resource: 'binding',
			operation: 'get',
			poolKey: AXB_POOL,
			subsId: '={{ $json.id }}',
			phoneNoX: '17001000000',
		},
		good: [{ id: '1' }, { id: '2' }],
		bad: { id: 'abc' },
		display: 'Subs ID',
		wire: 'SubsId',
	},
	{
		name: 'empty required Pool Key',
		params: {
			resource: 'number',
			operation: 'get',
			poolKey: '={{ $json.pool }}',
			secretNo: '17001000001',
		},
		good: [{ pool: AXB_POOL }, { pool: AXB_POOL }],
		bad: { pool: '  ' },
		display: 'Pool Key',
		wire: 'PoolKey',
		reason: /is required/,
	},
	{
		name: 'Update A number with +86',
		params: {
			resource: 'binding',
			operation: 'update',
			poolKey: AXB_POOL,
			subsId: '1',
			phoneNoX: '17001000000',
			operateType: 'updateNoA',
			phoneNoA: '={{ $json.a }}',
		},
		good: [{ a: '13800000011' }, { a: '13800000012' }],
		bad: { a: '+86 138 0000 0013' },
		display: 'Phone No. A',
		wire: 'PhoneNoA',
	},
	{
		name: 'Update expiration in the past',
		params: {
			resource: 'binding',
			operation: 'update',
			poolKey: AXB_POOL,
			subsId: '1',
			phoneNoX: '17001000000',
			operateType: 'updateExpire',
			expiration: '={{ $json.exp }}',
		},
		good: [{ exp: FUTURE }, { exp: 'in 3 days' }],
		bad: { exp: '2021-05-05T05:05:05Z' },
		display: 'Expiration',
		wire: 'Expiration',
	},
	{
		name: 'Secret No. (X) with letters (Number Get)',
		params: { resource: 'number', operation: 'get', poolKey: AXB_POOL, secretNo: '={{ $json.x }}' },
		good: [{ x: '17001000002' }, { x: '17001000003' }],
		bad: { x: '1700100000X' },
		display: 'Secret No. (X)',
		wire: 'SecretNo',
	},
	{
		name: 'Call Time that is not a date',
		params: {
			resource: 'call',
			operation: 'getRecordingUrl',
			poolKey: AXB_POOL,
			callId: 'c1',
			callTime: '={{ $json.t }}',
		},
		good: [{ t: '2024-01-01 10:00:00' }, { t: 1704074400000 }],
		bad: { t: 'yesterday' },
		display: 'Call Time',
		wire: 'CallTime',
	},
];

/** the newer families keep their rows beside their workflow cases */
const rows: BadRow[] = [
	...classicRows,
	...aNumberReportBadRows,
	...workNumberBadRows,
	...fixedLineBadRows,
	...pickupBadRows,
];

const messageOf = (error: unknown) =>
	String((error as { message?: string } | undefined)?.message ?? '');

describe('bad-input table: rejected before sending, naming the field and the item', () => {
	test('the table has at least 25 malformed inputs across several operations', () => {
		expect(rows.length).toBeGreaterThanOrEqual(25);
		const ops = new Set(
			rows.map((row) => `${String(row.params.resource)}:${String(row.params.operation)}`),
		);
		expect(ops.size).toBeGreaterThanOrEqual(12);
	});

	describe.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
		test('without continueOnFail: NodeOperationError, and nothing is sent for any item', async () => {
			const before = sb.stats().requests.total;
			const run = await runNode(sb, row.params, [row.good[0], row.bad]);
			expect(sb.stats().requests.total).toBe(before);
			expect(run.requests).toEqual([]);
			expect(run.error).toBeDefined();
			expect(run.error?.name).toBe('NodeOperationError');
			const message = messageOf(run.error);
			expect(message).toContain(`${row.display} (${row.wire})`);
			expect(message).toContain('[item 1]');
			if (row.reason) expect(message).toMatch(row.reason);
			expect(message).not.toMatch(/Bad request/i);
			expect(run.items).toEqual([]);
		});

		test('with continueOnFail: an error item paired to the bad item, the valid items are sent', async () => {
			const before = sb.stats().requests.total;
			const run = await runNode(sb, row.params, [row.good[0], row.bad, row.good[1]], {
				continueOnFail: true,
			});
			expect(run.error).toBeUndefined();
			// the two valid items reached the sandbox (a batch list of one entry is one request each)
			expect(sb.stats().requests.total - before).toBe(2);
			expect(run.requests.every((req) => req.verified)).toBe(true);

			const errorItems = run.items.filter(
				(item) =>
					typeof item.json.error === 'string' && String(item.json.error).startsWith('Invalid '),
			);
			expect(errorItems).toHaveLength(1);
			expect(errorItems[0].pairedItem).toEqual({ item: 1 });
			const message = String(errorItems[0].json.error);
			expect(message).toContain(`${row.display} (${row.wire})`);
			expect(message).toContain('[item 1]');
			if (row.reason) expect(message).toMatch(row.reason);
			expect(String(errorItems[0].json.description)).toContain(`sent as ${row.wire}`);

			// the valid items keep their own pairing and are not validation errors
			const others = run.items.filter((item) => !errorItems.includes(item));
			expect(others.length).toBeGreaterThanOrEqual(2);
			expect(new Set(others.map((item) => (item.pairedItem as { item: number }).item))).toEqual(
				new Set([0, 2]),
			);
			// output keeps the input order
			expect(run.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
				[...run.items.map((item) => (item.pairedItem as { item: number }).item)].sort(
					(x, y) => x - y,
				),
			);
		});
	});
});

describe('several bad items in one run', () => {
	test('each is reported at its own index; only the valid ones are sent', async () => {
		const before = sb.stats().requests.total;
		const items = [
			axbItem({ a: 'x' }),
			axbItem(),
			axbItem({ exp: 'soon' }),
			axbItem(),
			axbItem({ b: '+8613900000000' }),
		];
		const run = await runNode(sb, axb(), items, { continueOnFail: true });
		expect(sb.stats().requests.total - before).toBe(2);
		expect(run.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		const errors = run.items.map((item) =>
			typeof item.json.error === 'string' ? String(item.json.error) : null,
		);
		expect(errors[0]).toMatch(/^Invalid Phone No\. A \(PhoneNoA\).*\[item 0\]$/);
		expect(errors[1]).toBeNull();
		expect(errors[2]).toMatch(/^Invalid Expiration \(Expiration\).*\[item 2\]$/);
		expect(errors[3]).toBeNull();
		expect(errors[4]).toMatch(/^Invalid Phone No\. B \(PhoneNoB\).*\[item 4\]$/);
		expect(run.items[1].json.subsId).toEqual(expect.any(String));
	});

	test('without continueOnFail, a bad last item of many stops everything before the first request', async () => {
		const before = sb.stats().requests.total;
		const items = [...Array.from({ length: 20 }, () => axbItem()), axbItem({ a: '138 0000 0000' })];
		const run = await runNode(sb, axb(), items);
		expect(sb.stats().requests.total).toBe(before);
		expect(messageOf(run.error)).toContain('[item 20]');
	});
});

describe('unknown Ring Config keys', () => {
	const convert: ConvertContext = {
		timeZone: 'Asia/Shanghai',
		now: Date.now(),
		phoneStyle: 'cn',
		notices: [],
	};

	test('the converter rejects an unknown key, naming the field, its wire name and the allowed keys', () => {
		for (const value of [{ AXBRing_A: '1', AXBRing_X: '9' }, '{"AXBRing_X": "9"}']) {
			let error: unknown;
			try {
				convertField(ringConfig('AXB'), value, convert);
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(FieldError);
			expect((error as Error).message).toBe(
				'Ring Config (RingConfig): unknown key "AXBRing_X"; allowed: AXBRing_A, AXBRing_B',
			);
		}
	});

	test(
		'in a workflow an unknown key can never reach the wire: n8n drops it, and a whole-collection expression, at ' +
			'load',
		async () => {
			// Ring Config is an n8n `collection`: n8n's getNodeParameters keeps only its declared keys and ignores an
			// expression given for the collection itself, so neither value reaches the node (nor the sandbox).
			const run = await runNode(
				sb,
				axb({
					additionalFields: {
						ringConfig: { AXBRing_A: '1001', AXBRing_X: '9' },
						dtmfConfig: '={{ $json.dtmf }}',
					},
				}),
				[axbItem({ dtmf: { maxLoop: 9 } })],
			);
			expect(run.error).toBeUndefined();
			const sent = businessParams(run.requests[0]);
			expect(sent.RingConfig).toBe('{"AXBRing_A":"1001"}');
			expect(sent.DtmfConfig).toBeUndefined();
		},
	);
});

describe('Find Bindings / Unbind by Order: the search fields are checked before anything is sent', () => {
	test.each([
		['letters in X Numbers', { xNumbers: '1700100000a' }, 'X Numbers'],
		['more than 50 X numbers', { xNumbers: Array(51).fill('17001000000').join(',') }, 'X Numbers'],
		['Phone No. A filter with dashes', { filterPhoneNoA: '138-0000-0001' }, 'Phone No. A'],
	])('%s', async (_name, bad, display) => {
		const before = sb.stats().requests.total;
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'unbindByOrder',
			poolKey: AXB_POOL,
			xNumbers: '17001000000',
			filterPhoneNoA: '13800000001',
			...bad,
		});
		expect(sb.stats().requests.total).toBe(before);
		expect(messageOf(run.error)).toMatch(new RegExp(`^Invalid ${display}: .+ \\[item 0\\]$`));
	});
});
