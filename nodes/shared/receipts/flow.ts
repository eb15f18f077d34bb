import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { createDeduper, windowMs } from './dedupe';
import { readJsonBody, reply, tokenAccepted, type TokenOptions } from './http';

export interface ReceiptEntry {
	/** de-duplication key */
	key: string;
	/** the output item's JSON */
	build: () => IDataObject;
}

/** Answers 4xx with a short reason; nothing is emitted and the trigger stays active. */
export function rejectRequest(
	ctx: IWebhookFunctions,
	status: number,
	reason: string,
): IWebhookResponseData {
	reply(ctx, status, { code: status, msg: reason });
	return { noWebhookResponse: true };
}

/** What a receipt trigger got from a request: the provider's parse of the body, or the answer already given. */
export type ReceivedPush<T> =
	{ ok: true; parsed: T } | { ok: false; response: IWebhookResponseData };

/**
 * The start of both receipt triggers' `webhook()`: the URL token check (401, nothing emitted), reading the JSON
 * body and the provider's parse of it (both 400 with the reason).
 */
export function receivePush<T>(
	ctx: IWebhookFunctions,
	parse: (body: unknown) => ({ ok: true } & T) | { ok: false; reason: string },
): ReceivedPush<T> {
	const options = ctx.getNodeParameter('options', {}) as TokenOptions;
	if (!tokenAccepted(ctx, options)) return { ok: false, response: { noWebhookResponse: true } };

	const body = readJsonBody(ctx);
	if (!body.ok) return { ok: false, response: rejectRequest(ctx, 400, body.reason) };
	const parsed = parse(body.value);
	if (!parsed.ok) return { ok: false, response: rejectRequest(ctx, 400, parsed.reason) };
	return { ok: true, parsed };
}

/**
 * Drops records seen within the window (when the node's Deduplicate is on), answers 200 with `ack` at once,
 * and returns one item per remaining record, each completed by `finish` (e.g. its recording attached) after the
 * answer went out. With nothing left, no execution is started.
 */
export async function acceptBatch(
	ctx: IWebhookFunctions,
	ack: IDataObject,
	entries: ReceiptEntry[],
	finish: (items: IDataObject[]) => Promise<INodeExecutionData[]> = async (items) =>
		items.map((json) => ({ json })),
): Promise<IWebhookResponseData> {
	let fresh = entries;
	if (ctx.getNodeParameter('deduplicate', true) === true) {
		const deduper = createDeduper(
			ctx.getWorkflowStaticData('node'),
			windowMs(ctx.getNodeParameter('deduplicationWindow', 15)),
			Date.now(),
		);
		fresh = entries.filter((entry) => !deduper.isDuplicate(entry.key));
		deduper.commit();
	}
	reply(ctx, 200, ack);
	if (fresh.length === 0) return { noWebhookResponse: true };
	return {
		noWebhookResponse: true,
		workflowData: [await finish(fresh.map((entry) => entry.build()))],
	};
}
