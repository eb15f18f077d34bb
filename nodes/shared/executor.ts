import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import { forEachConcurrent, RateLimiter } from './limiter';
import {
	isCredentialConfigError,
	networkFailure,
	type Provider,
	type ProviderFailure,
} from './provider';
import { createRedactor, type Redactor } from './redact';
import {
	FieldError,
	type CallContext,
	type FieldSpec,
	type OperationSpec,
	type ProviderRequest,
	type WireParams,
} from './spec';
import { castForJson, convertField, isEmpty, type ConvertContext } from './values';

/**
 * The one executor behind every operation of both providers:
 * item → parameters → validated request → signed → sent (bounded concurrency, rate cap, safe retries) → parsed → item.
 */

export interface ExecutionSettings {
	concurrency: number;
	maxRequestsPerSecond: number;
	retries: number;
	timeout: number;
	rawResponse: boolean;
	/** backoff base and cap, ms (full jitter) */
	backoffBaseMs: number;
	backoffCapMs: number;
}

/** A failure reported by the provider, carried until it becomes a NodeApiError for its item. */
export class ProviderCallError extends Error {
	constructor(readonly failure: ProviderFailure) {
		super(failure.message);
		this.name = 'ProviderCallError';
	}
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
	const n = Number(value);
	return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : fallback;
}

export function readSettings(options: IDataObject, op: OperationSpec): ExecutionSettings {
	return {
		concurrency: clamp(options.concurrency, 1, 100, 10),
		maxRequestsPerSecond: clamp(options.maxRequestsPerSecond, 1, 1_000_000, op.maxRps),
		retries: clamp(options.retries, 0, 10, 3),
		timeout: clamp(options.timeout, 100, 600_000, 30_000),
		rawResponse: options.rawResponse === true,
		backoffBaseMs: 200,
		backoffCapMs: 5000,
	};
}

/** A field shown only for some values of another parameter (e.g. Operate Type) is read, and sent, only then. */
function conditionsHold(
	ctx: IExecuteFunctions,
	show: NonNullable<FieldSpec['show']>,
	itemIndex: number,
): boolean {
	return Object.entries(show).every(([name, values]) =>
		values.includes(ctx.getNodeParameter(name, itemIndex) as string | number | boolean),
	);
}

/** Reads and converts one item's parameters; throws FieldError before anything is sent. */
export function prepareParams(
	ctx: IExecuteFunctions,
	op: OperationSpec,
	itemIndex: number,
	convert: ConvertContext,
): WireParams {
	const additional = op.fields.some((f) => !f.required && !f.show)
		? (ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject)
		: {};
	const params: WireParams = { ...op.fixed };
	for (const field of op.fields) {
		if (field.show && !conditionsHold(ctx, field.show, itemIndex)) continue;
		const raw =
			field.required || field.show
				? field.kind === 'resourceLocator'
					? ctx.getNodeParameter(field.name, itemIndex, undefined, { extractValue: true })
					: ctx.getNodeParameter(field.name, itemIndex, undefined)
				: additional[field.name];
		if (isEmpty(raw)) {
			if (field.required) throw new FieldError(field.displayName, field.wire, 'is required');
			continue;
		}
		const value = convertField(field, raw, convert);
		const key = field.wire ?? field.name;
		params[key] = castForJson(field, value) as IDataObject[string];
	}
	op.validate?.(params, convert);
	return params;
}

/** Refuses a value of `op.uniqueAcrossItems` that an earlier item of this execution already gave. */
function uniquenessCheck(op: OperationSpec): (params: WireParams, itemIndex: number) => void {
	const firstUse = new Map<string, number>();
	return (params, itemIndex) => {
		for (const wire of op.uniqueAcrossItems ?? []) {
			const value = params[wire];
			if (value === undefined) continue;
			const key = `${wire}=${String(value)}`;
			const first = firstUse.get(key);
			if (first !== undefined) {
				const label = op.fields.find((field) => field.wire === wire)?.displayName ?? wire;
				throw new FieldError(
					label,
					wire,
					`"${String(value)}" is also given to item ${first}; it must be unique per binding`,
				);
			}
			firstUse.set(key, itemIndex);
		}
	};
}

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
			// Key names NodeApiError does not reinterpret: a `code` such as ECONNRESET would replace our message with a generic one.
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
			description: `Field "${error.field}"${error.wire ? ` (sent as ${error.wire})` : ''} of item ${itemIndex}. Nothing was sent for this item.`,
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
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

class Sender {
	private readonly limiter: RateLimiter;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly provider: Provider,
		private readonly settings: ExecutionSettings,
	) {
		this.limiter = new RateLimiter(settings.maxRequestsPerSecond);
	}

	private backoff(attempt: number): number {
		const ceiling = Math.min(
			this.settings.backoffCapMs,
			this.settings.backoffBaseMs * 2 ** attempt,
		);
		return Math.random() * ceiling;
	}

	private async sendOnce(request: ProviderRequest) {
		await this.limiter.acquire();
		try {
			return await this.provider.send(this.ctx, request, this.settings.timeout);
		} catch (error) {
			if (isCredentialConfigError(error)) {
				throw new NodeOperationError(this.ctx.getNode(), (error as Error).message);
			}
			return { ok: false as const, failure: networkFailure(error) };
		}
	}

	/** Sends with retries where safe; a create with an unknown outcome is looked up, never re-sent blindly. */
	async call(request: ProviderRequest): Promise<IDataObject> {
		let unknownOutcomeSeen = false;
		for (let attempt = 0; ; attempt++) {
			const outcome = await this.sendOnce(request);
			if (outcome.ok) return outcome.body;
			const { failure } = outcome;
			const doneCodes = this.provider.alreadyDoneCodes?.[request.action] ?? [];
			if (unknownOutcomeSeen && doneCodes.includes(failure.code)) {
				// An earlier attempt whose answer was lost already did it.
				return { alreadyDone: true, code: failure.code, requestId: failure.requestId ?? null };
			}
			if (failure.retry === 'never' || attempt >= this.settings.retries)
				throw new ProviderCallError(failure);
			if (failure.retry === 'ifIdempotent') {
				unknownOutcomeSeen = true;
				if (request.kind === 'create' && !request.idempotent) {
					const verdict = this.provider.recoverCreate
						? await this.provider
								.recoverCreate((r) => this.call(r), request)
								.catch(() => ({
									state: 'unknown' as const,
									hint: 'the lookup failed',
								}))
						: { state: 'unknown' as const, hint: 'the provider offers no lookup for it' };
					if (verdict.state === 'created') return { ...verdict.body, recovered: true };
					if (verdict.state === 'unknown') {
						throw new ProviderCallError({
							...failure,
							retry: 'never',
							message: `${failure.message}. The ${request.action} request may have been created anyway and was not re-sent to avoid a duplicate binding: ${verdict.hint}`,
						});
					}
				}
			}
			await sleep(this.backoff(attempt));
		}
	}
}

/** The masker for this execution: the credential is read once, its secret fields feed the redactor. */
export async function redactorFor(
	ctx: Pick<IExecuteFunctions, 'getCredentials'>,
	provider: Pick<Provider, 'credentialType' | 'secretFields'>,
): Promise<Redactor> {
	let credentials: IDataObject = {};
	try {
		credentials = (await ctx.getCredentials(provider.credentialType)) as IDataObject;
	} catch {
		// No readable credential: the request itself will fail and say why; there is nothing to mask.
	}
	return createRedactor(
		provider.secretFields.map((field) => credentials[field] as string | undefined),
	);
}

export async function runOperations(
	ctx: IExecuteFunctions,
	provider: Provider,
	operations: OperationSpec[],
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = operations.find((o) => o.resource === resource && o.value === operation);
	if (!op) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = readSettings(options, op);
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const notices: string[] = [];
	const convert: ConvertContext = {
		timeZone: ctx.getTimezone(),
		now: Date.now(),
		phoneStyle: provider.phoneStyle,
		notices,
	};

	const redactor = await redactorFor(ctx, provider);
	const fail = (error: unknown, itemIndex: number) => {
		const nodeError = redactor.error(toNodeError(ctx, error, itemIndex));
		if (!continueOnFail) throw nodeError;
		results[itemIndex] = [{ json: errorJson(nodeError), pairedItem: { item: itemIndex } }];
	};

	// Every item is validated before the first request goes out.
	const prepared: Array<{ itemIndex: number; params: WireParams }> = [];
	const checkUnique = uniquenessCheck(op);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const params = prepareParams(ctx, op, itemIndex, convert);
			checkUnique(params, itemIndex);
			prepared.push({ itemIndex, params });
		} catch (error) {
			fail(error, itemIndex);
		}
	}

	const sender = new Sender(ctx, provider, settings);
	let firstError: unknown;
	await forEachConcurrent(
		prepared,
		settings.concurrency,
		async ({ itemIndex, params }) => {
			const callContext: CallContext = {
				call: async (request) => await sender.call(request),
				itemIndex,
			};
			try {
				const request: ProviderRequest = {
					action: op.apiAction,
					path: op.path,
					params,
					kind: op.kind,
					idempotent: op.idempotentWhen?.(params) ?? false,
				};
				let output: IDataObject | IDataObject[];
				if (op.run) {
					output = await op.run(callContext, params, options);
				} else {
					const body = await sender.call(request);
					output = settings.rawResponse || !op.output ? body : op.output(body, params);
				}
				const list = Array.isArray(output) ? output : [output];
				results[itemIndex] = list.map((json) => ({
					json: redactor.value(json),
					pairedItem: { item: itemIndex },
				}));
			} catch (error) {
				try {
					fail(error, itemIndex);
				} catch (fatal) {
					firstError ??= fatal;
				}
			}
		},
		() => firstError !== undefined,
	);
	if (firstError !== undefined) throw firstError;

	if (notices.length) {
		const unique = [...new Set(notices)];
		ctx.addExecutionHints?.({
			message: redactor.text(unique.slice(0, 5).join('; ')),
			location: 'outputPane',
		});
	}
	return [results.flat()];
}
