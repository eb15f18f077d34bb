import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { errorJson, toNodeError } from './errors';
import { forEachConcurrent } from './limiter';
import { parameterReader } from './parameterReader';
import { prepareItem, uniquenessCheck, type PreparedItem } from './params';
import type { Provider } from './provider';
import { createRedactor, type Redactor } from './redact';
import { readSettings, Sender } from './sender';
import {
	ItemWithFiles,
	type CallContext,
	type ConvertContext,
	type OperationSpec,
	type RunOutput,
} from './spec';

/**
 * The one executor behind every operation of both providers:
 * item → parameters → validated request → signed → sent (bounded concurrency, rate cap, safe retries)
 * → parsed → item.
 * It alone shapes what leaves the node: Return Raw Response, secret masking, error items and pairedItem.
 */

/** The credential, read once per execution: it signs every request and its secret fields feed the redactor. */
export async function executionCredentials(
	ctx: Pick<IExecuteFunctions, 'getCredentials'>,
	provider: Pick<Provider, 'credentialType'>,
): Promise<ICredentialDataDecryptedObject | undefined> {
	try {
		return (await ctx.getCredentials(provider.credentialType)) as ICredentialDataDecryptedObject;
	} catch {
		// No readable credential: the request itself will fail and say why; there is nothing to mask.
		return undefined;
	}
}

function redactorOf(
	provider: Pick<Provider, 'secretFields'>,
	credentials: IDataObject | undefined,
): Redactor {
	return createRedactor(
		provider.secretFields.map((field) => credentials?.[field] as string | undefined),
	);
}

/** The masker for this execution: the credential's secret fields. */
export async function redactorFor(
	ctx: Pick<IExecuteFunctions, 'getCredentials'>,
	provider: Pick<Provider, 'credentialType' | 'secretFields'>,
): Promise<Redactor> {
	return redactorOf(provider, await executionCredentials(ctx, provider));
}

function findOperation(ctx: IExecuteFunctions, operations: OperationSpec[]): OperationSpec {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = operations.find((o) => o.resource === resource && o.value === operation);
	if (!op) {
		const problem = `The operation "${operation}" of "${resource}" is not supported`;
		throw new NodeOperationError(ctx.getNode(), problem);
	}
	return op;
}

/** The operation's own output, or with Return Raw Response the provider's answers to the calls it made. */
async function runItem(
	op: OperationSpec,
	sender: Sender,
	item: PreparedItem,
	raw: boolean,
	execution: IExecuteFunctions,
) {
	const answers: IDataObject[] = [];
	const ctx: CallContext = {
		call: async (request) => {
			const body = await sender.call(request);
			answers.push(body);
			return body;
		},
		itemIndex: item.itemIndex,
		execution,
	};
	let output: RunOutput;
	if (op.run) {
		output = await op.run(ctx, item.params, item.controls);
	} else {
		const body = await ctx.call({
			action: op.apiAction,
			path: op.path,
			params: item.params,
			kind: op.kind,
			idempotent: op.idempotentWhen?.(item.params) ?? false,
		});
		output = op.output ? op.output(body, item.params) : body;
	}
	const outputs = Array.isArray(output) ? output : [output];
	// An operation that answered from an error (e.g. "already gone") made no successful call to show raw.
	if (!raw || answers.length === 0) return outputs;
	// Raw answers instead of the shaped items; files the operation fetched stay attached.
	const files = outputs
		.filter((entry) => entry instanceof ItemWithFiles)
		.map((entry) => entry.binary);
	return answers.map((body, index) =>
		files[index] ? new ItemWithFiles(body, files[index]) : body,
	);
}

/** One output entry as n8n execution data: JSON masked, files added to the input item's own ones. */
function executionData(
	entry: IDataObject | ItemWithFiles,
	input: INodeExecutionData,
	itemIndex: number,
	redactor: Redactor,
): INodeExecutionData {
	if (!(entry instanceof ItemWithFiles))
		return { json: redactor.value(entry), pairedItem: { item: itemIndex } };
	const binary = { ...(input.binary ?? {}), ...entry.binary };
	return { json: redactor.value(entry.json), binary, pairedItem: { item: itemIndex } };
}

export async function runOperations(
	ctx: IExecuteFunctions,
	provider: Provider,
	operations: OperationSpec[],
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const op = findOperation(ctx, operations);
	const read = parameterReader(ctx);
	const settings = readSettings(read('options', 0, {}) as IDataObject, op);
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const notices: string[] = [];
	const convert: ConvertContext = {
		timeZone: ctx.getTimezone(),
		now: Date.now(),
		phoneStyle: provider.phoneStyle,
		notices,
	};

	const credentials = await executionCredentials(ctx, provider);
	const redactor = redactorOf(provider, credentials);
	const fail = (error: unknown, itemIndex: number) => {
		const nodeError = redactor.error(toNodeError(ctx, error, itemIndex));
		if (!continueOnFail) throw nodeError;
		results[itemIndex] = [{ json: errorJson(nodeError), pairedItem: { item: itemIndex } }];
	};

	// Every item is validated before the first request goes out.
	const prepared: PreparedItem[] = [];
	const checkUnique = uniquenessCheck(op);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const item = prepareItem(ctx, read, op, itemIndex, convert);
			checkUnique(item);
			prepared.push(item);
		} catch (error) {
			fail(error, itemIndex);
		}
	}

	const sender = new Sender(ctx, provider, settings, credentials);
	let firstError: unknown;
	await forEachConcurrent(
		prepared,
		settings.concurrency,
		async (item) => {
			try {
				const output = await runItem(op, sender, item, settings.rawResponse, ctx);
				results[item.itemIndex] = output.map((entry) =>
					executionData(entry, items[item.itemIndex], item.itemIndex, redactor),
				);
			} catch (error) {
				try {
					fail(error, item.itemIndex);
				} catch (fatal) {
					firstError ??= fatal;
				}
			}
		},
		() => firstError !== undefined,
	);
	if (firstError !== undefined) throw firstError;

	if (notices.length) {
		const message = redactor.text([...new Set(notices)].slice(0, 5).join('; '));
		ctx.addExecutionHints?.({ message, location: 'outputPane' });
	}
	return [results.flat()];
}
