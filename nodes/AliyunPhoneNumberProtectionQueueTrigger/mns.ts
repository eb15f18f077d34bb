import type { IHttpRequestMethods, ITriggerFunctions } from 'n8n-workflow';
import { MNS_VERSION, mnsAuthorization, mnsDate } from '../shared/signing/mnsSignature';
import { xmlField } from '../shared/xml';

/**
 * The few MNS REST calls a receipt queue needs (https://help.aliyun.com/document_detail/35136.html
 * BatchReceiveMessage, …/35139.html BatchDeleteMessage): XML answers, errors as
 * `<Error><Code/><Message/><RequestId/><HostId/></Error>`.
 */

export interface MnsCredentials {
	accessKeyId: string;
	accessKeySecret: string;
	securityToken: string;
}

export interface MnsMessage {
	messageId: string;
	receiptHandle: string;
	body: string;
	dequeueCount: number;
}

/** An MNS error answer (or a transport failure: status 0, code the transport's). Carries no secret. */
export class MnsRequestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly code: string,
		readonly requestId: string,
	) {
		super(message);
		this.name = 'MnsRequestError';
	}
}

/** The <Message> elements of a (Batch)ReceiveMessage answer (`<MessageId>` etc. are not matched). */
export function parseMessages(xml: string): MnsMessage[] {
	const messages: MnsMessage[] = [];
	const pattern = /<Message(?:\s[^>]*)?>([\s\S]*?)<\/Message>/g;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(xml)) !== null) {
		const inner = match[1];
		messages.push({
			messageId: xmlField(inner, 'MessageId'),
			receiptHandle: xmlField(inner, 'ReceiptHandle'),
			body: xmlField(inner, 'MessageBody'),
			dequeueCount: Number(xmlField(inner, 'DequeueCount')) || 0,
		});
	}
	return messages;
}

function errorOf(status: number, xml: string, what: string): MnsRequestError {
	const code = xmlField(xml, 'Code') || `HTTP${status}`;
	const message = xmlField(xml, 'Message') || 'no MNS error body';
	const requestId = xmlField(xml, 'RequestId');
	const suffix = requestId ? ` (RequestId ${requestId})` : '';
	return new MnsRequestError(`MNS ${what}: ${code}: ${message}${suffix}`, status, code, requestId);
}

export interface MnsTarget {
	/** e.g. https://1943695596114318.mns.cn-hangzhou.aliyuncs.com (no trailing slash) */
	endpoint: string;
	queueName: string;
	credentials: MnsCredentials;
}

async function mnsRequest(
	ctx: ITriggerFunctions,
	target: MnsTarget,
	method: IHttpRequestMethods,
	query: string,
	options: { body?: string; timeoutMs: number; signal?: AbortSignal; what: string },
): Promise<{ status: number; text: string }> {
	const endpoint = new URL(target.endpoint);
	const basePath = endpoint.pathname.replace(/\/+$/, '');
	const resource = `${basePath}/queues/${encodeURIComponent(target.queueName)}/messages${query}`;
	const headers: Record<string, string> = {
		Date: mnsDate(new Date()),
		'x-mns-version': MNS_VERSION,
	};
	if (options.body !== undefined) headers['Content-Type'] = 'text/xml;charset=utf-8';
	const { accessKeyId, accessKeySecret, securityToken } = target.credentials;
	headers.Authorization = mnsAuthorization(accessKeyId, accessKeySecret, {
		method,
		resource,
		headers,
	});
	// unsigned, as the official SDKs send it
	if (securityToken) headers['security-token'] = securityToken;
	let response: { statusCode: number; body: unknown } | undefined;
	let failure: MnsRequestError | undefined;
	try {
		response = (await ctx.helpers.httpRequest({
			method,
			url: `${endpoint.origin}${resource}`,
			headers,
			body: options.body,
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: options.timeoutMs,
			abortSignal: options.signal,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		// only the transport's code and message: the request options (signature, token) stay out of errors
		const e = error as { code?: unknown; message?: unknown };
		const code = typeof e.code === 'string' ? e.code : 'NetworkError';
		failure = new MnsRequestError(`MNS ${options.what}: ${String(e.message)}`, 0, code, '');
	}
	if (failure || !response) throw failure;
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	return { status: response.statusCode, text };
}

/** BatchReceiveMessage with long polling; an empty queue (404 MessageNotExist) gives []. */
export async function receiveMessages(
	ctx: ITriggerFunctions,
	target: MnsTarget,
	count: number,
	waitSeconds: number,
	signal?: AbortSignal,
): Promise<MnsMessage[]> {
	const what = `BatchReceiveMessage ${target.queueName}`;
	const { status, text } = await mnsRequest(
		ctx,
		target,
		'GET',
		`?numOfMessages=${count}&waitseconds=${waitSeconds}`,
		{ timeoutMs: (waitSeconds + 15) * 1000, signal, what },
	);
	if (status === 200) return parseMessages(text);
	const error = errorOf(status, text, what);
	if (error.code === 'MessageNotExist') return [];
	throw error;
}

/** BatchDeleteMessage (at most 16 handles); returns the handles MNS refused, with their codes. */
export async function deleteMessages(
	ctx: ITriggerFunctions,
	target: MnsTarget,
	handles: string[],
): Promise<Array<{ receiptHandle: string; code: string }>> {
	if (handles.length === 0) return [];
	const what = `BatchDeleteMessage ${target.queueName}`;
	const escape = (s: string) =>
		s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const body =
		'<?xml version="1.0" encoding="UTF-8"?><ReceiptHandles xmlns="http://mns.aliyuncs.com/doc/v1/">' +
		handles.map((h) => `<ReceiptHandle>${escape(h)}</ReceiptHandle>`).join('') +
		'</ReceiptHandles>';
	const { status, text } = await mnsRequest(ctx, target, 'DELETE', '', {
		body,
		timeoutMs: 30000,
		what,
	});
	if (status === 204 || status === 200) return [];
	if (status === 404 && /<Errors[\s>]/.test(text)) {
		const failed: Array<{ receiptHandle: string; code: string }> = [];
		const pattern = /<Error>([\s\S]*?)<\/Error>/g;
		let match: RegExpExecArray | null;
		while ((match = pattern.exec(text)) !== null) {
			failed.push({
				receiptHandle: xmlField(match[1], 'ReceiptHandle'),
				code: xmlField(match[1], 'ErrorCode'),
			});
		}
		return failed;
	}
	throw errorOf(status, text, what);
}
