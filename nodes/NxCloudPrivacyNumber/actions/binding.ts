import type { IDataObject } from 'n8n-workflow';
import { ProviderCallError } from '../../shared/provider';
import type { FieldSpec, OperationSpec } from '../../shared/spec';
import { bindListOf } from '../transport';
import { expiryFields } from './expiry';
import {
	countryCodes,
	customerBindId,
	extension,
	groupLocator,
	phone,
	phoneA,
	phoneB,
	phoneBRequired,
	phoneX,
	recordingFlag,
} from './fields';
import { findBindings } from './find';
import { listOperation } from './list';
import { bindingItem } from './output';
import { bindOperation, bindValidator, DEFAULT_RPS } from './shared';

const resource = 'binding';

const expiry = expiryFields('expireSecond', true, 86400);

const unbindBy: FieldSpec = {
	name: 'unbindBy',
	displayName: 'Unbind By',
	kind: 'options',
	required: true,
	default: 'bindId',
	options: [
		{ name: 'Bind ID', value: 'bindId', description: 'The bindId returned by the bind call' },
		{
			name: 'Customer Bind ID',
			value: 'customerBindId',
			description: 'Your own ID given when binding',
		},
	],
	description: 'Which ID names the binding to delete',
};

export const bindingOperations: OperationSpec[] = [
	bindOperation({
		resource,
		value: 'bindAxbExtension',
		name: 'Bind AXB Extension',
		action: 'Bind A to X with an extension',
		description:
			'Bind A (and optionally B) to your X number plus a 3-digit extension (bindAXBExtension)',
		apiAction: 'bindAXBExtension',
		fields: [
			phoneA,
			phoneB,
			{ ...phoneX, required: true },
			extension,
			...expiry,
			customerBindId,
			recordingFlag,
		],
		validate: bindValidator('expireSecond', ['phoneA', 'phoneB', 'phoneX'], []),
	}),
	bindOperation({
		resource,
		value: 'bindAxb',
		name: 'Bind AXB',
		action: 'Bind A and B through X',
		description:
			'Bind A and B: they reach each other by calling the X number the platform assigns (bindAXB)',
		apiAction: 'bindAXB',
		fields: [phoneA, phoneBRequired, ...expiry, customerBindId, recordingFlag],
		validate: bindValidator('expireSecond', ['phoneA', 'phoneB'], []),
	}),
	bindOperation({
		resource,
		value: 'bindAxg',
		name: 'Bind AXG',
		action: 'Bind A to a number group through X',
		description: 'Bind A to a number group G: members of G reach A by calling X (bindAXG)',
		apiAction: 'bindAXG',
		fields: [
			phoneA,
			groupLocator(
				'The number group G whose members may call A through X (from Number Group → Create)',
			),
			{
				...phoneX,
				description: `${phoneX.description} If empty, the platform picks the X with the most free capacity.`,
			},
			{
				...phoneB,
				description:
					'Number B that A reaches by calling X; must be a member of the group. If empty, A cannot call out through X. ' +
					'Digits with the country code and no +.',
			},
			...expiry,
			customerBindId,
			recordingFlag,
		],
		validate: bindValidator('expireSecond', [], ['phoneA', 'phoneX', 'phoneB']),
	}),
	{
		resource,
		value: 'unbind',
		name: 'Unbind',
		action: 'Unbind a binding',
		description: 'Delete a binding by its bind ID or your customer bind ID (unbindAXB)',
		apiAction: 'unbindAXB',
		kind: 'idempotent',
		maxRps: DEFAULT_RPS,
		fields: [
			unbindBy,
			{
				name: 'bindId',
				wire: 'bindId',
				displayName: 'Bind ID',
				kind: 'string',
				required: true,
				show: { unbindBy: ['bindId'] },
				description: 'The bindId returned by the bind call',
			},
			{
				...customerBindId,
				required: true,
				show: { unbindBy: ['customerBindId'] },
				description: 'The Customer Bind ID given when binding',
			},
		],
		optionFields: [
			{
				name: 'notExistAsSuccess',
				displayName: "Treat 'Binding Not Exist' (10013) as Success",
				kind: 'boolean',
				default: false,
				description:
					'Whether a binding that is already gone (code 10013) gives an item with alreadyGone: true instead of an error',
			},
		],
		run: async (ctx, params, controls) => {
			const outcome = await ctx.call({ action: 'unbindAXB', params, kind: 'idempotent' }).then(
				(body) => ({ body }),
				(error: unknown) => ({ error }),
			);
			const echo: IDataObject = {};
			if (params.bindId !== undefined) echo.bindId = params.bindId;
			if (params.customerBindId !== undefined) echo.customerBindId = params.customerBindId;
			if ('error' in outcome) {
				const { error } = outcome;
				if (
					controls.notExistAsSuccess === true &&
					error instanceof ProviderCallError &&
					error.failure.code === '10013'
				) {
					return {
						unbound: true,
						...echo,
						alreadyGone: true,
						code: 10013,
						requestId: error.failure.requestId ?? null,
					};
				}
				throw error;
			}
			const { body } = outcome;
			const result: IDataObject = { unbound: true, ...echo };
			if (body.alreadyDone) result.alreadyGone = true;
			result.requestId = body.requestId ?? null;
			return result;
		},
	},
	{
		resource,
		value: 'lookUpRoute',
		name: 'Look Up Route',
		action: 'Look up who a caller reaches through X',
		description:
			'Ask which number a caller reaches by calling X (and an extension): the routing lookup (queryAXB)',
		apiAction: 'queryAXB',
		kind: 'read',
		maxRps: DEFAULT_RPS,
		fields: [
			phone('caller', 'Caller', 'The calling number (the country code may be omitted)', true),
			phone('did', 'X Number (Did)', 'The virtual number X that is called', true),
			{
				...extension,
				required: false,
				description: 'Extension dialled after X, exactly 3 digits (for extension bindings)',
			},
		],
		validate: (params) => {
			countryCodes(params, ['did']);
		},
		output: (body) => ({
			...((body.data ?? {}) as IDataObject),
			requestId: body.requestId ?? null,
		}),
	},
	listOperation({
		resource,
		value: 'list',
		name: 'List',
		action: 'List bindings',
		description: 'List the bindings of the account, one item per binding (getAXBList)',
		apiAction: 'getAXBList',
		what: 'bindings',
		itemsOf: bindListOf,
		toItem: bindingItem,
	}),
	findBindings,
];
