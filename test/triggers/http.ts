import { request } from 'undici';
import type { PushResult } from '../../sandbox';

export interface Answer {
	status: number;
	text: string;
	json: unknown;
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** POST a body (a string is sent as is, anything else as JSON) and read the answer. */
export async function post(
	url: string,
	body: unknown,
	contentType = 'application/json; charset=utf-8',
): Promise<Answer> {
	const res = await request(url, {
		method: 'POST',
		headers: contentType ? { 'content-type': contentType } : {},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.body.text();
	return { status: res.statusCode, text, json: parse(text) };
}

export interface CallAnswer {
	callId: string;
	pushed: PushResult[];
}

/** The sandbox's admin API over HTTP. */
export async function sandboxPost<T = unknown>(
	base: string,
	path: string,
	body: unknown,
): Promise<T> {
	const a = await post(`${base}${path}`, body);
	if (a.status !== 200) throw new Error(`sandbox ${path} answered ${a.status}: ${a.text}`);
	return a.json as T;
}

export const configureCallbacks = (base: string, callbacks: unknown): Promise<unknown> =>
	sandboxPost(base, '/__sandbox/config', { callbacks });

export const simulateCall = (base: string, call: Record<string, unknown>): Promise<CallAnswer> =>
	sandboxPost<CallAnswer>(base, '/__sandbox/calls', call);
