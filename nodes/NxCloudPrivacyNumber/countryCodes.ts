/**
 * ITU-T E.164 country calling codes, for a longest-prefix match on digits-only international numbers.
 * The codes form a prefix-free set, so at most one of the 1-, 2- and 3-digit prefixes of a number matches.
 */

const ONE_DIGIT = ['1', '7'];

// prettier-ignore
const TWO_DIGITS = [
	'20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
	'51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
	'86', '90', '91', '92', '93', '94', '95', '98',
];

const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

// prettier-ignore
const THREE_DIGITS = [
	'211', '212', '213', '216', '218',
	...range(220, 258),
	...range(260, 269),
	'290', '291', '297', '298', '299',
	...range(350, 359),
	...range(370, 383),
	'385', '386', '387', '389',
	'420', '421', '423',
	...range(500, 509),
	...range(590, 599),
	'670',
	...range(672, 683),
	...range(685, 692),
	'800', '808', '850', '852', '853', '855', '856', '870', '878', '880', '881', '882', '883', '886', '888',
	...range(960, 968),
	...range(970, 977),
	'979',
	...range(992, 996),
	'998',
];

const CODES = new Set([...ONE_DIGIT, ...TWO_DIGITS, ...THREE_DIGITS]);

/** The country calling code a digits-only international number starts with, or undefined. */
export function countryCodeOf(number: string): string | undefined {
	if (!/^\d+$/.test(number)) return undefined;
	for (const length of [3, 2, 1]) {
		const prefix = number.slice(0, length);
		if (CODES.has(prefix)) return prefix;
	}
	return undefined;
}
