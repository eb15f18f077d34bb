import type {
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { stripSignedQueries } from './redact';
import { CredentialConfigError } from './signing/credentialFields';
import type { ProviderFailure, RecoveryResult, SendOutcome } from './outcome';
import type { ProviderRequest } from './spec';

export type { ProviderFailure, RecoveryResult, RetryClass, SendOutcome } from './outcome';

export interface Provider {
	credentialType: string;
	/** the credential's fields that are secret: masked, in every encoding, in every output and error */
	secretFields: string[];
	/** phone number style used by its field validation */
	phoneStyle: 'cn' | 'intl';
	/**
	 * one signed HTTP exchange; never throws for HTTP or network failures. `credentials`: the credential as read once
	 * for this execution (absent when it could not be read).
	 */
	send(
		ctx: IExecuteFunctions,
		request: ProviderRequest,
		timeoutMs: number,
		credentials?: ICredentialDataDecryptedObject,
	): Promise<SendOutcome>;
	/** looks up whether a create whose outcome is unknown took effect */
	recoverCreate?(
		call: (request: ProviderRequest) => Promise<IDataObject>,
		request: ProviderRequest,
	): Promise<RecoveryResult>;
	/** codes meaning "already done" when an idempotent change is re-sent after an unknown outcome */
	alreadyDoneCodes?: Record<string, string[]>;
}

/** A credential's own signing code (its `authenticate`). */
export interface RequestSigner {
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions>;
}

/**
 * One request through n8n's request helpers. With the credential read once for this execution, the credential's own
 * `authenticate` signs it and `httpRequest` sends it: n8n's proxy, SSRF and User-Agent handling apply as to every
 * request, and the credential is not read and decrypted again for each request (about a fifth of the time per
 * request in n8n 2.41). Without it, `httpRequestWithAuthentication` reads the credential and reports why it cannot.
 * Connections are not reused: n8n 2.41's helper builds a new http(s) Agent for every request (@n8n/backend-network
 * `setAxiosAgents`), so `agentOptions` (keepAlive, TLS session cache) only ever configure that one request's agent;
 * a TLS `session` to resume would have to come from a socket, which the helper never hands out.
 */
export async function sendThroughHelper(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	credentialType: string,
	signer: RequestSigner,
	credentials: ICredentialDataDecryptedObject | undefined,
	options: IHttpRequestOptions,
): Promise<unknown> {
	if (!credentials) {
		const withAuthentication = ctx.helpers
			.httpRequestWithAuthentication as RequestHelperFunctions['httpRequestWithAuthentication'];
		return await withAuthentication.call(ctx as IAllExecuteFunctions, credentialType, options);
	}
	const signed = await signer.authenticate(credentials, {
		...options,
		// as httpRequestWithAuthentication does: a cancelled execution aborts its requests
		abortSignal: 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined,
	});
	return await ctx.helpers.httpRequest(signed);
}

/** Network-level failures of n8n's request helpers, as a ProviderFailure. */
export function networkFailure(error: unknown): ProviderFailure {
	const err = error as {
		message?: string;
		cause?: { code?: string; message?: string };
		code?: string;
	};
	const code = err.cause?.code ?? err.code ?? 'NETWORK_ERROR';
	const message = stripSignedQueries(err.cause?.message ?? err.message ?? String(error));
	return { code: String(code), message: `Network error: ${message}`, retry: 'ifIdempotent' };
}

/**
 * Errors thrown by the credentials' own checks (empty keys, bad endpoint), as thrown or as the cause of the error
 * n8n's request helper wraps them in. Recognised by name too: n8n may load the credential's copy of the class.
 */
export function isCredentialConfigError(error: unknown): boolean {
	const isConfig = (candidate: unknown) =>
		candidate instanceof CredentialConfigError ||
		(candidate as Error | undefined)?.name === 'CredentialConfigError';
	return isConfig(error) || isConfig((error as { cause?: unknown } | undefined)?.cause);
}

/** A failure reported by the provider, carried until it becomes a NodeApiError for its item. */
export class ProviderCallError extends Error {
	constructor(readonly failure: ProviderFailure) {
		super(failure.message);
		this.name = 'ProviderCallError';
	}
}

/**
 * The request options both transports send with: the answer is read whatever its HTTP status, with its status code,
 * within the option's timeout. Neither API redirects; without redirects axios skips its follow-redirects wrapper.
 */
export function exchangeOptions(timeoutMs: number) {
	return {
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
		disableFollowRedirect: true,
	} as const;
}

/** A provider's answer (parsed by the helper, or text/bytes) as a JSON object, or undefined when it is none. */
export function parseJsonBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	try {
		const parsed = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}
