import {
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';
import { RateLimiter } from './limiter';
import {
	isCredentialConfigError,
	networkFailure,
	ProviderCallError,
	type Provider,
} from './provider';
import type { OperationSpec, ProviderRequest } from './spec';

/** The behaviour switches of the Options collection every operation has. */
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

/** Sends one operation's requests: the rate cap, retries where safe, and recovery of creates with unknown outcome. */
export class Sender {
	private readonly limiter: RateLimiter;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly provider: Provider,
		private readonly settings: ExecutionSettings,
		/** the credential as read once for this execution (each request is signed with it) */
		private readonly credentials?: ICredentialDataDecryptedObject,
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
			return await this.provider.send(this.ctx, request, this.settings.timeout, this.credentials);
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
			if (request.notFoundCodes?.includes(failure.code)) return { notFound: failure.code };
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
							message:
								`${failure.message}. The ${request.action} request may have been created anyway and was not ` +
								`re-sent to avoid a duplicate binding: ${verdict.hint}`,
						});
					}
				}
			}
			await sleep(this.backoff(attempt));
		}
	}
}
