import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type OperationSpec } from '../../shared/spec';
import { done } from './output';
import {
	checkGoods,
	consignee,
	consigneeAddress,
	consigneeAddressInfo,
	consigneeInfo,
	cpCode,
	goodsInfos,
	orderChannels,
	outerOrderCode,
	requireAddress,
	sendAddress,
	sender,
	senderAddressInfo,
	senderInfo,
	withAddressInfo,
} from './pickupFields';

/**
 * Logistics pickup orders (上门寄件): ask a courier to collect a parcel at the sender's door. Alibaba answers these
 * actions with Data.Success, Data.ErrorCode and Data.ErrorMsg, which the transport reads. Alibaba states 100 requests
 * per second for each of them.
 */

const resource = 'pickup';
const BIZ_REAL_TIME = 0;
const BIZ_APPOINTMENT = 1;

const bizType: FieldSpec = {
	name: 'bizType',
	wire: 'BizType',
	displayName: 'Pickup Mode',
	kind: 'options',
	default: BIZ_REAL_TIME,
	options: [
		{ name: 'Real-Time Order (0)', value: BIZ_REAL_TIME },
		{ name: 'Appointment Order (1)', value: BIZ_APPOINTMENT },
	],
	description:
		'Real-time order (Alibaba’s default) or an appointment in a time slot of Pre-Query; an appointment needs ' +
		'Appointed Pickup Start and End',
};

const appointTime = (edge: 'Start' | 'End', example: string): FieldSpec => ({
	name: `appointGot${edge}Time`,
	wire: `AppointGot${edge}Time`,
	displayName: `Appointed Pickup ${edge}`,
	kind: 'chinaDateTime',
	placeholder: example,
	description:
		`${edge} of the pickup slot, sent as yyyy-MM-dd HH:mm:ss China time: the Date and ${edge}Time of a time slot ` +
		'that Pre-Query offered. Required for an appointment order.',
});
const appointStart = appointTime('Start', '2030-01-01 10:00:00');
const appointEnd = appointTime('End', '2030-01-01 12:00:00');

/** "Either X Mobile or X Phone must be set" (Alibaba's note on both parties). */
function needMobileOrPhone(params: IDataObject, [, mobile, landline]: FieldSpec[]): void {
	if (
		params[mobile.wire as string] === undefined &&
		params[landline.wire as string] === undefined
	) {
		throw new FieldError(mobile.displayName, mobile.wire, `or ${landline.displayName} is required`);
	}
}

function pickupResult(body: IDataObject, params: IDataObject): IDataObject {
	const data = (body.Data ?? {}) as IDataObject;
	return {
		outerOrderCode: params.OuterOrderCode,
		mailNo: data.MailNo ?? null,
		gotCode: data.GotCode ?? null,
		cpCode: data.CpCode ?? params.CpCode ?? null,
		requestId: body.RequestId ?? null,
	};
}

function preQueryResult(body: IDataObject): IDataObject {
	const data = (body.Data ?? {}) as IDataObject;
	return {
		cpTimeSelectList: data.CpTimeSelectList ?? [],
		message: data.Message ?? null,
		requestId: body.RequestId ?? null,
	};
}

export const pickupOperations: OperationSpec[] = [
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a pickup order',
		description:
			'Order a courier to collect a parcel at the sender’s address (CreatePickUpWaybill); returns the mail ' +
			'number and the pickup code',
		apiAction: 'CreatePickUpWaybill',
		// Alibaba does not say that OuterOrderCode de-duplicates: a create with an unknown outcome is not re-sent.
		kind: 'create',
		maxRps: 100,
		fields: [
			outerOrderCode,
			orderChannels,
			...sender,
			sendAddress,
			...consignee,
			consigneeAddress,
			cpCode,
			bizType,
			appointStart,
			appointEnd,
			goodsInfos,
			{
				name: 'remark',
				wire: 'Remark',
				displayName: 'Remark',
				kind: 'string',
				description: 'Note for the courier, printed on the waybill (e.g. fragile)',
			},
		],
		validate: (params) => {
			needMobileOrPhone(params, sender);
			needMobileOrPhone(params, consignee);
			requireAddress(params, sendAddress);
			requireAddress(params, consigneeAddress);
			if (params.BizType === BIZ_APPOINTMENT) {
				for (const time of [appointStart, appointEnd]) {
					if (params[time.wire as string] === undefined)
						throw new FieldError(
							time.displayName,
							time.wire,
							'is required for an appointment order',
						);
				}
			}
			checkGoods(params);
		},
		output: pickupResult,
	},
	{
		resource,
		value: 'preQuery',
		name: 'Pre-Query',
		action: 'Pre-query pickup time slots and price',
		description:
			'Ask which pickup slots and which estimated price couriers offer for a parcel before ordering ' +
			'(CreatePickUpWaybillPreQuery)',
		apiAction: 'CreatePickUpWaybillPreQuery',
		kind: 'read',
		maxRps: 100,
		fields: [
			{
				...orderChannels,
				placeholder: 'Test',
				pattern: /^[^_]*$/,
				patternHint: 'must not contain underscores (Alibaba’s rule for this action)',
				description:
					'Identifier of the external channel source (外部渠道来源), without underscores',
			},
			senderInfo,
			consigneeInfo,
			senderAddressInfo,
			consigneeAddressInfo,
			{
				...cpCode,
				description: 'Code of the courier company, e.g. YTO. If empty, Alibaba picks one.',
			},
			{ ...outerOrderCode, required: false, description: 'Your own order ID (外部订单号), if any' },
			{
				name: 'preWeight',
				wire: 'PreWeight',
				displayName: 'Estimated Weight (g)',
				kind: 'number',
				min: 0,
				description: 'Estimated weight in grams; needed for an estimated price',
			},
		],
		validate: (params, _convert, controls) => {
			withAddressInfo(params, senderInfo, controls.senderAddressInfo);
			withAddressInfo(params, consigneeInfo, controls.consigneeAddressInfo);
		},
		output: preQueryResult,
	},
	{
		resource,
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a pickup order',
		description: 'Cancel a pickup order by its Outer Order Code (CancelPickUpWaybill)',
		apiAction: 'CancelPickUpWaybill',
		kind: 'idempotent',
		maxRps: 100,
		fields: [
			outerOrderCode,
			{
				name: 'cancelDesc',
				wire: 'CancelDesc',
				displayName: 'Cancel Reason',
				kind: 'string',
				required: true,
				placeholder: '不想寄了',
				description: 'Why the order is cancelled (取消原因)',
			},
		],
		output: done('cancelled', 'OuterOrderCode'),
	},
];
