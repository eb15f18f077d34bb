/*
 * Reuse Live Binding: a bind that is safe to repeat across executions (a resent order after a worker died).
 * Workflows through n8n-core against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { withFreshSandbox } from '../helpers/sandbox';
import { AXB_POOL, AXN_POOL, jsonOf, runNode } from './helpers';

let sb: Sandbox;
withFreshSandbox((started) => (sb = started));

const EXPIRATION = '2030-01-01T10:00:00';
/** the sandbox's first Hangzhou X numbers of the AXB pool (ExpectCity 杭州 picks among them) */
const HANGZHOU_X = ['17001000000', '17001000001', '17001000002'].join(',');

const bindAxb = (options: IDataObject, additionalFields: IDataObject = {}) => ({
	resource: 'binding',
	operation: 'bindAxb',
	poolKey: AXB_POOL,
	phoneNoA: '={{ $json.a }}',
	phoneNoB: '={{ $json.b }}',
	expiration: EXPIRATION,
	additionalFields: { expectCity: '杭州', outOrderId: '={{ $json.order }}', ...additionalFields },
	options,
});

const bindingsOf = (order: string) =>
	[...sb.state.aliyun.bindings.values()].filter(
		(b) => (b as unknown as IDataObject).outOrderId === order,
	);
const actions = (run: { requests: Array<{ action?: string }> }) =>
	run.requests.map((r) => r.action);

test('a second run of the same order returns the first binding, and the sandbox holds one binding', async () => {
	const order = [{ a: '13800000101', b: '13900000101', order: 'ORD-REUSE-1' }];
	const reuse = { reuseLiveBinding: true, reuseXNumbers: HANGZHOU_X };

	const first = await runNode(sb, bindAxb(reuse), order);
	const [made] = jsonOf(first.items);
	expect(made).toMatchObject({ reused: false, secretNo: '17001000000' });
	// nothing on the first X yet: QuerySubsId answers isv.SUBS_NOT_EXIST for each X searched, then the bind
	expect(actions(first)).toEqual(['QuerySubsId', 'QuerySubsId', 'QuerySubsId', 'BindAxb']);

	const second = await runNode(sb, bindAxb(reuse), order);
	expect(jsonOf(second.items)).toEqual([
		{
			subsId: made.subsId,
			secretNo: made.secretNo,
			extension: null,
			requestId: expect.any(String),
			reused: true,
			expireDate: '2030-01-01 10:00:00',
		},
	]);
	expect(actions(second)).toEqual(['QuerySubsId', 'QuerySubscriptionDetail']);
	expect(bindingsOf('ORD-REUSE-1')).toHaveLength(1);
	expect(second.items[0].pairedItem).toEqual({ item: 0 });
});

test('without the option the same order is bound a second time, on another X', async () => {
	const order = [{ a: '13800000102', b: '13900000102', order: 'ORD-REUSE-2' }];
	const first = jsonOf((await runNode(sb, bindAxb({}), order)).items)[0];
	const second = jsonOf((await runNode(sb, bindAxb({}), order)).items)[0];
	expect(first).not.toHaveProperty('reused');
	expect(second.secretNo).not.toBe(first.secretNo);
	expect(bindingsOf('ORD-REUSE-2')).toHaveLength(2);
});

test('only a live binding of the same A and B counts: other parties, or an unbound one, are bound anew', async () => {
	const reuse = { reuseLiveBinding: true, reuseXNumbers: HANGZHOU_X };
	const a = '13800000103';
	const first = jsonOf(
		(await runNode(sb, bindAxb(reuse), [{ a, b: '13900000103', order: 'ORD-REUSE-3' }])).items,
	)[0];
	// same A, other B: a different pair, so a new binding
	const other = jsonOf(
		(await runNode(sb, bindAxb(reuse), [{ a, b: '13900000203', order: 'ORD-REUSE-3B' }])).items,
	)[0];
	expect(other).toMatchObject({ reused: false });
	expect(other.subsId).not.toBe(first.subsId);

	await runNode(sb, {
		resource: 'binding',
		operation: 'unbind',
		poolKey: AXB_POOL,
		subsId: first.subsId,
		secretNo: first.secretNo,
	});
	const again = jsonOf(
		(await runNode(sb, bindAxb(reuse), [{ a, b: '13900000103', order: 'ORD-REUSE-3' }])).items,
	)[0];
	expect(again).toMatchObject({ reused: false });
	expect(again.subsId).not.toBe(first.subsId);
});

test('with Phone No. X given, only that X is searched (one QuerySubsId) and no list is needed', async () => {
	const order = [{ a: '13800000104', b: '13900000104', order: 'ORD-REUSE-4' }];
	const params = bindAxb({ reuseLiveBinding: true }, { phoneNoX: '17001000005' });
	const first = await runNode(sb, params, order);
	const second = await runNode(sb, params, order);
	expect(actions(first)).toEqual(['QuerySubsId', 'BindAxb']);
	expect(actions(second)).toEqual(['QuerySubsId', 'QuerySubscriptionDetail']);
	expect(jsonOf(second.items)[0]).toMatchObject({
		reused: true,
		subsId: jsonOf(first.items)[0].subsId,
		secretNo: '17001000005',
	});
	expect(bindingsOf('ORD-REUSE-4')).toHaveLength(1);
});

test('AXN: a resent bind of the same A reuses its binding', async () => {
	const params = {
		resource: 'binding',
		operation: 'bindAxn',
		poolKey: AXN_POOL,
		phoneNoA: '13800000105',
		expiration: EXPIRATION,
		additionalFields: { outOrderId: 'ORD-REUSE-5' },
		options: { reuseLiveBinding: true, reuseXNumbers: '17002000000,17002000001' },
	};
	const first = jsonOf((await runNode(sb, params)).items)[0];
	const second = jsonOf((await runNode(sb, params)).items)[0];
	expect(second).toMatchObject({ reused: true, subsId: first.subsId, secretNo: first.secretNo });
	expect(bindingsOf('ORD-REUSE-5')).toHaveLength(1);
});

test('Reuse Live Binding without Phone No. X nor X Numbers to Search is refused before anything is sent', async () => {
	const run = await runNode(
		sb,
		bindAxb({ reuseLiveBinding: true }),
		[{ a: '13800000106', b: '13900000106', order: 'ORD-REUSE-6' }],
		{ continueOnFail: true },
	);
	expect(run.requests).toHaveLength(0);
	expect(String(jsonOf(run.items)[0].error)).toMatch(/X Numbers to Search.*Reuse Live Binding/);
});
