import type { IDataObject } from 'n8n-workflow';
import { ProviderCallError } from '../../shared/provider';
import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import * as f from './fixedLineFields';
import { NOT_DOCUMENTED } from './output';

/**
 * The fixed-line family (固话, invitation-only at Alibaba): bindings on landline X numbers in three modes, each with
 * Bind, Update, Delete and Get. Alibaba's docs: https://help.aliyun.com/zh/pnp/bindaxbfixedline and the pages of
 * the eleven other actions. Answers carry Success + Code + Data. OrderId is the request's unique ID; no document says
 * that Alibaba de-duplicates a repeated bind, so a bind with an unknown outcome is never re-sent.
 */

const resource = 'fixedLine';

interface Mode {
	mode: f.FixedMode;
	api: 'Axb' | 'Axn' | 'AxnExtension';
	label: string;
	bindAction: string;
	bindFields: FieldSpec[];
	updateFields: FieldSpec[];
	/** QueryType: value → its label and the fields it asks for */
	queryTypes: Array<{ value: string; name: string; fields: FieldSpec[] }>;
}

const phone: FieldSpec = {
	...f.telA,
	name: 'fixedPhone',
	wire: 'Phone',
	displayName: 'Phone Number',
	description: 'Number A or B of the binding',
};
const when = (queryType: string, field: FieldSpec, required = true): FieldSpec => ({
	...field,
	required,
	show: { queryType: [queryType] },
});
const byId = { value: '0', name: 'By Binding ID (0)', fields: [when('0', f.subId)] };

const MODES: Mode[] = [
	{
		mode: 'axb',
		api: 'Axb',
		label: 'AXB',
		bindAction: 'Bind A and B through a landline X',
		bindFields: [{ ...f.telB, required: true }],
		updateFields: [
			{ ...f.telA, required: false, description: 'New number A (not together with B)' },
			{ ...f.telB, description: 'New number B (not together with A)' },
		],
		queryTypes: [
			byId,
			{ value: '1', name: 'By X and A or B (1)', fields: [when('1', f.telX), when('1', phone)] },
		],
	},
	{
		mode: 'axn',
		api: 'Axn',
		label: 'AXN',
		bindAction: 'Bind A to a landline X that anyone can call',
		bindFields: [{ ...f.telB, description: 'Number N: whom A reaches by calling X (Callback 2)' }],
		updateFields: [
			{ ...f.telA, required: false, description: 'New number A' },
			{ ...f.telB, description: 'New number N' },
		],
		queryTypes: [
			byId,
			{
				value: '1',
				name: 'By A or B Number (1)',
				fields: [when('1', phone), when('1', f.telX, false)],
			},
			{ value: '2', name: 'By X (2)', fields: [when('2', f.telX)] },
		],
	},
	{
		mode: 'axnExtension',
		api: 'AxnExtension',
		label: 'AXN Extension',
		bindAction: 'Bind A to a landline X and an extension',
		bindFields: [
			{
				name: 'telXExt',
				wire: 'TelXext',
				displayName: 'Extension',
				kind: 'digits',
				placeholder: '1009',
				description:
					'Extension of X for A, when you give X (mode101); else the platform assigns one',
			},
		],
		updateFields: [{ ...f.telA, description: 'Number A of the binding (or its new number A)' }],
		queryTypes: [byId, { value: '1', name: 'By Number A (1)', fields: [when('1', f.telA)] }],
	},
];

const common = {
	resource,
	maxRps: 100,
	maxRpsSource: NOT_DOCUMENTED,
	uniqueAcrossItems: ['OrderId'],
} satisfies Partial<OperationSpec>;

/** Update and Delete answer Data{Code, Message, Success}: a false Data.Success is a failure too. */
const changed = (what: string) => (body: IDataObject, params: WireParams) => {
	const data = (body.Data ?? {}) as IDataObject;
	if (data.Success === false) {
		const failure = {
			code: String(data.Code ?? body.Code),
			message: String(data.Message ?? body.Message),
			requestId: body.RequestId as string | undefined,
			retry: 'never' as const,
			body,
		};
		throw new ProviderCallError(failure);
	}
	return { [what]: true, subId: params.SubId, requestId: body.RequestId ?? null };
};

/** Get: one item per binding (Data is a list for AXN and AXN extension, one object for AXB). */
function bindings(body: IDataObject): IDataObject[] {
	const data = body.Data;
	const list = Array.isArray(data) ? data : data ? [data] : [];
	return (list as IDataObject[]).map((binding) => ({
		...binding,
		requestId: body.RequestId ?? null,
	}));
}

const VERBS = { bind: 'Bind', update: 'Update', delete: 'Delete', get: 'Get' };
/** Value, name and action of `verb` on mode `m`: Bind{Mode}FixedLine, Update/Delete/Query{Mode}BindFixedLine. */
const named = (m: Mode, verb: keyof typeof VERBS) => ({
	...common,
	value: `${verb}${m.api}`,
	name: `${VERBS[verb]} ${m.label}`,
	apiAction:
		verb === 'bind'
			? `Bind${m.api}FixedLine`
			: `${verb === 'get' ? 'Query' : VERBS[verb]}${m.api}BindFixedLine`,
});

const timestamp = f.clockField('Ts');
const bindTime = f.clockField('Subts');

function bind(m: Mode): OperationSpec {
	return {
		...named(m, 'bind'),
		action: m.bindAction,
		description: `Create a fixed-line ${m.label} binding (Bind${m.api}FixedLine)`,
		kind: 'create',
		fields: [
			f.appId,
			f.orderId,
			f.bindType,
			f.telXGiven,
			{ ...f.telA, required: true },
			...m.bindFields,
			f.expiration,
			{ ...f.anucode, required: true },
			f.anucodeCalled(m.mode),
			f.tAnucodeConnect(m.mode),
			f.areaCode,
			f.extra(m.mode),
			f.remark,
			timestamp,
			bindTime,
		],
		validate: (params, _convert, controls) => {
			f.resolveClocks(params, controls, ['Ts', 'Subts']);
			if (m.mode === 'axnExtension') f.checkExtensionPrompts(params);
		},
		output: f.fixedBindResult,
	};
}

function update(m: Mode): OperationSpec {
	return {
		...named(m, 'update'),
		action: `Update a fixed-line ${m.label} binding`,
		description: `Change numbers, expiry or settings of a fixed-line ${m.label} binding (Update${m.api}BindFixedLine)`,
		kind: 'idempotent',
		fields: [
			f.appId,
			f.orderId,
			f.subId,
			...m.updateFields,
			{ ...f.expiration, required: false, default: undefined },
			f.anucode,
			f.anucodeCalled(m.mode),
			f.tAnucodeConnect(m.mode),
			f.extra(m.mode),
			f.remark,
			timestamp,
			bindTime,
		],
		validate: (params, _convert, controls) => {
			f.resolveClocks(params, controls, ['Ts', 'Subts']);
			// Alibaba: TelA and TelB of a fixed-line AXB binding are not updated together
			if (m.mode === 'axb' && params.TelA !== undefined && params.TelB !== undefined)
				throw new FieldError('Phone No. B', 'TelB', 'cannot be changed together with Phone No. A');
			if (m.mode === 'axnExtension') f.checkExtensionPrompts(params);
		},
		output: changed('updated'),
	};
}

function remove(m: Mode): OperationSpec {
	return {
		...named(m, 'delete'),
		action: `Delete a fixed-line ${m.label} binding`,
		description: `Remove a fixed-line ${m.label} binding (Delete${m.api}BindFixedLine)`,
		kind: 'idempotent',
		fields: [f.appId, f.orderId, f.subId, timestamp],
		validate: (params, _convert, controls) => f.resolveClocks(params, controls, ['Ts']),
		output: changed('deleted'),
	};
}

function get(m: Mode): OperationSpec {
	const queryType: FieldSpec = {
		name: 'queryType',
		wire: 'QueryType',
		displayName: 'Find By',
		kind: 'options',
		required: true,
		default: '0',
		options: m.queryTypes.map(({ value, name }) => ({ name, value })),
		description: 'What identifies the binding (QueryType)',
	};
	return {
		...named(m, 'get'),
		action: `Get a fixed-line ${m.label} binding`,
		description: `Read fixed-line ${m.label} bindings by ID or number (Query${m.api}BindFixedLine)`,
		kind: 'read',
		fields: [
			f.appId,
			f.orderId,
			queryType,
			...m.queryTypes.flatMap((type) => type.fields),
			timestamp,
		],
		validate: (params, _convert, controls) => f.resolveClocks(params, controls, ['Ts']),
		output: bindings,
	};
}

export const fixedLineOperations: OperationSpec[] = [bind, update, remove, get].flatMap((verb) =>
	MODES.map(verb),
);
