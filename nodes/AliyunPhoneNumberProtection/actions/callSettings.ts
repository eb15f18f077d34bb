import type { FieldSpec, SubFieldSpec } from '../../shared/spec';
import { expectCity, isRecordingEnabled, outId, outOrderId } from './fields';

/** How the calls of a binding behave: number display, restrictions, ring tones, speech recognition, ringing, DTMF. */

export const callDisplayType: FieldSpec = {
	name: 'callDisplayType',
	wire: 'CallDisplayType',
	displayName: 'Call Display Type',
	kind: 'options',
	options: [
		{
			name: 'Both Sides See X (1)',
			value: 1,
			description: '主被叫显示中间号码X; showing real numbers is disabled by carrier rules',
		},
	],
	default: 1,
	description: 'Number display logic. Only 1 (both parties see X) is effective.',
};

export const callRestrictOptions = [
	{ name: 'A Cannot Call X (CONTROL_AX_DISABLE)', value: 'CONTROL_AX_DISABLE' },
	{ name: 'B Cannot Call X (CONTROL_BX_DISABLE)', value: 'CONTROL_BX_DISABLE' },
];

export const callRestrict: FieldSpec = {
	name: 'callRestrict',
	wire: 'CallRestrict',
	displayName: 'Call Restrict',
	kind: 'options',
	options: callRestrictOptions,
	default: 'CONTROL_AX_DISABLE',
	description: 'One-way call restriction',
};

const ringKeys = (prefix: string, sides: Array<[string, string]>): SubFieldSpec[] =>
	sides.map(([suffix, meaning]) => ({
		name: `${prefix}Ring_${suffix}`,
		displayName: `${prefix}Ring_${suffix}`,
		kind: 'string',
		description: `Enterprise ring-back tone code (企业彩铃编码) ${meaning}`,
	}));

export const ringConfig = (prefix: 'AXB' | 'AXN' | 'AXG'): FieldSpec => ({
	name: 'ringConfig',
	wire: 'RingConfig',
	displayName: 'Ring Config',
	kind: 'jsonObject',
	placeholder: 'Add Ring Tone',
	description:
		'Binding-level enterprise ring-back tones; codes are in the console under Number Pool → Enterprise Ring Tones',
	keys:
		prefix === 'AXB'
			? ringKeys('AXB', [
					['A', 'played when A calls X'],
					['B', 'played when B calls X'],
				])
			: ringKeys(prefix, [
					['A', 'when A calls X (no callback number)'],
					['AB', 'when A calls X (with callback number)'],
					[
						prefix === 'AXG' ? 'G' : 'N',
						`when ${prefix === 'AXG' ? 'a G member' : 'an N-side number'} calls X`,
					],
				]),
});

export const asrStatus: FieldSpec = {
	name: 'asrStatus',
	wire: 'ASRStatus',
	displayName: 'ASR Status',
	kind: 'boolean',
	description: 'Whether to turn on speech recognition (ASR) for calls of this binding',
};

export const asrModelId: FieldSpec = {
	name: 'asrModelId',
	wire: 'ASRModelId',
	displayName: 'ASR Model ID',
	kind: 'options',
	default: '7ee372834d2f4cc7ac0d0ab2d0ae1aac',
	options: [
		{
			name: 'General Phone, Mandarin (通用-电话-中文普通话)',
			value: '7ee372834d2f4cc7ac0d0ab2d0ae1aac',
		},
		{
			name: 'General Phone, Cantonese (通用-电话-中文粤语)',
			value: '9b4afe3d224e4fa3bf963697113e2f77',
		},
		{
			name: 'General Phone, Regional Accents (通用-电话-地方口音)',
			value: '3655a6cb94764145a1f9a38a3c3b3b4b',
		},
	],
	// Alibaba documents no format for model IDs (its own are 32 hex characters): any console-style ID token is accepted.
	otherValues: {
		pattern: /^[A-Za-z0-9_-]{1,64}$/,
		hint: 'a model ID of your own (letters, digits, - and _, from the ASR model page)',
	},
	description:
		'ASR model. For a model of your own, switch this field to an expression and enter its ID from the ASR model page.',
};

export const callTimeout: FieldSpec = {
	name: 'callTimeout',
	wire: 'CallTimeout',
	displayName: 'Call Timeout',
	kind: 'number',
	min: 5,
	max: 20,
	default: 20,
	description: 'Ring time per number in seconds (5–20) for sequential ringing',
};

export const dtmfConfig: FieldSpec = {
	name: 'dtmfConfig',
	wire: 'DtmfConfig',
	displayName: 'DTMF Config',
	kind: 'jsonObject',
	placeholder: 'Add Setting',
	description: 'Key-press (DTMF) IVR settings for the call',
	keys: [
		{
			name: 'endCallIvrPhoneNo',
			displayName: 'End Call IVR Phone No',
			kind: 'options',
			options: ['A', 'B'].map((side) => ({ name: side, value: side })),
			description: 'Which side hears the IVR',
		},
		{
			name: 'waitingDtmfTime',
			displayName: 'Waiting DTMF Time',
			kind: 'number',
			min: 0,
			max: 30,
			description: 'Seconds to wait for a key (≤ 30)',
		},
		{
			name: 'maxLoop',
			displayName: 'Max Loop',
			kind: 'number',
			min: 0,
			max: 5,
			description: 'Prompt repetitions (≤ 5)',
		},
		{ name: 'step1File', displayName: 'Step 1 File', kind: 'string' },
		{ name: 'step2File', displayName: 'Step 2 File', kind: 'string' },
		{
			name: 'validKey',
			displayName: 'Valid Key',
			kind: 'string',
			pattern: /^[0-9*#](?:,[0-9*#])?$/,
			patternHint: 'must be one or two keys (0–9, * or #) separated by a comma, e.g. "1,2"',
			description: 'Accepted keys, at most two, e.g. "1,2"',
		},
		{
			name: 'waitingEndCall',
			displayName: 'Waiting End Call',
			kind: 'number',
			min: 0,
			max: 10,
			description: 'Seconds before hanging up (≤ 10)',
		},
	],
};

/** Options shared by the single-binding Bind* actions. */
export const bindExtras = (ring: 'AXB' | 'AXN' | 'AXG'): FieldSpec[] => [
	expectCity,
	isRecordingEnabled,
	outId,
	outOrderId,
	callDisplayType,
	callRestrict,
	ringConfig(ring),
	asrStatus,
	asrModelId,
];
