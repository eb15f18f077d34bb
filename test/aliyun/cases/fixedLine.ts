/* Workflow cases and bad-input rows of the fixed-line (固话) family: AXB, AXN and AXN extension on landline X. */
import type { IDataObject } from 'n8n-workflow';
import { businessParams, runNode } from '../helpers';
import { nextPhone, onlyItem, single, type BadRow, type CaseFactory } from './shared';

let appSeq = 1;
/** a fresh AppId per case, so its seeded landline numbers are all free */
const nextApp = () => `FC2000000168480${String(appSeq++).padStart(2, '0')}`;
/** the first seeded landline X of an AppId in Hangzhou (571) */
const HANGZHOU_X = '057188000001';
const GIVEN_TS = '20261202103000123';

interface FixedBinding {
	subid: string;
	mode: string;
	telA: string;
	telB: string | null;
	telX: string;
	telXext: string | null;
	areacode: string;
	expireAt: number | null;
	anucode: string;
	extra: IDataObject;
	remark: string | null;
}

/** Ts (17 digits) and Subts (14 digits) are the China time of now, Subts its first 14 digits */
function expectNow(params: Record<string, string>, withSubts: boolean) {
	expect(params.Ts).toMatch(/^\d{17}$/);
	const t = params.Ts;
	const iso = t.replace(
		/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d{3})$/,
		'$1-$2-$3T$4:$5:$6.$7+08:00',
	);
	expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(60_000);
	if (withSubts) expect(params.Subts).toBe(t.slice(0, 14));
	else expect(params.Subts).toBeUndefined();
}

/** what a case's run sent, besides the computed Ts/Subts */
function sent(params: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(params).filter(([key]) => key !== 'Ts' && key !== 'Subts'),
	);
}

export const fixedLineCases: CaseFactory = (sandbox) => {
	const bindingOf = (subId: unknown) =>
		(
			sandbox().state.aliyun as unknown as { fixedLine: { bindings: Map<string, FixedBinding> } }
		).fixedLine.bindings.get(String(subId));

	/** a binding made through the node itself */
	async function bound(mode: 'Axb' | 'Axn' | 'AxnExtension', app: string) {
		const run = await runNode(sandbox(), {
			resource: 'fixedLine',
			operation: `bind${mode}`,
			fixedAppId: app,
			fixedOrderId: `pre-${app}`,
			bindType: 'mode102',
			telA: nextPhone(),
			...(mode === 'Axb' ? { telB: nextPhone('139') } : {}),
			fixedExpiration: 3600,
			anucode: '1,2,1',
		});
		const item = onlyItem(run);
		const binding = bindingOf(item.subId) as FixedBinding;
		expect(binding).toBeDefined();
		return binding;
	}

	const change = (mode: string, verb: string, app: string, extra: IDataObject) => ({
		resource: 'fixedLine',
		operation: `${verb}${mode}`,
		fixedAppId: app,
		fixedOrderId: `${verb}-${app}`,
		...extra,
	});

	return {
		'fixedLine:bindAxb': async () => {
			const [app, a, b] = [nextApp(), nextPhone(), nextPhone('139')];
			const run = await runNode(sandbox(), {
				resource: 'fixedLine',
				operation: 'bindAxb',
				fixedAppId: app,
				fixedOrderId: 'fl-order-1',
				bindType: 'mode102',
				telA: a,
				telB: b,
				fixedExpiration: 3600,
				anucode: '10001,10002,10003',
				additionalFields: {
					anucodeCalled: '10004,10005',
					tAnucodeConnect: '10006,10007',
					areaCode: '571',
					fixedExtra: { Callrecording: '1' },
					fixedRemark: 'r-1',
				},
			});
			const { req, body } = single(run, 'BindAxbFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: 'fl-order-1',
				BindType: 'mode102',
				TelA: a,
				TelB: b,
				Expiration: '3600',
				Anucode: '10001,10002,10003',
				Anucodecalled: '10004,10005',
				TAnucodeConnect: '10006,10007',
				Areacode: '571',
				Extra: '{"Callrecording":"1"}',
				Remark: 'r-1',
			});
			expectNow(params, true);
			const data = body.Data as IDataObject;
			expect(body.Success).toBe(true);
			expect(onlyItem(run)).toEqual({
				subId: data.Subid,
				telX: HANGZHOU_X,
				requestId: body.RequestId,
			});
			const binding = bindingOf(data.Subid) as FixedBinding;
			expect(binding).toMatchObject({
				mode: 'Axb',
				telA: a,
				telB: b,
				telX: HANGZHOU_X,
				areacode: '571',
				extra: { Callrecording: '1' },
				remark: 'r-1',
			});
			expect(Math.abs((binding.expireAt as number) - Date.now() - 3600_000)).toBeLessThan(60_000);
		},

		'fixedLine:bindAxn': async () => {
			const [app, a, n] = [nextApp(), nextPhone(), nextPhone('139')];
			const run = await runNode(sandbox(), {
				resource: 'fixedLine',
				operation: 'bindAxn',
				fixedAppId: app,
				fixedOrderId: 'fl-order-2',
				bindType: 'mode101',
				fixedTelX: HANGZHOU_X,
				telA: a,
				fixedExpiration: 0,
				anucode: '1,2,3',
				additionalFields: {
					telB: n,
					fixedExtra: { Callback: '2', Callrecording: '0' },
					fixedTs: GIVEN_TS,
					fixedSubts: '20261202103000',
				},
			});
			const { req, body } = single(run, 'BindAxnFixedLine');
			expect(businessParams(req)).toEqual({
				AppId: app,
				OrderId: 'fl-order-2',
				BindType: 'mode101',
				TelX: HANGZHOU_X,
				TelA: a,
				TelB: n,
				Expiration: '0',
				Anucode: '1,2,3',
				Extra: '{"Callback":"2","Callrecording":"0"}',
				Ts: GIVEN_TS,
				Subts: '20261202103000',
			});
			const data = body.Data as IDataObject;
			expect(onlyItem(run)).toEqual({
				subId: data.Subid,
				telX: HANGZHOU_X,
				requestId: body.RequestId,
			});
			expect(bindingOf(data.Subid)).toMatchObject({
				mode: 'Axn',
				telA: a,
				telB: n,
				expireAt: null,
				extra: { Callback: '2', Callrecording: '0' },
			});
		},

		'fixedLine:bindAxnExtension': async () => {
			const [app, a] = [nextApp(), nextPhone()];
			const run = await runNode(sandbox(), {
				resource: 'fixedLine',
				operation: 'bindAxnExtension',
				fixedAppId: app,
				fixedOrderId: 'fl-order-3',
				bindType: 'mode101',
				fixedTelX: HANGZHOU_X,
				telA: a,
				fixedExpiration: 60,
				anucode: '7,8,7',
				additionalFields: { telXExt: '1009', fixedExtra: { Callback: '1' } },
			});
			const { req, body } = single(run, 'BindAxnExtensionFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: 'fl-order-3',
				BindType: 'mode101',
				TelX: HANGZHOU_X,
				TelA: a,
				Expiration: '60',
				Anucode: '7,8,7',
				TelXext: '1009',
				Extraaxx: '{"Callback":"1"}',
			});
			expectNow(params, true);
			const data = body.Data as IDataObject;
			expect(onlyItem(run)).toEqual({
				subId: data.Subid,
				telX: HANGZHOU_X,
				telXExt: '1009',
				requestId: body.RequestId,
			});
			expect(bindingOf(data.Subid)).toMatchObject({
				mode: 'AxnExtension',
				telA: a,
				telXext: '1009',
			});
		},

		'fixedLine:updateAxb': async () => {
			const app = nextApp();
			const binding = await bound('Axb', app);
			const b2 = nextPhone('139');
			const run = await runNode(
				sandbox(),
				change('Axb', 'update', app, {
					subId: binding.subid,
					additionalFields: { telB: b2, fixedExpiration: 0, fixedExtra: { Callrecording: '1' } },
				}),
			);
			const { req, body } = single(run, 'UpdateAxbBindFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: `update-${app}`,
				SubId: binding.subid,
				TelB: b2,
				Expiration: '0',
				Extra: '{"Callrecording":"1"}',
			});
			expectNow(params, true);
			expect(onlyItem(run)).toEqual({
				updated: true,
				subId: binding.subid,
				requestId: body.RequestId,
			});
			expect(bindingOf(binding.subid)).toMatchObject({
				telB: b2,
				expireAt: null,
				extra: { Callrecording: '1' },
			});
		},

		'fixedLine:updateAxn': async () => {
			const app = nextApp();
			const binding = await bound('Axn', app);
			const a2 = nextPhone();
			const run = await runNode(
				sandbox(),
				change('Axn', 'update', app, {
					subId: binding.subid,
					additionalFields: { telA: a2, fixedRemark: 'moved' },
				}),
			);
			const { req, body } = single(run, 'UpdateAxnBindFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: `update-${app}`,
				SubId: binding.subid,
				TelA: a2,
				Remark: 'moved',
			});
			expectNow(params, true);
			expect(onlyItem(run)).toEqual({
				updated: true,
				subId: binding.subid,
				requestId: body.RequestId,
			});
			expect(bindingOf(binding.subid)).toMatchObject({ telA: a2, remark: 'moved' });
		},

		'fixedLine:updateAxnExtension': async () => {
			const app = nextApp();
			const binding = await bound('AxnExtension', app);
			const run = await runNode(
				sandbox(),
				change('AxnExtension', 'update', app, {
					subId: binding.subid,
					telA: binding.telA,
					additionalFields: { anucode: '5,6,5' },
				}),
			);
			const { req, body } = single(run, 'UpdateAxnExtensionBindFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: `update-${app}`,
				SubId: binding.subid,
				TelA: binding.telA,
				Anucode: '5,6,5',
			});
			expectNow(params, true);
			expect(onlyItem(run)).toEqual({
				updated: true,
				subId: binding.subid,
				requestId: body.RequestId,
			});
			expect(bindingOf(binding.subid)).toMatchObject({ anucode: '5,6,5' });
		},

		...Object.fromEntries(
			(['Axb', 'Axn', 'AxnExtension'] as const).map((mode) => [
				`fixedLine:delete${mode}`,
				async () => {
					const app = nextApp();
					const binding = await bound(mode, app);
					const params = change(mode, 'delete', app, { subId: binding.subid });
					const run = await runNode(sandbox(), params);
					const { req, body } = single(run, `Delete${mode}BindFixedLine`);
					const wire = businessParams(req);
					expect(sent(wire)).toEqual({
						AppId: app,
						OrderId: `delete-${app}`,
						SubId: binding.subid,
					});
					expectNow(wire, false);
					expect(onlyItem(run)).toEqual({
						deleted: true,
						subId: binding.subid,
						requestId: body.RequestId,
					});
					expect(bindingOf(binding.subid)).toBeUndefined();
					// deleting it again: Success false is an error with Alibaba's Code (no "already gone" code is documented)
					const again = await runNode(sandbox(), params);
					expect(again.error?.message).toBe(
						`isv.SUBS_NOT_EXIST: subscription not exists: ${binding.subid}`,
					);
				},
			]),
		),

		'fixedLine:getAxb': async () => {
			const app = nextApp();
			const binding = await bound('Axb', app);
			const run = await runNode(
				sandbox(),
				change('Axb', 'get', app, {
					queryType: '1',
					fixedTelX: binding.telX,
					fixedPhone: binding.telB,
				}),
			);
			const { req, body } = single(run, 'QueryAxbBindFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: `get-${app}`,
				QueryType: '1',
				TelX: binding.telX,
				Phone: binding.telB,
			});
			expectNow(params, false);
			expect(onlyItem(run)).toEqual({ ...(body.Data as IDataObject), requestId: body.RequestId });
			expect(onlyItem(run)).toMatchObject({
				Subid: binding.subid,
				TelA: binding.telA,
				Expiration: '3600',
			});
		},

		'fixedLine:getAxn': async () => {
			const app = nextApp();
			const binding = await bound('Axn', app);
			const run = await runNode(
				sandbox(),
				change('Axn', 'get', app, { queryType: '2', fixedTelX: binding.telX }),
			);
			const { req, body } = single(run, 'QueryAxnBindFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: `get-${app}`,
				QueryType: '2',
				TelX: binding.telX,
			});
			expectNow(params, false);
			const [entry] = body.Data as IDataObject[];
			expect(onlyItem(run)).toEqual({ ...entry, requestId: body.RequestId });
			expect(entry).toMatchObject({ Subid: binding.subid, TelA: binding.telA, Anucode: '1,2,1' });
		},

		'fixedLine:getAxnExtension': async () => {
			const app = nextApp();
			const binding = await bound('AxnExtension', app);
			const run = await runNode(
				sandbox(),
				change('AxnExtension', 'get', app, { queryType: '0', subId: binding.subid }),
			);
			const { req, body } = single(run, 'QueryAxnExtensionBindFixedLine');
			const params = businessParams(req);
			expect(sent(params)).toEqual({
				AppId: app,
				OrderId: `get-${app}`,
				QueryType: '0',
				SubId: binding.subid,
			});
			expectNow(params, false);
			const [entry] = body.Data as IDataObject[];
			expect(onlyItem(run)).toEqual({ ...entry, requestId: body.RequestId });
			expect(entry).toMatchObject({
				Subid: binding.subid,
				TelXext: binding.telXext,
				TelX: binding.telX,
			});
		},
	};
};

const fixedBind = (operation: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'fixedLine',
	operation,
	fixedAppId: 'FC200000016848099',
	fixedOrderId: '=bad-{{ $itemIndex }}',
	bindType: 'mode102',
	telA: '={{ $json.a }}',
	telB: '={{ $json.b }}',
	fixedExpiration: 600,
	anucode: '1,2,3',
	...extra,
});
const item = (extra: IDataObject = {}): IDataObject => ({
	a: nextPhone(),
	b: nextPhone('139'),
	...extra,
});
const goodPair = (extra: IDataObject = {}): [IDataObject, IDataObject] => [
	item(extra),
	item(extra),
];

export const fixedLineBadRows: BadRow[] = [
	{
		name: 'Fixed-line Bind Type mode103',
		params: fixedBind('bindAxb', { bindType: '={{ $json.mode }}', fixedTelX: HANGZHOU_X }),
		good: goodPair({ mode: 'mode102' }),
		bad: item({ mode: 'mode103' }),
		display: 'Bind Type',
		wire: 'BindType',
		reason: /mode103/,
	},
	{
		name: 'Fixed-line Timestamp of 13 digits',
		params: fixedBind('bindAxb', { additionalFields: { fixedTs: '={{ $json.ts }}' } }),
		good: goodPair({ ts: GIVEN_TS }),
		bad: item({ ts: '2026120210300' }),
		display: 'Timestamp',
		wire: 'Ts',
		reason: /17 digits/,
	},
	{
		name: 'Fixed-line Binding Time on 30 February',
		params: fixedBind('bindAxn', { additionalFields: { fixedSubts: '={{ $json.subts }}' } }),
		good: goodPair({ subts: '20261202103000' }),
		bad: item({ subts: '20260230103000' }),
		display: 'Binding Time',
		wire: 'Subts',
		reason: /real China time/,
	},
	{
		name: 'Fixed-line Expire After of -1 seconds',
		params: fixedBind('bindAxb', { fixedExpiration: '={{ $json.exp }}' }),
		good: goodPair({ exp: 0 }),
		bad: item({ exp: -1 }),
		display: 'Expire After (Seconds)',
		wire: 'Expiration',
	},
	{
		name: 'Fixed-line Extra Callback 2 on AXN extension',
		params: fixedBind('bindAxnExtension', {
			anucode: '1,2,1',
			additionalFields: { fixedExtra: { Callback: '={{ $json.cb }}' } },
		}),
		good: goodPair({ cb: '1' }),
		bad: item({ cb: '2' }),
		display: 'Extra',
		wire: 'Extraaxx',
		reason: /Callback must be one of 0, 1/,
	},
	{
		name: 'Fixed-line Phone No. A with letters',
		params: fixedBind('bindAxn'),
		good: goodPair(),
		bad: item({ a: '1380000abcd' }),
		display: 'Phone No. A',
		wire: 'TelA',
		reason: /digits only/,
	},
	{
		name: 'Fixed-line prompt codes: two instead of three',
		params: fixedBind('bindAxb', { anucode: '={{ $json.codes }}' }),
		good: goodPair({ codes: '1,2,3' }),
		bad: item({ codes: '1,2' }),
		display: 'Prompts Before Connecting (Anucode)',
		wire: 'Anucode',
		reason: /3 prompt codes/,
	},
	{
		name: 'Fixed-line AXN extension prompts that differ for B and others',
		params: fixedBind('bindAxnExtension', { anucode: '={{ $json.codes }}' }),
		good: goodPair({ codes: '4,5,4' }),
		bad: item({ codes: '4,5,6' }),
		display: 'Prompts Before Connecting (Anucode)',
		wire: 'Anucode',
		reason: /must be the same/,
	},
	{
		name: 'Fixed-line Area Code with its leading 0',
		params: fixedBind('bindAxb', { additionalFields: { areaCode: '={{ $json.area }}' } }),
		good: goodPair({ area: '10' }),
		bad: item({ area: '010' }),
		display: 'Area Code',
		wire: 'Areacode',
		reason: /without its leading 0/,
	},
];
