import { sleep, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';
import type { ProviderFailure } from './outcome';
import { networkFailure, ProviderCallError } from './provider';
import { xmlField } from './xml';

/**
 * Fetching a file (a call recording) into n8n binary data. The request goes through n8n's plain request helper with
 * no credential: the URL carries its own signature, and the signing keys must not travel to object storage.
 * Object storage answers 404 until a recording exists (it appears minutes after the call): that is retried with
 * backoff up to the wait the user allows, then reported as "not ready yet".
 */

export type FileHelpers = Pick<IExecuteFunctions['helpers'], 'httpRequest' | 'prepareBinaryData'>;

export interface DownloadOptions {
	/** what the file is, for messages ("the recording of call 123") */
	what: string;
	fileName: string;
	/** how long a file that is not there yet is waited for, in seconds (0: one try) */
	waitSeconds: number;
	timeoutMs?: number;
}

/** The file is not there (yet): object storage answered 404 until the wait ran out. */
export class FileNotReadyError extends ProviderCallError {
	constructor(what: string, waitedSeconds: number) {
		super({
			code: 'RecordingNotReady',
			message:
				`${what} is not ready yet${waitedSeconds > 0 ? ` after waiting ${waitedSeconds} s` : ''}: ` +
				'recordings appear minutes after the call; try again later or allow a longer wait',
			retry: 'never',
		});
		this.name = 'FileNotReadyError';
	}
}

const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 15000;

interface FileResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer | ArrayBuffer | string;
}

const bytesOf = (body: FileResponse['body']) =>
	Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);

async function fetchOnce(helpers: FileHelpers, url: string, what: string, timeoutMs: number) {
	let failure: ProviderFailure | undefined;
	try {
		return (await helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
		})) as FileResponse;
	} catch (error) {
		failure = networkFailure(error);
	}
	throw new ProviderCallError({
		...failure,
		message: `Download of ${what} failed: ${failure.message}`,
	});
}

export async function downloadFile(
	helpers: FileHelpers,
	url: string,
	options: DownloadOptions,
): Promise<IBinaryData> {
	const started = Date.now();
	const deadline = started + options.waitSeconds * 1000;
	for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
		const response = await fetchOnce(helpers, url, options.what, options.timeoutMs ?? 60000);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			const type = String(response.headers['content-type'] ?? '')
				.split(';')[0]
				.trim();
			return await helpers.prepareBinaryData(
				bytesOf(response.body),
				options.fileName,
				type || undefined,
			);
		}
		if (response.statusCode !== 404) {
			const xml = bytesOf(response.body).toString('utf8');
			throw new ProviderCallError({
				code: xmlField(xml, 'Code') || `HTTP_${response.statusCode}`,
				message: `Download of ${options.what} failed: ${xmlField(xml, 'Message') || `HTTP ${response.statusCode}`}`,
				requestId: xmlField(xml, 'RequestId') || undefined,
				httpCode: response.statusCode,
				retry: 'never',
			});
		}
		const left = deadline - Date.now();
		if (left <= 0)
			throw new FileNotReadyError(options.what, Math.round((Date.now() - started) / 1000));
		await sleep(Math.min(pause, left));
	}
}
