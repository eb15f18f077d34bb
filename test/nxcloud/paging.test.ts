/** Return All pages through getAXBList / listGroup with offset/limit pages of at most 1000; Limit makes one request. */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { jsonOf, runNode, withFreshSandbox } from './helpers';

let sb: Sandbox;
withFreshSandbox((started) => (sb = started));

const pages = (
	requests: Array<{ action: string | null; body?: string; verified: boolean }>,
): IDataObject[] =>
	requests.map((req) => ({
		action: req.action,
		verified: req.verified,
		...(JSON.parse(req.body as string) as IDataObject),
	}));

test('Return All on an account with 2,500 bindings: 2,500 items from 3 pages of at most 1000', async () => {
	const seeded = sb.seedNxBindings(2500);
	const r = await runNode(sb, { resource: 'binding', operation: 'list', returnAll: true });
	expect(r.error).toBeUndefined();
	expect(sb.stats().requests.byAction).toEqual({ getAXBList: 3 });
	expect(pages(r.requests)).toEqual([
		{ action: 'getAXBList', verified: true, limit: 1000, offset: 0 },
		{ action: 'getAXBList', verified: true, limit: 1000, offset: 1000 },
		{ action: 'getAXBList', verified: true, limit: 1000, offset: 2000 },
	]);
	expect(r.requests.map((req) => req.body)).toEqual([
		'{"limit":1000,"offset":0}',
		'{"limit":1000,"offset":1000}',
		'{"limit":1000,"offset":2000}',
	]);
	expect(r.items).toHaveLength(2500);
	expect(jsonOf(r.items).map((item) => item.bindId)).toEqual(seeded.map((b) => b.bindId));
	expect(new Set(jsonOf(r.items).map((item) => item.bindId)).size).toBe(2500);
	expect(r.items[2499].json).toMatchObject({
		customerBindId: 'seed-2499',
		phoneA: '85260002499',
		phoneB: '85290002499',
	});
	expect(r.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('exactly 2,000 bindings: the overall total ends paging without an empty third page', async () => {
	sb.seedNxBindings(2000);
	const r = await runNode(sb, { resource: 'binding', operation: 'list', returnAll: true });
	expect(r.items).toHaveLength(2000);
	expect(pages(r.requests).map((page) => page.offset)).toEqual([0, 1000]);
});

test('no bindings: one request, no items', async () => {
	const r = await runNode(sb, { resource: 'binding', operation: 'list', returnAll: true });
	expect(r.error).toBeUndefined();
	expect(r.items).toEqual([]);
	expect(r.requests.map((req) => req.body)).toEqual(['{"limit":1000,"offset":0}']);
});

test('Return All per input item: each item pages on its own, items paired to their input', async () => {
	sb.seedNxBindings(1500);
	const r = await runNode(
		sb,
		{ resource: 'binding', operation: 'list', returnAll: true, options: { concurrency: 1 } },
		[{}, {}],
	);
	expect(r.items).toHaveLength(3000);
	expect(pages(r.requests).map((page) => page.offset)).toEqual([0, 1000, 0, 1000]);
	const paired = r.items.map((item) => (item.pairedItem as { item: number }).item);
	expect(paired.slice(0, 1500).every((i) => i === 0)).toBe(true);
	expect(paired.slice(1500).every((i) => i === 1)).toBe(true);
});

test('Limit 1000 (the largest page) is one request', async () => {
	sb.seedNxBindings(1200);
	const r = await runNode(sb, {
		resource: 'binding',
		operation: 'list',
		returnAll: false,
		limit: 1000,
		offset: 0,
	});
	expect(r.items).toHaveLength(1000);
	expect(r.requests.map((req) => req.body)).toEqual(['{"limit":1000,"offset":0}']);
});

test('Number Group → List, Return All over 1,201 groups: 2 pages', async () => {
	const { groups, accounts } = sb.state.nxcloud;
	const owner = [...accounts.keys()][0];
	for (let i = 0; i < 1200; i++) {
		const groupId = `gp${String(i).padStart(5, '0')}`;
		groups.set(groupId, {
			groupId,
			owner,
			groupName: `group ${i}`,
			phones: ['85261000001'],
			remark: '',
		});
	}
	const r = await runNode(sb, { resource: 'group', operation: 'list', returnAll: true });
	expect(r.items).toHaveLength(1201);
	expect(r.requests.map((req) => req.body)).toEqual([
		'{"limit":1000,"offset":0}',
		'{"limit":1000,"offset":1000}',
	]);
	expect(r.requests.every((req) => req.action === 'listGroup' && req.verified)).toBe(true);
});

test('Return Raw Response with Return All: one item per page', async () => {
	sb.seedNxBindings(1001);
	const r = await runNode(sb, {
		resource: 'binding',
		operation: 'list',
		returnAll: true,
		options: { rawResponse: true },
	});
	expect(r.items).toHaveLength(2);
	expect(
		r.items.map((item) => ((item.json.data as IDataObject).bindList as unknown[]).length),
	).toEqual([1000, 1]);
});
