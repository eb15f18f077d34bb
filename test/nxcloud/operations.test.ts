/**
 * Every operation of the NXCloud Privacy Number node runs in a real workflow (n8n-core engine) against the sandbox:
 * the exact JSON text the sandbox received, its signature (checked by the sandbox and recomputed here), the output
 * items.
 * The last test checks that the cases of this file ran every resource:operation pair of nxOperations.
 */
import type { IDataObject } from 'n8n-workflow';
import { nxOperations } from '../../nodes/NxCloudPrivacyNumber/actions';
import type { Sandbox } from '../../sandbox';
import { recordingBytes } from '../../sandbox/recording-files';
import {
	BUSINESS_ID,
	jsonOf,
	pairedOf,
	recomputedSign,
	runNode as runWorkflow,
	SEEDED_GROUP,
	startSandbox,
	wire,
	X_HK,
	X_HK2,
	X_UK,
	headerOf,
} from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

/** resource:operation of every run of this file that reached the sandbox and output items without a workflow error. */
const ran = new Set<string>();
const runNode: typeof runWorkflow = async (sandbox, parameters, ...rest) => {
	const r = await runWorkflow(sandbox, parameters, ...rest);
	if (r.error === undefined && r.requests.length > 0 && r.items.length > 0)
		ran.add(`${parameters.resource}:${parameters.operation}`);
	return r;
};

const ACTION_PATH = '/api/pns/';
const list = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const binding = (bindId: string) =>
	sb.state.nxcloud.bindings.get(bindId) as IDataObject | undefined;

function expectSigned(run: { requests: Array<Parameters<typeof recomputedSign>[0]> }) {
	for (const req of run.requests) {
		expect(req.verified).toBe(true);
		expect(headerOf(req, 'sign')).toBe(recomputedSign(req, sb.credentials.nxcloud.accessSecret));
		expect(headerOf(req, 'bizType')).toBe('5');
		expect(headerOf(req, 'content-type')).toMatch(/^application\/json/);
		expect(headerOf(req, 'ts')).toMatch(/^\d{13}$/);
	}
}

describe('Binding (action API)', () => {
	test('Bind AXB Extension: the seed body of the documentation, typed JSON, signed as sent', async () => {
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxbExtension',
			phoneA: '+44 6075 363777',
			phoneX: X_UK,
			extension: '101',
			expiry: 'seconds',
			expireSeconds: 86400,
			additionalFields: { phoneB: '448646607772', customerBindId: '66666666', recording: true },
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'bindAXBExtension',
				path: ACTION_PATH,
				body:
					`{"phoneA":"446075363777","phoneB":"448646607772","phoneX":"${X_UK}",` +
					`"extension":"101","expireSecond":86400,"customerBindId":"66666666","flag":1}`,
				verified: true,
			},
		]);
		expectSigned(r);
		const [item] = jsonOf(r.items);
		expect(item).toEqual({
			bindId: expect.stringMatching(/^[0-9a-f]{32}$/),
			did: X_UK,
			extension: '101',
			customerBindId: '66666666',
			requestId: expect.stringMatching(/^\d{19}$/),
		});
		expect(pairedOf(r.items)).toEqual([{ item: 0 }]);
		expect(binding(item.bindId as string)).toMatchObject({
			phoneA: '446075363777',
			phoneB: '448646607772',
			extension: '101',
			flag: 1,
		});
		// the stripped "+" and spaces are reported as a notice, not an error
		expect(JSON.stringify(r.run.data.resultData.runData.Node[0].hints)).toContain(
			'Phone A: \\"+44 6075 363777\\" was sent as 446075363777',
		);
	});

	test('Bind AXB Extension without B, never expiring', async () => {
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxbExtension',
			phoneA: '447700900001',
			phoneX: X_UK,
			extension: '102',
			expiry: 'never',
		});
		expect(r.requests.map((q) => q.body)).toEqual([
			`{"phoneA":"447700900001","phoneX":"${X_UK}","extension":"102","expireSecond":0}`,
		]);
		expectSigned(r);
		expect(binding(r.items[0].json.bindId as string)).toMatchObject({ expireAt: 0, phoneB: '' });
	});

	test('Bind AXB: expressions per item, "until" converted to seconds from now, one item per input', async () => {
		const r = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'bindAxb',
				phoneA: '={{$json.a}}',
				phoneB: '={{$json.b}}',
				expiry: 'until',
				expireUntil: 'in 2 hours',
				additionalFields: { recording: false },
			},
			[
				{ a: '85261234567', b: '85291234567' },
				{ a: '85261234568', b: '85291234568' },
			],
			{},
		);
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'bindAXB',
				path: ACTION_PATH,
				body: '{"phoneA":"85261234567","phoneB":"85291234567","expireSecond":7200,"flag":0}',
				verified: true,
			},
			{
				action: 'bindAXB',
				path: ACTION_PATH,
				body: '{"phoneA":"85261234568","phoneB":"85291234568","expireSecond":7200,"flag":0}',
				verified: true,
			},
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			{
				bindId: expect.any(String),
				did: expect.stringMatching(/^852300000\d\d$/),
				extension: null,
				requestId: expect.any(String),
			},
			{
				bindId: expect.any(String),
				did: expect.stringMatching(/^852300000\d\d$/),
				extension: null,
				requestId: expect.any(String),
			},
		]);
		expect(pairedOf(r.items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Bind AXB with an absolute "until" date: seconds from now', async () => {
		const until = new Date(Date.now() + 86400 * 1000).toISOString();
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '85261234570',
			phoneB: '85291234570',
			expiry: 'until',
			expireUntil: until,
		});
		const body = JSON.parse(r.requests[0].body as string) as IDataObject;
		expect(Object.keys(body)).toEqual(['phoneA', 'phoneB', 'expireSecond']);
		expect(body.expireSecond).toBeGreaterThanOrEqual(86398);
		expect(body.expireSecond).toBeLessThanOrEqual(86400);
		expectSigned(r);
	});

	test('Bind AXG: group picked from the list; by ID from an expression', async () => {
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxg',
			phoneA: '85262000001',
			groupId: list(SEEDED_GROUP),
			expiry: 'seconds',
			expireSeconds: 3600,
			additionalFields: { phoneB: '85261000001', recording: true },
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'bindAXG',
				path: ACTION_PATH,
				body: `{"phoneA":"85262000001","groupId":"${SEEDED_GROUP}","phoneB":"85261000001","expireSecond":3600,"flag":1}`,
				verified: true,
			},
		]);
		expect(jsonOf(r.items)).toEqual([
			{
				bindId: expect.any(String),
				did: expect.stringMatching(/^852/),
				extension: null,
				requestId: expect.any(String),
			},
		]);

		const r2 = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'bindAxg',
				phoneA: '85262000002',
				groupId: byId('={{$json.group}}'),
				expiry: 'never',
				additionalFields: { phoneX: X_HK2, customerBindId: 'axg-1' },
			},
			[{ group: SEEDED_GROUP }],
		);
		expect(r2.requests.map((q) => q.body)).toEqual([
			`{"phoneA":"85262000002","groupId":"${SEEDED_GROUP}","phoneX":"${X_HK2}","expireSecond":0,"customerBindId":"axg-1"}`,
		]);
		expectSigned(r2);
		expect(r2.items[0].json).toMatchObject({ did: X_HK2, customerBindId: 'axg-1' });
	});

	test('Look Up Route: who the caller reaches through X (and an extension)', async () => {
		const bound = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '85261111001',
			phoneB: '85291111001',
			expiry: 'never',
		});
		const did = bound.items[0].json.did as string;
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'lookUpRoute',
			caller: '85261111001',
			did,
		});
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'queryAXB',
				path: ACTION_PATH,
				body: `{"caller":"85261111001","did":"${did}"}`,
				verified: true,
			},
		]);
		expectSigned(r);
		expect(r.items[0].json).toMatchObject({
			callee: '85291111001',
			bindType: 1,
			callId: expect.any(String),
			requestId: expect.any(String),
		});

		const ext = await runNode(sb, {
			resource: 'binding',
			operation: 'lookUpRoute',
			caller: '447700900777',
			did: X_UK,
			additionalFields: { extension: '101' },
		});
		expect(ext.requests.map((q) => q.body)).toEqual([
			`{"caller":"447700900777","did":"${X_UK}","extension":"101"}`,
		]);
		expect(ext.items[0].json).toMatchObject({
			callee: '446075363777',
			bindType: 4,
			extension: '101',
		});
	});

	test('Find Bindings: all pages read, matched on Customer Bind ID, A, B or X', async () => {
		sb.seedNxBindings(1200); // more than one page of getAXBList
		const bound = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '85261230001',
			phoneB: '85291230001',
			expiry: 'seconds',
			expireSeconds: 3600,
			additionalFields: { customerBindId: 'order-find-1' },
		});
		expect(bound.error).toBeUndefined();
		const { bindId } = bound.items[0].json;

		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'find',
			additionalFields: { findCustomerBindId: 'order-find-1' },
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire).map((req) => req.body)).toEqual([
			'{"limit":1000,"offset":0}',
			'{"limit":1000,"offset":1000}',
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			expect.objectContaining({ bindId, customerBindId: 'order-find-1', phoneA: '85261230001' }),
		]);
		expect(pairedOf(r.items)).toEqual([{ item: 0 }]);

		// several filters must all hold; a number given with + is normalised like the bind's
		const byNumbers = await runNode(sb, {
			resource: 'binding',
			operation: 'find',
			additionalFields: { findPhoneA: '+852 6123 0001', findPhoneB: '85291230001' },
		});
		expect(jsonOf(byNumbers.items).map((item) => item.bindId)).toEqual([bindId]);
		const none = await runNode(sb, {
			resource: 'binding',
			operation: 'find',
			additionalFields: { findPhoneA: '85261230001', findPhoneB: '85291239999' },
		});
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);

		// no filter at all is refused before anything is sent
		const before = sb.stats().requests.total;
		const refused = await runNode(sb, { resource: 'binding', operation: 'find' });
		expect(refused.error?.message).toMatch(
			/^Invalid Customer Bind ID: give it, or Phone A, Phone B or the X number/,
		);
		expect(sb.stats().requests.total).toBe(before);
	});

	test('List with a limit and offset: one item per binding', async () => {
		const total = sb.state.nxcloud.bindings.size;
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'list',
			returnAll: false,
			limit: 2,
			offset: 1,
		});
		expect(r.requests.map(wire)).toEqual([
			{ action: 'getAXBList', path: ACTION_PATH, body: '{"limit":2,"offset":1}', verified: true },
		]);
		expectSigned(r);
		expect(total).toBeGreaterThan(3);
		expect(r.items).toHaveLength(2);
		// sorted by creation: offset 1 skips the first bind of this file (the seed body) and starts at the second one
		expect(r.items[0].json).toEqual({
			customerId: 100001,
			businessId: 'sandboxBusiness01',
			bindId: expect.stringMatching(/^[0-9a-f]{32}$/),
			customerBindId: '',
			phoneA: '447700900001',
			phoneB: '',
			did: X_UK,
			flag: 0,
			expireAt: 0,
			extension: '102',
			expiresAt: null,
		});
		const second = r.items[1].json;
		expect(second).toMatchObject({ phoneA: '85261234567', phoneB: '85291234567', flag: 0 });
		expect(second.expiresAt).toBe(new Date((second.expireAt as number) * 1000).toISOString());
		expect(pairedOf(r.items)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Unbind by bind ID and by customer bind ID', async () => {
		const bound = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '85261111002',
			phoneB: '85291111002',
			expiry: 'never',
		});
		const bindId = bound.items[0].json.bindId as string;
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'unbind',
			unbindBy: 'bindId',
			bindId,
		});
		expect(r.requests.map(wire)).toEqual([
			{ action: 'unbindAXB', path: ACTION_PATH, body: `{"bindId":"${bindId}"}`, verified: true },
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([{ unbound: true, bindId, requestId: expect.any(String) }]);
		expect(binding(bindId)).toBeUndefined();

		const byCustomer = await runNode(sb, {
			resource: 'binding',
			operation: 'unbind',
			unbindBy: 'customerBindId',
			customerBindId: '66666666',
		});
		expect(byCustomer.requests.map((q) => q.body)).toEqual(['{"customerBindId":"66666666"}']);
		expect(jsonOf(byCustomer.items)).toEqual([
			{ unbound: true, customerBindId: '66666666', requestId: expect.any(String) },
		]);
	});

	test('Return Raw Response gives the whole envelope', async () => {
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '85261111003',
			phoneB: '85291111003',
			expiry: 'never',
			options: { rawResponse: true },
		});
		expect(r.items[0].json).toEqual({
			code: 0,
			msg: 'success',
			requestId: expect.any(String),
			data: { bindId: expect.any(String), did: expect.any(String) },
		});
	});
});

describe('Binding (REST API)', () => {
	test('Bind AXE: POST /v1/pns/bind/axe with the bindAXE header, typed JSON', async () => {
		const r = await runNode(sb, {
			resource: 'bindingRest',
			operation: 'bindAxe',
			businessId: BUSINESS_ID,
			phoneA: '85263000001',
			expiry: 'seconds',
			expireSeconds: 7200,
			additionalFields: { customerBindId: 'axe-1', recording: true, ext: 'order-1', iso2X: 'hk' },
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'bindAXE',
				path: '/v1/pns/bind/axe',
				body:
					`{"businessId":"${BUSINESS_ID}","phoneA":"85263000001","bindExpireSecond":7200,` +
					`"customerBindId":"axe-1","recording":true,"ext":"order-1","iso2X":"HK"}`,
				verified: true,
			},
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			{
				bindId: expect.any(String),
				did: expect.stringMatching(/^852/),
				extension: expect.stringMatching(/^\d{4}$/),
				customerBindId: 'axe-1',
				requestId: expect.any(String),
			},
		]);
	});

	test('Bind AXEYB: X and Y given, expiry until a time', async () => {
		const r = await runNode(sb, {
			resource: 'bindingRest',
			operation: 'bindAxeyb',
			businessId: BUSINESS_ID,
			phoneA: '85263000002',
			phoneB: '85293000002',
			expiry: 'until',
			expireUntil: 'in 1 hour',
			additionalFields: { didX: X_HK, didY: X_HK2 },
		});
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'bindAXEYB',
				path: '/v1/pns/bind/axeyb',
				body:
					`{"businessId":"${BUSINESS_ID}","phoneA":"85263000002","phoneB":"85293000002",` +
					`"bindExpireSecond":3600,"didX":"${X_HK}","didY":"${X_HK2}"}`,
				verified: true,
			},
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			{
				bindId: expect.any(String),
				did: X_HK,
				didY: X_HK2,
				extension: expect.stringMatching(/^\d{4}$/),
				requestId: expect.any(String),
			},
		]);
	});

	test('Bind XYB: every strategy field typed', async () => {
		const r = await runNode(sb, {
			resource: 'bindingRest',
			operation: 'bindXyb',
			businessId: BUSINESS_ID,
			phoneB: '85293000003',
			expiry: 'seconds',
			expireSeconds: 600,
			additionalFields: {
				customerUserId: 'u-1',
				customerBindId: 'xyb-1',
				delayedGetY: true,
				recording: false,
				bindExpireStrategy: 2,
				callInExpireSecond: 300,
				callInExpireStrategy: 1,
				ext: 'x',
			},
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'bindXYB',
				path: '/v1/pns/bind/xyb',
				body:
					`{"businessId":"${BUSINESS_ID}","phoneB":"85293000003","bindExpireSecond":600,"customerUserId":"u-1",` +
					`"customerBindId":"xyb-1","delayedGetY":true,"recording":false,` +
					`"bindExpireStrategy":2,"callInExpireSecond":300,"callInExpireStrategy":1,"ext":"x"}`,
				verified: true,
			},
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			{
				bindId: expect.any(String),
				did: expect.stringMatching(/^852/),
				didY: expect.stringMatching(/^852/),
				extension: null,
				customerBindId: 'xyb-1',
				requestId: expect.any(String),
			},
		]);
	});
});

describe('Number Group', () => {
	let groupId: string;

	test('Create: phones normalised, groupId from the answer', async () => {
		const r = await runNode(sb, {
			resource: 'group',
			operation: 'create',
			phones: '85261000011, +85261000012',
			additionalFields: { groupName: 'vip', remark: 'r' },
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'createGroup',
				path: ACTION_PATH,
				body: '{"phones":"85261000011,85261000012","groupName":"vip","remark":"r"}',
				verified: true,
			},
		]);
		expectSigned(r);
		groupId = r.items[0].json.groupId as string;
		expect(jsonOf(r.items)).toEqual([
			{
				groupId: expect.stringMatching(/^g\d+$/),
				groupName: 'vip',
				phones: '85261000011,85261000012',
				requestId: expect.any(String),
			},
		]);
	});

	test('List with Return All: one item per group', async () => {
		const r = await runNode(sb, { resource: 'group', operation: 'list', returnAll: true });
		expect(r.requests.map(wire)).toEqual([
			{ action: 'listGroup', path: ACTION_PATH, body: '{"limit":1000,"offset":0}', verified: true },
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			expect.objectContaining({ groupId: SEEDED_GROUP, groupName: 'sandbox-group' }),
			expect.objectContaining({
				groupId,
				groupName: 'vip',
				phones: '85261000011,85261000012',
				remark: 'r',
			}),
		]);
	});

	test.each([
		['addNumbers', 0, '85261000013', ['85261000011', '85261000012', '85261000013']],
		['removeNumbers', 1, '85261000011', ['85261000012', '85261000013']],
		['replaceNumbers', 2, '85261000021,85261000022', ['85261000021', '85261000022']],
	])('%s: updateGroup operateType %i', async (operation, operateType, phones, after) => {
		const r = await runNode(sb, { resource: 'group', operation, groupId: list(groupId), phones });
		expect(r.error).toBeUndefined();
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'updateGroup',
				path: ACTION_PATH,
				body: `{"operateType":${operateType},"groupId":"${groupId}","phones":"${phones}"}`,
				verified: true,
			},
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([
			{ updated: true, groupId, operateType, phones, requestId: expect.any(String) },
		]);
		expect(sb.state.nxcloud.groups.get(groupId)?.phones).toEqual(after);
	});

	test('Delete (group given by ID)', async () => {
		const r = await runNode(sb, { resource: 'group', operation: 'delete', groupId: byId(groupId) });
		expect(r.requests.map(wire)).toEqual([
			{
				action: 'deleteGroup',
				path: ACTION_PATH,
				body: `{"groupId":"${groupId}"}`,
				verified: true,
			},
		]);
		expectSigned(r);
		expect(jsonOf(r.items)).toEqual([{ deleted: true, groupId, requestId: expect.any(String) }]);
		expect(sb.state.nxcloud.groups.has(groupId)).toBe(false);
	});
});

// Last in the file: jest runs a file's tests in order, so every case above has run (when the whole file runs).
describe('Call', () => {
	test('Download Recording: the recordFile URL of a call-result push, into binary data, without the keys', async () => {
		const bound = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxb',
			phoneA: '85261239001',
			phoneB: '85291239001',
			expiry: 'seconds',
			expireSeconds: 3600,
			additionalFields: { recording: true },
		});
		expect(bound.error).toBeUndefined();
		const call = await sb.simulateCall({
			provider: 'nxcloud',
			bindId: String(bound.items[0].json.bindId),
			answered: true,
		});
		const recordFile = `${sb.url}/__sandbox/recordings/${call.callId}.mp3`;
		const r = await runWorkflow(
			sb,
			{
				resource: 'call',
				operation: 'downloadRecording',
				recordingUrl: '={{ $json.recordFile }}',
				callId: '={{ $json.callId }}',
			},
			[{ callId: call.callId, recordFile }],
		);
		expect(r.error).toBeUndefined();
		expect(r.requests).toEqual([]); // no NXCloud API call: the file only
		expect(jsonOf(r.items)).toEqual([
			{ callId: call.callId, fileName: `${call.callId}.mp3`, mimeType: 'audio/mpeg' },
		]);
		const file = Buffer.from(String(r.items[0].binary?.data.data), 'base64');
		expect(file.equals(recordingBytes(call.callId))).toBe(true);
		const fetches = (
			sb.state as unknown as { recordingFetches: Array<{ path: string; headers: IDataObject }> }
		).recordingFetches.filter((f) => f.path.includes(call.callId));
		expect(fetches).toHaveLength(1);
		expect(Object.keys(fetches[0].headers)).not.toEqual(
			expect.arrayContaining(['accesskey', 'sign', 'ts', 'authorization']),
		);
		ran.add('call:downloadRecording');
	});

	test('Download Recording refuses a recording URL that is not http(s), before fetching', async () => {
		const r = await runWorkflow(sb, {
			resource: 'call',
			operation: 'downloadRecording',
			recordingUrl: 'file:///etc/passwd',
			callId: 'c1',
		});
		expect(r.error?.message).toMatch(/^Invalid Recording URL: .*an http\(s\) URL/);
	});
});

describe('every operation runs in a workflow against the sandbox', () => {
	test('the cases cover every resource:operation pair of nxOperations', () => {
		const all = nxOperations.map((op) => `${op.resource}:${op.value}`);
		expect(new Set(all).size).toBe(all.length);
		expect([...ran].sort()).toEqual([...all].sort());
		expect(all.length).toBeGreaterThanOrEqual(15);
	});
});
