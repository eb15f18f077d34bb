import type { FieldSpec, SubFieldSpec } from '../../shared/spec';
import { asrModelId, callTimeout, dtmfConfig } from './callSettings';
import { outId, outOrderId, phoneNoA, phoneNoB } from './fields';

/** The fields of the 700 family (Tel A/B/X naming, prompts per call scene, recording format). */

export const telA: FieldSpec = { ...phoneNoA, name: 'telA', wire: 'TelA' };
export const telB: FieldSpec = { ...phoneNoB, name: 'telB', wire: 'TelB', required: true };

export const telX: FieldSpec = {
	name: 'telX',
	wire: 'TelX',
	displayName: 'Phone No. X',
	kind: 'string',
	placeholder: '700123456789012',
	pattern: /^700\d{12}$/,
	patternHint: 'must be a 15-digit number of the 700 segment, e.g. 700123456789012',
	description: 'X number of the 700 segment (15 digits). If empty, one is picked from the pool.',
};
export const telXRequired: FieldSpec = {
	...telX,
	required: true,
	description: 'The X number of the binding (15 digits)',
};

export const needRecord: FieldSpec = {
	name: 'needRecord',
	wire: 'NeedRecord',
	displayName: 'Record Calls',
	kind: 'boolean',
	description: 'Whether the calls of this binding are recorded',
};

export const recType: FieldSpec = {
	name: 'recType',
	wire: 'RecType',
	displayName: 'Recording Format',
	kind: 'options',
	default: 'mp3',
	options: ['mp3', 'wav'].map((format) => ({ name: format.toUpperCase(), value: format })),
	description: 'File format of the recordings (RecType)',
};

const restriction = (value: string, who: string) => ({
	name: `${who} May Not Call X (${value})`,
	value,
});
const RESTRICTIONS = {
	AXB: [restriction('CONTROL_AX_DISABLE', 'A'), restriction('CONTROL_BX_DISABLE', 'B')],
	GXB: [restriction('CONTROL_BX_DISABLE', 'B'), restriction('CONTROL_GX_DISABLE', 'Group G')],
	either: [
		restriction('CONTROL_AX_DISABLE', 'A'),
		restriction('CONTROL_BX_DISABLE', 'B'),
		restriction('CONTROL_GX_DISABLE', 'Group G'),
	],
};
export const callRestrict700 = (mode: keyof typeof RESTRICTIONS): FieldSpec => ({
	name: 'callRestrict',
	wire: 'CallRestrict',
	displayName: 'Call Restrict',
	kind: 'options',
	options: RESTRICTIONS[mode],
	description: 'One-way restriction: who may not call X (GXB bindings: B or group G; AXB: A or B)',
});

/** Audio: a prompt code (set up in the console) per call scene. */
const AUDIO_SCENES: Record<'AXB' | 'GXB', Array<[string, string]>> = {
	AXB: [
		['ACallX_Apre', 'A calls X: played to A before the call connects'],
		['ACallX_Ain', 'A calls X: played to A once connected'],
		['ACallX_Bin', 'A calls X: played to B once connected'],
		['BCallX_Bpre', 'B calls X: played to B before the call connects'],
	],
	GXB: [
		['GCallX_Gpre', 'A group member calls X: played to the caller before the call connects'],
		['GCallX_Gin', 'A group member calls X: played to the caller once connected'],
		['GCallX_Bin', 'A group member calls X: played to B once connected'],
		['BCallX_Bpre', 'B calls X: played to B before the call connects'],
	],
};
export const audio = (mode: 'AXB' | 'GXB'): FieldSpec => ({
	name: 'audio',
	wire: 'Audio',
	displayName: 'Audio Prompts',
	kind: 'jsonObject',
	placeholder: 'Add Prompt',
	description: 'Prompt codes (from the console) played in each call scene',
	keys: AUDIO_SCENES[mode].map(([name, description]): SubFieldSpec => ({
		name,
		displayName: name,
		kind: 'string',
		description,
	})),
});

export const needAsr: FieldSpec = {
	name: 'needAsr',
	wire: 'NeedAsr',
	displayName: 'Speech Recognition (ASR)',
	kind: 'boolean',
	description: 'Whether the calls of this binding are transcribed',
};
export const asrModel700: FieldSpec = { ...asrModelId, wire: 'AsrModelId' };

export const industrialId: FieldSpec = {
	name: 'industrialId',
	wire: 'IndustrialId',
	displayName: 'Industrial ID',
	kind: 'string',
	placeholder: '700.100.1/12345678',
	description: 'Industry identifier of the 700 service, e.g. 700.100.1/12345678',
};
export const orderId: FieldSpec = {
	name: 'orderId',
	wire: 'OrderId',
	displayName: 'Order ID',
	kind: 'string',
	description: 'The order this binding serves',
};

export const defaultA: FieldSpec = {
	...phoneNoA,
	name: 'defaultA',
	wire: 'DefaultA',
	displayName: 'Default A',
	required: false,
	description: 'The A number B reaches by calling X when the pool is in default call-back mode',
};

export const bindOptions = (mode: 'AXB' | 'GXB'): FieldSpec[] => [
	needRecord,
	recType,
	callRestrict700(mode),
	audio(mode),
	{ ...callTimeout, min: 1, max: undefined, description: 'Ring time per number in seconds' },
	dtmfConfig,
	needAsr,
	asrModel700,
	industrialId,
	orderId,
	outId,
	outOrderId,
];
