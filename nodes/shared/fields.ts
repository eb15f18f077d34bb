import type { FieldSpec } from './spec';

/** A phone-number field: the providers differ only in their example number and the hint they append. */
export const phoneField = (
	field: Pick<FieldSpec, 'name' | 'wire' | 'displayName' | 'description' | 'placeholder'>,
	required = false,
): FieldSpec => ({ ...field, kind: 'phone', required });

/** Options of operations that download a file into the item's binary data (n8n's own download operations' names). */
export const fileOptionFields: FieldSpec[] = [
	{
		name: 'binaryPropertyName',
		displayName: 'Put Output File in Field',
		kind: 'string',
		default: 'data',
		maxLength: 100,
		pattern: /^[A-Za-z0-9_-]+$/,
		patternHint: 'letters, digits, "_" or "-"',
		description:
			'The name of the output binary field to put the file in; other binary fields of the item are kept',
	},
	{
		name: 'waitSeconds',
		displayName: 'Wait for Recording (Seconds)',
		kind: 'number',
		default: 30,
		min: 0,
		max: 600,
		description:
			'A recording is ready minutes after the call; until then the download is retried with backoff for up to ' +
			'this long, then reported as not ready yet (0: try once)',
	},
];

export const DEFAULT_FILE_FIELD = 'data';
export const DEFAULT_WAIT_SECONDS = 30;
