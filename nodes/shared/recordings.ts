import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { downloadFile, type FileHelpers } from './download';
import { DEFAULT_FILE_FIELD, DEFAULT_WAIT_SECONDS } from './fields';
import { ItemWithFiles, type Controls } from './spec';

/** A call's recording file, named after the call (`<callId>.mp3`, or `.wav` when the URL says so). */
export async function downloadRecording(
	helpers: FileHelpers,
	url: string,
	callId: string,
	waitSeconds: number,
): Promise<IBinaryData> {
	const extension = /\.(mp3|wav)(?:\?|$)/i.exec(url)?.[1]?.toLowerCase() ?? 'mp3';
	return await downloadFile(helpers, url, {
		what: `the recording of call ${callId}`,
		fileName: `${callId}.${extension}`,
		waitSeconds,
	});
}

/** A call's recording as the item's file, in the field and with the wait the operation's options give. */
export async function recordingItem(
	helpers: FileHelpers,
	url: string,
	callId: string,
	controls: Controls,
	json: IDataObject,
): Promise<ItemWithFiles> {
	const field = String(controls.binaryPropertyName ?? DEFAULT_FILE_FIELD);
	const waitSeconds = Number(controls.waitSeconds ?? DEFAULT_WAIT_SECONDS);
	const file = await downloadRecording(helpers, url, callId, waitSeconds);
	return new ItemWithFiles(
		{ ...json, fileName: file.fileName ?? null, mimeType: file.mimeType },
		{ [field]: file },
	);
}
