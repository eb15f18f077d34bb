import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type OperationSpec } from '../../shared/spec';
import { NOT_DOCUMENTED } from './output';
import {
	authId,
	bindId,
	calledNo,
	callerParentId,
	callingNo,
	configFields,
	customerPoolKey,
	done,
	expiresInSeconds,
	item,
	listOf,
	normaliseSequenceCalls,
	reqId,
	soundCallId,
	telA,
	telB,
	telX,
	text,
	userData,
	xConfig,
} from './workNumberFields';

/**
 * Work numbers (工作号, XB): the company hands employee B a work number X (BindXB); customers A reach B through X, and
 * B calls a customer A through X once a call binding exists (BindAXBCall). For sales and service teams whose staff
 * must not use their private numbers. Answers carry Code "0000" and Success; most have no RequestId. Every action
 * takes a Req ID that Alibaba de-duplicates on, which makes the binds safe to re-send after an unknown outcome.
 */

/** Pages 2, 3 … of Return All are sent with "-2", "-3" … appended to the Req ID: room for "-999". */
const MAX_PAGES = 999;
const PAGED_REQ_ID_LENGTH = 16;

/** ReqId makes the call idempotent at Alibaba: a re-send gets the first answer. */
const deduplicated = (params: IDataObject) =>
	typeof params.ReqId === 'string' && params.ReqId !== '';

const common = {
	resource: 'workNumber',
	maxRps: 100,
	maxRpsSource: NOT_DOCUMENTED,
	// one Req ID per request: two items with the same one would get the same single answer
	uniqueAcrossItems: ['ReqId'],
} satisfies Partial<OperationSpec>;

const withPool = (...fields: FieldSpec[]) => [customerPoolKey, reqId, ...fields, callerParentId];

const listWorkNumbers: OperationSpec = {
	...common,
	value: 'list',
	name: 'List Work Numbers',
	action: 'List work numbers',
	description:
		'List your work numbers X with their status (ListXTelephones), e.g. to see which are free or verified',
	apiAction: 'ListXTelephones',
	kind: 'read',
	fields: [
		reqId,
		{
			name: 'returnAll',
			displayName: 'Return All',
			kind: 'boolean',
			required: true,
			default: false,
			description:
				'Whether to read every page (pages 2, 3 … are sent with Req ID-2, Req ID-3 …, so the Req ID may have ' +
				`at most ${PAGED_REQ_ID_LENGTH} characters) or one page`,
		},
		{
			name: 'pageNo',
			wire: 'PageNo',
			displayName: 'Page No.',
			kind: 'number',
			required: true,
			min: 1,
			default: 1,
			show: { returnAll: [false] },
			description: 'Page to read, from 1',
		},
		{
			name: 'pageSize',
			wire: 'PageSize',
			displayName: 'Page Size',
			kind: 'number',
			required: true,
			min: 1,
			default: 10,
			description: 'Numbers per page',
		},
		{ ...customerPoolKey, required: false, description: 'Only the numbers of this pool' },
		callerParentId,
	],
	validate: (params, _convert, controls) => {
		if (controls.returnAll === true && String(params.ReqId).length > PAGED_REQ_ID_LENGTH) {
			throw new FieldError(
				reqId.displayName,
				'ReqId',
				`must be at most ${PAGED_REQ_ID_LENGTH} characters with Return All: later pages append "-2", "-3" …`,
			);
		}
	},
	run: async (ctx, params, controls) => {
		const read = async (page: IDataObject) => {
			const body = await ctx.call({ action: 'ListXTelephones', params: page, kind: 'read' });
			return (body.Data ?? {}) as IDataObject;
		};
		if (controls.returnAll !== true) return listOf((await read(params)).List);
		const items: IDataObject[] = [];
		for (let page = 1; page <= MAX_PAGES; page++) {
			const ReqId = page === 1 ? params.ReqId : `${String(params.ReqId)}-${page}`;
			const answer = await read({ ...params, ReqId, PageNo: page });
			const entries = listOf(answer.List);
			items.push(...entries);
			if (entries.length < Number(params.PageSize) || items.length >= Number(answer.Total)) break;
		}
		return items;
	},
};

export const workNumberOperations: OperationSpec[] = [
	{
		...common,
		value: 'bindXb',
		name: 'Bind Work Number',
		action: 'Bind a work number to an employee',
		description:
			'Give employee B the work number X (BindXB): calls to X then reach B. For onboarding staff.',
		apiAction: 'BindXB',
		kind: 'create',
		idempotentWhen: deduplicated,
		fields: withPool(telX, telB, userData),
		output: item((data, params) => ({ authId: text(data.AuthId), telX: data.TelX ?? params.TelX })),
	},
	{
		...common,
		value: 'unbindXb',
		name: 'Unbind Work Number',
		action: 'Unbind a work number from its employee',
		description:
			'Take the work number X back from employee B (UnBindXB): calls to X no longer reach B. For offboarding.',
		apiAction: 'UnBindXB',
		kind: 'idempotent',
		fields: withPool(authId, telX),
		output: done('unbound', 'AuthId', 'TelX'),
	},
	{
		...common,
		value: 'bindAxbCall',
		name: 'Bind Call (AXB)',
		action: 'Let an employee call a customer through the work number',
		description:
			'Create a call binding B–X–A (BindAXBCall) so employee B can call customer A through the work number X',
		apiAction: 'BindAXBCall',
		kind: 'create',
		idempotentWhen: deduplicated,
		fields: withPool(authId, telA, expiresInSeconds, userData),
		output: item((data, params) => ({
			bindId: text(data.BindId),
			authId: params.AuthId,
			telA: params.TelA,
		})),
	},
	{
		...common,
		value: 'unbindAxbCall',
		name: 'Unbind Call (AXB)',
		action: 'End a call binding of a work number',
		description:
			'Remove a call binding A–X–B (UnBindAXB) before it expires, e.g. once the order is closed',
		apiAction: 'UnBindAXB',
		kind: 'idempotent',
		fields: withPool(bindId),
		output: done('unbound', 'BindId'),
	},
	{
		...common,
		value: 'configure',
		name: 'Configure Work Number',
		action: 'Configure a work number',
		description:
			'Switch calls, SMS, caller-ID pass-through and sequential ringing of the work number X (ConfigX), for admins',
		apiAction: 'ConfigX',
		kind: 'idempotent',
		fields: [...withPool(telX), ...configFields],
		validate: (params, convert) => {
			if (params.SequenceCalls !== undefined)
				params.SequenceCalls = normaliseSequenceCalls(params.SequenceCalls, convert);
		},
		output: done('configured', 'TelX'),
	},
	{
		...common,
		value: 'getConfig',
		name: 'Get Configuration',
		action: 'Get the configuration of a work number',
		description: 'Read the settings of the work number X (GetXConfig), e.g. before changing them',
		apiAction: 'GetXConfig',
		kind: 'read',
		fields: withPool(telX),
		output: xConfig,
	},
	{
		...common,
		value: 'getDefaultConfig',
		name: 'Get Default Configuration',
		action: 'Get the default configuration of a work number',
		description:
			'Read the default settings of the work number X (GetXDefaultConfig), e.g. to reset them',
		apiAction: 'GetXDefaultConfig',
		kind: 'read',
		fields: withPool(telX),
		output: xConfig,
	},
	listWorkNumbers,
	{
		...common,
		value: 'createSmsSign',
		name: 'Create SMS Sign',
		action: 'Create an SMS tag for texting a customer',
		description:
			'Get the SMS tag (CreateSmsSign) an employee appends to a text so that it reaches customer A through X',
		apiAction: 'CreateSmsSign',
		kind: 'create',
		idempotentWhen: deduplicated,
		fields: withPool(calledNo, callingNo),
		output: item((data, params) => ({
			calledNoSign: data.CalledNoSign ?? null,
			calledNo: params.CalledNo,
			callingNo: params.CallingNo,
		})),
	},
	{
		...common,
		value: 'getRecordingUrl',
		name: 'Get Recording URL',
		action: 'Get the recording URL of a work-number call',
		description:
			'Get the download URL of a call’s recording (QuerySoundRecord), valid 1 hour, for QA and disputes',
		apiAction: 'QuerySoundRecord',
		kind: 'read',
		fields: withPool(soundCallId),
		output: item((data, params) => ({ callId: params.CallId, fileUrl: data.FileUrl ?? null })),
	},
];
