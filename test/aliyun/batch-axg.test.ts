/**
 * Bind AXG in Batch: a long AxgBindList is sent in chunks of at most 100 entries, and every entry comes back as its own
 * item with its own Code (partial success), paired to the input item that carried the list.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { BATCH_AXG_CHUNK } from '../../nodes/AliyunPhoneNumberProtection/actions/binding';
import { AXG_POOL, businessParams, runNode, startSandbox } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

const EXPIRATION = '2030-01-01 10:00:00';
const MISSING_GROUP = '9999999';

function entries(count: number, prefix: string, failAt: number[] = []): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		GroupId: failAt.includes(i) ? MISSING_GROUP : '1000001',
		PhoneNoA: `${prefix}${String(i).padStart(4, '0')}`,
		Expiration: EXPIRATION,
		OutId: `entry-${i}`,
	}));
}

test(
	`250 entries go out in chunks of at most ${BATCH_AXG_CHUNK}; each ` +
		`entry is an item with its own Code`,
	async () => {
		expect(BATCH_AXG_CHUNK).toBeLessThanOrEqual(100);
		const long = entries(250, '1380000', [150]);
		const short = entries(3, '1390000', [0]);
		const before = sb.stats().requests.byAction.BindBatchAxg ?? 0;
		const run = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'bindBatchAxg',
				poolKey: AXG_POOL,
				axgBindList: '={{ $json.list }}',
			},
			[{ list: JSON.stringify(long) }, { list: JSON.stringify(short) }],
		);
		expect(run.error).toBeUndefined();

		// 250 → 100 + 100 + 50, 3 → 3: four requests in all, each verified and within the chunk size
		expect((sb.stats().requests.byAction.BindBatchAxg ?? 0) - before).toBe(4);
		expect(run.requests).toHaveLength(4);
		const sentLists = run.requests.map((req) => {
			expect(req.action).toBe('BindBatchAxg');
			expect(req.verified).toBe(true);
			const params = businessParams(req);
			expect(Object.keys(params).sort()).toEqual(['AxgBindList', 'PoolKey']);
			expect(params.PoolKey).toBe(AXG_POOL);
			return JSON.parse(params.AxgBindList) as IDataObject[];
		});
		expect(sentLists.map((list) => list.length).sort((a, b) => b - a)).toEqual([100, 100, 50, 3]);
		// a 100-entry chunk is too long for a query string: it travels as a signed form body to a bare URL
		for (const req of run.requests) {
			const bigChunk = JSON.parse(String(req.params?.AxgBindList)).length === 100;
			if (bigChunk) {
				expect(req.method).toBe('POST');
				expect(req.path).toBe('/');
				expect(String(req.headers['content-type'])).toContain('application/x-www-form-urlencoded');
			}
		}
		const longLists = sentLists.filter((list) => String(list[0].PhoneNoA).startsWith('1380000'));
		// the chunks, in order, are exactly the original list
		expect(longLists.flat()).toEqual(long);

		// one item per entry, in order, paired to the input item that carried the list
		expect(run.items).toHaveLength(253);
		expect(run.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			...Array(250).fill(0),
			...Array(3).fill(1),
		]);
		const outputs = run.items.map((item) => item.json);
		expect(outputs.slice(0, 250).map((o) => o.index)).toEqual(
			Array.from({ length: 250 }, (_, i) => i),
		);
		expect(outputs.slice(250).map((o) => o.index)).toEqual([0, 1, 2]);

		const failed = outputs.filter((o) => o.code !== 'OK');
		expect(failed).toEqual([
			expect.objectContaining({
				index: 150,
				code: 'isv.INVALID_PARAMETERS',
				message: `GroupId not exists: ${MISSING_GROUP}`,
				groupId: MISSING_GROUP,
				phoneNoA: '13800000150',
				subsId: null,
				secretNo: null,
			}),
			expect.objectContaining({
				index: 0,
				code: 'isv.INVALID_PARAMETERS',
				groupId: MISSING_GROUP,
				phoneNoA: '13900000000',
				subsId: null,
			}),
		]);

		// every OK entry is a real binding in the sandbox with its own A, and carries its chunk's RequestId
		const requestIds = new Set(
			run.requests.map((req) => (req.response?.body as IDataObject).RequestId),
		);
		for (const out of outputs) {
			expect(requestIds.has(out.requestId)).toBe(true);
			if (out.code !== 'OK') continue;
			const binding = sb.state.aliyun.bindings.get(String(out.subsId)) as {
				phoneA: string;
				phoneX: string;
				groupId: number;
				outId: string;
			};
			expect(binding).toMatchObject({
				phoneA: out.phoneNoA,
				phoneX: out.secretNo,
				groupId: 1000001,
			});
		}
		expect(outputs.filter((o) => o.code === 'OK')).toHaveLength(251);
		// items 0..99 share the first chunk's RequestId, 100..199 the second's
		expect(new Set(outputs.slice(0, 100).map((o) => o.requestId)).size).toBe(1);
		expect(outputs[99].requestId).not.toBe(outputs[100].requestId);
	},
);

test('exactly 100 entries is one request; 101 is two', async () => {
	for (const [count, requests] of [
		[100, 1],
		[101, 2],
	]) {
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindBatchAxg',
			poolKey: AXG_POOL,
			axgBindList: JSON.stringify(entries(count, count === 100 ? '1370000' : '1360000')),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(requests);
		expect(run.items).toHaveLength(count);
		expect(run.items.every((item) => item.json.code === 'OK')).toBe(true);
	}
});
