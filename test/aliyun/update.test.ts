/**
 * UpdateSubscription: for each of the eight Operate Types exactly the one field that type needs is sent
 * (while every other type-specific field is filled in on the node), and the binding changes in the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { bindingOperations } from '../../nodes/AliyunPhoneNumberProtection/actions/binding';
import { AXB_POOL, AXG_POOL, businessParams, runNode, startSandbox } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

interface Binding {
	subsId: string;
	phoneX: string;
	phoneA: string;
	phoneB: string | null;
	groupId: number | null;
	expireAt: number;
	needRecord: boolean;
	callRestrict: string | null;
	callDisplayType: number;
	outId: string | null;
}

const bindingOf = (subsId: string) => sb.state.aliyun.bindings.get(subsId) as Binding;

/** Every type-specific field of the Update operation, all filled: only the selected type's one may be sent. */
const ALL_TYPE_FIELDS: IDataObject = {
	phoneNoA: '13812340001',
	phoneNoB: '13912340001',
	expiration: '2032-02-02T12:00:00',
	groupId: '1000002',
	callRestrict: 'CONTROL_BX_DISABLE',
	callDisplayType: 1,
	outId: 'new-out-id',
	isRecordingEnabled: true,
};

interface UpdateCase {
	operateType: string;
	/** the one wire parameter this type sends, with its value */
	sent: Record<string, string>;
	/** overrides of ALL_TYPE_FIELDS */
	fields?: IDataObject;
	axg?: boolean;
	/** state before the update */
	prepare?: (binding: Binding) => void;
	/** binding state / detail item afterwards */
	check: (binding: Binding, detail: IDataObject) => void;
}

const updateCases: UpdateCase[] = [
	{
		operateType: 'updateNoA',
		sent: { PhoneNoA: '13812340001' },
		check: (b, d) => {
			expect(b.phoneA).toBe('13812340001');
			expect(d.PhoneNoA).toBe('13812340001');
		},
	},
	{
		operateType: 'updateNoB',
		sent: { PhoneNoB: '13912340001' },
		check: (b, d) => {
			expect(b.phoneB).toBe('13912340001');
			expect(d.PhoneNoB).toBe('13912340001');
		},
	},
	{
		operateType: 'updateExpire',
		sent: { Expiration: '2032-02-02 12:00:00' },
		check: (b, d) => {
			expect(b.expireAt).toBe(Date.parse('2032-02-02T12:00:00+08:00'));
			expect(d.ExpireDate).toBe('2032-02-02 12:00:00');
		},
	},
	{
		operateType: 'updateAxgGroup',
		axg: true,
		sent: { GroupId: '1000002' },
		check: (b, d) => {
			expect(b.groupId).toBe(1000002);
			expect(d.GroupId).toBe(1000002);
		},
	},
	{
		operateType: 'updateCallRestrict',
		sent: { CallRestrict: 'CONTROL_BX_DISABLE' },
		check: (b, d) => {
			expect(b.callRestrict).toBe('CONTROL_BX_DISABLE');
			expect(d.CallRestrict).toBe('CONTROL_BX_DISABLE');
		},
	},
	{
		operateType: 'updateCallDisplayType',
		sent: { CallDisplayType: '1' },
		prepare: (b) => {
			b.callDisplayType = 3;
		},
		check: (b) => expect(b.callDisplayType).toBe(1),
	},
	{
		operateType: 'updateOutId',
		sent: { OutId: 'new-out-id' },
		check: (b) => expect(b.outId).toBe('new-out-id'),
	},
	{
		operateType: 'updateIsRecordingEnabled',
		sent: { IsRecordingEnabled: 'true' },
		check: (b, d) => {
			expect(b.needRecord).toBe(true);
			expect(d.NeedRecord).toBe(true);
		},
	},
];

let seq = 0;
async function makeBinding(axg: boolean): Promise<Binding> {
	seq++;
	const run = await runNode(sb, {
		resource: 'binding',
		operation: axg ? 'bindAxg' : 'bindAxb',
		poolKey: axg ? AXG_POOL : AXB_POOL,
		phoneNoA: `1360000${String(seq).padStart(4, '0')}`,
		...(axg ? { groupId: '1000001' } : { phoneNoB: `1350000${String(seq).padStart(4, '0')}` }),
		expiration: 'in 1 day',
	});
	expect(run.error).toBeUndefined();
	return bindingOf(String(run.items[0].json.subsId));
}

async function update(binding: Binding, poolKey: string, operateType: string, fields: IDataObject) {
	return await runNode(sb, {
		resource: 'binding',
		operation: 'update',
		poolKey,
		subsId: binding.subsId,
		phoneNoX: binding.phoneX,
		operateType,
		...fields,
	});
}

async function detail(binding: Binding, poolKey: string): Promise<IDataObject> {
	const run = await runNode(sb, {
		resource: 'binding',
		operation: 'get',
		poolKey,
		subsId: binding.subsId,
		phoneNoX: binding.phoneX,
	});
	expect(run.error).toBeUndefined();
	return run.items[0].json;
}

describe('Update (UpdateSubscription) sends only the field of the chosen Operate Type', () => {
	test('the table covers all eight Operate Types of the node', () => {
		const updateOp = bindingOperations.find((op) => op.value === 'update');
		const typeField = updateOp?.fields.find((f) => f.name === 'operateType');
		const values = (typeField?.options ?? []).map((o) => o.value);
		expect(values.sort()).toEqual(updateCases.map((c) => c.operateType).sort());
		expect(values).toHaveLength(8);
	});

	test.each(updateCases.map((c) => [c.operateType, c] as const))('%s', async (_name, c) => {
		const poolKey = c.axg ? AXG_POOL : AXB_POOL;
		const binding = await makeBinding(c.axg === true);
		c.prepare?.(binding);
		const run = await update(binding, poolKey, c.operateType, { ...ALL_TYPE_FIELDS, ...c.fields });
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		const [req] = run.requests;
		expect(req.action).toBe('UpdateSubscription');
		expect(req.verified).toBe(true);
		expect((req.response?.body as IDataObject).Code).toBe('OK');
		expect(businessParams(req)).toEqual({
			PoolKey: poolKey,
			SubsId: binding.subsId,
			PhoneNoX: binding.phoneX,
			OperateType: c.operateType,
			...c.sent,
		});
		expect(run.items.map((i) => i.json)).toEqual([
			{
				updated: true,
				subsId: binding.subsId,
				operateType: c.operateType,
				requestId: (req.response?.body as IDataObject).RequestId,
			},
		]);
		c.check(bindingOf(binding.subsId), await detail(binding, poolKey));
	});

	test('updateCallRestrict with CONTROL_CLEAR_DISABLE clears a restriction', async () => {
		const binding = await makeBinding(false);
		const restrict = await update(binding, AXB_POOL, 'updateCallRestrict', {
			callRestrict: 'CONTROL_AX_DISABLE',
		});
		expect(restrict.error).toBeUndefined();
		expect((await detail(binding, AXB_POOL)).CallRestrict).toBe('CONTROL_AX_DISABLE');

		const clear = await update(binding, AXB_POOL, 'updateCallRestrict', {
			...ALL_TYPE_FIELDS,
			callRestrict: 'CONTROL_CLEAR_DISABLE',
		});
		expect(clear.error).toBeUndefined();
		expect(businessParams(clear.requests[0])).toEqual({
			PoolKey: AXB_POOL,
			SubsId: binding.subsId,
			PhoneNoX: binding.phoneX,
			OperateType: 'updateCallRestrict',
			CallRestrict: 'CONTROL_CLEAR_DISABLE',
		});
		expect(bindingOf(binding.subsId).callRestrict).toBeNull();
		expect((await detail(binding, AXB_POOL)).CallRestrict).toBeUndefined();
	});

	test('updateIsRecordingEnabled = false is sent (not dropped as empty) and turns recording off', async () => {
		const binding = await makeBinding(false);
		bindingOf(binding.subsId).needRecord = true;
		const run = await update(binding, AXB_POOL, 'updateIsRecordingEnabled', {
			isRecordingEnabled: false,
		});
		expect(run.error).toBeUndefined();
		expect(businessParams(run.requests[0])).toMatchObject({
			OperateType: 'updateIsRecordingEnabled',
			IsRecordingEnabled: 'false',
		});
		expect((await detail(binding, AXB_POOL)).NeedRecord).toBe(false);
	});

	test('the Operate Type may come from an expression per item; each item sends only its own field', async () => {
		const b1 = await makeBinding(false);
		const b2 = await makeBinding(false);
		const run = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'update',
				poolKey: AXB_POOL,
				subsId: '={{ $json.subsId }}',
				phoneNoX: '={{ $json.x }}',
				operateType: '={{ $json.type }}',
				...ALL_TYPE_FIELDS,
				phoneNoB: '13912349999',
				outId: '={{ $json.outId }}',
			},
			[
				{ subsId: b1.subsId, x: b1.phoneX, type: 'updateOutId', outId: 'per-item' },
				{ subsId: b2.subsId, x: b2.phoneX, type: 'updateNoB', outId: 'ignored' },
			],
		);
		expect(run.error).toBeUndefined();
		const sent = run.requests.map(businessParams).sort((x, y) => x.SubsId.localeCompare(y.SubsId));
		expect(sent).toEqual([
			{
				PoolKey: AXB_POOL,
				SubsId: b1.subsId,
				PhoneNoX: b1.phoneX,
				OperateType: 'updateOutId',
				OutId: 'per-item',
			},
			{
				PoolKey: AXB_POOL,
				SubsId: b2.subsId,
				PhoneNoX: b2.phoneX,
				OperateType: 'updateNoB',
				PhoneNoB: '13912349999',
			},
		]);
		expect(bindingOf(b1.subsId).outId).toBe('per-item');
		expect(bindingOf(b2.subsId).phoneB).toBe('13912349999');
	});
});
