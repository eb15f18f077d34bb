/* Shared helpers for the Aliyun Phone Number Protection workflow tests (sandbox + real n8n-core engine). */
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';
import type { LoggedRequest, Sandbox } from '../../sandbox';
import { runNodeAgainst, type NodeRun } from '../helpers/sandbox';

export { jsonOf, pairedOf, startSandbox, type NodeRun } from '../helpers/sandbox';

export const NODE = 'aliyunPhoneNumberProtection';
export const AXB_POOL = 'FC100000000000001';
export const AXN_POOL = 'FC100000000000002';
export const AXG_POOL = 'FC100000000000003';
/** the sandbox's pools of 15-digit 700 numbers */
export const AXB700_POOL = 'FC700000000000001';
export const GXB700_POOL = 'FC700000000000002';

/** Signing/common parameters added by the credential; everything else the sandbox saw is a business parameter. */
export const COMMON_PARAMS = [
	'AccessKeyId',
	'Format',
	'Version',
	'SignatureMethod',
	'SignatureVersion',
	'SignatureNonce',
	'Timestamp',
	'Signature',
];

export function aliyunCredentials(sb: Sandbox, overrides: IDataObject = {}) {
	return {
		alibabaCloudApi: { ...sb.credentials.aliyun, endpoint: sb.aliyunEndpoint, ...overrides },
	};
}

/**
 * Runs Input → node with `parameters` on `items`; returns the node's output and what the sandbox received meanwhile.
 */
export async function runNode(
	sb: Sandbox,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	options: {
		continueOnFail?: boolean;
		credentials?: IDataObject;
		settings?: IDataObject;
		/** binary data per input item: { property: { data: base64, mimeType, fileName } } */
		binary?: IDataObject[];
	} = {},
): Promise<NodeRun> {
	return await runNodeAgainst(
		sb,
		NODE,
		aliyunCredentials(sb, options.credentials),
		parameters,
		items,
		options,
	);
}

/** The business parameters of a logged request: everything but Action and the common signing parameters. */
export function businessParams(req: LoggedRequest): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(req.params ?? {})) {
		if (key === 'Action' || COMMON_PARAMS.includes(key)) continue;
		out[key] = value;
	}
	return out;
}

/** Like POST <sb.url>/__sandbox/calls: a call on a binding; returns the call id and its China-time call_time. */
export async function simulateCall(
	sb: Sandbox,
	body: IDataObject,
): Promise<{ callId: string; callTime: string }> {
	const response = await request(`${sb.url}/__sandbox/calls`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ provider: 'aliyun', ...body }),
	});
	const json = (await response.body.json()) as { callId: string; error?: string };
	if (response.statusCode !== 200)
		throw new Error(`simulate call failed: ${response.statusCode} ${json.error ?? ''}`);
	const record = sb.state.calls.get(json.callId) as { callTime: string };
	return { callId: json.callId, callTime: record.callTime };
}

/** `yyyy-MM-dd HH:mm:ss` in China time (UTC+8, no DST). */
export function chinaTime(epochMs: number): string {
	return new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** China time text back to epoch ms. */
export function fromChinaTime(text: string): number {
	return Date.parse(`${text.replace(' ', 'T')}+08:00`);
}
