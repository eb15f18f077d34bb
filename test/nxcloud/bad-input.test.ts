/**
 * Malformed inputs are rejected before any request is sent, with a message naming the field and the item.
 * Each case runs two items, a valid one first and the malformed one second (item 1):
 * - without continueOnFail the node fails on item 1 and the sandbox receives nothing, not even item 0's request;
 * - with continueOnFail item 1 becomes an error item paired to it, and only item 0 is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { BUSINESS_ID, runNode, SEEDED_GROUP, startSandbox, X_HK, X_UK } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());
beforeEach(() => sb.reset());

interface Case {
	name: string;
	params: IDataObject;
	good: IDataObject;
	bad: IDataObject;
	/** the field's label in the message */
	field: string;
	/** part of the reason */
	reason: string;
}

const axb = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding',
	operation: 'bindAxb',
	phoneA: '={{$json.a}}',
	phoneB: '={{$json.b}}',
	expiry: 'seconds',
	expireSeconds: 3600,
	...extra,
});
const axbGood = { a: '85261234500', b: '85291234500' };

const ext = (extra: IDataObject = {}): IDataObject => ({
	resource: 'binding',
	operation: 'bindAxbExtension',
	phoneA: '={{$json.a}}',
	phoneX: '={{$json.x}}',
	extension: '={{$json.e}}',
	expiry: 'never',
	...extra,
});
const extGood = { a: '447700900100', x: X_UK, e: '201' };

const cases: Case[] = [
	{
		name: 'phone with letters',
		params: axb(),
		good: axbGood,
		bad: { a: '8526123abcd', b: '85291234501' },
		field: 'Phone A',
		reason: 'is not a phone number',
	},
	{
		name: 'phone too short',
		params: axb(),
		good: axbGood,
		bad: { a: '85212', b: '85291234501' },
		field: 'Phone A',
		reason: 'is not a phone number',
	},
	{
		name: 'phone as an object',
		params: axb(),
		good: axbGood,
		bad: { a: { n: 1 }, b: '85291234501' },
		field: 'Phone A',
		reason: 'must be a phone number',
	},
	{
		name: 'national 0 prefix instead of a country code',
		params: axb(),
		good: axbGood,
		bad: { a: '07400123456', b: '447400123457' },
		field: 'Phone A',
		reason: 'starts with 0',
	},
	{
		name: 'unassigned country code',
		params: axb(),
		good: axbGood,
		bad: { a: '28012345678', b: '28012345679' },
		field: 'Phone A',
		reason: 'known country code',
	},
	{
		name: 'A and B in different countries (bindAXB)',
		params: axb(),
		good: axbGood,
		bad: { a: '85261234501', b: '447700900101' },
		field: 'Phone B',
		reason: 'must share a country code',
	},
	{
		name: 'A equals B',
		params: axb(),
		good: axbGood,
		bad: { a: '85261234501', b: '+852 6123 4501' },
		field: 'Phone B',
		reason: 'must differ from Phone A',
	},
	{
		name: 'extension of 2 digits',
		params: ext(),
		good: extGood,
		bad: { ...extGood, e: '12' },
		field: 'Extension',
		reason: 'exactly 3 digits',
	},
	{
		name: 'extension of 4 digits',
		params: ext(),
		good: extGood,
		bad: { ...extGood, e: '1234' },
		field: 'Extension',
		reason: 'exactly 3 digits',
	},
	{
		name: 'extension with a letter',
		params: ext(),
		good: extGood,
		bad: { ...extGood, e: '1a3' },
		field: 'Extension',
		reason: 'exactly 3 digits',
	},
	{
		name: 'X in another country than A (extension bind)',
		params: ext(),
		good: extGood,
		bad: { ...extGood, x: X_HK },
		field: 'Phone X',
		reason: 'must share a country code',
	},
	{
		name: 'B in another country than A (extension bind)',
		params: ext({ additionalFields: { phoneB: '={{$json.b}}' } }),
		good: { ...extGood, b: '447700900102' },
		bad: { ...extGood, b: '85261234502' },
		field: 'Phone B',
		reason: 'must share a country code',
	},
	{
		name: 'X missing (extension bind)',
		params: ext(),
		good: extGood,
		bad: { ...extGood, x: '' },
		field: 'Phone X',
		reason: 'is required',
	},
	{
		name: 'negative expiry seconds',
		params: axb({ expireSeconds: '={{$json.s}}' }),
		good: { ...axbGood, s: 60 },
		bad: { ...axbGood, s: -5 },
		field: 'Expire After (Seconds)',
		reason: 'at least 1',
	},
	{
		name: 'fractional expiry seconds',
		params: axb({ expireSeconds: '={{$json.s}}' }),
		good: { ...axbGood, s: 60 },
		bad: { ...axbGood, s: 1.5 },
		field: 'Expire After (Seconds)',
		reason: 'whole number',
	},
	{
		name: 'expiry date in the past',
		params: axb({ expiry: 'until', expireUntil: '={{$json.t}}' }),
		good: { ...axbGood, t: 'in 1 day' },
		bad: { ...axbGood, t: '2020-01-01T00:00:00Z' },
		field: 'Expire At',
		reason: 'in the future',
	},
	{
		name: 'expiry date that is not a date',
		params: axb({ expiry: 'until', expireUntil: '={{$json.t}}' }),
		good: { ...axbGood, t: 'in 1 day' },
		bad: { ...axbGood, t: 'someday soon' },
		field: 'Expire At',
		reason: 'is not a date',
	},
	{
		name: 'list limit above 1000',
		params: { resource: 'binding', operation: 'list', returnAll: false, limit: '={{$json.l}}' },
		good: { l: 10 },
		bad: { l: 1001 },
		field: 'Limit',
		reason: 'at most 1000',
	},
	{
		name: 'list limit 0',
		params: { resource: 'binding', operation: 'list', returnAll: false, limit: '={{$json.l}}' },
		good: { l: 10 },
		bad: { l: 0 },
		field: 'Limit',
		reason: 'at least 1',
	},
	{
		name: 'negative list offset',
		params: {
			resource: 'group',
			operation: 'list',
			returnAll: false,
			limit: 5,
			offset: '={{$json.o}}',
		},
		good: { o: 0 },
		bad: { o: -1 },
		field: 'Offset',
		reason: 'at least 0',
	},
	{
		name: 'group phones with a word',
		params: { resource: 'group', operation: 'create', phones: '={{$json.p}}' },
		good: { p: '85261000031,85261000032' },
		bad: { p: '85261000031,,abc' },
		field: 'Phones',
		reason: '"abc" is not a phone number',
	},
	{
		name: 'group phones with a national number',
		params: { resource: 'group', operation: 'create', phones: '={{$json.p}}' },
		good: { p: '85261000031' },
		bad: { p: '85261000031, 0612345678' },
		field: 'Phones',
		reason: 'number 2 of the list',
	},
	{
		name: 'group phones empty',
		params: {
			resource: 'group',
			operation: 'addNumbers',
			groupId: { __rl: true, mode: 'list', value: SEEDED_GROUP },
			phones: '={{$json.p}}',
		},
		good: { p: '85261000033' },
		bad: { p: ' , ' },
		field: 'Phones',
		reason: 'at least one phone number',
	},
	{
		name: 'group ID empty',
		params: {
			resource: 'group',
			operation: 'delete',
			groupId: { __rl: true, mode: 'id', value: '={{$json.g}}' },
		},
		good: { g: SEEDED_GROUP },
		bad: { g: '' },
		field: 'Group',
		reason: 'is required',
	},
	{
		name: 'unbind without a bind ID',
		params: {
			resource: 'binding',
			operation: 'unbind',
			unbindBy: 'bindId',
			bindId: '={{$json.id}}',
			options: { notExistAsSuccess: true },
		},
		good: { id: 'f6e24ebdaf64ef91adb0b60e3b582db0' },
		bad: { id: '  ' },
		field: 'Bind ID',
		reason: 'is required',
	},
	{
		name: 'route lookup extension of 1 digit',
		params: {
			resource: 'binding',
			operation: 'lookUpRoute',
			caller: '85261000001',
			did: X_HK,
			additionalFields: { extension: '={{$json.e}}' },
		},
		good: { e: '101' },
		bad: { e: '1' },
		field: 'Extension',
		reason: 'exactly 3 digits',
	},
	{
		name: 'XYB expire strategy 3',
		params: {
			resource: 'bindingRest',
			operation: 'bindXyb',
			businessId: BUSINESS_ID,
			phoneB: '85293000010',
			expiry: 'seconds',
			expireSeconds: 600,
			additionalFields: { bindExpireStrategy: '={{$json.s}}' },
		},
		good: { s: 1 },
		bad: { s: 3 },
		field: 'Bind Expire Strategy',
		reason: 'is not one of 0, 1, 2',
	},
	{
		name: 'XYB negative call-in expiry',
		params: {
			resource: 'bindingRest',
			operation: 'bindXyb',
			businessId: BUSINESS_ID,
			phoneB: '85293000011',
			expiry: 'seconds',
			expireSeconds: 600,
			additionalFields: { callInExpireSecond: '={{$json.s}}' },
		},
		good: { s: 60 },
		bad: { s: -1 },
		field: 'Call-In Expire Second',
		reason: 'at least 0',
	},
	{
		name: 'AXE country of X not two letters',
		params: {
			resource: 'bindingRest',
			operation: 'bindAxe',
			businessId: BUSINESS_ID,
			phoneA: '85263000010',
			expiry: 'seconds',
			expireSeconds: 600,
			additionalFields: { iso2X: '={{$json.c}}' },
		},
		good: { c: 'HK' },
		bad: { c: 'HKG' },
		field: 'ISO2 Country of X',
		reason: 'two-letter',
	},
	{
		name: 'AXE without a business ID',
		params: {
			resource: 'bindingRest',
			operation: 'bindAxe',
			businessId: '={{$json.id}}',
			phoneA: '85263000011',
			expiry: 'seconds',
			expireSeconds: 600,
		},
		good: { id: BUSINESS_ID },
		bad: { id: '' },
		field: 'Business ID',
		reason: 'is required',
	},
	{
		name: 'AXEYB A and B in different countries',
		params: {
			resource: 'bindingRest',
			operation: 'bindAxeyb',
			businessId: BUSINESS_ID,
			phoneA: '85263000012',
			phoneB: '={{$json.b}}',
			expiry: 'seconds',
			expireSeconds: 600,
		},
		good: { b: '85293000012' },
		bad: { b: '447700900103' },
		field: 'Phone B',
		reason: 'must share a country code',
	},
];

test('the table holds at least 15 malformed inputs', () => {
	expect(cases.length).toBeGreaterThanOrEqual(15);
});

describe.each(cases)('$name', ({ params, good, bad, field, reason }) => {
	test('without continueOnFail: the node fails naming the field and item 1, and nothing is sent', async () => {
		const before = sb.stats().requests.total;
		const r = await runNode(sb, params, [good, bad]);
		expect(sb.stats().requests.total).toBe(before);
		expect(r.requests).toEqual([]);
		expect(r.error).toBeDefined();
		expect(r.error?.message).toContain(field);
		expect(r.error?.message).toContain(reason);
		expect(r.error?.message).toContain('[item 1]');
		expect(r.error?.description).toContain('of item 1');
	});

	test('with continueOnFail: an error item paired to item 1, only item 0 is sent', async () => {
		const r = await runNode(sb, params, [good, bad], { continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.requests).toHaveLength(1);
		expect(r.requests[0].verified).toBe(true);
		const forItem1 = r.items.filter((item) => (item.pairedItem as { item: number }).item === 1);
		expect(forItem1).toHaveLength(1);
		expect(forItem1[0].json.error).toContain(field);
		expect(forItem1[0].json.error).toContain('[item 1]');
		expect(forItem1[0].json.description).toContain('Nothing was sent for this item');
	});
});
