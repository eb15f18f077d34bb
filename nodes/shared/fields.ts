import type { FieldSpec } from './spec';

/** A phone-number field: the providers differ only in their example number and the hint they append. */
export const phoneField = (
	field: Pick<FieldSpec, 'name' | 'wire' | 'displayName' | 'description' | 'placeholder'>,
	required = false,
): FieldSpec => ({ ...field, kind: 'phone', required });
