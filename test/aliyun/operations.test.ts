/**
 * Must show #1: every operation of the node runs in a real n8n-core workflow against the sandbox.
 * Each case asserts the exact business parameter set the sandbox received (signature verified),
 * the node's output item(s) and, where the action changes something, the sandbox state afterwards.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { recordingBytes } from '../../sandbox/recording-files';
import { aliyunOperations } from '../../nodes/AliyunPhoneNumberProtection/actions';
import {
	AXB700_POOL,
	AXB_POOL,
	GXB700_POOL,
	AXG_POOL,
	AXN_POOL,
	businessParams,
	jsonOf,
	pairedOf,
	runNode,
	simulateCall,
	startSandbox,
} from './helpers';
import { aNumberReportCases } from './cases/aNumberReport';
import { fixedLineCases } from './cases/fixedLine';
import { pickupCases } from './cases/pickup';
import { bodyOf, nextPhone, onlyItem, single, type Cases } from './cases/shared';
import { workNumberCases } from './cases/workNumber';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

const EXPIRATION = '2030-01-01T10:00:00';
/** the harness' workflow timezone is Asia/Shanghai, so the picker value is already China time */
const EXPIRATION_CN = '2030-01-01 10:00:00';
const EXPIRE_AT = Date.parse('2030-01-01T10:00:00+08:00');
const MANDARIN = '7ee372834d2f4cc7ac0d0ab2d0ae1aac';

interface Binding {
	subsId: string;
	phoneX: string;
	phoneA: string;
	phoneB: string | null;
	extension: string | null;
	groupId: number | null;
	expireAt: number;
	needRecord: boolean;
	callRestrict: string | null;
	callDisplayType: number;
	outId: string | null;
	outOrderId: string | null;
	asrStatus: boolean;
	asrModelId: string | null;
	ringConfig: string | null;
	city: string;
}

const bindingOf = (subsId: unknown) =>
	sb.state.aliyun.bindings.get(String(subsId)) as Binding | undefined;
/** prerequisite binding made through the node itself */
async function bind(operation: string, poolKey: string, extra: IDataObject = {}): Promise<Binding> {
	const run = await runNode(sb, {
		resource: 'binding',
		operation,
		poolKey,
		phoneNoA: nextPhone(),
		expiration: EXPIRATION,
		...extra,
	});
	expect(run.error).toBeUndefined();
	const binding = bindingOf(run.items[0].json.subsId);
	expect(binding).toBeDefined();
	return binding as Binding;
}

async function createGroup(numbers: string[]): Promise<number> {
	const run = await runNode(sb, {
		resource: 'group',
		operation: 'create',
		poolKey: AXG_POOL,
		additionalFields: { numbers: numbers.join(',') },
	});
	expect(run.error).toBeUndefined();
	return Number(run.items[0].json.groupId);
}

const groupOf = (groupId: number) => sb.state.aliyun.groups.get(groupId);

const binding700Of = (subsId: string) =>
	(sb.state.aliyun as unknown as { bindings700: Map<string, IDataObject> }).bindings700.get(subsId);

/** A fresh AXB binding on a 700 number, made through the sandbox's API. */
async function bound700(): Promise<{ subsId: string; secretNo: string }> {
	const run = await runNode(sb, {
		resource: 'binding700',
		operation: 'bindAxb700',
		poolKey: AXB700_POOL,
		telA: nextPhone(),
		telB: nextPhone('139'),
		expiration: EXPIRATION,
	});
	const item = onlyItem(run);
	return { subsId: String(item.subsId), secretNo: String(item.secretNo) };
}

async function recordedCall(): Promise<{ binding: Binding; callId: string; callTime: string }> {
	const binding = await bind('bindAxb', AXB_POOL, {
		phoneNoB: nextPhone('139'),
		additionalFields: { isRecordingEnabled: true },
	});
	const { callId, callTime } = await simulateCall(sb, { subsId: binding.subsId, answered: true });
	return { binding, callId, callTime };
}

const classicCases: Cases = {
	'binding:bindAxb': async () => {
		const a = nextPhone();
		const b = nextPhone('139');
		const run = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'bindAxb',
				poolKey: AXB_POOL,
				phoneNoA: '={{ $json.a }}',
				phoneNoB: '={{ $json.b }}',
				expiration: EXPIRATION,
				additionalFields: {
					phoneNoX: '17001000019',
					expectCity: '杭州',
					isRecordingEnabled: true,
					outId: 'out-1',
					outOrderId: '={{ $json.order }}',
					callDisplayType: 1,
					callRestrict: 'CONTROL_BX_DISABLE',
					ringConfig: { AXBRing_A: '1001', AXBRing_B: '1002' },
					asrStatus: true,
					asrModelId: MANDARIN,
					callTimeout: 12,
					dtmfConfig: { endCallIvrPhoneNo: 'A', waitingDtmfTime: 10, maxLoop: 2, validKey: '1,2' },
				},
			},
			[{ a, b, order: 'order-axb-1' }],
		);
		const { req, body } = single(run, 'BindAxb');
		const sent = businessParams(req);
		expect(sent).toEqual({
			PoolKey: AXB_POOL,
			PhoneNoA: a,
			PhoneNoB: b,
			PhoneNoX: '17001000019',
			Expiration: EXPIRATION_CN,
			ExpectCity: '杭州',
			IsRecordingEnabled: 'true',
			OutId: 'out-1',
			OutOrderId: 'order-axb-1',
			CallDisplayType: '1',
			CallRestrict: 'CONTROL_BX_DISABLE',
			RingConfig: expect.any(String),
			ASRStatus: 'true',
			ASRModelId: MANDARIN,
			CallTimeout: '12',
			DtmfConfig: expect.any(String),
		});
		expect(JSON.parse(sent.RingConfig)).toEqual({ AXBRing_A: '1001', AXBRing_B: '1002' });
		expect(JSON.parse(sent.DtmfConfig)).toEqual({
			endCallIvrPhoneNo: 'A',
			waitingDtmfTime: 10,
			maxLoop: 2,
			validKey: '1,2',
		});
		const dto = body.SecretBindDTO as IDataObject;
		expect(onlyItem(run)).toEqual({
			subsId: dto.SubsId,
			secretNo: '17001000019',
			extension: null,
			requestId: body.RequestId,
		});
		expect(bindingOf(dto.SubsId)).toMatchObject({
			kind: 'AXB',
			phoneA: a,
			phoneB: b,
			phoneX: '17001000019',
			expireAt: EXPIRE_AT,
			needRecord: true,
			callRestrict: 'CONTROL_BX_DISABLE',
			outOrderId: 'order-axb-1',
			asrStatus: true,
		});
	},

	'binding:bindAxn': async () => {
		const a = nextPhone();
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxn',
			poolKey: AXN_POOL,
			phoneNoA: a,
			expiration: EXPIRATION,
			additionalFields: {
				phoneNoB: '13912345678',
				expectCity: '北京',
				callTimeout: 5,
				ringConfig: { AXNRing_N: '2001' },
			},
		});
		const { req, body } = single(run, 'BindAxn');
		expect(businessParams(req)).toEqual({
			PoolKey: AXN_POOL,
			PhoneNoA: a,
			PhoneNoB: '13912345678',
			Expiration: EXPIRATION_CN,
			ExpectCity: '北京',
			CallTimeout: '5',
			RingConfig: '{"AXNRing_N":"2001"}',
		});
		const item = onlyItem(run);
		const dto = body.SecretBindDTO as IDataObject;
		expect(item).toEqual({
			subsId: dto.SubsId,
			secretNo: dto.SecretNo,
			extension: null,
			requestId: body.RequestId,
		});
		expect(bindingOf(item.subsId)).toMatchObject({
			kind: 'AXN',
			phoneA: a,
			phoneB: '13912345678',
			city: '北京',
			phoneX: item.secretNo,
		});
	},

	'binding:bindAxnExtension': async () => {
		const a = nextPhone();
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxnExtension',
			poolKey: AXN_POOL,
			phoneNoA: a,
			expiration: EXPIRATION,
			additionalFields: {
				extension: '42',
				phoneNoX: '17002200005',
				callDisplayType: 1,
				ringConfig: { AXNRing_A: '3001', AXNRing_AB: '3002', AXNRing_N: '3003' },
				asrStatus: true,
				asrModelId: '9b4afe3d224e4fa3bf963697113e2f77',
				callRestrict: 'CONTROL_AX_DISABLE',
			},
		});
		const { req, body } = single(run, 'BindAxnExtension');
		const sent = businessParams(req);
		expect(sent).toEqual({
			PoolKey: AXN_POOL,
			PhoneNoA: a,
			PhoneNoX: '17002200005',
			Extension: '42',
			Expiration: EXPIRATION_CN,
			CallDisplayType: '1',
			RingConfig: expect.any(String),
			ASRStatus: 'true',
			ASRModelId: '9b4afe3d224e4fa3bf963697113e2f77',
			CallRestrict: 'CONTROL_AX_DISABLE',
		});
		expect(JSON.parse(sent.RingConfig)).toEqual({
			AXNRing_A: '3001',
			AXNRing_AB: '3002',
			AXNRing_N: '3003',
		});
		expect(onlyItem(run)).toEqual({
			subsId: (body.SecretBindDTO as IDataObject).SubsId,
			secretNo: '17002200005',
			extension: '42',
			requestId: body.RequestId,
		});
		expect(bindingOf((body.SecretBindDTO as IDataObject).SubsId)).toMatchObject({
			kind: 'AXN_EXTENSION',
			extension: '42',
			phoneA: a,
		});
	},

	'binding:bindAxg': async () => {
		const groupId = await createGroup([nextPhone('137'), nextPhone('137')]);
		const a = nextPhone();
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxg',
			poolKey: AXG_POOL,
			phoneNoA: a,
			groupId: String(groupId),
			expiration: EXPIRATION,
			additionalFields: {
				phoneNoB: '13911112222',
				outId: 'axg',
				ringConfig: { AXGRing_G: '4001' },
				isRecordingEnabled: false,
			},
		});
		const { req, body } = single(run, 'BindAxg');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			PhoneNoA: a,
			GroupId: String(groupId),
			PhoneNoB: '13911112222',
			Expiration: EXPIRATION_CN,
			OutId: 'axg',
			RingConfig: '{"AXGRing_G":"4001"}',
			IsRecordingEnabled: 'false',
		});
		const dto = body.SecretBindDTO as IDataObject;
		expect(onlyItem(run)).toEqual({
			subsId: dto.SubsId,
			secretNo: dto.SecretNo,
			extension: null,
			requestId: body.RequestId,
		});
		expect(bindingOf(dto.SubsId)).toMatchObject({
			kind: 'AXG',
			groupId,
			phoneA: a,
			needRecord: false,
		});
	},

	'binding:bindBatchAxg': async () => {
		const groupId = await createGroup([nextPhone('137')]);
		const [a1, a2] = [nextPhone(), nextPhone()];
		const list = [
			{ GroupId: String(groupId), PhoneNoA: a1, Expiration: EXPIRATION, OutId: 'batch-1' },
			{ GroupId: groupId, PhoneNoA: a2, Expiration: EXPIRATION, IsRecordingEnabled: true },
		];
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindBatchAxg',
			poolKey: AXG_POOL,
			axgBindList: JSON.stringify(list),
		});
		const { req, body } = single(run, 'BindBatchAxg');
		const sent = businessParams(req);
		expect(Object.keys(sent).sort()).toEqual(['AxgBindList', 'PoolKey']);
		expect(sent.PoolKey).toBe(AXG_POOL);
		expect(JSON.parse(sent.AxgBindList)).toEqual([
			{ GroupId: String(groupId), PhoneNoA: a1, Expiration: EXPIRATION_CN, OutId: 'batch-1' },
			{
				GroupId: String(groupId),
				PhoneNoA: a2,
				Expiration: EXPIRATION_CN,
				IsRecordingEnabled: true,
			},
		]);
		const entries = (body.SecretBindList as { SecretBind: IDataObject[] }).SecretBind;
		expect(jsonOf(run.items)).toEqual(
			entries.map((entry, index) => ({
				index,
				code: 'OK',
				message: 'OK',
				groupId: String(groupId),
				phoneNoA: index === 0 ? a1 : a2,
				subsId: entry.SubsId,
				secretNo: entry.SecretNo,
				extension: null,
				requestId: body.RequestId,
			})),
		);
		expect(pairedOf(run.items)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(bindingOf(entries[1].SubsId)).toMatchObject({
			kind: 'AXG',
			phoneA: a2,
			needRecord: true,
			groupId,
		});
	},

	'binding:update': async () => {
		const binding = await bind('bindAxb', AXB_POOL, { phoneNoB: nextPhone('139') });
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'update',
			poolKey: AXB_POOL,
			subsId: binding.subsId,
			phoneNoX: binding.phoneX,
			operateType: 'updateExpire',
			expiration: '2031-06-30 23:59:00',
		});
		const { req, body } = single(run, 'UpdateSubscription');
		expect(businessParams(req)).toEqual({
			PoolKey: AXB_POOL,
			SubsId: binding.subsId,
			PhoneNoX: binding.phoneX,
			OperateType: 'updateExpire',
			Expiration: '2031-06-30 23:59:00',
		});
		expect(onlyItem(run)).toEqual({
			updated: true,
			subsId: binding.subsId,
			operateType: 'updateExpire',
			requestId: body.RequestId,
		});
		expect(bindingOf(binding.subsId)?.expireAt).toBe(Date.parse('2031-06-30T23:59:00+08:00'));
	},

	'binding:unbind': async () => {
		const binding = await bind('bindAxn', AXN_POOL);
		const run = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'unbind',
				poolKey: AXN_POOL,
				subsId: '={{ $json.subsId }}',
				secretNo: '={{ $json.x }}',
			},
			[{ subsId: binding.subsId, x: binding.phoneX }],
		);
		const { req, body } = single(run, 'UnbindSubscription');
		expect(businessParams(req)).toEqual({
			PoolKey: AXN_POOL,
			SubsId: binding.subsId,
			SecretNo: binding.phoneX,
		});
		expect(onlyItem(run)).toEqual({
			unbound: true,
			subsId: binding.subsId,
			secretNo: binding.phoneX,
			requestId: body.RequestId,
		});
		expect(bindingOf(binding.subsId)).toBeUndefined();
	},

	'binding:get': async () => {
		const binding = await bind('bindAxb', AXB_POOL, {
			phoneNoB: nextPhone('139'),
			additionalFields: { callRestrict: 'CONTROL_AX_DISABLE', isRecordingEnabled: true },
		});
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'get',
			poolKey: AXB_POOL,
			subsId: binding.subsId,
			phoneNoX: binding.phoneX,
		});
		const { req, body } = single(run, 'QuerySubscriptionDetail');
		expect(businessParams(req)).toEqual({
			PoolKey: AXB_POOL,
			SubsId: binding.subsId,
			PhoneNoX: binding.phoneX,
		});
		const { expiresAt, createdAt, ...item } = onlyItem(run);
		// ISO forms of the two China-time dates, when the node adds them
		if (expiresAt !== undefined) expect(expiresAt).toBe('2030-01-01T10:00:00+08:00');
		if (createdAt !== undefined)
			expect(createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
		expect(item).toEqual({
			SubsId: binding.subsId,
			PhoneNoA: binding.phoneA,
			PhoneNoB: binding.phoneB,
			PhoneNoX: binding.phoneX,
			Extension: '',
			ExpireDate: EXPIRATION_CN,
			GmtCreate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			Status: 1,
			NeedRecord: true,
			ASRStatus: false,
			CallRestrict: 'CONTROL_AX_DISABLE',
			requestId: body.RequestId,
		});
	},

	'binding:findByX': async () => {
		const binding = await bind('bindAxn', AXN_POOL);
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'findByX',
			poolKey: AXN_POOL,
			phoneNoX: binding.phoneX,
		});
		const { req, body } = single(run, 'QuerySubsId');
		expect(businessParams(req)).toEqual({ PoolKey: AXN_POOL, PhoneNoX: binding.phoneX });
		expect(onlyItem(run)).toEqual({
			phoneNoX: binding.phoneX,
			subsId: binding.subsId,
			subsIds: [binding.subsId],
			requestId: body.RequestId,
		});
	},

	'binding:find': async () => {
		// two bindings on one X (AXB: X is shared by different parties), one of them matching A
		const first = await bind('bindAxb', AXB_POOL, { phoneNoB: nextPhone('139') });
		const second = await bind('bindAxb', AXB_POOL, {
			phoneNoB: nextPhone('139'),
			phoneNoX: first.phoneX,
		});
		const emptyX = '17001200019';
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'find',
			poolKey: AXB_POOL,
			xNumbers: `${first.phoneX}, ${emptyX}`,
			additionalFields: { filterPhoneNoA: second.phoneA },
		});
		expect(run.error).toBeUndefined();
		const actions = run.requests.map((req) => `${req.action} ${businessParams(req).PhoneNoX}`);
		// every binding on the first X is read (earlier cases may have left some there too); the X without bindings
		// answers SUBS_NOT_EXIST: no match, no error
		const onFirst = String(bodyOf(run.requests[0]).SubsId).split(',');
		expect(onFirst).toEqual(expect.arrayContaining([first.subsId, second.subsId]));
		expect(actions).toEqual([
			`QuerySubsId ${first.phoneX}`,
			...onFirst.map(() => `QuerySubscriptionDetail ${first.phoneX}`),
			`QuerySubsId ${emptyX}`,
		]);
		expect(bodyOf(run.requests[actions.length - 1])).toMatchObject({ Code: 'isv.SUBS_NOT_EXIST' });
		const item = onlyItem(run);
		expect(item).toMatchObject({
			SubsId: second.subsId,
			PhoneNoA: second.phoneA,
			PhoneNoB: second.phoneB,
			PhoneNoX: first.phoneX,
			Status: 1,
		});
		expect(String(item.expiresAt)).toMatch(/\+08:00$/);

		// nothing matches: no items, no error
		const none = await runNode(sb, {
			resource: 'binding',
			operation: 'find',
			poolKey: AXB_POOL,
			xNumbers: first.phoneX,
			additionalFields: { filterPhoneNoA: nextPhone() },
		});
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	},

	'binding:unbindByOrder': async () => {
		const order = await bind('bindAxb', AXB_POOL, { phoneNoB: nextPhone('139') });
		const other = await bind('bindAxb', AXB_POOL, {
			phoneNoB: nextPhone('139'),
			phoneNoX: order.phoneX,
		});
		const params = {
			resource: 'binding',
			operation: 'unbindByOrder',
			poolKey: AXB_POOL,
			xNumbers: order.phoneX,
			filterPhoneNoA: order.phoneA,
		};
		const run = await runNode(sb, params);
		expect(run.error).toBeUndefined();
		const unbind = run.requests.filter((req) => req.action === 'UnbindSubscription');
		expect(unbind.map(businessParams)).toEqual([
			{ PoolKey: AXB_POOL, SubsId: order.subsId, SecretNo: order.phoneX },
		]);
		expect(onlyItem(run)).toEqual({
			unbound: true,
			subsId: order.subsId,
			secretNo: order.phoneX,
			phoneNoA: order.phoneA,
			phoneNoB: order.phoneB,
			matches: 1,
			requestId: bodyOf(unbind[0]).RequestId,
		});
		expect(bindingOf(order.subsId)).toBeUndefined();
		expect(bindingOf(other.subsId)).toBeDefined();

		// the same order again: nothing active matches any more — a clear error, or unbound false if asked
		const again = await runNode(sb, params);
		expect(again.error?.message).toBe(`No active binding of A ${order.phoneA} on ${order.phoneX}`);
		expect(again.requests.some((req) => req.action === 'UnbindSubscription')).toBe(false);
		const reported = await runNode(sb, { ...params, options: { ifNone: 'report' } });
		expect(onlyItem(reported)).toEqual({ unbound: false, matches: 0 });

		// the same A bound on two of the X numbers searched: refused unless asked to unbind all
		const phoneA = nextPhone();
		const first = await bind('bindAxb', AXB_POOL, { phoneNoA: phoneA, phoneNoB: nextPhone('139') });
		const second = await bind('bindAxb', AXB_POOL, {
			phoneNoA: phoneA,
			phoneNoB: nextPhone('139'),
		});
		expect(second.phoneX).not.toBe(first.phoneX);
		const several = {
			...params,
			xNumbers: `${first.phoneX},${second.phoneX}`,
			filterPhoneNoA: phoneA,
		};
		const refused = await runNode(sb, several);
		expect(refused.error?.message).toBe(
			`2 bindings match (SubsId ${first.subsId}, ${second.subsId}); set When Several Match to unbind all`,
		);
		expect(refused.requests.some((req) => req.action === 'UnbindSubscription')).toBe(false);
		const all = await runNode(sb, { ...several, options: { ifSeveral: 'all' } });
		expect(all.items.map((item) => [item.json.subsId, item.pairedItem])).toEqual([
			[first.subsId, { item: 0 }],
			[second.subsId, { item: 0 }],
		]);
		expect([bindingOf(first.subsId), bindingOf(second.subsId)]).toEqual([undefined, undefined]);
	},

	'binding:addTrackNo': async () => {
		const binding = await bind('bindAxnExtension', AXN_POOL);
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'addTrackNo',
			poolKey: AXN_POOL,
			phoneNoX: binding.phoneX,
			subsId: binding.subsId,
			trackNo: 'SF1234567890',
		});
		const { req, body } = single(run, 'AddAxnTrackNo');
		// trackNo keeps its lower-case t on the wire
		expect(businessParams(req)).toEqual({
			PoolKey: AXN_POOL,
			PhoneNoX: binding.phoneX,
			SubsId: binding.subsId,
			trackNo: 'SF1234567890',
		});
		expect(onlyItem(run)).toEqual({
			added: true,
			subsId: binding.subsId,
			trackNo: 'SF1234567890',
			requestId: body.RequestId,
		});
		expect(sb.state.aliyun.trackNos.get('SF1234567890')).toEqual([
			{ poolKey: AXN_POOL, subsId: binding.subsId, phoneX: binding.phoneX },
		]);
	},

	'binding:findAByTrackNo': async () => {
		const binding = await bind('bindAxnExtension', AXN_POOL);
		sb.state.aliyun.trackNos.set('YT0000000001', [
			{ poolKey: AXN_POOL, subsId: binding.subsId, phoneX: binding.phoneX },
		]);
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'findAByTrackNo',
			trackNo: 'YT0000000001',
			additionalFields: { phoneNoX: binding.phoneX, cabinetNo: 'C-12' },
		});
		const { req, body } = single(run, 'QueryPhoneNoAByTrackNo');
		expect(businessParams(req)).toEqual({
			trackNo: 'YT0000000001',
			PhoneNoX: binding.phoneX,
			CabinetNo: 'C-12',
		});
		expect(onlyItem(run)).toEqual({
			PhoneNoA: binding.phoneA,
			PhoneNoX: binding.phoneX,
			Extension: binding.extension,
			requestId: body.RequestId,
		});
	},

	'number:get': async () => {
		const run = await runNode(sb, {
			resource: 'number',
			operation: 'get',
			poolKey: AXB_POOL,
			secretNo: '17001200003',
		});
		const { req, body } = single(run, 'QuerySecretNoDetail');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, SecretNo: '17001200003' });
		expect(onlyItem(run)).toEqual({
			SecretStatus: 0,
			CertifyStatus: 1,
			Vendor: 1,
			City: '上海',
			Province: '上海',
			PurchaseTime: '2024-01-01 08:00:00',
			requestId: body.RequestId,
		});
	},

	'number:buy': async () => {
		const stock = sb.state.aliyun.remain.get('2|深圳') as number;
		const run = await runNode(sb, {
			resource: 'number',
			operation: 'buy',
			poolKey: AXB_POOL,
			specId: 2,
			city: '深圳',
			additionalFields: { secretNoPrefix: '171', displayPool: false },
		});
		const { req, body } = single(run, 'BuySecretNo');
		expect(businessParams(req)).toEqual({
			PoolKey: AXB_POOL,
			SpecId: '2',
			City: '深圳',
			SecretNo: '171',
			DisplayPool: 'false',
		});
		const bought = (body.SecretBuyInfoDTO as IDataObject).SecretNo as string;
		expect(bought).toMatch(/^171\d{8}$/);
		expect(onlyItem(run)).toEqual({ SecretNo: bought, requestId: body.RequestId });
		expect(sb.state.aliyun.pools.get(AXB_POOL)?.numbers.has(bought)).toBe(true);
		expect(sb.state.aliyun.remain.get('2|深圳')).toBe(stock - 1);
	},

	'number:release': async () => {
		const pool = sb.state.aliyun.pools.get(AXB_POOL);
		pool?.numbers.set('17190000099', {
			secretNo: '17190000099',
			city: '杭州',
			province: '浙江',
			vendor: 1,
			certifyStatus: 1,
			locked: false,
			purchaseTime: 0,
		});
		const run = await runNode(sb, {
			resource: 'number',
			operation: 'release',
			poolKey: AXB_POOL,
			secretNo: '17190000099',
		});
		const { req, body } = single(run, 'ReleaseSecretNo');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, SecretNo: '17190000099' });
		expect(onlyItem(run)).toEqual({
			released: true,
			secretNo: '17190000099',
			requestId: body.RequestId,
		});
		expect(pool?.numbers.has('17190000099')).toBe(false);
	},

	'number:lock': async () => {
		const run = await runNode(sb, {
			resource: 'number',
			operation: 'lock',
			poolKey: AXB_POOL,
			secretNo: '17001200010',
		});
		const { req, body } = single(run, 'LockSecretNo');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, SecretNo: '17001200010' });
		expect(onlyItem(run)).toEqual({
			locked: true,
			secretNo: '17001200010',
			requestId: body.RequestId,
		});
		expect(sb.state.aliyun.pools.get(AXB_POOL)?.numbers.get('17001200010').locked).toBe(true);
	},

	'number:unlock': async () => {
		sb.state.aliyun.pools.get(AXB_POOL)!.numbers.get('17001200011').locked = true;
		const run = await runNode(sb, {
			resource: 'number',
			operation: 'unlock',
			poolKey: AXB_POOL,
			secretNo: '17001200011',
		});
		const { req, body } = single(run, 'UnlockSecretNo');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, SecretNo: '17001200011' });
		expect(onlyItem(run)).toEqual({
			unlocked: true,
			secretNo: '17001200011',
			requestId: body.RequestId,
		});
		expect(sb.state.aliyun.pools.get(AXB_POOL)?.numbers.get('17001200011').locked).toBe(false);
	},

	'number:getStock': async () => {
		const run = await runNode(sb, {
			resource: 'number',
			operation: 'getStock',
			specId: 3,
			city: '全国通用',
		});
		const { req, body } = single(run, 'QuerySecretNoRemain');
		expect(businessParams(req)).toEqual({ SpecId: '3', City: '全国通用' });
		expect(onlyItem(run)).toEqual({
			Amount: sb.state.aliyun.remain.get('3|全国通用'),
			City: '全国通用',
			requestId: body.RequestId,
		});
	},

	'group:create': async () => {
		const run = await runNode(sb, {
			resource: 'group',
			operation: 'create',
			poolKey: AXG_POOL,
			additionalFields: {
				name: 'riders',
				numbers: '13700000001, 13700000002',
				remark: 'night shift',
			},
		});
		const { req, body } = single(run, 'CreateAxgGroup');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			Name: 'riders',
			Numbers: '13700000001,13700000002',
			Remark: 'night shift',
		});
		expect(onlyItem(run)).toEqual({ groupId: String(body.GroupId), requestId: body.RequestId });
		expect(groupOf(Number(body.GroupId))).toMatchObject({
			name: 'riders',
			remark: 'night shift',
			numbers: ['13700000001', '13700000002'],
		});
	},

	'group:addNumbers': async () => {
		const groupId = await createGroup(['13700000011']);
		const run = await runNode(sb, {
			resource: 'group',
			operation: 'addNumbers',
			poolKey: AXG_POOL,
			groupId: String(groupId),
			numbers: '13700000012,13700000013',
		});
		const { req, body } = single(run, 'OperateAxgGroup');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			GroupId: String(groupId),
			OperateType: 'addNumbers',
			Numbers: '13700000012,13700000013',
		});
		expect(onlyItem(run)).toEqual({
			done: true,
			groupId: String(groupId),
			operateType: 'addNumbers',
			numbers: '13700000012,13700000013',
			requestId: body.RequestId,
		});
		expect(groupOf(groupId)?.numbers).toEqual(['13700000011', '13700000012', '13700000013']);
	},

	'group:removeNumbers': async () => {
		const groupId = await createGroup(['13700000021', '13700000022', '13700000023']);
		const run = await runNode(sb, {
			resource: 'group',
			operation: 'removeNumbers',
			poolKey: AXG_POOL,
			groupId: String(groupId),
			numbers: '13700000022',
		});
		const { req, body } = single(run, 'OperateAxgGroup');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			GroupId: String(groupId),
			OperateType: 'deleteNumbers',
			Numbers: '13700000022',
		});
		expect(onlyItem(run)).toEqual({
			done: true,
			groupId: String(groupId),
			operateType: 'deleteNumbers',
			numbers: '13700000022',
			requestId: body.RequestId,
		});
		expect(groupOf(groupId)?.numbers).toEqual(['13700000021', '13700000023']);
	},

	'group:replaceNumbers': async () => {
		const groupId = await createGroup(['13700000031', '13700000032']);
		const run = await runNode(sb, {
			resource: 'group',
			operation: 'replaceNumbers',
			poolKey: AXG_POOL,
			groupId: String(groupId),
			numbers: '13700000033',
		});
		const { req, body } = single(run, 'OperateAxgGroup');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			GroupId: String(groupId),
			OperateType: 'overwriteNumbers',
			Numbers: '13700000033',
		});
		expect(onlyItem(run)).toEqual({
			done: true,
			groupId: String(groupId),
			operateType: 'overwriteNumbers',
			numbers: '13700000033',
			requestId: body.RequestId,
		});
		expect(groupOf(groupId)?.numbers).toEqual(['13700000033']);
	},

	'group:delete': async () => {
		const groupId = await createGroup([]);
		const run = await runNode(sb, {
			resource: 'group',
			operation: 'delete',
			poolKey: AXG_POOL,
			groupId: String(groupId),
		});
		const { req, body } = single(run, 'DeleteAxgGroup');
		expect(businessParams(req)).toEqual({ PoolKey: AXG_POOL, GroupId: String(groupId) });
		expect(onlyItem(run)).toEqual({
			deleted: true,
			groupId: String(groupId),
			requestId: body.RequestId,
		});
		expect(groupOf(groupId)).toBeUndefined();
	},

	'call:getRecordingUrl': async () => {
		const { callId, callTime } = await recordedCall();
		const run = await runNode(
			sb,
			{
				resource: 'call',
				operation: 'getRecordingUrl',
				poolKey: AXB_POOL,
				callId,
				callTime: '={{ $json.call_time }}',
			},
			[{ call_time: callTime }],
		);
		const { req, body } = single(run, 'QueryRecordFileDownloadUrl');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, CallId: callId, CallTime: callTime });
		expect(onlyItem(run)).toEqual({
			callId,
			downloadUrl: body.DownloadUrl,
			requestId: body.RequestId,
		});
		expect(body.DownloadUrl).toContain(`/__sandbox/recordings/${callId}.mp3`);
	},

	'call:downloadRecording': async () => {
		const { callId, callTime } = await recordedCall();
		const run = await runNode(sb, {
			resource: 'call',
			operation: 'downloadRecording',
			poolKey: AXB_POOL,
			callId,
			callTime,
		});
		const { req, body } = single(run, 'QueryRecordFileDownloadUrl');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, CallId: callId, CallTime: callTime });
		expect(onlyItem(run)).toEqual({
			callId,
			requestId: body.RequestId,
			fileName: `${callId}.mp3`,
			mimeType: 'audio/mpeg',
		});
		const file = run.items[0].binary?.data;
		expect(file).toMatchObject({ fileName: `${callId}.mp3`, mimeType: 'audio/mpeg' });
		expect(Buffer.from(String(file?.data), 'base64').equals(recordingBytes(callId))).toBe(true);
	},

	'call:downloadRingRecording': async () => {
		const { callId, callTime } = await recordedCall();
		const run = await runNode(sb, {
			resource: 'call',
			operation: 'downloadRingRecording',
			partnerKey: AXB_POOL,
			callId,
			callTime,
			checkSubs: false,
			options: { binaryPropertyName: 'ring' },
		});
		const { req } = single(run, 'GetTotalPublicUrl');
		expect(businessParams(req)).toEqual({
			PartnerKey: AXB_POOL,
			CallId: callId,
			CallTime: callTime,
			CheckSubs: 'false',
		});
		const file = run.items[0].binary?.ring;
		expect(file).toMatchObject({ fileName: `${callId}-ring.mp3`, mimeType: 'audio/mpeg' });
		expect(Buffer.from(String(file?.data), 'base64').equals(recordingBytes(callId, '-ring'))).toBe(
			true,
		);
	},

	'call:getPublicUrls': async () => {
		const { callId, callTime } = await recordedCall();
		const run = await runNode(sb, {
			resource: 'call',
			operation: 'getPublicUrls',
			partnerKey: AXB_POOL,
			callId,
			callTime,
			checkSubs: true,
		});
		const { req, body } = single(run, 'GetTotalPublicUrl');
		expect(businessParams(req)).toEqual({
			PartnerKey: AXB_POOL,
			CallId: callId,
			CallTime: callTime,
			CheckSubs: 'true',
		});
		const data = body.Data as IDataObject;
		expect(onlyItem(run)).toEqual({
			PhonePublicUrl: data.PhonePublicUrl,
			RingPublicUrl: data.RingPublicUrl,
			requestId: body.RequestId,
		});
		expect(data.PhonePublicUrl).toContain(callId);
	},

	'call:getTranscript': async () => {
		const { callId, callTime } = await recordedCall();
		const run = await runNode(sb, {
			resource: 'call',
			operation: 'getTranscript',
			poolKey: AXB_POOL,
			callId,
			callTime,
		});
		const { req, body } = single(run, 'GetSecretAsrDetail');
		expect(businessParams(req)).toEqual({ PoolKey: AXB_POOL, CallId: callId, CallTime: callTime });
		const item = onlyItem(run);
		expect(item).toEqual({ ...(body.Data as IDataObject), requestId: body.RequestId });
		expect(item.Code).toBe('21050000');
		expect((item.Sentences as IDataObject[]).map((s) => s.Text)).toEqual([
			'你好，我是快递员。',
			'好的，放门口吧。',
		]);
	},

	'blacklist:add': async () => {
		const run = await runNode(sb, {
			resource: 'blacklist',
			operation: 'add',
			poolKey: AXB_POOL,
			blackType: 'POINT_TO_POINT_BLACK',
			blackNo: '13800009991:13900009991',
			additionalFields: { wayControl: 'PHONEA_REJECT', remark: 'harassment' },
		});
		const { req, body } = single(run, 'AddSecretBlacklist');
		expect(businessParams(req)).toEqual({
			PoolKey: AXB_POOL,
			BlackType: 'POINT_TO_POINT_BLACK',
			BlackNo: '13800009991:13900009991',
			WayControl: 'PHONEA_REJECT',
			Remark: 'harassment',
		});
		expect(onlyItem(run)).toEqual({
			added: true,
			blackType: 'POINT_TO_POINT_BLACK',
			blackNo: '13800009991:13900009991',
			requestId: body.RequestId,
		});
		expect(
			sb.state.aliyun.blacklists
				.get(AXB_POOL)
				?.has('POINT_TO_POINT_BLACK|13800009991:13900009991|PHONEA_REJECT'),
		).toBe(true);
	},

	'blacklist:remove': async () => {
		const set = sb.state.aliyun.blacklists.get(AXN_POOL) as Set<string>;
		set.add('PARTNER_GLOBAL_NUMBER_BLACK|13800009992|');
		const run = await runNode(sb, {
			resource: 'blacklist',
			operation: 'remove',
			poolKey: AXN_POOL,
			blackType: 'PARTNER_GLOBAL_NUMBER_BLACK',
			blackNo: '13800009992',
		});
		const { req, body } = single(run, 'DeleteSecretBlacklist');
		expect(businessParams(req)).toEqual({
			PoolKey: AXN_POOL,
			BlackType: 'PARTNER_GLOBAL_NUMBER_BLACK',
			BlackNo: '13800009992',
		});
		expect(onlyItem(run)).toEqual({
			removed: true,
			blackType: 'PARTNER_GLOBAL_NUMBER_BLACK',
			blackNo: '13800009992',
			requestId: body.RequestId,
		});
		expect(set.has('PARTNER_GLOBAL_NUMBER_BLACK|13800009992|')).toBe(false);
	},

	'blacklist:block': async () => {
		const run = await runNode(sb, {
			resource: 'blacklist',
			operation: 'block',
			poolKey: AXG_POOL,
			blackNo: '13800009993',
			additionalFields: { tips: 'spam' },
		});
		const { req, body } = single(run, 'OperateBlackNo');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			BlackNo: '13800009993',
			OperateType: 'AddBlack',
			Tips: 'spam',
		});
		expect(onlyItem(run)).toEqual({
			blocked: true,
			blackNo: '13800009993',
			requestId: body.RequestId,
		});
		expect(
			sb.state.aliyun.blacklists.get(AXG_POOL)?.has('PARTNER_GLOBAL_NUMBER_BLACK|13800009993|'),
		).toBe(true);
	},

	'blacklist:unblock': async () => {
		const set = sb.state.aliyun.blacklists.get(AXG_POOL) as Set<string>;
		set.add('PARTNER_GLOBAL_NUMBER_BLACK|13800009994|');
		const run = await runNode(sb, {
			resource: 'blacklist',
			operation: 'unblock',
			poolKey: AXG_POOL,
			blackNo: '13800009994',
		});
		const { req, body } = single(run, 'OperateBlackNo');
		expect(businessParams(req)).toEqual({
			PoolKey: AXG_POOL,
			BlackNo: '13800009994',
			OperateType: 'DeleteBlack',
		});
		expect(onlyItem(run)).toEqual({
			unblocked: true,
			blackNo: '13800009994',
			requestId: body.RequestId,
		});
		expect(set.has('PARTNER_GLOBAL_NUMBER_BLACK|13800009994|')).toBe(false);
	},

	'binding700:bindAxb700': async () => {
		const [a, b] = [nextPhone(), nextPhone('139')];
		const run = await runNode(sb, {
			resource: 'binding700',
			operation: 'bindAxb700',
			poolKey: AXB700_POOL,
			telA: a,
			telB: b,
			expiration: EXPIRATION,
			additionalFields: {
				needRecord: true,
				recType: 'wav',
				callRestrict: 'CONTROL_BX_DISABLE',
				audio: { ACallX_Apre: '185' },
				orderId: 'order-700-1',
				industrialId: '700.100.1/12345678',
			},
		});
		const { req, body } = single(run, 'BindAxb700');
		expect(businessParams(req)).toEqual({
			PoolKey: AXB700_POOL,
			TelA: a,
			TelB: b,
			Expiration: '2030-01-01 10:00:00',
			NeedRecord: 'true',
			RecType: 'wav',
			CallRestrict: 'CONTROL_BX_DISABLE',
			Audio: '{"ACallX_Apre":"185"}',
			OrderId: 'order-700-1',
			IndustrialId: '700.100.1/12345678',
		});
		const data = body.Data as IDataObject;
		expect(body.Success).toBe(true);
		expect(onlyItem(run)).toEqual({
			subsId: String(data.SubsId),
			secretNo: data.SecretNo,
			requestId: body.RequestId,
		});
		expect(String(data.SecretNo)).toMatch(/^700\d{12}$/);
		expect(binding700Of(String(data.SubsId))).toMatchObject({ telA: a, telB: b, needRecord: true });
	},

	'binding700:bindGxb700': async () => {
		const b = nextPhone('139');
		const run = await runNode(sb, {
			resource: 'binding700',
			operation: 'bindGxb700',
			poolKey: GXB700_POOL,
			telB: b,
			expiration: EXPIRATION,
			additionalFields: {
				groupId: '1000001',
				defaultA: '13800000001',
				callRestrict: 'CONTROL_GX_DISABLE',
			},
		});
		const { req } = single(run, 'BindGxb700');
		expect(businessParams(req)).toEqual({
			PoolKey: GXB700_POOL,
			TelB: b,
			Expiration: '2030-01-01 10:00:00',
			GroupId: '1000001',
			DefaultA: '13800000001',
			CallRestrict: 'CONTROL_GX_DISABLE',
		});
		const item = onlyItem(run);
		expect(item.secretNo).toMatch(/^700\d{12}$/);
		expect(binding700Of(String(item.subsId))).toMatchObject({
			type: 'GXB700',
			telB: b,
			defaultA: '13800000001',
		});
	},

	'binding700:update700': async () => {
		const { subsId, secretNo } = await bound700();
		const newA = nextPhone();
		const run = await runNode(sb, {
			resource: 'binding700',
			operation: 'update700',
			poolKey: AXB700_POOL,
			subsId,
			telX: secretNo,
			operateType: 'updateNoA',
			telA: newA,
		});
		const { req, body } = single(run, 'UpdateSubs700');
		expect(businessParams(req)).toEqual({
			PoolKey: AXB700_POOL,
			SubsId: subsId,
			TelX: secretNo,
			OperateType: 'updateNoA',
			TelA: newA,
		});
		expect(onlyItem(run)).toEqual({
			updated: true,
			subsId,
			telX: secretNo,
			requestId: body.RequestId,
		});
		expect(binding700Of(subsId)).toMatchObject({ telA: newA, lastOperateType: 'updateNoA' });
	},

	'binding700:unbind700': async () => {
		const { subsId, secretNo } = await bound700();
		const run = await runNode(sb, {
			resource: 'binding700',
			operation: 'unbind700',
			poolKey: AXB700_POOL,
			subsId,
			telX: secretNo,
		});
		const { req, body } = single(run, 'UnbindSubs700');
		expect(businessParams(req)).toEqual({ PoolKey: AXB700_POOL, SubsId: subsId, TelX: secretNo });
		expect(onlyItem(run)).toEqual({
			unbound: true,
			subsId,
			telX: secretNo,
			requestId: body.RequestId,
		});
		expect(binding700Of(subsId)).toBeUndefined();

		// Unbinding it again: Success false is an error with Alibaba's Code and Message
		const again = await runNode(sb, {
			resource: 'binding700',
			operation: 'unbind700',
			poolKey: AXB700_POOL,
			subsId,
			telX: secretNo,
		});
		expect(again.error?.message).toBe(`isv.SUBS_NOT_EXIST: subscription not exists: ${subsId}`);
		expect((again.requests[0].response?.body as IDataObject).Success).toBe(false);
	},
};

const sandbox = () => sb;
/** the classic and 700 families here, each newer family in its own file under cases/ */
const cases: Cases = {
	...classicCases,
	...aNumberReportCases(sandbox),
	...workNumberCases(sandbox),
	...fixedLineCases(sandbox),
	...pickupCases(sandbox),
};

describe('every operation runs in a workflow against the sandbox', () => {
	test('the cases cover every resource:operation pair of aliyunOperations', () => {
		const all = aliyunOperations.map((op) => `${op.resource}:${op.value}`);
		expect(new Set(all).size).toBe(all.length);
		expect(Object.keys(cases).sort()).toEqual([...all].sort());
		expect(all.length).toBeGreaterThanOrEqual(29);
	});

	test.each(Object.keys(cases))('%s', async (key) => {
		await cases[key]();
	});
});

describe('Return Raw Response', () => {
	test('a bind returns the provider body unchanged', async () => {
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxn',
			poolKey: AXN_POOL,
			phoneNoA: nextPhone(),
			expiration: EXPIRATION,
			options: { rawResponse: true },
		});
		const { body } = single(run, 'BindAxn');
		expect(onlyItem(run)).toEqual(body);
		expect(Object.keys(body).sort()).toEqual(['Code', 'Message', 'RequestId', 'SecretBindDTO']);
	});

	test('a get returns the whole answer, DTO wrapper included', async () => {
		const binding = await bind('bindAxn', AXN_POOL);
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'get',
			poolKey: AXN_POOL,
			subsId: binding.subsId,
			phoneNoX: binding.phoneX,
			options: { rawResponse: true },
		});
		const { body } = single(run, 'QuerySubscriptionDetail');
		const item = onlyItem(run);
		expect(item).toEqual(body);
		expect((item.SecretBindDetailDTO as IDataObject).SubsId).toBe(binding.subsId);
	});

	test('BindBatchAxg returns one raw body per request', async () => {
		const groupId = await createGroup([nextPhone('137')]);
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindBatchAxg',
			poolKey: AXG_POOL,
			axgBindList: JSON.stringify([
				{ GroupId: groupId, PhoneNoA: nextPhone(), Expiration: EXPIRATION },
			]),
			options: { rawResponse: true },
		});
		const { body } = single(run, 'BindBatchAxg');
		expect(onlyItem(run)).toEqual(body);
	});
});
