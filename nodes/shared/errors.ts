import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { ProviderCallError, type ProviderFailure } from './provider';
import { FieldError } from './spec';

/** How a failed item is reported: provider Code/Message/RequestId kept, bad fields named with their item. */

function describeFailure(failure: ProviderFailure): string {
	const parts = [`Code: ${failure.code}`];
	if (failure.requestId) parts.push(`RequestId: ${failure.requestId}`);
	if (failure.httpCode) parts.push(`HTTP ${failure.httpCode}`);
	return parts.join(' · ');
}

/** Any failure of one item → the n8n error shown for that item (provider Code/Message/RequestId kept). */
export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof ProviderCallError) {
		const { failure } = error;
		const apiError = new NodeApiError(
			ctx.getNode(),
			// Key names NodeApiError does not reinterpret: a `code` such as ECONNRESET would replace our message with a
			// generic one.
			{
				providerCode: failure.code,
				providerMessage: failure.message,
				requestId: failure.requestId ?? null,
				httpStatus: failure.httpCode ?? null,
			} as JsonObject,
			{
				message: `${failure.code}: ${failure.message}`,
				description: describeFailure(failure),
				httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
				itemIndex,
			},
		);
		// NodeApiError swaps messages that mention ECONNRESET & co. for generic advice; keep the provider's words.
		apiError.message = `${failure.code}: ${failure.message}`;
		return apiError;
	}
	if (error instanceof FieldError) {
		return new NodeOperationError(ctx.getNode(), `Invalid ${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description:
				`Field "${error.field}"${error.wire ? ` (sent as ${error.wire})` : ''} of item ${itemIndex}. ` +
				'Nothing was sent for this item.',
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const context = (error as { errorResponse?: IDataObject }).errorResponse ?? {};
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	for (const [from, to] of [
		['providerCode', 'code'],
		['requestId', 'requestId'],
		['httpStatus', 'httpCode'],
	] as const) {
		if (context[from] !== undefined && context[from] !== null) json[to] = context[from];
	}
	return json;
}
