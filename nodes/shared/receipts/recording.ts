import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';
import { downloadRecording } from '../recordings';
import { DEFAULT_FILE_FIELD } from '../fields';

/**
 * "Attach Recording" of the receipt triggers: after the push was answered, the recording URL a record carries is
 * fetched (n8n's plain request helper, no credential) into the emitted item's binary data. A recording that is not
 * there within the wait leaves the item without a file and says why (`recordingAttached: false`, `recordingError`).
 */

export function attachRecordingProperties(
	urlField: string,
	show?: Record<string, string[]>,
): INodeProperties[] {
	const when = (extra: Record<string, boolean[]> = {}) => ({
		displayOptions: { show: { ...(show ?? {}), ...extra } },
	});
	return [
		{
			displayName: 'Attach Recording',
			name: 'attachRecording',
			type: 'boolean',
			default: false,
			description: `Whether to download the recording (${urlField}) into the item's binary data`,
			...when(),
		},
		{
			displayName: 'Put Recording in Field',
			name: 'recordingField',
			type: 'string',
			default: DEFAULT_FILE_FIELD,
			description: 'The name of the binary field to put the recording in',
			...when({ attachRecording: [true] }),
		},
		{
			displayName: 'Wait for Recording (Seconds)',
			name: 'recordingWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 300 },
			default: 10,
			description:
				'How long to wait for a recording that is not ready yet (the push was already answered); the item is ' +
				'emitted without it after that',
			...when({ attachRecording: [true] }),
		},
	];
}

/** The emitted items, with their recordings attached when the trigger's Attach Recording is on. */
export async function withRecordings(
	ctx: IWebhookFunctions,
	items: IDataObject[],
	urlOf: (item: IDataObject) => unknown,
	callIdOf: (item: IDataObject) => unknown,
): Promise<INodeExecutionData[]> {
	if (ctx.getNodeParameter('attachRecording', false) !== true)
		return items.map((json) => ({ json }));
	const field = String(
		ctx.getNodeParameter('recordingField', DEFAULT_FILE_FIELD) || DEFAULT_FILE_FIELD,
	);
	const waitSeconds = Number(ctx.getNodeParameter('recordingWaitSeconds', 10));
	return await Promise.all(
		items.map(async (json): Promise<INodeExecutionData> => {
			const url = urlOf(json);
			if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
				return { json: { ...json, recordingAttached: false } };
			}
			const callId = String(callIdOf(json) ?? 'recording');
			try {
				const file = await downloadRecording(ctx.helpers, url, callId, waitSeconds);
				return { json: { ...json, recordingAttached: true }, binary: { [field]: file } };
			} catch (error) {
				const recordingError = (error as Error).message;
				return { json: { ...json, recordingAttached: false, recordingError } };
			}
		}),
	);
}
