/* Logistics pickup orders (上门寄件): Pre-Query, Create and Cancel against the sandbox, and their bad inputs. */
import type { IDataObject } from 'n8n-workflow';
import { businessParams, runNode } from '../helpers';
import { nextPhone, onlyItem, single, type BadRow, type CaseFactory } from './shared';

let orderSeq = 1;
/** a fresh Outer Order Code per use: the sandbox refuses a second live order under one code */
const nextOrder = () => `PU2030${String(orderSeq++).padStart(6, '0')}`;

/** keys in alphabetical order: n8n hands collection values over in that order, and so they are sent */
const HANGZHOU = {
	AddressDetail: '文一西路 1 号',
	AreaName: '西湖区',
	CityName: '杭州市',
	ProvinceName: '浙江省',
	TownName: '文新街道',
};
const XIAN = {
	AddressDetail: 'XX小区 2 号',
	AreaName: '未央区',
	CityName: '西安市',
	ProvinceName: '陕西省',
};

interface Waybill {
	outerOrderCode: string;
	status: string;
	mailNo: string;
	gotCode: string;
	cpCode: string;
	bizType: number;
	appointGotStartTime: string | null;
	appointGotEndTime: string | null;
	sender: IDataObject;
	consignee: IDataObject;
	sendAddress: IDataObject;
	consigneeAddress: IDataObject;
	goods: IDataObject[];
	remark: string | null;
	cancelDesc: string | null;
}

/** The minimal node parameters of a real-time pickup order. */
const createParams = (outerOrderCode: string, additionalFields: IDataObject = {}): IDataObject => ({
	resource: 'pickup',
	operation: 'create',
	outerOrderCode,
	orderChannels: 'YUN_DIAN_SHANG',
	sendName: 'Wang',
	sendAddress: HANGZHOU,
	consigneeName: 'Li',
	consigneeAddress: XIAN,
	additionalFields: {
		sendMobile: nextPhone('139'),
		consigneePhone: '057188450000',
		...additionalFields,
	},
});

export const pickupCases: CaseFactory = (sandbox) => {
	const waybillOf = (code: string) =>
		(
			sandbox().state.aliyun as unknown as { pickupWaybills?: Map<string, Waybill> }
		).pickupWaybills?.get(code);

	return {
		'pickup:preQuery': async () => {
			const [senderMobile, consigneeMobile] = [nextPhone('139'), nextPhone('137')];
			const run = await runNode(sandbox(), {
				resource: 'pickup',
				operation: 'preQuery',
				orderChannels: 'Test',
				senderInfo: { Name: 'Wang', Mobile: senderMobile },
				consigneeInfo: { Name: 'Li', Mobile: consigneeMobile },
				additionalFields: {
					senderAddressInfo: { ProvinceName: '浙江省', CityName: '杭州市', AreaName: '西湖区' },
					cpCode: 'YTO',
					preWeight: 2000,
				},
			});
			const { req, body } = single(run, 'CreatePickUpWaybillPreQuery');
			expect(businessParams(req)).toEqual({
				OrderChannels: 'Test',
				SenderInfo:
					`{"Mobile":"${senderMobile}","Name":"Wang",` +
					'"AddressInfo":{"AreaName":"西湖区","CityName":"杭州市","ProvinceName":"浙江省"}}',
				ConsigneeInfo: `{"Mobile":"${consigneeMobile}","Name":"Li"}`,
				CpCode: 'YTO',
				PreWeight: '2000',
			});
			const data = body.Data as IDataObject;
			const list = data.CpTimeSelectList as IDataObject[];
			// 2 kg: the sandbox's price is 10 + 2 per started kilogram
			expect(list[0].PrePrice).toBe('14.00');
			expect((list[0].AppointTimes as IDataObject[]).length).toBe(2);
			expect(onlyItem(run)).toEqual({
				cpTimeSelectList: list,
				message: 'Success',
				requestId: body.RequestId,
			});
		},

		'pickup:create': async () => {
			const code = nextOrder();
			const goods = '[{"Name":"Book","Quantity":"1","Weight":"1000"},{"Name":"Pen","Quantity":2}]';
			const params = createParams(code, {
				cpCode: 'ZTO',
				bizType: 1,
				appointGotStartTime: '2030-01-02T09:00:00',
				appointGotEndTime: '2030-01-02 11:00:00',
				goodsInfos: goods,
				remark: 'fragile',
			});
			const sendMobile = (params.additionalFields as IDataObject).sendMobile;
			const run = await runNode(sandbox(), params);
			const { req, body } = single(run, 'CreatePickUpWaybill');
			expect(businessParams(req)).toEqual({
				OuterOrderCode: code,
				OrderChannels: 'YUN_DIAN_SHANG',
				SendName: 'Wang',
				SendMobile: sendMobile,
				SendAddress: JSON.stringify(HANGZHOU),
				ConsigneeName: 'Li',
				ConsigneePhone: '057188450000',
				ConsigneeAddress: JSON.stringify(XIAN),
				CpCode: 'ZTO',
				BizType: '1',
				// the harness' workflow timezone is Asia/Shanghai: the picker value is China time already
				AppointGotStartTime: '2030-01-02 09:00:00',
				AppointGotEndTime: '2030-01-02 11:00:00',
				GoodsInfos: goods,
				Remark: 'fragile',
			});
			const data = body.Data as IDataObject;
			expect(onlyItem(run)).toEqual({
				outerOrderCode: code,
				mailNo: data.MailNo,
				gotCode: data.GotCode,
				cpCode: 'ZTO',
				requestId: body.RequestId,
			});
			expect(waybillOf(code)).toMatchObject({
				status: 'created',
				mailNo: data.MailNo,
				gotCode: data.GotCode,
				cpCode: 'ZTO',
				bizType: 1,
				appointGotStartTime: '2030-01-02 09:00:00',
				appointGotEndTime: '2030-01-02 11:00:00',
				sender: { name: 'Wang', mobile: sendMobile, phone: null },
				consignee: { name: 'Li', mobile: null, phone: '057188450000' },
				sendAddress: HANGZHOU,
				consigneeAddress: XIAN,
				goods: [
					{ Name: 'Book', Quantity: '1', Weight: '1000' },
					{ Name: 'Pen', Quantity: 2 },
				],
				remark: 'fragile',
			});
		},

		'pickup:cancel': async () => {
			const code = nextOrder();
			const created = await runNode(sandbox(), createParams(code));
			expect(created.error).toBeUndefined();
			expect(waybillOf(code)?.status).toBe('created');

			const cancel = {
				resource: 'pickup',
				operation: 'cancel',
				outerOrderCode: code,
				cancelDesc: '不想寄了',
			};
			const run = await runNode(sandbox(), cancel);
			const { req, body } = single(run, 'CancelPickUpWaybill');
			expect(businessParams(req)).toEqual({ OuterOrderCode: code, CancelDesc: '不想寄了' });
			expect(onlyItem(run)).toEqual({
				cancelled: true,
				outerOrderCode: code,
				requestId: body.RequestId,
			});
			expect(waybillOf(code)).toMatchObject({ status: 'cancelled', cancelDesc: '不想寄了' });

			// Cancelling it again: Data.Success false is an error with Data.ErrorCode and Data.ErrorMsg
			const again = await runNode(sandbox(), cancel);
			expect(again.error?.message).toBe(
				`isv.FORBIDDEN_ACTION: pickup order already cancelled: ${code}`,
			);
			expect(again.requests).toHaveLength(1);
			expect(again.requests[0].response?.body).toMatchObject({
				Data: {
					Success: false,
					ErrorCode: 'isv.FORBIDDEN_ACTION',
					ErrorMsg: `pickup order already cancelled: ${code}`,
				},
			});
			expect(waybillOf(code)?.status).toBe('cancelled');
		},
	};
};

/** Create with the tested value taken from the item ($json); each item brings its own Outer Order Code. */
const create = (additionalFields: IDataObject = {}, overrides: IDataObject = {}): IDataObject => ({
	...createParams('={{ $json.code }}', additionalFields),
	...overrides,
});
const order = (extra: IDataObject = {}): IDataObject => ({ code: nextOrder(), ...extra });

const preQuery = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'pickup',
	operation: 'preQuery',
	orderChannels: 'Test',
	senderInfo: { Name: 'Wang', Mobile: '13900000001' },
	consigneeInfo: { Name: 'Li', Mobile: '13700000001' },
	...overrides,
});

export const pickupBadRows: BadRow[] = [
	{
		name: 'Pickup: Sender Mobile with letters',
		params: create({ sendMobile: '={{ $json.m }}' }),
		good: [order({ m: '13900000002' }), order({ m: '13900000003' })],
		bad: order({ m: '1390000abcd' }),
		display: 'Sender Mobile',
		wire: 'SendMobile',
		reason: /digits only/,
	},
	{
		name: 'Pickup: neither Sender Mobile nor Sender Phone',
		params: create({ sendMobile: '={{ $json.m }}' }),
		good: [order({ m: '13900000004' }), order({ m: '13900000005' })],
		bad: order({ m: '' }),
		display: 'Sender Mobile',
		wire: 'SendMobile',
		reason: /or Sender Phone is required/,
	},
	{
		name: 'Pickup: Consignee Address without Address Detail',
		params: create({}, { consigneeAddress: { ...XIAN, AddressDetail: '={{ $json.detail }}' } }),
		good: [order({ detail: '1 号' }), order({ detail: '2 号' })],
		bad: order({ detail: '' }),
		display: 'Consignee Address',
		wire: 'ConsigneeAddress',
		reason: /needs AddressDetail/,
	},
	{
		name: 'Pickup: Goods Infos with an undocumented key',
		params: create({ goodsInfos: '={{ $json.goods }}' }),
		good: [order({ goods: '[{"Name":"Book"}]' }), order({ goods: [{ Quantity: '3' }] })],
		bad: order({ goods: '[{"Name":"Book","Price":"9.90"}]' }),
		display: 'Goods Infos',
		wire: 'GoodsInfos',
		reason: /unknown key "Price"/,
	},
	{
		name: 'Pickup: Goods Infos with a Weight that is not a number',
		params: create({ goodsInfos: '={{ $json.goods }}' }),
		good: [order({ goods: '[{"Weight":"500"}]' }), order({ goods: '[{"Weight":1200}]' })],
		bad: order({ goods: '[{"Weight":"1 kg"}]' }),
		display: 'Goods Infos',
		wire: 'GoodsInfos',
		reason: /Weight must be a non-negative number/,
	},
	{
		name: 'Pickup: appointment order without its end',
		params: create({
			bizType: 1,
			appointGotStartTime: '2030-01-02 09:00:00',
			appointGotEndTime: '={{ $json.end }}',
		}),
		good: [order({ end: '2030-01-02 11:00:00' }), order({ end: '2030-01-02 16:00:00' })],
		bad: order({ end: '' }),
		display: 'Appointed Pickup End',
		wire: 'AppointGotEndTime',
		reason: /required for an appointment order/,
	},
	{
		name: 'Pickup: Appointed Pickup Start that is not a date',
		params: create({
			bizType: 1,
			appointGotStartTime: '={{ $json.start }}',
			appointGotEndTime: '2030-01-02 18:00:00',
		}),
		good: [order({ start: '2030-01-02 14:00:00' }), order({ start: '2030-01-02T16:00:00' })],
		bad: order({ start: 'after lunch' }),
		display: 'Appointed Pickup Start',
		wire: 'AppointGotStartTime',
	},
	{
		name: 'Pickup Pre-Query: Order Channels with an underscore',
		params: preQuery({ orderChannels: '={{ $json.channel }}' }),
		good: [{ channel: 'Test' }, { channel: 'YUNDIANSHANG' }],
		bad: { channel: 'YUN_DIAN_SHANG' },
		display: 'Order Channels',
		wire: 'OrderChannels',
		reason: /underscores/,
	},
	{
		name: 'Pickup Pre-Query: Sender Info with a landline as Mobile',
		params: preQuery({ senderInfo: { Name: 'Wang', Mobile: '={{ $json.m }}' } }),
		good: [{ m: '13900000006' }, { m: '13900000007' }],
		bad: { m: '057188450000' },
		display: 'Sender Info',
		wire: 'SenderInfo',
		reason: /Mobile "057188450000" must be a mainland mobile number/,
	},
	{
		name: 'Pickup Pre-Query: Consignee Info without Mobile',
		params: preQuery({ consigneeInfo: { Name: 'Li', Mobile: '={{ $json.m }}' } }),
		good: [{ m: '13700000002' }, { m: '13700000003' }],
		bad: { m: '' },
		display: 'Consignee Info',
		wire: 'ConsigneeInfo',
		reason: /needs Mobile/,
	},
];
