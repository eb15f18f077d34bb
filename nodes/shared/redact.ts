/**
 * The one redactor every error path and output goes through. A gateway may echo the request back (Alibaba's
 * SignatureDoesNotMatch quotes its string-to-sign, where each parameter is percent-encoded, and the whole query is
 * encoded again), so a secret is masked in every form it can take in text: raw, percent-encoded once or twice
 * (upper- or lower-case hex, RFC 3986 or encodeURIComponent style), form-encoded with `+` for spaces, and
 * JSON-escaped once or twice.
 */

export const MASK = '[redacted]';

/** Shorter values are not masked: they would blank out ordinary words, and no real key is that short. */
const MIN_SECRET_LENGTH = 3;

/** RFC 3986 percent-encoding, as Alibaba's RPC signature uses it. */
const rfc3986 = (text: string) =>
	encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
const formEncode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
const jsonEscape = (text: string) => JSON.stringify(text).slice(1, -1);

/** Every spelling of `secret` that can appear in a message, longest first (hex case is left to the matcher). */
export function secretForms(secret: string): string[] {
	const encoded = new Set<string>([secret]);
	for (const encode of [encodeURIComponent, rfc3986, formEncode]) {
		const once = encode(secret);
		encoded.add(once);
		for (const again of [encodeURIComponent, rfc3986, formEncode]) encoded.add(again(once));
	}
	const forms = new Set<string>();
	for (const form of encoded) {
		forms.add(form);
		forms.add(jsonEscape(form));
		forms.add(jsonEscape(jsonEscape(form)));
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form as a pattern whose percent-escapes match in either hex case, at every level (`%2B`, `%2b`, `%252b`). */
function formPattern(form: string): string {
	return form
		.split(/(%(?:25)*[0-9A-F]{2})/)
		.map((part, index) =>
			index % 2 === 1
				? part.replace(/[A-F]/g, (letter) => `[${letter}${letter.toLowerCase()}]`)
				: escapeRegExp(part),
		)
		.join('');
}

/** Signed query strings in quoted URLs (a network error may quote the request's URL). */
const SIGNED_QUERY = /(https?:\/\/[^\s"'?]+)\?[^\s"']*/g;
const SIGNING_PARAMETER = /(SecurityToken|Signature|accessSecret|sign)=[^&\s"']*/g;

/** Drops signed queries and signing parameters from text that may quote a request. */
export function stripSignedQueries(text: string): string {
	return text.replace(SIGNED_QUERY, '$1?…').replace(SIGNING_PARAMETER, '$1=…');
}

export interface Redactor {
	/** Masks the secrets in `text` (outputs keep their URLs: a recording URL's own signed query is the user's data). */
	text(text: string): string;
	/** `value` with every secret masked: a deep copy when something was masked, else the same value. */
	value<T>(value: T): T;
	/** Masks secrets and signed URL queries in an error's message, description, stack, context, response and cause. */
	error<E>(error: E): E;
}

type Masker = (text: string) => string;

/** `node` (the workflow's node) holds no secret and must not be copied or changed. */
const SKIPPED_ERROR_KEYS = new Set(['node', 'functionality']);
const ERROR_TEXT_KEYS = ['message', 'stack', 'description'];

function isPlainObject(value: object): boolean {
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

function maskDeep<T>(input: T, mask: Masker, seen: WeakMap<object, unknown>): T {
	if (typeof input === 'string') return mask(input) as T;
	if (!input || typeof input !== 'object') return input;
	if (seen.has(input)) return seen.get(input) as T;
	if (input instanceof Error) return maskError(input, mask, seen);
	if (Array.isArray(input)) {
		const copy: unknown[] = [];
		seen.set(input, copy);
		for (const entry of input) copy.push(maskDeep(entry, mask, seen));
		return copy as T;
	}
	if (!isPlainObject(input)) return input;
	const copy: Record<string, unknown> = {};
	seen.set(input, copy);
	for (const [key, entry] of Object.entries(input)) copy[key] = maskDeep(entry, mask, seen);
	return copy as T;
}

function maskError<E>(input: E, mask: Masker, seen: WeakMap<object, unknown>): E {
	if (!input || typeof input !== 'object' || seen.has(input)) return input;
	seen.set(input, input);
	const target = input as Record<string, unknown>;
	for (const key of ERROR_TEXT_KEYS) {
		if (typeof target[key] === 'string') target[key] = mask(target[key] as string);
	}
	const keys = new Set(Object.keys(target));
	if (target.cause !== undefined) keys.add('cause');
	for (const key of keys) {
		if (SKIPPED_ERROR_KEYS.has(key) || ERROR_TEXT_KEYS.includes(key)) continue;
		target[key] = maskDeep(target[key], mask, seen);
	}
	return input;
}

/** The value as JSON text, or undefined when it has none (a BigInt, a cycle): then the deep walk decides. */
function jsonText(value: unknown): string | undefined {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return undefined;
	}
}

export function createRedactor(secrets: Array<string | undefined | null>): Redactor {
	const forms = [
		...new Set(
			secrets
				.map((secret) => String(secret ?? ''))
				.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
				.flatMap(secretForms),
		),
	].sort((a, b) => b.length - a.length);
	const alternatives = forms.map(formPattern).join('|');
	const everywhere = forms.length ? new RegExp(alternatives, 'g') : undefined;
	const anywhere = forms.length ? new RegExp(alternatives) : undefined;

	const text: Masker = (input) => (everywhere ? input.replace(everywhere, MASK) : input);
	const errorText: Masker = (input) => stripSignedQueries(text(input));

	return {
		text,
		value(input) {
			// One cheap scan first: JSON text holds every string of the item, escaped forms included.
			if (!anywhere) return input;
			const json = jsonText(input);
			if (json !== undefined && !anywhere.test(json)) return input;
			return maskDeep(input, text, new WeakMap());
		},
		error: (input) => maskError(input, errorText, new WeakMap()),
	};
}
