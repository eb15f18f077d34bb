import type { IDataObject } from 'n8n-workflow';
import { downloadFile, type FileHelpers } from './download';
import { DEFAULT_FILE_FIELD, DEFAULT_WAIT_SECONDS } from './fields';
import { ItemWithFiles, type Controls } from './spec';

/** A call's recording as the item's file: named after the call, in the field and with the wait the options give. */
export async function recordingItem(
	helpers: FileHelpers,
	url: string,
	callId: string,
	controls: Controls,
	json: IDataObject,
): Promise<ItemWithFiles> {
	const extension = /\.(mp3|wav)(?:\?|$)/i.exec(url)?.[1]?.toLowerCase() ?? 'mp3';
	const field = String(controls.binaryPropertyName ?? DEFAULT_FILE_FIELD);
	const file = await downloadFile(helpers, url, {
		what: `the recording of call ${callId}`,
		fileName: `${callId}.${extension}`,
		waitSeconds: Number(controls.waitSeconds ?? DEFAULT_WAIT_SECONDS),
	});
	return new ItemWithFiles(
		{ ...json, fileName: file.fileName ?? null, mimeType: file.mimeType },
		{ [field]: file },
	);
}
