import type { IDataObject } from 'n8n-workflow';
import type { OperationSpec } from '../../shared/spec';
import {
	asrModel700,
	bindOptions,
	callRestrict700,
	defaultA,
	industrialId,
	needAsr,
	needRecord,
	orderId,
	telA,
	telB,
	telX,
	telXRequired,
} from './binding700Fields';
import { expiration, groupId, outId, poolKey, subsId } from './fields';

/**
 * The 700 family: bindings on X numbers of the dedicated 700 segment (15 digits), to which China's mainland middle
 * numbers are moving. Alibaba's docs: https://help.aliyun.com/zh/pnp/700axb-middle-number-binding and
 * https://help.aliyun.com/zh/pnp/700gxb-middle-number-binding. Answers carry Success + Code + Data.
 */

const resource = 'binding700';

/** Alibaba states 5,000 requests per second for the 700 binds only. */
const RATE_OF_THE_BINDS =
	'Alibaba states 5,000/s for the 700 binds and nothing for this action: the same cap';

/** Bind answers: Data{SubsId, SecretNo}; SubsId as text, so IDs beyond 2^53 stay exact downstream. */
function bind700Result(body: IDataObject): IDataObject {
	const data = (body.Data ?? {}) as IDataObject;
	return {
		subsId: data.SubsId === undefined || data.SubsId === null ? null : String(data.SubsId),
		secretNo: data.SecretNo ?? null,
		requestId: body.RequestId ?? null,
	};
}

const doneWith = (what: string) => (body: IDataObject, params: IDataObject) => ({
	[what]: true,
	subsId: params.SubsId,
	telX: params.TelX,
	requestId: body.RequestId ?? null,
});

const bind700 = {
	resource,
	kind: 'create',
	maxRps: 5000,
	output: bind700Result,
} satisfies Partial<OperationSpec>;

export const binding700Operations: OperationSpec[] = [
	{
		...bind700,
		value: 'bindAxb700',
		name: 'Bind AXB (700)',
		action: 'Bind A and B through a 700 number X',
		description:
			'Create an AXB binding on a 15-digit 700 number: A and B reach each other by calling X (BindAxb700)',
		apiAction: 'BindAxb700',
		fields: [poolKey, telA, telB, expiration, telX, ...bindOptions('AXB')],
	},
	{
		...bind700,
		value: 'bindGxb700',
		name: 'Bind GXB (700)',
		action: 'Bind B to a number group through a 700 number X',
		description:
			'Create a GXB binding on a 700 number: members of group G and B reach each other through X (BindGxb700)',
		apiAction: 'BindGxb700',
		fields: [poolKey, telB, expiration, telX, groupId(false), defaultA, ...bindOptions('GXB')],
	},
	{
		resource,
		value: 'update700',
		name: 'Update (700)',
		action: 'Update a 700 binding',
		description: 'Change a 700 binding (UpdateSubs700): the Operate Type and the fields it changes',
		apiAction: 'UpdateSubs700',
		kind: 'idempotent',
		maxRps: 5000,
		maxRpsSource: RATE_OF_THE_BINDS,
		fields: [
			poolKey,
			subsId,
			telXRequired,
			{
				name: 'operateType',
				wire: 'OperateType',
				displayName: 'Operate Type',
				kind: 'options',
				required: true,
				default: 'updateNoA',
				options: [{ name: 'Update A Number (updateNoA)', value: 'updateNoA' }],
				// Alibaba documents only updateNoA for 700 bindings; another type can be given by expression.
				otherValues: {
					pattern: /^update[A-Za-z]+$/,
					hint: 'another updateXxx type of Alibaba’s docs',
				},
				description:
					'What to change. Alibaba documents updateNoA (new A number) for 700 bindings; another type can be ' +
					'given by expression, with its fields under Additional Fields.',
			},
			{
				...telA,
				required: true,
				show: { operateType: ['updateNoA'] },
				description: 'New number A',
			},
			{ ...telB, required: false },
			defaultA,
			groupId(false),
			{ ...expiration, required: false },
			callRestrict700('either'),
			needRecord,
			needAsr,
			asrModel700,
			industrialId,
			orderId,
			outId,
		],
		output: doneWith('updated'),
	},
	{
		resource,
		value: 'unbind700',
		name: 'Unbind (700)',
		action: 'Unbind a 700 binding',
		description: 'Delete a 700 binding (UnbindSubs700). X must be the binding’s own X.',
		apiAction: 'UnbindSubs700',
		kind: 'idempotent',
		maxRps: 5000,
		maxRpsSource: RATE_OF_THE_BINDS,
		fields: [poolKey, subsId, telXRequired, industrialId, orderId],
		output: doneWith('unbound'),
	},
];
