import { phoneField } from '../../shared/fields';
import { FieldError, type FieldSpec, type SubFieldSpec, type WireParams } from '../../shared/spec';

/**
 * The fields of the logistics pickup actions (上门寄件), in Alibaba's words:
 * https://help.aliyun.com/document_detail/400502.html (CreatePickUpWaybill), …/428594.html (PreQuery),
 * …/349292.html (CancelPickUpWaybill).
 */

export const outerOrderCode: FieldSpec = {
	name: 'outerOrderCode',
	wire: 'OuterOrderCode',
	displayName: 'Outer Order Code',
	kind: 'string',
	required: true,
	placeholder: '1432342342660001',
	description: 'Your own order ID (外部订单号) of the pickup order',
};

export const orderChannels: FieldSpec = {
	name: 'orderChannels',
	wire: 'OrderChannels',
	displayName: 'Order Channels',
	kind: 'string',
	required: true,
	placeholder: 'YUN_DIAN_SHANG',
	description:
		'The external channel source (外部渠道来源) the order comes from, e.g. YUN_DIAN_SHANG',
};

export const cpCode: FieldSpec = {
	name: 'cpCode',
	wire: 'CpCode',
	displayName: 'Courier Company Code',
	kind: 'string',
	placeholder: 'YTO',
	description: 'Code of the courier company (快递公司编码), e.g. YTO. If empty, Alibaba picks one.',
};

const person = (who: 'send' | 'consignee', label: 'Sender' | 'Consignee') => {
	const wire = who === 'send' ? 'Send' : 'Consignee';
	const fields: FieldSpec[] = [
		{
			name: `${who}Name`,
			wire: `${wire}Name`,
			displayName: `${label} Name`,
			kind: 'string',
			required: true,
			description: `Name of the ${label.toLowerCase()}`,
		},
		phoneField({
			name: `${who}Mobile`,
			wire: `${wire}Mobile`,
			displayName: `${label} Mobile`,
			placeholder: '13800000000',
			description: `Mobile number of the ${label.toLowerCase()}. ${label} Mobile or ${label} Phone is required.`,
		}),
		phoneField({
			name: `${who}Phone`,
			wire: `${wire}Phone`,
			displayName: `${label} Phone`,
			placeholder: '057188450000',
			description: `Landline of the ${label.toLowerCase()} with area code. ${label} Mobile or ${label} Phone is required.`,
		}),
	];
	return fields;
};
export const sender = person('send', 'Sender');
export const consignee = person('consignee', 'Consignee');

const ADDRESS_KEYS: Array<[string, string, string]> = [
	['ProvinceName', 'Province', 'Province (省), e.g. 浙江省'],
	['CityName', 'City', 'City (市), e.g. 杭州市'],
	['AreaName', 'District', 'District (区), e.g. 西湖区'],
	['TownName', 'Street (Town)', 'Street or town (街道)'],
	['AddressDetail', 'Address Detail', 'Detailed address (详细地址), e.g. XX小区XX号'],
];
const addressKeys = ADDRESS_KEYS.map(([name, displayName, description]): SubFieldSpec => ({
	name,
	displayName,
	kind: 'string',
	description,
}));
/** The keys CreatePickUpWaybill requires in SendAddress and ConsigneeAddress (TownName is optional). */
const REQUIRED_ADDRESS_KEYS = ['ProvinceName', 'CityName', 'AreaName', 'AddressDetail'];

const address = (name: string, wire: string, displayName: string, whose: string): FieldSpec => ({
	name,
	wire,
	displayName,
	kind: 'jsonObject',
	required: true,
	placeholder: 'Add Address Part',
	description: `Address of the ${whose}: Province, City, District and Address Detail are required, Street is optional`,
	keys: addressKeys,
});
export const sendAddress = address('sendAddress', 'SendAddress', 'Sender Address', 'sender');
export const consigneeAddress = address(
	'consigneeAddress',
	'ConsigneeAddress',
	'Consignee Address',
	'consignee',
);

/** Refuses an object parameter (sent as JSON text) that lacks one of the documented required keys. */
export function requireKeys(params: WireParams, field: FieldSpec, keys: string[]): void {
	const value = params[field.wire as string];
	if (typeof value !== 'string') return;
	const object = JSON.parse(value) as Record<string, unknown>;
	const missing = keys.filter((key) => object[key] === undefined);
	if (missing.length) {
		throw new FieldError(field.displayName, field.wire, `needs ${missing.join(', ')}`);
	}
}
export const requireAddress = (params: WireParams, field: FieldSpec) =>
	requireKeys(params, field, REQUIRED_ADDRESS_KEYS);

/** PreQuery: SenderInfo / ConsigneeInfo {Name, Mobile, AddressInfo{…}}; the address is its own set of sub-fields. */
const MOBILE_KEY: SubFieldSpec = {
	name: 'Mobile',
	displayName: 'Mobile',
	kind: 'string',
	pattern: /^1[3-9]\d{9}$/,
	patternHint: 'must be a mainland mobile number of 11 digits (1…), digits only',
	description: 'Mobile number (手机号)',
};
const partyInfo = (name: string, wire: string, label: string): FieldSpec => ({
	name,
	wire,
	displayName: `${label} Info`,
	kind: 'jsonObject',
	required: true,
	placeholder: 'Add Detail',
	description: `The ${label.toLowerCase()}: Name and Mobile are required; the address goes under Additional Fields`,
	keys: [
		{ name: 'Name', displayName: 'Name', kind: 'string', description: 'Name (姓名)' },
		MOBILE_KEY,
	],
});
const partyAddress = (name: string, label: string): FieldSpec => ({
	name,
	displayName: `${label} Address Info`,
	kind: 'jsonObject',
	placeholder: 'Add Address Part',
	description:
		`Address of the ${label.toLowerCase()}, sent as AddressInfo inside ${label} Info; ` +
		'every part is optional',
	keys: addressKeys,
});
export const senderInfo = partyInfo('senderInfo', 'SenderInfo', 'Sender');
export const consigneeInfo = partyInfo('consigneeInfo', 'ConsigneeInfo', 'Consignee');
export const senderAddressInfo = partyAddress('senderAddressInfo', 'Sender');
export const consigneeAddressInfo = partyAddress('consigneeAddressInfo', 'Consignee');

/** Puts the address sub-fields (a control) into their Info object as AddressInfo. */
export function withAddressInfo(params: WireParams, info: FieldSpec, addressInfo: unknown): void {
	requireKeys(params, info, ['Name', 'Mobile']);
	if (typeof addressInfo !== 'string') return;
	const wire = info.wire as string;
	const object = JSON.parse(params[wire] as string) as Record<string, unknown>;
	params[wire] = JSON.stringify({ ...object, AddressInfo: JSON.parse(addressInfo) as unknown });
}

const GOODS_KEYS = ['Name', 'Quantity', 'Weight'];
const NON_NEGATIVE = /^\d+(\.\d+)?$/;

export const goodsInfos: FieldSpec = {
	name: 'goodsInfos',
	wire: 'GoodsInfos',
	displayName: 'Goods Infos',
	kind: 'jsonText',
	default: '[{"Name": "Book", "Quantity": "1", "Weight": "1000"}]',
	description:
		'JSON array of the items (商品信息), each with Name, Quantity and Weight (grams); every key is optional',
};

/** GoodsInfos: a list of items with the documented keys only, Quantity and Weight numbers; sent as JSON text. */
export function checkGoods(params: WireParams): void {
	const list = params.GoodsInfos;
	if (list === undefined) return;
	const refuse = (reason: string) => {
		throw new FieldError(goodsInfos.displayName, goodsInfos.wire, reason);
	};
	if (!Array.isArray(list)) return refuse('must be a JSON array of items');
	list.forEach((entry: unknown, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			refuse(`entry ${index} must be an object`);
		for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
			if (!GOODS_KEYS.includes(key))
				refuse(`entry ${index}: unknown key "${key}"; allowed: ${GOODS_KEYS.join(', ')}`);
			if (key === 'Name' ? typeof value !== 'string' : !NON_NEGATIVE.test(String(value)))
				refuse(
					`entry ${index}: ${key} must be ${key === 'Name' ? 'text' : 'a non-negative number'}`,
				);
		}
	});
	params.GoodsInfos = JSON.stringify(list);
}
