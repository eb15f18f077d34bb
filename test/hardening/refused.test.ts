/**
 * Values that must be refused, not changed: impossible calendar values, dates the provider's format cannot carry,
 * NXCloud's Expire At past the 32-bit expireSecond, lists and objects for text, ID and number fields, and documented
 * shapes (DTMF Valid Key: at most two keys). Each is refused before anything is sent, naming the field and the item;
 * a well-formed ASR model ID of one's own, given by expression as the field's description says, is sent as given.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import {
	AXB700_POOL,
	AXB_POOL,
	AXG_POOL,
	businessParams,
	GXB700_POOL,
	runNode as runAliyun,
} from '../aliyun/helpers';
import { runNode as runNx } from '../nxcloud/helpers';
import { startSandbox } from '../helpers/sandbox';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

interface Case {
	name: string;
	provider: 'aliyun' | 'nxcloud';
	params: IDataObject;
	good: IDataObject;
	bad: IDataObject;
	/** the field's label in the message */
	field: string;
	reason: RegExp;
}

let seq = 0;
const mobile = () => `1391234${String(seq++).padStart(4, '0')}`;
const hk = () => `8526123${String(seq++).padStart(4, '0')}`;

const bindAxb = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding',
	operation: 'bindAxb',
	poolKey: AXB_POOL,
	phoneNoA: '={{ $json.a }}',
	phoneNoB: '={{ $json.b }}',
	expiration: '={{ $json.exp }}',
	...extra,
});
const axbItem = (extra: IDataObject = {}) => ({
	a: mobile(),
	b: mobile(),
	exp: '2030-01-01 10:00:00',
	...extra,
});

const nxBind = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding',
	operation: 'bindAxb',
	phoneA: '={{ $json.a }}',
	phoneB: '={{ $json.b }}',
	expiry: 'until',
	expireUntil: '={{ $json.t }}',
	...extra,
});
const nxItem = (extra: IDataObject = {}) => ({ a: hk(), b: hk(), t: 'in 2 days', ...extra });

const NOT_A_DATE = /is not a date/;
const cases: Case[] = [
	...(
		[
			['day 30 of February', '2030-02-30 10:00:00'],
			['month 13', '2030-13-01 10:00:00'],
			['hour 25', '2030-01-01 25:00:00'],
			['minute 61', '2030-01-01 10:61:00'],
			['second 60 in ISO with an offset', '2030-01-01T10:00:60+08:00'],
			['day 31 of April with a Z', '2030-04-31T10:00:00Z'],
			['a JS-style date the parser would roll over', 'Feb 30 2030'],
		] as const
	).map(([name, exp]): Case => ({
		name: `Expiration: ${name}`,
		provider: 'aliyun',
		params: bindAxb(),
		good: axbItem(),
		bad: axbItem({ exp }),
		field: 'Expiration (Expiration)',
		reason: NOT_A_DATE,
	})),
	{
		name: 'Expiration: an epoch past year 9999',
		provider: 'aliyun',
		params: bindAxb(),
		good: axbItem(),
		bad: axbItem({ exp: 8.64e15 }),
		field: 'Expiration (Expiration)',
		reason: /outside the dates the provider accepts/,
	},
	{
		name: 'Expiration: "in" a number of days that overflows',
		provider: 'aliyun',
		params: bindAxb(),
		good: axbItem(),
		bad: axbItem({ exp: 'in 99999999999 days' }),
		field: 'Expiration (Expiration)',
		reason: /outside the dates the provider accepts/,
	},
	{
		name: 'NXCloud Expire At: day 30 of February',
		provider: 'nxcloud',
		params: nxBind(),
		good: nxItem(),
		bad: nxItem({ t: '2030-02-30T10:00:00' }),
		field: 'Expire At',
		reason: NOT_A_DATE,
	},
	{
		name: 'NXCloud Expire At: beyond the 32-bit expireSecond',
		provider: 'nxcloud',
		params: nxBind(),
		good: nxItem(),
		bad: nxItem({ t: 'in 25000 days' }),
		field: 'Expire At',
		reason: /at most 2147483647 seconds/,
	},
	{
		name: 'NXCloud Expire At: a huge epoch',
		provider: 'nxcloud',
		params: nxBind(),
		good: nxItem(),
		bad: nxItem({ t: 9e15 }),
		field: 'Expire At',
		reason: /outside the dates the provider accepts/,
	},
	{
		name: 'Out Order ID given an object',
		provider: 'aliyun',
		params: bindAxb({ additionalFields: { outOrderId: '={{ $json.o }}' } }),
		good: axbItem({ o: 'order-1' }),
		bad: axbItem({ o: { id: 7 } }),
		field: 'Out Order ID (OutOrderId)',
		reason: /must be text, got an object/,
	},
	{
		name: 'Out ID given a list',
		provider: 'aliyun',
		params: bindAxb({ additionalFields: { outId: '={{ $json.o }}' } }),
		good: axbItem({ o: 'x-1' }),
		bad: axbItem({ o: ['x', 1] }),
		field: 'Out ID (OutId)',
		reason: /must be text, got a list/,
	},
	{
		name: 'Pool Key given an object',
		provider: 'aliyun',
		params: bindAxb({ poolKey: '={{ $json.p }}' }),
		good: axbItem({ p: AXB_POOL }),
		bad: axbItem({ p: { key: AXB_POOL } }),
		field: 'Pool Key (PoolKey)',
		reason: /must be text, got an object/,
	},
	{
		name: 'Call Timeout given [10]',
		provider: 'aliyun',
		params: bindAxb({ additionalFields: { callTimeout: '={{ $json.n }}' } }),
		good: axbItem({ n: 10 }),
		bad: axbItem({ n: [10] }),
		field: 'Call Timeout (CallTimeout)',
		reason: /must be a number, got a list/,
	},
	{
		name: 'Call Timeout given hex text',
		provider: 'aliyun',
		params: bindAxb({ additionalFields: { callTimeout: '={{ $json.n }}' } }),
		good: axbItem({ n: '10' }),
		bad: axbItem({ n: '0x10' }),
		field: 'Call Timeout (CallTimeout)',
		reason: /must be a number/,
	},
	{
		name: 'Subs ID given a list',
		provider: 'aliyun',
		params: {
			resource: 'binding',
			operation: 'unbind',
			poolKey: AXB_POOL,
			subsId: '={{ $json.s }}',
			secretNo: '17001000000',
		},
		good: { s: '1000000000000001' },
		bad: { s: ['1000000000000001'] },
		field: 'Subs ID (SubsId)',
		reason: /must be digits, got a list/,
	},
	{
		name: 'Out Order ID given a number too large to be exact',
		provider: 'aliyun',
		params: bindAxb({ additionalFields: { outOrderId: '={{ $json.o }}' } }),
		good: axbItem({ o: 12345 }),
		bad: axbItem({ o: Number('12345678901234567890') }),
		field: 'Out Order ID (OutOrderId)',
		reason: /too large to be exact/,
	},
	{
		name: 'NXCloud Customer Bind ID given an object',
		provider: 'nxcloud',
		params: nxBind({ additionalFields: { customerBindId: '={{ $json.c }}' } }),
		good: nxItem({ c: 'order-9' }),
		bad: nxItem({ c: { order: 9 } }),
		field: 'Customer Bind ID',
		reason: /must be text, got an object/,
	},
	{
		name: 'NXCloud Record Calls given [true]',
		provider: 'nxcloud',
		params: nxBind({ additionalFields: { recording: '={{ $json.r }}' } }),
		good: nxItem({ r: true }),
		bad: nxItem({ r: [true] }),
		field: 'Record Calls',
		reason: /must be true or false, got a list/,
	},
	{
		name: 'DTMF Valid Key with three keys',
		provider: 'aliyun',
		params: bindAxb({ additionalFields: { dtmfConfig: { validKey: '={{ $json.k }}' } } }),
		good: axbItem({ k: '1,2' }),
		bad: axbItem({ k: '1,2,3' }),
		field: 'DTMF Config (DtmfConfig)',
		reason: /validKey .*one or two keys/,
	},
	{
		name: 'Call ID longer than the documented 100 characters',
		provider: 'aliyun',
		params: {
			resource: 'call',
			operation: 'getRecordingUrl',
			poolKey: AXB_POOL,
			callId: '={{ $json.c }}',
			callTime: '2024-01-01 10:00:00',
		},
		good: { c: 'c'.repeat(100) },
		bad: { c: 'c'.repeat(101) },
		field: 'Call ID (CallId)',
		reason: /at most 100 characters/,
	},
	{
		name: 'Buy: a city for 95-prefixed numbers (Spec ID 3 needs 全国通用)',
		provider: 'aliyun',
		params: {
			resource: 'number',
			operation: 'buy',
			poolKey: AXB_POOL,
			specId: 3,
			city: '={{ $json.c }}',
		},
		good: { c: '全国通用' },
		bad: { c: '杭州' },
		field: 'City (City)',
		reason: /must be 全国通用/,
	},
	{
		name: 'Buy: a stock-query total as the city',
		provider: 'aliyun',
		params: {
			resource: 'number',
			operation: 'buy',
			poolKey: AXB_POOL,
			specId: 1,
			city: '={{ $json.c }}',
		},
		good: { c: '杭州' },
		bad: { c: '全国列表' },
		field: 'City (City)',
		reason: /total of the stock query/,
	},
	{
		name: 'Group Remark over 256 characters',
		provider: 'aliyun',
		params: {
			resource: 'group',
			operation: 'create',
			poolKey: AXG_POOL,
			additionalFields: { remark: '={{ $json.r }}' },
		},
		good: { r: 'r'.repeat(256) },
		bad: { r: 'r'.repeat(257) },
		field: 'Remark (Remark)',
		reason: /at most 256 characters/,
	},
	{
		name: 'NXCloud: the same Customer Bind ID in two items',
		provider: 'nxcloud',
		params: nxBind({ additionalFields: { customerBindId: '={{ $json.c }}' } }),
		good: nxItem({ c: 'order-dup' }),
		bad: nxItem({ c: 'order-dup' }),
		field: 'Customer Bind ID',
		reason: /"order-dup" is also given to item 0; it must differ between items/,
	},
];

const bind700 = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding700',
	operation: 'bindAxb700',
	poolKey: AXB700_POOL,
	telA: '={{ $json.a }}',
	telB: '={{ $json.b }}',
	expiration: '2030-01-01 10:00:00',
	...extra,
});
const item700 = (extra: IDataObject = {}) => ({ a: mobile(), b: mobile(), ...extra });

cases.push(
	{
		name: '700: an X number outside the 700 segment',
		provider: 'aliyun',
		params: bind700({ additionalFields: { telX: '={{ $json.x }}' } }),
		good: item700({ x: '700100000000001' }),
		bad: item700({ x: '17001000000' }),
		field: 'Phone No. X (TelX)',
		reason: /15-digit number of the 700 segment/,
	},
	{
		name: '700: a recording format Alibaba does not offer',
		provider: 'aliyun',
		params: bind700({ additionalFields: { recType: '={{ $json.f }}' } }),
		good: item700({ f: 'mp3' }),
		bad: item700({ f: 'ogg' }),
		field: 'Recording Format (RecType)',
		reason: /is not one of mp3, wav/,
	},
	{
		name: '700: Phone No. A with letters',
		provider: 'aliyun',
		params: bind700(),
		good: item700(),
		bad: item700({ a: '1380000abcd' }),
		field: 'Phone No. A (TelA)',
		reason: /digits only/,
	},
	{
		name: '700 GXB: Call Restrict of an AXB binding (A may not call X)',
		provider: 'aliyun',
		params: {
			resource: 'binding700',
			operation: 'bindGxb700',
			poolKey: GXB700_POOL,
			telB: '={{ $json.b }}',
			expiration: '2030-01-01 10:00:00',
			additionalFields: { callRestrict: '={{ $json.r }}' },
		},
		good: item700({ r: 'CONTROL_GX_DISABLE' }),
		bad: item700({ r: 'CONTROL_AX_DISABLE' }),
		field: 'Call Restrict (CallRestrict)',
		reason: /is not one of CONTROL_BX_DISABLE, CONTROL_GX_DISABLE/,
	},
);

describe.each(cases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
	test('refused before anything is sent, naming the field and the item', async () => {
		const run = row.provider === 'aliyun' ? runAliyun : runNx;
		const before = sb.stats().requests.total;
		const result = await run(sb, row.params, [row.good, row.bad]);
		expect(sb.stats().requests.total).toBe(before);
		expect(result.error?.name).toBe('NodeOperationError');
		const message = String(result.error?.message);
		expect(message).toContain(row.field);
		expect(message).toContain('[item 1]');
		expect(message).toMatch(row.reason);
	});
});

describe('the good rows really are good (the refusals above are about the bad value)', () => {
	beforeEach(() => sb.reset());
	test.each(cases.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
		const run = row.provider === 'aliyun' ? runAliyun : runNx;
		const result = await run(sb, row.params, [row.good]);
		// Sent: no field was refused (the provider may still answer with a business error, e.g. no such binding).
		expect(result.requests.length).toBeGreaterThanOrEqual(1);
		if (result.error) expect(result.error.name).toBe('NodeApiError');
	});
});

describe("ASR model of one's own, by expression", () => {
	test('a well-formed model ID outside the list is sent as given', async () => {
		const model = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
		const run = await runAliyun(
			sb,
			bindAxb({ additionalFields: { asrStatus: true, asrModelId: '={{ $json.m }}' } }),
			[axbItem({ m: model })],
		);
		expect(run.error).toBeUndefined();
		expect(businessParams(run.requests[0]).ASRModelId).toBe(model);
	});

	test('a malformed one is refused, naming the field', async () => {
		const run = await runAliyun(
			sb,
			bindAxb({ additionalFields: { asrModelId: '={{ $json.m }}' } }),
			[axbItem({ m: 'not a model id!' })],
		);
		expect(run.requests).toEqual([]);
		expect(String(run.error?.message)).toContain('ASR Model ID (ASRModelId)');
	});
});
