'use strict';
/*
 * Logistics pickup orders (上门寄件): CreatePickUpWaybillPreQuery offers pickup slots and a price,
 * CreatePickUpWaybill orders a courier (MailNo, GotCode), CancelPickUpWaybill cancels by OuterOrderCode.
 * Their answers carry Data.Success / ErrorCode / ErrorMsg (envelope 'pickup'). Alibaba's pages:
 * https://help.aliyun.com/document_detail/400502.html, …/428594.html, …/349292.html.
 */

const { chinaTime, parseChinaTime } = require('../util');
const { invalidParameters, BizError } = require('./errors');
const { checkPhone, isBlank } = require('./params');

const ADDRESS_KEYS = ['ProvinceName', 'CityName', 'AreaName', 'TownName', 'AddressDetail'];
/** CreatePickUpWaybill: every address part but TownName is required. */
const REQUIRED_ADDRESS_KEYS = ['ProvinceName', 'CityName', 'AreaName', 'AddressDetail'];
const GOODS_KEYS = ['Name', 'Quantity', 'Weight'];
const INFO_KEYS = ['Name', 'Mobile', 'AddressInfo'];
const DAY = 24 * 3600 * 1000;
/** The slots the sandbox's courier offers each day, China time. */
const SLOTS = [
	['09:00:00', '11:00:00'],
	['14:00:00', '16:00:00'],
];

const pickup = { envelope: 'pickup', qps: 100 };
const pickupActions = {
	CreatePickUpWaybill: {
		...pickup,
		required: [
			'OuterOrderCode',
			'OrderChannels',
			'SendName',
			'SendAddress',
			'ConsigneeName',
			'ConsigneeAddress',
		],
	},
	CreatePickUpWaybillPreQuery: {
		...pickup,
		required: ['OrderChannels', 'SenderInfo', 'ConsigneeInfo'],
	},
	CancelPickUpWaybill: { ...pickup, required: ['OuterOrderCode', 'CancelDesc'] },
};

/** OuterOrderCode -> { owner, outerOrderCode, status: 'created'|'cancelled', mailNo, gotCode, cpCode, … } */
function waybills(ctx) {
	if (!ctx.aliyun.pickupWaybills) ctx.aliyun.pickupWaybills = new Map();
	return ctx.aliyun.pickupWaybills;
}

function parseObject(value, name, { keys, required = [] }) {
	let object;
	try {
		object = JSON.parse(value);
	} catch {
		throw invalidParameters(`${name} must be a JSON object`);
	}
	if (!object || typeof object !== 'object' || Array.isArray(object)) {
		throw invalidParameters(`${name} must be a JSON object`);
	}
	const unknown = Object.keys(object).filter((key) => !keys.includes(key));
	if (unknown.length) throw invalidParameters(`${name} has unknown keys: ${unknown.join(', ')}`);
	const missing = required.filter((key) => isBlank(object[key]));
	if (missing.length) throw invalidParameters(`${name} lacks ${missing.join(', ')}`);
	return object;
}

function checkGoods(value) {
	if (isBlank(value)) return [];
	let list;
	try {
		list = JSON.parse(value);
	} catch {
		throw invalidParameters('GoodsInfos must be a JSON array');
	}
	if (!Array.isArray(list)) throw invalidParameters('GoodsInfos must be a JSON array');
	return list.map((entry, index) =>
		parseObject(JSON.stringify(entry), `GoodsInfos[${index}]`, { keys: GOODS_KEYS }),
	);
}

function checkTimes(params) {
	const bizType = isBlank(params.BizType) ? 0 : Number(params.BizType);
	if (bizType !== 0 && bizType !== 1)
		throw invalidParameters(`BizType must be 0 or 1: ${params.BizType}`);
	for (const name of ['AppointGotStartTime', 'AppointGotEndTime']) {
		if (isBlank(params[name])) {
			if (bizType === 1) throw invalidParameters(`${name} is required when BizType is 1`);
		} else if (parseChinaTime(params[name]) === null) {
			throw invalidParameters(`${name} must be yyyy-MM-dd HH:mm:ss: ${params[name]}`);
		}
	}
	return bizType;
}

function parties(params) {
	for (const [who, mobile, landline] of [
		['Send', params.SendMobile, params.SendPhone],
		['Consignee', params.ConsigneeMobile, params.ConsigneePhone],
	]) {
		if (isBlank(mobile) && isBlank(landline)) {
			throw invalidParameters(`${who}Mobile or ${who}Phone is required`);
		}
		checkPhone(mobile, `${who}Mobile`);
		checkPhone(landline, `${who}Phone`);
	}
}

function createPickUpWaybill(params, ctx) {
	parties(params);
	const sendAddress = parseObject(params.SendAddress, 'SendAddress', {
		keys: ADDRESS_KEYS,
		required: REQUIRED_ADDRESS_KEYS,
	});
	const consigneeAddress = parseObject(params.ConsigneeAddress, 'ConsigneeAddress', {
		keys: ADDRESS_KEYS,
		required: REQUIRED_ADDRESS_KEYS,
	});
	const bizType = checkTimes(params);
	const goods = checkGoods(params.GoodsInfos);
	const orders = waybills(ctx);
	const existing = orders.get(params.OuterOrderCode);
	if (existing && existing.status === 'created') {
		// Alibaba documents no answer for a repeated OuterOrderCode; the sandbox refuses a second live order.
		throw invalidParameters(`OuterOrderCode already has a pickup order: ${params.OuterOrderCode}`);
	}
	const seq = (ctx.aliyun.nextPickup = (ctx.aliyun.nextPickup || 0) + 1);
	const waybill = {
		owner: ctx.account.owner,
		outerOrderCode: params.OuterOrderCode,
		status: 'created',
		mailNo: `7731${String(seq).padStart(10, '0')}`,
		gotCode: String(1000 + (seq % 9000)),
		cpCode: isBlank(params.CpCode) ? 'YTO' : params.CpCode,
		orderChannels: params.OrderChannels,
		bizType,
		appointGotStartTime: params.AppointGotStartTime ?? null,
		appointGotEndTime: params.AppointGotEndTime ?? null,
		sender: {
			name: params.SendName,
			mobile: params.SendMobile ?? null,
			phone: params.SendPhone ?? null,
		},
		consignee: {
			name: params.ConsigneeName,
			mobile: params.ConsigneeMobile ?? null,
			phone: params.ConsigneePhone ?? null,
		},
		sendAddress,
		consigneeAddress,
		goods,
		remark: params.Remark ?? null,
		createdAt: ctx.now,
		cancelDesc: null,
	};
	orders.set(params.OuterOrderCode, waybill);
	return {
		Data: {
			MailNo: waybill.mailNo,
			GotCode: waybill.gotCode,
			CpCode: waybill.cpCode,
			ErrorCode: '200',
			ErrorMsg: 'none',
		},
	};
}

function checkInfo(value, name) {
	const info = parseObject(value, name, { keys: INFO_KEYS, required: ['Name', 'Mobile'] });
	checkPhone(info.Mobile, `${name}.Mobile`);
	if (info.AddressInfo !== undefined) {
		parseObject(JSON.stringify(info.AddressInfo), `${name}.AddressInfo`, { keys: ADDRESS_KEYS });
	}
	return info;
}

/** The next two days' slots (China time), and a price when a weight is given. */
function createPickUpWaybillPreQuery(params, ctx) {
	if (String(params.OrderChannels).includes('_')) {
		throw invalidParameters(`OrderChannels must not contain underscores: ${params.OrderChannels}`);
	}
	checkInfo(params.SenderInfo, 'SenderInfo');
	checkInfo(params.ConsigneeInfo, 'ConsigneeInfo');
	let prePrice;
	if (!isBlank(params.PreWeight)) {
		const grams = Number(params.PreWeight);
		if (!Number.isFinite(grams) || grams < 0)
			throw invalidParameters(`PreWeight is illegal: ${params.PreWeight}`);
		prePrice = (10 + 2 * Math.ceil(grams / 1000)).toFixed(2);
	}
	const appointTimes = [1, 2].map((days) => ({
		Date: chinaTime(ctx.now + days * DAY).slice(0, 10),
		DateSelectable: true,
		TimeList: SLOTS.map(([start, end]) => ({
			StartTime: start,
			EndTime: end,
			Selectable: true,
			SelectDisableTip: '',
		})),
	}));
	return {
		Data: {
			Code: '0',
			Message: 'Success',
			ErrorCode: 'Success',
			ErrorMsg: 'none',
			CpTimeSelectList: [
				{
					...(prePrice === undefined ? {} : { PrePrice: prePrice }),
					RealTime: { Name: 'Real-time pickup', Selectable: true, SelectDisableTip: '' },
					AppointTimes: appointTimes,
				},
			],
		},
	};
}

function cancelPickUpWaybill(params, ctx) {
	const waybill = waybills(ctx).get(params.OuterOrderCode);
	if (!waybill || waybill.owner !== ctx.account.owner) {
		throw new BizError(
			'isv.INVALID_PARAMETERS',
			`no pickup order with OuterOrderCode ${params.OuterOrderCode}`,
		);
	}
	if (waybill.status === 'cancelled') {
		// Alibaba documents no code for this; the sandbox refuses a second cancellation.
		throw new BizError(
			'isv.FORBIDDEN_ACTION',
			`pickup order already cancelled: ${params.OuterOrderCode}`,
		);
	}
	waybill.status = 'cancelled';
	waybill.cancelDesc = params.CancelDesc;
	// CancelPickUpWaybill also carries Code "OK" (Alibaba's example answer).
	return { Code: 'OK', Data: { Message: '取消成功', ErrorCode: '无', ErrorMsg: '无' } };
}

const pickupHandlers = {
	CreatePickUpWaybill: createPickUpWaybill,
	CreatePickUpWaybillPreQuery: createPickUpWaybillPreQuery,
	CancelPickUpWaybill: cancelPickUpWaybill,
};

module.exports = { pickupActions, pickupHandlers };
