import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import { expiryFields } from './expiry';
import {
	customerBindId,
	phone,
	phoneA,
	phoneBRequired,
	recordingBool,
	requireDifferent,
} from './fields';
import { bindOperation, bindValidator, type BindSpec } from './shared';

/**
 * The newer REST-path PNS API: one path per binding mode, same signature, typed JSON (bindExpireSecond, recording as
 * a boolean).
 */

const businessId: FieldSpec = {
	name: 'businessId',
	wire: 'businessId',
	displayName: 'Business ID',
	kind: 'string',
	required: true,
	description: 'The business (app) ID of your PNS application in the NXCloud console',
};

const resource = 'bindingRest';

const expiry = expiryFields('bindExpireSecond', false, 7200);

const didX = phone(
	'didX',
	'Did X',
	'The virtual number X to use; if empty, the platform picks one',
	false,
);
const didY = phone(
	'didY',
	'Did Y',
	'The virtual number Y to use; if empty, the platform picks one',
	false,
);

const restCustomerBindId: FieldSpec = {
	...customerBindId,
	description:
		'Your own unique ID for the binding; the server de-duplicates on it, so a bind whose answer was lost is re-sent ' +
		'safely only when it is set',
};

const ext: FieldSpec = {
	name: 'ext',
	wire: 'ext',
	displayName: 'Ext',
	kind: 'string',
	description: 'Free text echoed in the call records (CDR) of this binding',
};

const iso2X: FieldSpec = {
	name: 'iso2X',
	wire: 'iso2X',
	displayName: 'ISO2 Country of X',
	kind: 'string',
	placeholder: 'HK',
	description: 'Two-letter country code (ISO 3166-1 alpha-2) of X when Did X is empty',
};

const strategyOptions = [
	{ name: 'Default (0)', value: 0 },
	{ name: 'Reset (1)', value: 1 },
	{ name: 'Extend (2)', value: 2 },
];

const xybFields: FieldSpec[] = [
	{
		name: 'customerUserId',
		wire: 'customerUserId',
		displayName: 'Customer User ID',
		kind: 'string',
		description: 'Your own ID of the user behind B',
	},
	didX,
	didY,
	restCustomerBindId,
	{
		name: 'delayedGetY',
		wire: 'delayedGetY',
		displayName: 'Delayed Get Y',
		kind: 'boolean',
		sendAs: 'boolean',
		description: 'Whether Y is assigned only after the first call to X instead of at binding time',
	},
	recordingBool,
	{
		name: 'bindExpireStrategy',
		wire: 'bindExpireStrategy',
		displayName: 'Bind Expire Strategy',
		kind: 'options',
		sendAs: 'number',
		options: strategyOptions,
		default: 0,
		description: 'What happens to the binding lifetime: 0 default, 1 reset, 2 extend',
	},
	{
		name: 'callInExpireSecond',
		wire: 'callInExpireSecond',
		displayName: 'Call-In Expire Second',
		kind: 'number',
		sendAs: 'number',
		min: 0,
		max: 2_147_483_647,
		description:
			'Lifetime in seconds applied when a call comes in (used with Call-In Expire Strategy)',
	},
	{
		name: 'callInExpireStrategy',
		wire: 'callInExpireStrategy',
		displayName: 'Call-In Expire Strategy',
		kind: 'options',
		sendAs: 'number',
		options: strategyOptions,
		default: 0,
		description: 'What a call-in does to the lifetime: 0 default, 1 reset, 2 extend',
	},
	ext,
];

const restChecks = (params: WireParams): void => {
	requireDifferent(params, 'didX', 'didY');
	if (params.iso2X !== undefined) {
		const code = String(params.iso2X).toUpperCase();
		if (!/^[A-Z]{2}$/.test(code))
			throw new FieldError(
				'ISO2 Country of X',
				'iso2X',
				`"${String(params.iso2X)}" is not a two-letter country code`,
			);
		params.iso2X = code;
	}
};

const validateRest = (sameCountry: string[], known: string[]) =>
	bindValidator('bindExpireSecond', sameCountry, known, restChecks);

/** A bind of the REST-path API: one path per binding mode, named in the description. */
const restBind = (
	mode: 'axe' | 'axeyb' | 'xyb',
	spec: Omit<BindSpec, 'resource' | 'path'>,
): OperationSpec =>
	bindOperation({
		...spec,
		resource,
		path: `/v1/pns/bind/${mode}`,
		description: `${spec.description} (${spec.apiAction}, POST /v1/pns/bind/${mode})`,
	});

export const restOperations: OperationSpec[] = [
	restBind('axe', {
		value: 'bindAxe',
		name: 'Bind AXE',
		action: 'Bind A to X with an extension E',
		description: 'Anyone dials X then the 4-digit extension the platform assigns to reach A',
		apiAction: 'bindAXE',
		fields: [businessId, phoneA, ...expiry, didX, restCustomerBindId, recordingBool, ext, iso2X],
		validate: validateRest([], ['phoneA', 'didX']),
	}),
	restBind('axeyb', {
		value: 'bindAxeyb',
		name: 'Bind AXEYB',
		action: 'Bind A and B through X with an extension and Y',
		description: 'A dials X plus the extension to reach B; B calls Y to reach A',
		apiAction: 'bindAXEYB',
		fields: [
			businessId,
			phoneA,
			phoneBRequired,
			...expiry,
			didX,
			didY,
			restCustomerBindId,
			recordingBool,
			ext,
		],
		validate: validateRest(['phoneA', 'phoneB'], ['didX', 'didY']),
	}),
	restBind('xyb', {
		value: 'bindXyb',
		name: 'Bind XYB',
		action: 'Bind B to X and Y for a caller not yet known',
		description:
			'X stays reserved until the first caller A dials it; the binding then becomes A-X-Y-B',
		apiAction: 'bindXYB',
		fields: [businessId, phoneBRequired, ...expiry, ...xybFields],
		validate: validateRest([], ['phoneB', 'didX', 'didY']),
	}),
];
