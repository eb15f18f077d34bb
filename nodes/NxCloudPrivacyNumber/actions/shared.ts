import type { Controls, ConvertContext, OperationSpec, WireParams } from '../../shared/spec';
import { resolveExpiry } from './expiry';
import { countryCodes, requireDifferent, requireSameCountry } from './fields';
import { bindResult } from './output';

/** NXCloud documents no rate limit for PNS: a conservative default cap, raise it in Options if your account allows. */
export const DEFAULT_RPS = 50;

/**
 * The checks of a bind in both API generations: the expiry, the country codes of `known`, one country for
 * `sameCountry`, A and B not the same number; then the generation's own checks (`more`).
 */
export const bindValidator =
	(
		expiryWire: 'expireSecond' | 'bindExpireSecond',
		sameCountry: string[],
		known: string[],
		more?: (params: WireParams) => void,
	) =>
	(params: WireParams, convert: ConvertContext, controls: Controls): void => {
		resolveExpiry(params, expiryWire, convert, controls);
		countryCodes(params, known);
		requireSameCountry(params, sameCountry);
		requireDifferent(params, 'phoneA', 'phoneB');
		more?.(params);
	};

/** What a bind operation of either API generation names itself; `path` only for the REST-path API. */
export type BindSpec = Pick<
	OperationSpec,
	| 'resource'
	| 'value'
	| 'name'
	| 'action'
	| 'description'
	| 'apiAction'
	| 'fields'
	| 'validate'
	| 'path'
>;

/** A bind: billable, de-duplicated by the server only when it carries a customerBindId. */
export function bindOperation(spec: BindSpec): OperationSpec {
	return {
		...spec,
		kind: 'create',
		maxRps: DEFAULT_RPS,
		// The server de-duplicates on customerBindId, so only then is a bind with a lost answer re-sent.
		idempotentWhen: (params) => !!params.customerBindId,
		output: bindResult,
	};
}
