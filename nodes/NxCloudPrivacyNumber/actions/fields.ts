import { phoneField } from '../../shared/fields';
import { FieldError, type FieldSpec, type WireParams } from '../../shared/spec';
import { countryCodeOf } from '../countryCodes';

/** NXCloud PNS body fields shared by several actions, in the API's own (camelCase) names. */

const PHONE_HINT =
	'Digits with the country code and no +, e.g. 85211111114 (spaces and a leading + are removed)';

export const phone = (
	name: string,
	displayName: string,
	description: string,
	required = false,
	wire = name,
) =>
	phoneField(
		{
			name,
			wire,
			displayName,
			description: `${description}. ${PHONE_HINT}.`,
			placeholder: '85211111114',
		},
		required,
	);

export const phoneA = phone('phoneA', 'Phone A', 'Number A', true);
export const phoneB = phone('phoneB', 'Phone B', 'Number B, with the same country code as A');
export const phoneBRequired: FieldSpec = { ...phoneB, required: true };
export const phoneX = phone('phoneX', 'Phone X', 'The virtual number X of your account to bind');

export const extension: FieldSpec = {
	name: 'extension',
	wire: 'extension',
	displayName: 'Extension',
	kind: 'digits',
	required: true,
	min: 3,
	max: 3,
	placeholder: '101',
	description: 'Extension on X that callers dial after X, exactly 3 digits',
};

export const customerBindId: FieldSpec = {
	name: 'customerBindId',
	wire: 'customerBindId',
	displayName: 'Customer Bind ID',
	kind: 'string',
	placeholder: 'e.g. {{ $json.orderId }}',
	description:
		'Your own unique ID for the binding: derive it from the order (e.g. {{ $json.orderId }}). NXCloud answers a ' +
		'repeated bind of a live one with that binding, so a resent order or a bind whose answer was lost is not bound ' +
		'twice; without it a lost bind is never re-sent.',
};

export const recordingFlag: FieldSpec = {
	name: 'recording',
	wire: 'flag',
	displayName: 'Record Calls',
	kind: 'boolean',
	sendAs: 'number',
	description: 'Whether calls of this binding are recorded (sent as flag: 1 for on, 0 for off)',
};

export const recordingBool: FieldSpec = {
	name: 'recording',
	wire: 'recording',
	displayName: 'Record Calls',
	kind: 'boolean',
	sendAs: 'boolean',
	description: 'Whether calls of this binding are recorded',
};

export const groupLocator = (description: string): FieldSpec => ({
	name: 'groupId',
	wire: 'groupId',
	displayName: 'Group',
	kind: 'resourceLocator',
	required: true,
	searchListMethod: 'searchGroups',
	placeholder: 'e.g. g0000000001',
	description,
});

export const phones: FieldSpec = {
	name: 'phones',
	wire: 'phones',
	displayName: 'Phones',
	kind: 'phoneList',
	required: true,
	placeholder: '85261000001,85261000002',
	description: `Comma-separated phone numbers. ${PHONE_HINT}.`,
};

/* ----- phone checks beyond the shared digits rule ----- */

const LABELS: Record<string, string> = {
	phoneA: 'Phone A',
	phoneB: 'Phone B',
	phoneX: 'Phone X',
	didX: 'Did X',
	didY: 'Did Y',
	did: 'Did (X)',
};

/** Why a digits-only number has no usable country code, or undefined when it has one. */
export function countryCodeProblem(text: string): string | undefined {
	if (text.startsWith('0')) {
		return (
			`"${text}" starts with 0: write the number with its country code instead of a national prefix, e.g. ` +
			`447400123456`
		);
	}
	if (!countryCodeOf(text)) return `"${text}" does not start with a known country code`;
	return undefined;
}

/** Every given number must start with a known country code (no national 0 prefix). Returns wire name → code. */
export function countryCodes(params: WireParams, wires: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const wire of wires) {
		const value = params[wire];
		if (value === undefined) continue;
		const text = String(value);
		const problem = countryCodeProblem(text);
		if (problem) throw new FieldError(LABELS[wire] ?? wire, wire, problem);
		out[wire] = countryCodeOf(text) as string;
	}
	return out;
}

/** Every number of a comma list (already normalised to digits) must carry a known country code. */
export function checkPhoneList(params: WireParams, wire = 'phones', label = 'Phones'): void {
	if (params[wire] === undefined) return;
	String(params[wire])
		.split(',')
		.forEach((number, index) => {
			const problem = countryCodeProblem(number);
			if (problem) throw new FieldError(label, wire, `number ${index + 1} of the list: ${problem}`);
		});
}

/** Numbers the API requires to share one country code (the first given one is the reference). */
export function requireSameCountry(params: WireParams, wires: string[]): void {
	const codes = countryCodes(params, wires);
	const given = wires.filter((wire) => codes[wire] !== undefined);
	const [first, ...rest] = given;
	for (const wire of rest) {
		if (codes[wire] !== codes[first]) {
			throw new FieldError(
				LABELS[wire] ?? wire,
				wire,
				`country code ${codes[wire]} differs from ${LABELS[first] ?? first}'s ${codes[first]}: ` +
					`${given.map((w) => LABELS[w] ?? w).join(', ')} must share a country code`,
			);
		}
	}
}

export function requireDifferent(params: WireParams, a: string, b: string): void {
	if (params[a] !== undefined && params[a] === params[b]) {
		throw new FieldError(
			LABELS[b] ?? b,
			b,
			`must differ from ${LABELS[a] ?? a} (both are ${String(params[a])})`,
		);
	}
}
