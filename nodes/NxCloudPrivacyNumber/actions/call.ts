import { fileOptionFields } from '../../shared/fields';
import { recordingItem } from '../../shared/recordings';
import type { OperationSpec } from '../../shared/spec';
import { DEFAULT_RPS } from './shared';

/**
 * NXCloud has no recording API: a call-result push carries the recording's URL (recordFile, or callRecordFile of a
 * leg). Download Recording fetches that URL into the item's binary data, without the account's keys.
 */

export const callOperations: OperationSpec[] = [
	{
		resource: 'call',
		value: 'downloadRecording',
		name: 'Download Recording',
		action: 'Download the recording of a call',
		description:
			'The recording of a call-result push (its recordFile URL) as a file in the item’s binary data, waited for ' +
			'while it is not ready yet',
		apiAction: 'recordFile',
		kind: 'read',
		maxRps: DEFAULT_RPS,
		fields: [
			{
				name: 'recordingUrl',
				displayName: 'Recording URL',
				kind: 'string',
				required: true,
				pattern: /^https?:\/\/\S+$/i,
				patternHint: 'an http(s) URL',
				placeholder: '={{ $json.recordFile }}',
				description:
					'The recording URL of the call: recordFile of the NXCloud trigger’s item (callRecordFile of a leg)',
			},
			{
				name: 'callId',
				displayName: 'Call ID',
				kind: 'string',
				required: true,
				maxLength: 100,
				placeholder: '={{ $json.callId }}',
				description: 'The call’s ID, used as the file name',
			},
		],
		optionFields: fileOptionFields,
		run: async (ctx, _params, controls) => {
			if (!ctx.execution) throw new Error('downloads need the execution context');
			const url = String(controls.recordingUrl);
			const callId = String(controls.callId);
			return await recordingItem(ctx.execution.helpers, url, callId, controls, { callId });
		},
	},
];
