import { randomBytes } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { networkFailure, ProviderCallError, type ProviderFailure } from '../../shared/provider';
import type { CallContext } from '../../shared/spec';
import { xmlField } from '../../shared/xml';
import type { PhotoFile } from './aNumberReportPhotos';

/**
 * The node's upload of report photos: one GetDyplsOSSInfoForUploadFile per execution (renewed shortly before its
 * ExpireTime), then an OSS PostObject form per photo to the Host it names, with the policy and signature Alibaba
 * computed; the OSS call carries no Alibaba signature. Success is HTTP 200, 201 or 204; keys start with StartPath and
 * are made unique:
 * https://help.aliyun.com/zh/pnp/api-submit-a-number-mobile-phone-number-personal-real-name-information
 */

const UPLOAD_TIMEOUT_MS = 60_000;
/** a cached policy is not used for an upload that starts later than this before its ExpireTime */
const RENEW_BEFORE_MS = 60_000;

export interface UploadPolicy {
	accessKeyId: string;
	policy: string;
	signature: string;
	host: string;
	startPath: string;
	/** epoch ms of ExpireTime */
	expiresAt: number;
}

const unreadable = (message: string) =>
	new ProviderCallError({ code: 'UnreadableResponse', message, retry: 'never' });

async function fetchPolicy(ctx: CallContext): Promise<UploadPolicy> {
	const body = await ctx.call({
		action: 'GetDyplsOSSInfoForUploadFile',
		params: { BizType: 'phone_card' },
		kind: 'read',
	});
	const data = (body.Data ?? {}) as IDataObject;
	const text = (key: string) =>
		data[key] === undefined || data[key] === null ? '' : String(data[key]);
	const missing = ['AccessKeyId', 'Policy', 'Signature', 'Host', 'StartPath'].filter(
		(key) => !text(key),
	);
	if (missing.length)
		throw unreadable(`GetDyplsOSSInfoForUploadFile answered without ${missing.join(', ')}`);
	if (!/^https?:\/\/[^/\s]+/i.test(text('Host')))
		throw unreadable('GetDyplsOSSInfoForUploadFile gave no http(s) Host');
	const seconds = Number(text('ExpireTime'));
	return {
		accessKeyId: text('AccessKeyId'),
		policy: text('Policy'),
		signature: text('Signature'),
		host: text('Host'),
		startPath: text('StartPath').replace(/\/+$/, ''),
		expiresAt: Number.isFinite(seconds) ? seconds * 1000 : 0,
	};
}

/** Policies per execution of the node: one GetDyplsOSSInfoForUploadFile serves all its items until near expiry. */
const policies = new WeakMap<object, Promise<UploadPolicy>>();

export async function uploadPolicy(
	ctx: CallContext,
	execution: IExecuteFunctions,
): Promise<UploadPolicy> {
	const cached = policies.get(execution);
	if (cached) {
		const policy = await cached.catch(() => undefined);
		if (policy && policy.expiresAt - RENEW_BEFORE_MS > Date.now()) return policy;
		// another item may have renewed it meanwhile
		if (policies.get(execution) !== cached) return await uploadPolicy(ctx, execution);
	}
	const fresh = fetchPolicy(ctx);
	policies.set(execution, fresh);
	return await fresh;
}

/** multipart/form-data with the file last, as PostObject requires. */
function formBody(
	boundary: string,
	fields: Array<[string, string]>,
	file: { name: string; type: string; bytes: Buffer },
) {
	const parts: Buffer[] = [];
	for (const [name, value] of fields) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
			),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
				`Content-Type: ${file.type}\r\n\r\n`,
		),
		file.bytes,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return Buffer.concat(parts);
}

const xmlValue = (xml: string, tag: string) => xmlField(xml, tag) || undefined;

/** Uploads one photo under StartPath with a unique name; returns its object key. */
export async function uploadPhoto(
	execution: IExecuteFunctions,
	policy: UploadPolicy,
	file: PhotoFile,
	bytes: Buffer,
): Promise<string> {
	// A unique name (time + random) so uploads never overwrite each other; the user's file name is not used.
	const name = `${Date.now()}${randomBytes(8).toString('hex')}.${file.extension}`;
	const key = `${policy.startPath}/${name}`;
	const boundary = `----n8nOssForm${randomBytes(16).toString('hex')}`;
	const body = formBody(
		boundary,
		[
			['key', key],
			['policy', policy.policy],
			['OSSAccessKeyId', policy.accessKeyId],
			['signature', policy.signature],
			['success_action_status', '200'],
		],
		{ name, type: file.mimeType, bytes },
	);
	const what = `Upload of the ${file.label.toLowerCase()} (${file.wire}) to OSS`;
	let response: { statusCode: number; body: unknown } | undefined;
	let network: ProviderFailure | undefined;
	try {
		response = (await execution.helpers.httpRequest({
			method: 'POST',
			url: policy.host,
			body,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: UPLOAD_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		network = networkFailure(error);
	}
	if (!response) {
		const failure = network as ProviderFailure;
		throw new ProviderCallError({
			...failure,
			retry: 'never',
			message: `${what} failed: ${failure.message}`,
		});
	}
	if (response.statusCode >= 200 && response.statusCode < 300) return key;
	const xml = typeof response.body === 'string' ? response.body : '';
	throw new ProviderCallError({
		code: `OSS.${xmlValue(xml, 'Code') ?? `HTTP_${response.statusCode}`}`,
		message: `${what} failed: ${xmlValue(xml, 'Message') ?? `HTTP ${response.statusCode}`}`,
		requestId: xmlValue(xml, 'RequestId'),
		httpCode: response.statusCode,
		retry: 'never',
	});
}
