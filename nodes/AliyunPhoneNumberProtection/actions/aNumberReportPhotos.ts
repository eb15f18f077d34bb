import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { FieldError, type Controls, type ItemAccess } from '../../shared/spec';
import { PHOTOS } from './aNumberReportFields';

/**
 * The photos of an A-number report as binary fields of the input item. Alibaba's rules
 * (https://help.aliyun.com/zh/pnp/api-submit-a-number-mobile-phone-number-personal-real-name-information): PNG, JPG
 * or JPEG, at most 2 MB. Checked before anything is sent: presence and type when the item is validated, the size as
 * soon as n8n knows it.
 */

/** "不要超过 2M": read as 2 MiB */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

const MIME_EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
};
const EXTENSION_MIMES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
};
const GENERIC_MIMES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export interface PhotoFile {
	wire: string;
	label: string;
	/** the binary property of the input item */
	property: string;
	mimeType: string;
	extension: string;
}

const photoError = (label: string, wire: string, reason: string) =>
	new FieldError(`${label} (Binary Field)`, wire, reason);

/** Bytes of an in-memory binary (base64 in `data`); undefined when n8n keeps it elsewhere. */
function knownSize(data: IBinaryData): number | undefined {
	if (typeof data.bytes === 'number') return data.bytes;
	if (data.id || typeof data.data !== 'string') return undefined;
	const padding = data.data.endsWith('==') ? 2 : data.data.endsWith('=') ? 1 : 0;
	return Math.floor((data.data.length * 3) / 4) - padding;
}

function typeOf(data: IBinaryData): { mimeType: string; extension: string } | undefined {
	const mime = String(data.mimeType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (MIME_EXTENSIONS[mime])
		return {
			mimeType: mime === 'image/jpg' ? 'image/jpeg' : mime,
			extension: MIME_EXTENSIONS[mime],
		};
	if (!GENERIC_MIMES.has(mime)) return undefined;
	const name = String(data.fileExtension ?? data.fileName?.split('.').pop() ?? '').toLowerCase();
	return EXTENSION_MIMES[name] ? { mimeType: EXTENSION_MIMES[name], extension: name } : undefined;
}

function checkSize(label: string, wire: string, property: string, size: number | undefined) {
	if (size === undefined) return;
	if (size === 0) throw photoError(label, wire, `binary field "${property}" is empty`);
	if (size > MAX_PHOTO_BYTES) {
		throw photoError(
			label,
			wire,
			`binary field "${property}" has ${size} bytes; at most 2 MB (${MAX_PHOTO_BYTES})`,
		);
	}
}

/** The photos the item names in its binary-field controls: present, PNG or JPEG, at most 2 MB where known. */
export function checkPhotos(controls: Controls, item: ItemAccess): PhotoFile[] {
	const files: PhotoFile[] = [];
	for (const photo of PHOTOS) {
		const property = controls[photo.control];
		if (typeof property !== 'string' || property === '') continue;
		let data: IBinaryData;
		try {
			data = item.execution.helpers.assertBinaryData(item.itemIndex, property);
		} catch {
			throw photoError(photo.label, photo.wire, `the input item has no binary field "${property}"`);
		}
		const type = typeOf(data);
		if (!type) {
			const given = data.mimeType ? `"${data.mimeType}"` : 'no MIME type';
			throw photoError(
				photo.label,
				photo.wire,
				`binary field "${property}" is ${given}: PNG or JPEG only`,
			);
		}
		checkSize(photo.label, photo.wire, property, knownSize(data));
		files.push({ wire: photo.wire, label: photo.label, property, ...type });
	}
	return files;
}

/** The bytes of each photo, all read (and their sizes checked) before anything is sent. */
export async function readPhotos(
	execution: IExecuteFunctions,
	itemIndex: number,
	files: PhotoFile[],
): Promise<Buffer[]> {
	const buffers: Buffer[] = [];
	for (const file of files) {
		const bytes = await execution.helpers.getBinaryDataBuffer(itemIndex, file.property);
		checkSize(file.label, file.wire, file.property, bytes.length);
		buffers.push(bytes);
	}
	return buffers;
}
