import type { IDataObject } from 'n8n-workflow';

/** What one exchange with a provider ended in, and how a failure may be retried. */

/**
 * How a failed call may be retried:
 * - `always`: the request was rejected before it did anything (throttling, nonce reuse, stale timestamp);
 * - `ifIdempotent`: the outcome is unknown (5xx, network error, timeout, unreadable answer);
 * - `never`: a definite answer (bad parameters, business rule, wrong keys).
 */
export type RetryClass = 'always' | 'ifIdempotent' | 'never';

export interface ProviderFailure {
	code: string;
	message: string;
	requestId?: string;
	httpCode?: number;
	retry: RetryClass;
	/** the provider's answer, for the error's details */
	body?: unknown;
}

export type SendOutcome = { ok: true; body: IDataObject } | { ok: false; failure: ProviderFailure };

/** Recovery verdict after a create whose outcome is unknown. */
export type RecoveryResult =
	| { state: 'created'; body: IDataObject }
	| { state: 'notCreated' }
	| { state: 'unknown'; hint: string };
