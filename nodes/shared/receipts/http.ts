import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Request handling shared by the receipt triggers: the URL token check, reading the JSON body without
 * losing big integers, and answering on the response object ourselves.
 *
 * Why the triggers answer themselves instead of returning `webhookResponse`: with `responseMode: 'onReceived'`
 * and a description that declares no `responseData`, n8n (webhook-helpers.js, 2.41) evaluates `responseData`
 * to its default 'firstEntryJson' and sends that string as the body whenever `workflowData` is returned, so a
 * `webhookResponse` object would only reach the caller when nothing is emitted. Writing the answer on
 * `getResponseObject()` and returning `noWebhookResponse: true` makes n8n skip its own answer (and still run
 * the workflow when `workflowData` is present), in every n8n version.
 */

export type TokenLocation = 'query' | 'path';

/** Constant-time comparison; hashing first makes both sides the same length, so the length leaks nothing either. */
export function tokensMatch(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

function firstString(value: unknown): string | undefined {
	if (Array.isArray(value)) return firstString(value[0]);
	return typeof value === 'string' ? value : undefined;
}

/** The token the request carries: the `:token` path segment or the `token` query parameter. */
export function presentedToken(
	ctx: IWebhookFunctions,
	location: TokenLocation,
): string | undefined {
	if (location === 'path') {
		const params = (ctx.getParamsData() ?? {}) as IDataObject;
		return firstString(params.token);
	}
	const query = (ctx.getQueryData() ?? {}) as IDataObject;
	return firstString(query.token);
}

/** Writes a JSON answer with the given status on the request's response object. */
export function reply(ctx: IWebhookFunctions, status: number, body: IDataObject): void {
	const res = ctx.getResponseObject();
	res.status(status).json(body);
}

export interface TokenOptions {
	token?: string;
	tokenLocation?: TokenLocation;
}

/**
 * True when no token is configured or the request carries the right one. Otherwise answers 401 and returns
 * false (the caller then returns `{ noWebhookResponse: true }`: nothing is emitted).
 */
export function tokenAccepted(ctx: IWebhookFunctions, options: TokenOptions): boolean {
	const expected = typeof options.token === 'string' ? options.token : '';
	if (expected === '') return true;
	const given = presentedToken(ctx, options.tokenLocation === 'path' ? 'path' : 'query');
	if (given !== undefined && tokensMatch(given, expected)) return true;
	reply(ctx, 401, { code: 401, msg: given === undefined ? 'token missing' : 'token invalid' });
	return false;
}

// ---------------------------------------------------------------------------------------------------- body

export type ParsedBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** A JSON string token, or a JSON number token (strings are matched whole, so digits inside them are never touched). */
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const INTEGER = /^-?\d+$/;

/**
 * Puts quotes around every integer literal that a JS number cannot hold exactly (beyond ±2^53 − 1), so
 * `JSON.parse` keeps its digits: `{"sub_id":1234567890123456789}` → `{"sub_id":"1234567890123456789"}`.
 */
export function quoteUnsafeIntegers(text: string): string {
	return text.replace(JSON_TOKEN, (token) => {
		if (token.charCodeAt(0) === 34 /* " */ || !INTEGER.test(token)) return token;
		return Number.isSafeInteger(Number(token)) ? token : `"${token}"`;
	});
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The request body as JSON. Prefers the raw bytes (n8n keeps them as `rawBody`): n8n's own JSON parse has
 * already rounded integers beyond 2^53, the re-parse here keeps them as exact digit strings. Falls back to
 * the body n8n parsed when no raw body is available (a string body, e.g. text/plain, is parsed here).
 */
export function readJsonBody(ctx: IWebhookFunctions): ParsedBody {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	let text: string | undefined;
	if (Buffer.isBuffer(raw)) text = raw.toString('utf8');
	else if (typeof raw === 'string') text = raw;
	if (text === undefined) {
		const body = ctx.getBodyData() as unknown;
		if (body === undefined || body === null) return { ok: false, reason: 'empty body' };
		if (typeof body !== 'string') return { ok: true, value: body };
		text = body;
	}
	text = stripBom(text).trim();
	if (text === '') return { ok: false, reason: 'empty body' };
	try {
		return { ok: true, value: JSON.parse(quoteUnsafeIntegers(text)) as unknown };
	} catch {
		return { ok: false, reason: 'body is not valid JSON' };
	}
}

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A receipt field as an integer: an integer number, or a string of up to 15 digits (optionally negative, white
 * space around it allowed, so the number is exact); undefined for anything else.
 */
/** A field that identifies a record: a non-empty string or a number. */
export function nonEmpty(value: unknown): boolean {
	return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

export function toInteger(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
	return undefined;
}
