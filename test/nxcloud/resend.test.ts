/*
 * A resent order on NXCloud: a customerBindId derived from the order makes the bind safe to repeat across
 * executions (NXCloud answers a repeated bind of a live customerBindId with that binding).
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { jsonOf, runNode, withFreshSandbox } from './helpers';

let sb: Sandbox;
withFreshSandbox((started) => (sb = started));

const bindOrder = {
	resource: 'binding',
	operation: 'bindAxb',
	phoneA: '={{ $json.customerPhone }}',
	phoneB: '={{ $json.courierPhone }}',
	expiry: 'until',
	expireUntil: 'in 2 hours',
	additionalFields: { customerBindId: '={{ $json.orderId }}' },
};
const order = { orderId: 'NX-ORDER-1', customerPhone: '85261230001', courierPhone: '85291230001' };

const bindingsOf = (customerBindId: string) =>
	[...sb.state.nxcloud.bindings.values()].filter(
		(b) => (b as unknown as IDataObject).customerBindId === customerBindId,
	);

test('the same order bound in two executions gets one binding, the second answering the first', async () => {
	const first = jsonOf((await runNode(sb, bindOrder, [order])).items)[0];
	const second = await runNode(sb, bindOrder, [order]);
	expect(second.requests.map((r) => r.action)).toEqual(['bindAXB']);
	expect(jsonOf(second.items)[0]).toMatchObject({
		bindId: first.bindId,
		did: first.did,
		customerBindId: 'NX-ORDER-1',
	});
	expect(bindingsOf('NX-ORDER-1')).toHaveLength(1);
});

test('without a customerBindId the resent order is bound twice', async () => {
	const plain = { ...bindOrder, additionalFields: {} };
	const first = jsonOf((await runNode(sb, plain, [order])).items)[0];
	const second = jsonOf((await runNode(sb, plain, [order])).items)[0];
	expect(second.bindId).not.toBe(first.bindId);
	const live = [...sb.state.nxcloud.bindings.values()].filter(
		(b) => (b as unknown as IDataObject).phoneA === order.customerPhone,
	);
	expect(live).toHaveLength(2);
});
