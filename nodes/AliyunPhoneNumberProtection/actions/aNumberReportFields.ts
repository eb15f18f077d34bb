import type { FieldSpec } from '../../shared/spec';
import { phoneNoA } from './fields';

/**
 * Parameters of the A-number report family (实际使用人报备), in the words of Alibaba's API pages
 * (https://help.aliyun.com/zh/pnp/developer-reference/api-dyplsapi-2017-05-25-createphonenoareport and the pages
 * beside it). The ID number and the name are personal data: their refusals never quote them.
 */

export const aNoWhiteGroupId: FieldSpec = {
	name: 'aNoWhiteGroupId',
	wire: 'ANoWhiteGroupId',
	displayName: 'A-Number Group ID',
	kind: 'digits',
	required: true,
	min: 1,
	max: 19,
	placeholder: '19',
	description:
		'ID of the A-number whitelist group (所属A号码组ID): console → Qualification Management → A-number whitelist ' +
		'of the approved qualification → View Details',
};

/** The reported mobile number (CreatePhoneNoAReport) */
export const reportedMobile: FieldSpec = {
	...phoneNoA,
	description: 'The mobile number (手机号) of the actual user being reported: 11 digits',
};

/** The A number of a report, mobile or landline (query, delete) */
export const reportedNumber: FieldSpec = {
	...phoneNoA,
	anyNumber: true,
	description:
		'The reported A number: the mobile number, or the landline number as it was reported',
};

export const fixedNoA: FieldSpec = {
	name: 'fixedNoA',
	wire: 'FixedNoA',
	displayName: 'Landline No. A',
	kind: 'phone',
	anyNumber: true,
	required: true,
	placeholder: '89001234',
	description: 'The landline number (a号码, 固话) being reported, digits only',
};

export const documentType: FieldSpec = {
	name: 'documentType',
	wire: 'DocumentType',
	displayName: 'Document Type',
	kind: 'options',
	required: true,
	default: 1,
	options: [{ name: 'ID Card (身份证)', value: 1 }],
	// Alibaba documents only 1 (ID card); another code can be given by expression.
	otherValues: { pattern: /^[1-9]\d{0,2}$/, hint: 'another document type code of Alibaba’s' },
	description: 'Type of the identity document (证件类型). Alibaba documents 1 = resident ID card.',
};

export const documentNumber: FieldSpec = {
	name: 'documentNumber',
	wire: 'DocumentNumber',
	displayName: 'Document Number',
	kind: 'string',
	required: true,
	sensitive: true,
	placeholder: '370***********1234',
	description:
		'Number of the identity document (证件号码). Personal data: it is sent as given, never shown in errors, and ' +
		'the output carries it masked (first 3 and last 4 characters).',
};

export const custName: FieldSpec = {
	name: 'custName',
	wire: 'CustName',
	displayName: 'Name',
	kind: 'string',
	required: true,
	sensitive: true,
	placeholder: '赵某某',
	description:
		'Name (姓名) of the person on the document. Personal data: never shown in errors; the output masks it.',
};

export const custType: FieldSpec = {
	name: 'custType',
	wire: 'CustType',
	displayName: 'Customer Type',
	kind: 'options',
	required: true,
	default: 1,
	options: [
		{ name: 'Legal Person (法人)', value: 1 },
		{ name: 'Agent (经办人)', value: 2 },
	],
	otherValues: { pattern: /^[12]$/, hint: '"1" or "2" as text' },
	description:
		'Who the landline report is for (固话客户类型): the legal person or the agent handling it',
};

export const custPhoneNo: FieldSpec = {
	name: 'custPhoneNo',
	wire: 'CustPhoneNo',
	displayName: 'Contact Phone No.',
	kind: 'phone',
	placeholder: '13800000000',
	description: 'Phone number of the agent or legal person (经办人/法人电话)',
};

export const fixedLineWorkId: FieldSpec = {
	name: 'fixedLineWorkId',
	wire: 'FixedLineWorkId',
	displayName: 'Landline Work Order ID',
	kind: 'string',
	description:
		'Service-hall work order number of the landline application (固话申请时服务大厅工单号)',
};

export const remark: FieldSpec = {
	name: 'remark',
	wire: 'Remark',
	displayName: 'Remark',
	kind: 'string',
	description: 'Your own business note on the report (备注)',
};

/** Where the alive photo comes from: the input item's binary data (uploaded by the node) or an OSS key. */
export const photoSource: FieldSpec = {
	name: 'photoSource',
	displayName: 'Photos From',
	kind: 'options',
	required: true,
	default: 'binary',
	options: [
		{
			name: 'Binary Field of the Input Item',
			value: 'binary',
			description:
				'The node uploads them to Alibaba’s OSS bucket (GetDyplsOSSInfoForUploadFile) first',
		},
		{
			name: 'OSS Object Key',
			value: 'ossKey',
			description: 'A photo you already uploaded with the policy of Get Upload Policy',
		},
	],
	description:
		'Where the alive photo comes from. PNG or JPEG, at most 2 MB each (Alibaba’s rule); the ID card photos can be ' +
		'given either way under Additional Fields.',
};

const binary = { photoSource: ['binary'] };
const ossKey = { photoSource: ['ossKey'] };

/** The photo roles: the binary-field control and the OSS-key field of each, by wire name. */
export const PHOTOS = [
	{ wire: 'IdCardFrontPhoto', control: 'frontPhotoBinaryField', label: 'ID Front Photo' },
	{ wire: 'IdCardBackPhoto', control: 'backPhotoBinaryField', label: 'ID Back Photo' },
	{ wire: 'IdCardAlivePhoto', control: 'alivePhotoBinaryField', label: 'Alive Photo' },
] as const;

/** The alive photo follows Photos From; the optional ID card photos can be given either way, under Additional Fields. */
const binaryField = (photo: (typeof PHOTOS)[number], required: boolean): FieldSpec => ({
	name: photo.control,
	displayName: `${photo.label} (Binary Field)`,
	kind: 'string',
	required,
	...(required ? { show: binary, default: 'data' } : {}),
	computes: photo.wire,
	placeholder: 'data',
	description: `Name of the input item’s binary property holding the ${photo.label.toLowerCase()}; the node uploads it`,
});

const keyField = (photo: (typeof PHOTOS)[number], required: boolean, what: string): FieldSpec => ({
	name: photo.wire.charAt(0).toLowerCase() + photo.wire.slice(1),
	wire: photo.wire,
	displayName: `${photo.label} (OSS Key)`,
	kind: 'string',
	required,
	...(required ? { show: ossKey } : {}),
	placeholder: '123456/1719383196033.jpg',
	description: `OSS object key of the ${what}, already uploaded: it starts with the StartPath of Get Upload Policy`,
});

/** The photo fields in the documented order: front, back, alive (the one required photo). */
export const photoFields: FieldSpec[] = [
	binaryField(PHOTOS[0], false),
	binaryField(PHOTOS[1], false),
	binaryField(PHOTOS[2], true),
	keyField(PHOTOS[0], false, 'ID card front (national emblem side) photo'),
	keyField(PHOTOS[1], false, 'ID card back (portrait side) photo'),
	keyField(PHOTOS[2], true, 'front-facing portrait photo (正面人像照片)'),
];
