/* The work-number (工作号, XB) family: workflow cases and bad-input rows. */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { WORK_NUMBER_POOLS } from '../../../sandbox/aliyun/workNumber';
import { workNumberOperations } from '../../../nodes/AliyunPhoneNumberProtection/actions/workNumber';
import { AXB_POOL, businessParams, runNode, simulateCall } from '../helpers';
import { nextPhone, onlyItem, single, type BadRow, type CaseFactory } from './shared';

const [WORK_POOL, SPARE_POOL] = (WORK_NUMBER_POOLS as Array<{ poolKey: string }>).map(
	(pool) => pool.poolKey,
);
const CUSTOMER_UID = 1898871967585852;

interface WorkState {
	pools: Map<string, { numbers: Map<string, IDataObject> }>;
	xb: Map<string, IDataObject>;
	axb: Map<string, IDataObject>;
	configs: Map<string, IDataObject>;
	signs: Map<string, IDataObject>;
}
const workState = (sb: Sandbox) =>
	(sb.state.aliyun as unknown as { workNumbers: WorkState }).workNumbers;

/** X numbers of the seeded pool, one per case (the pool has 12) */
let xSeq = 1;
const nextX = () => `1780000${String(xSeq++).padStart(4, '0')}`;
let reqSeq = 0;
const nextReqId = () => `wn-case-${reqSeq++}`;

const op = (operation: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'workNumber',
	operation,
	customerPoolKey: WORK_POOL,
	reqId: nextReqId(),
	...extra,
});

export const workNumberCases: CaseFactory = (sandbox) => {
	/** X bound to a fresh employee B through the node */
	const boundXb = async () => {
		const telX = nextX();
		const telB = nextPhone('139');
		const item = onlyItem(await runNode(sandbox(), op('bindXb', { telX, telB })));
		return { authId: String(item.authId), telX, telB };
	};
	const boundCall = async () => {
		const xb = await boundXb();
		const telA = nextPhone();
		const run = await runNode(
			sandbox(),
			op('bindAxbCall', { authId: xb.authId, telA, expiresInSeconds: 3600 }),
		);
		return { ...xb, telA, bindId: String(onlyItem(run).bindId) };
	};

	return {
		'workNumber:bindXb': async () => {
			const sb = sandbox();
			const telX = nextX();
			const telB = nextPhone('139');
			const params = op('bindXb', {
				telX,
				telB,
				additionalFields: { userData: 'crm-42', callerParentId: CUSTOMER_UID },
			});
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'BindXB');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				TelX: telX,
				TelB: telB,
				UserData: 'crm-42',
				CallerParentId: String(CUSTOMER_UID),
			});
			expect(body).toMatchObject({ Code: '0000', Message: '成功', Success: true });
			expect(body.RequestId).toBeUndefined();
			const authId = String((body.Data as IDataObject).AuthId);
			expect(onlyItem(run)).toEqual({ authId, telX });
			const state = workState(sb);
			expect(state.xb.get(authId)).toEqual({
				authId,
				poolKey: WORK_POOL,
				telX,
				telB,
				userData: 'crm-42',
			});
			expect(state.pools.get(WORK_POOL)?.numbers.get(telX)?.status).toBe('4');

			// the same Req ID again: the first answer, nothing bound twice — which is why the node may re-send a bind
			// whose outcome is unknown
			const spec = workNumberOperations.find((candidate) => candidate.value === 'bindXb');
			expect(spec?.kind).toBe('create');
			expect(spec?.idempotentWhen?.({ ReqId: String(params.reqId) })).toBe(true);
			const bindings = state.xb.size;
			const again = await runNode(sb, params);
			expect(onlyItem(again)).toEqual({ authId, telX });
			expect(state.xb.size).toBe(bindings);
		},

		'workNumber:unbindXb': async () => {
			const sb = sandbox();
			const { authId, telX } = await boundXb();
			const params = op('unbindXb', { authId, telX });
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'UnBindXB');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				AuthId: authId,
				TelX: telX,
			});
			expect(body.RequestId).toEqual(expect.any(String));
			expect(onlyItem(run)).toEqual({ unbound: true, authId, telX, requestId: body.RequestId });
			expect(workState(sb).xb.has(authId)).toBe(false);
			expect(workState(sb).pools.get(WORK_POOL)?.numbers.get(telX)?.status).toBe('2');
		},

		'workNumber:bindAxbCall': async () => {
			const sb = sandbox();
			const { authId, telX, telB } = await boundXb();
			const telA = nextPhone();
			const params = op('bindAxbCall', { authId, telA, expiresInSeconds: 3600 });
			const before = Date.now();
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'BindAXBCall');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				AuthId: authId,
				TelA: telA,
				Expiration: '3600',
			});
			const bindId = String((body.Data as IDataObject).BindId);
			expect(onlyItem(run)).toEqual({ bindId, authId, telA });
			const binding = workState(sb).axb.get(bindId) as IDataObject;
			expect(binding).toMatchObject({ authId, telA, telB, telX, poolKey: WORK_POOL });
			expect(Number(binding.expireAt)).toBeGreaterThanOrEqual(before + 3600 * 1000);
			expect(Number(binding.expireAt)).toBeLessThanOrEqual(Date.now() + 3600 * 1000);
		},

		'workNumber:unbindAxbCall': async () => {
			const sb = sandbox();
			const { bindId } = await boundCall();
			const params = op('unbindAxbCall', { bindId });
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'UnBindAXB');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				BindId: bindId,
			});
			expect(onlyItem(run)).toEqual({ unbound: true, bindId, requestId: body.RequestId });
			expect(workState(sb).axb.has(bindId)).toBe(false);

			// a new Req ID for the gone binding: Success false, with Alibaba's Code
			const again = await runNode(sb, op('unbindAxbCall', { bindId }));
			expect(String(again.error?.message)).toContain('isv.SUBS_NOT_EXIST');
		},

		'workNumber:configure': async () => {
			const sb = sandbox();
			const telX = nextX();
			const sequence = [{ SequenceCalledNo: '13800000001', SequenceCallNoPlayCode: '01' }];
			const params = op('configure', {
				telX,
				additionalFields: {
					callAbility: '1',
					smsAbility: '1',
					gnFlag: '10',
					smsSignMode: '1',
					sequenceMode: '1',
					sequenceCalls: JSON.stringify(sequence),
				},
			});
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'ConfigX');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				TelX: telX,
				CallAbility: '1',
				SmsAbility: '1',
				GNFlag: '10',
				SmsSignMode: '1',
				SequenceMode: '1',
				SequenceCalls: JSON.stringify(sequence),
			});
			expect(onlyItem(run)).toEqual({ configured: true, telX, requestId: body.RequestId });
			expect(workState(sb).configs.get(telX)).toEqual({
				CallAbility: '1',
				SmsAbility: '1',
				GNFlag: '10',
				SmsSignMode: '1',
				SequenceMode: '1',
				SequenceCalls: sequence,
			});
		},

		'workNumber:getConfig': async () => {
			const sb = sandbox();
			const telX = nextX();
			const sequenceCalls = JSON.stringify([{ SequenceCalledNo: '13800000002' }]);
			const configured = op('configure', {
				telX,
				additionalFields: { callAbility: '0', sequenceCalls },
			});
			expect((await runNode(sb, configured)).error).toBeUndefined();
			const params = op('getConfig', { telX });
			const run = await runNode(sb, params);
			const { req } = single(run, 'GetXConfig');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				TelX: telX,
			});
			expect(onlyItem(run)).toEqual({
				telX,
				callAbility: '0',
				smsAbility: '0',
				gnFlag: '00',
				smsSignMode: '0',
				sequenceStartTime: '09:00:00',
				sequenceEndTime: '18:00:00',
				sequenceCalls: [{ sequenceCalledNo: '13800000002' }],
				reachJsons: [],
			});
		},

		'workNumber:getDefaultConfig': async () => {
			const sb = sandbox();
			const telX = nextX();
			const params = op('getDefaultConfig', { telX });
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'GetXDefaultConfig');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				TelX: telX,
			});
			// the default answer names its lists in the singular; the item has the same shape as Get Configuration
			expect(Object.keys(body.Data as IDataObject)).toEqual(
				expect.arrayContaining(['SequenceCall', 'ReachJson']),
			);
			expect(onlyItem(run)).toEqual({
				telX,
				callAbility: '1',
				smsAbility: '0',
				gnFlag: '00',
				smsSignMode: '0',
				sequenceStartTime: '09:00:00',
				sequenceEndTime: '18:00:00',
				sequenceCalls: [],
				reachJsons: [],
			});
		},

		'workNumber:list': async () => {
			const sb = sandbox();
			const page: IDataObject = {
				...op('list', { pageNo: 2, pageSize: 5 }),
				customerPoolKey: undefined,
				additionalFields: { customerPoolKey: WORK_POOL },
			};
			const run = await runNode(sb, page);
			const { req } = single(run, 'ListXTelephones');
			expect(businessParams(req)).toEqual({
				ReqId: page.reqId,
				PageNo: '2',
				PageSize: '5',
				CustomerPoolKey: WORK_POOL,
			});
			const numbers = [...(workState(sb).pools.get(WORK_POOL)?.numbers.values() ?? [])];
			expect(run.items.map((item) => item.json.telephone)).toEqual(
				numbers.slice(5, 10).map((number) => number.telephone),
			);
			expect(run.items[0].json).toEqual({
				telephone: numbers[5].telephone,
				telephoneStatus: numbers[5].status,
				smsStatus: '0',
				customerPoolKey: WORK_POOL,
				customerPoolName: '工作号测试池',
				authMsg: '',
				buyTime: '2024-01-01 08:00:00',
				bindTime: expect.any(String),
				unbindTime: expect.any(String),
				releaseTime: '',
			});

			// Return All over both pools: pages of 5, each page with its own Req ID
			const all: IDataObject = {
				...op('list', { returnAll: true, pageSize: 5 }),
				customerPoolKey: undefined,
			};
			const everything = await runNode(sb, all);
			expect(everything.error).toBeUndefined();
			expect(everything.requests.map((r) => businessParams(r))).toEqual(
				[1, 2, 3].map((pageNo) => ({
					ReqId: pageNo === 1 ? all.reqId : `${String(all.reqId)}-${pageNo}`,
					PageNo: String(pageNo),
					PageSize: '5',
				})),
			);
			const seeded = [WORK_POOL, SPARE_POOL].flatMap((key) => [
				...(workState(sb).pools.get(key)?.numbers.keys() ?? []),
			]);
			expect(everything.items.map((item) => item.json.telephone)).toEqual(seeded);
			expect(seeded).toHaveLength(15);
		},

		'workNumber:createSmsSign': async () => {
			const sb = sandbox();
			const calledNo = nextPhone();
			const callingNo = nextPhone('139');
			const params = op('createSmsSign', { calledNo, callingNo });
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'CreateSmsSign');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				CalledNo: calledNo,
				CallingNo: callingNo,
			});
			const sign = String((body.Data as IDataObject).CalledNoSign);
			expect(sign).toMatch(/^sign\d+$/);
			expect(onlyItem(run)).toEqual({ calledNoSign: sign, calledNo, callingNo });
			expect(workState(sb).signs.get(sign)).toEqual({ poolKey: WORK_POOL, calledNo, callingNo });
		},

		'workNumber:getRecordingUrl': async () => {
			const sb = sandbox();
			const bound = await runNode(sb, {
				resource: 'binding',
				operation: 'bindAxb',
				poolKey: AXB_POOL,
				phoneNoA: nextPhone(),
				phoneNoB: nextPhone('139'),
				expiration: 'in 1 day',
				additionalFields: { isRecordingEnabled: true },
			});
			const { callId } = await simulateCall(sb, {
				subsId: onlyItem(bound).subsId,
				answered: true,
			});
			const params = op('getRecordingUrl', { callId });
			const run = await runNode(sb, params);
			const { req, body } = single(run, 'QuerySoundRecord');
			expect(businessParams(req)).toEqual({
				CustomerPoolKey: WORK_POOL,
				ReqId: params.reqId,
				CallId: callId,
			});
			const fileUrl = String((body.Data as IDataObject).FileUrl);
			expect(fileUrl).toContain(`/__sandbox/recordings/${callId}.mp3?Expires=`);
			expect(onlyItem(run)).toEqual({ callId, fileUrl });

			const unknown = await runNode(sb, op('getRecordingUrl', { callId: 'no-such-call' }));
			expect(String(unknown.error?.message)).toContain('isv.INVALID_PARAMETERS');
		},
	};
};

/** Bad-input rows. Their valid BindXB items repeat Req IDs across rows: answered once, then de-duplicated. */
const fromItem = (operation: string, extra: IDataObject): IDataObject => ({
	resource: 'workNumber',
	operation,
	customerPoolKey: WORK_POOL,
	reqId: '={{ $json.reqId }}',
	...extra,
});
const bindXb = fromItem('bindXb', { telX: '={{ $json.x }}', telB: '={{ $json.b }}' });
const bindXbGood: [IDataObject, IDataObject] = [
	{ reqId: 'bad-rows-xb-1', x: '17800000011', b: '13900000011' },
	{ reqId: 'bad-rows-xb-2', x: '17800000012', b: '13900000012' },
];
const configure = (extra: IDataObject) =>
	fromItem('configure', { telX: '17800000001', additionalFields: extra });
let badSeq = 0;
/** a fresh Req ID per item */
const badReq = (extra: IDataObject = {}) => ({ reqId: `bad-${badSeq++}`, ...extra });
const pair = ([first, second]: IDataObject[]): [IDataObject, IDataObject] => [
	badReq(first),
	badReq(second),
];

export const workNumberBadRows: BadRow[] = [
	{
		name: 'Req ID of 21 characters (Bind Work Number)',
		params: bindXb,
		good: bindXbGood,
		bad: { reqId: 'x'.repeat(21), x: '17800000010', b: '13900000010' },
		display: 'Req ID',
		wire: 'ReqId',
		reason: /at most 20 characters \(got 21\)/,
	},
	{
		name: 'the same Req ID for two items (Bind Work Number)',
		params: bindXb,
		good: bindXbGood,
		bad: { reqId: 'bad-rows-xb-1', x: '17800000010', b: '13900000010' },
		display: 'Req ID',
		wire: 'ReqId',
		reason: /also given to item 0/,
	},
	{
		name: 'Employee Number (B) with +86 (Bind Work Number)',
		params: bindXb,
		good: bindXbGood,
		bad: { reqId: 'bad-rows-xb-3', x: '17800000010', b: '+8613900000010' },
		display: 'Employee Number (B)',
		wire: 'TelB',
	},
	{
		name: 'Work Number (X) with letters (Bind Work Number)',
		params: bindXb,
		good: bindXbGood,
		bad: { reqId: 'bad-rows-xb-4', x: '1780000OO10', b: '13900000010' },
		display: 'Work Number (X)',
		wire: 'TelX',
	},
	...[
		['0 seconds', 0, /at least 1/],
		['1.5 seconds', 1.5, /whole number/],
		['a date instead of seconds', '2030-01-01 10:00:00', /must be a number/],
	].map(([what, seconds, reason]): BadRow => ({
		name: `Expires In (Seconds) of ${String(what)} (Bind Call (AXB))`,
		params: fromItem('bindAxbCall', {
			authId: '4353453001',
			telA: '13800000021',
			expiresInSeconds: '={{ $json.s }}',
		}),
		good: pair([{ s: 60 }, { s: 7200 }]),
		bad: badReq({ s: seconds }),
		display: 'Expires In (Seconds)',
		wire: 'Expiration',
		reason: reason as RegExp,
	})),
	...[
		['Caller ID Pass-Through', 'GNFlag', 'gnFlag', ['00', '10'], '01'],
		['Sequence Mode', 'SequenceMode', 'sequenceMode', ['1', '2'], '3'],
		['Call Ability', 'CallAbility', 'callAbility', ['0', '1'], 'on'],
	].map(([display, wire, name, [first, second], bad]): BadRow => ({
		name: `${String(display)} "${String(bad)}" (Configure Work Number)`,
		params: configure({ [String(name)]: '={{ $json.v }}' }),
		good: pair([{ v: first }, { v: second }]),
		bad: badReq({ v: bad }),
		display: String(display),
		wire: String(wire),
		reason: /is not one of/,
	})),
	...[
		['an object', { SequenceCalledNo: '13800000031' }, /JSON array/],
		['not JSON', '[{"SequenceCalledNo": 138', /not valid JSON/],
		['an unknown key', [{ SequenceCalledNo: '13800000031', Delay: '5' }], /unknown key "Delay"/],
		['an entry without a number', [{ SequenceCallNoPlayCode: '01' }], /needs SequenceCalledNo/],
		['a malformed number', [{ SequenceCalledNo: '138-0000-003x' }], /entry 0: SequenceCalledNo/],
	].map(([what, value, reason]): BadRow => ({
		name: `Sequence Calls with ${String(what)} (Configure Work Number)`,
		params: configure({ sequenceCalls: '={{ $json.calls }}' }),
		good: pair([
			{ calls: [{ SequenceCalledNo: '13800000032' }] },
			{ calls: '[{"SequenceCalledNo": "13800000033", "SequenceCalledPlayCode": "02"}]' },
		]),
		bad: badReq({ calls: value }),
		display: 'Sequence Calls',
		wire: 'SequenceCalls',
		reason: reason as RegExp,
	})),
	{
		name: 'Called No. with spaces (Create SMS Sign)',
		params: fromItem('createSmsSign', { calledNo: '={{ $json.to }}', callingNo: '13900000041' }),
		good: pair([{ to: '13800000041' }, { to: '13800000042' }]),
		bad: badReq({ to: '138 0000 0043' }),
		display: 'Called No.',
		wire: 'CalledNo',
	},
	{
		name: 'Page Size 0 (List Work Numbers)',
		params: fromItem('list', { customerPoolKey: undefined, pageSize: '={{ $json.size }}' }),
		good: pair([{ size: 1 }, { size: 20 }]),
		bad: badReq({ size: 0 }),
		display: 'Page Size',
		wire: 'PageSize',
		reason: /at least 1/,
	},
	{
		name: 'Req ID of 17 characters with Return All (List Work Numbers)',
		params: fromItem('list', { customerPoolKey: undefined, returnAll: true, pageSize: 20 }),
		good: pair([{}, {}]),
		bad: { reqId: 'r'.repeat(17) },
		display: 'Req ID',
		wire: 'ReqId',
		reason: /at most 16 characters with Return All/,
	},
	{
		name: 'Caller Parent ID that is not a number (Get Configuration)',
		params: fromItem('getConfig', {
			telX: '17800000001',
			additionalFields: { callerParentId: '={{ $json.uid }}' },
		}),
		good: pair([{ uid: 1 }, { uid: '1898871967585852' }]),
		bad: badReq({ uid: 'uid-7' }),
		display: 'Caller Parent ID',
		wire: 'CallerParentId',
	},
	{
		name: 'empty Call ID (Get Recording URL)',
		params: fromItem('getRecordingUrl', { callId: '={{ $json.id }}' }),
		good: pair([{ id: 'c1' }, { id: 'c2' }]),
		bad: badReq({ id: '' }),
		display: 'Call ID',
		wire: 'CallId',
		reason: /is required/,
	},
];
