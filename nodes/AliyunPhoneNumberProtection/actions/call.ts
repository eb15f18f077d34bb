import { fileOptionFields } from '../../shared/fields';
import { recordingItem } from '../../shared/recordings';
import type { CallContext, FieldSpec, OperationSpec } from '../../shared/spec';
import { callId, callTime, poolKey } from './fields';
import { detail } from './output';

const resource = 'call';

const partnerKey: FieldSpec = {
	...poolKey,
	name: 'partnerKey',
	wire: 'PartnerKey',
	displayName: 'Pool Key (Partner Key)',
};

const checkSubs: FieldSpec = {
	name: 'checkSubs',
	wire: 'CheckSubs',
	displayName: 'Check Subs',
	kind: 'boolean',
	required: true,
	default: true,
	description: 'Whether to verify the binding of the call',
};

function helpersOf(ctx: CallContext) {
	if (!ctx.execution) throw new Error('downloads need the execution context');
	return ctx.execution.helpers;
}

/** The file URL an answer gave; none means Alibaba has no such recording of the call (yet). */
function requireUrl(url: unknown, what: string): string {
	if (typeof url === 'string' && url !== '') return url;
	throw new Error(`Alibaba gave no URL for ${what}: the call has no such recording (yet)`);
}

export const callOperations: OperationSpec[] = [
	{
		resource,
		value: 'getRecordingUrl',
		name: 'Get Recording URL',
		action: 'Get the recording URL of a call',
		description:
			'Temporary download URL of a call recording, valid 2 hours (QueryRecordFileDownloadUrl)',
		apiAction: 'QueryRecordFileDownloadUrl',
		kind: 'read',
		maxRps: 3000,
		fields: [poolKey, callId, callTime],
		output: (body, params) => ({
			callId: params.CallId,
			downloadUrl: body.DownloadUrl ?? null,
			requestId: body.RequestId ?? null,
		}),
	},
	{
		resource,
		value: 'getPublicUrls',
		name: 'Get Public URLs',
		action: 'Get the public URLs of a call recording',
		description:
			'Public URLs of the call recording and the ring-tone recording, valid 30 days (GetTotalPublicUrl)',
		apiAction: 'GetTotalPublicUrl',
		kind: 'read',
		maxRps: 1000,
		fields: [partnerKey, callId, callTime, checkSubs],
		output: detail('Data'),
	},
	{
		resource,
		value: 'getTranscript',
		name: 'Get Transcript',
		action: 'Get the speech transcript of a call',
		description:
			'Speech recognition (ASR) result of a call, sentence by sentence (GetSecretAsrDetail)',
		apiAction: 'GetSecretAsrDetail',
		kind: 'read',
		maxRps: 100,
		fields: [poolKey, callId, callTime],
		output: detail('Data'),
	},
	{
		resource,
		value: 'downloadRecording',
		name: 'Download Recording',
		action: 'Download the recording of a call',
		description:
			'The call recording as a file in the item’s binary data (QueryRecordFileDownloadUrl, then the file), waited ' +
			'for while it is not ready yet',
		apiAction: 'QueryRecordFileDownloadUrl',
		kind: 'read',
		maxRps: 3000,
		fields: [poolKey, callId, callTime],
		optionFields: fileOptionFields,
		run: async (ctx, params, controls) => {
			const body = await ctx.call({ action: 'QueryRecordFileDownloadUrl', params, kind: 'read' });
			const url = requireUrl(body.DownloadUrl, `the recording of call ${String(params.CallId)}`);
			const json = { callId: params.CallId, requestId: body.RequestId ?? null };
			return await recordingItem(helpersOf(ctx), url, String(params.CallId), controls, json);
		},
	},
	{
		resource,
		value: 'downloadRingRecording',
		name: 'Download Ring-Tone Recording',
		action: 'Download the ring-tone recording of a call',
		description:
			'What the caller heard before the callee answered, as a file in the item’s binary data (GetTotalPublicUrl ' +
			'RingPublicUrl, then the file)',
		apiAction: 'GetTotalPublicUrl',
		kind: 'read',
		maxRps: 1000,
		fields: [partnerKey, callId, callTime, checkSubs],
		optionFields: fileOptionFields,
		run: async (ctx, params, controls) => {
			const body = await ctx.call({ action: 'GetTotalPublicUrl', params, kind: 'read' });
			const data = (body.Data ?? {}) as { RingPublicUrl?: unknown };
			const callIdText = String(params.CallId);
			const url = requireUrl(data.RingPublicUrl, `the ring-tone recording of call ${callIdText}`);
			const json = { callId: params.CallId, requestId: body.RequestId ?? null };
			return await recordingItem(helpersOf(ctx), url, `${callIdText}-ring`, controls, json);
		},
	},
];
