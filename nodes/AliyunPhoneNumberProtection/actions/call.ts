import type { OperationSpec } from '../../shared/spec';
import { callId, callTime, poolKey } from './fields';
import { detail } from './output';

const resource = 'call';

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
		fields: [
			{ ...poolKey, name: 'partnerKey', wire: 'PartnerKey', displayName: 'Pool Key (Partner Key)' },
			callId,
			callTime,
			{
				name: 'checkSubs',
				wire: 'CheckSubs',
				displayName: 'Check Subs',
				kind: 'boolean',
				required: true,
				default: true,
				description: 'Whether to verify the binding of the call',
			},
		],
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
];
