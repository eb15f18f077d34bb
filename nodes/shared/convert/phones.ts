import type { ConvertContext, FieldSpec } from '../spec';
import { describeValue, fail, scalarText } from './scalars';

const CN_MOBILE = /^1[3-9]\d{9}$/;
const CN_LANDLINE = /^0\d{9,11}$/;
/** X numbers include 95/400-style and virtual-operator numbers: any plausible digit string */
const ANY_NUMBER = /^\d{5,20}$/;

export function normalisePhone(field: FieldSpec, raw: unknown, ctx: ConvertContext): string {
	if (typeof raw === 'number' && !(raw >= 0))
		fail(field, `must be a phone number, got ${describeValue(raw)}`);
	const text = scalarText(field, raw, 'a phone number');
	const compact = text.replace(/[\s-]/g, '');
	if (ctx.phoneStyle === 'intl') {
		const digits = compact.replace(/^\+/, '');
		if (!/^\d{6,17}$/.test(digits)) {
			fail(
				field,
				`"${text}" is not a phone number: use digits with the country code, e.g. 85211111114`,
			);
		}
		if (digits !== text) ctx.notices.push(`${field.displayName}: "${text}" was sent as ${digits}`);
		return digits;
	}
	if (!/^\d+$/.test(text)) {
		fail(
			field,
			`"${text}" must be digits only (no spaces, dashes or +86), e.g. 13800000000 or 057188992688`,
		);
	}
	if (
		field.anyNumber ? !ANY_NUMBER.test(text) : !(CN_MOBILE.test(text) || CN_LANDLINE.test(text))
	) {
		fail(
			field,
			`"${text}" is not a mainland mobile number (11 digits, 1…) or a landline with area code (0…)`,
		);
	}
	return text;
}
