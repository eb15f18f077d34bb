/* Shared helpers for the Aliyun Phone Number Protection workflow tests (sandbox + real n8n-core engine). */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { request } from 'undici';
import type { LoggedRequest, Sandbox, SandboxOptions } from '../../sandbox';
import { runWorkflow, singleNodeWorkflow, type WorkflowRun } from '../helpers/n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../../sandbox') as { startSandbox(options?: SandboxOptions): Promise<Sandbox> };

export const NODE = 'aliyunPhoneNumberProtection';
export const AXB_POOL = 'FC100000000000001';
export const AXN_POOL = 'FC100000000000002';
export const AXG_POOL = 'FC100000000000003';

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

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await sandboxModule.startSandbox({ quiet: true, ...options });
}

export function aliyunCredentials(sb: Sandbox, overrides: IDataObject = {}) {
	return { alibabaCloudApi: { ...sb.credentials.aliyun, endpoint: sb.aliyunEndpoint, ...overrides } };
}

export interface NodeRun extends WorkflowRun {
	items: INodeExecutionData[];
	/** requests the sandbox logged during this run, oldest first */
	requests: LoggedRequest[];
}

/** Runs Input → node with `parameters` on `items`; returns the node's output and what the sandbox received meanwhile. */
export async function runNode(
	sb: Sandbox,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; credentials?: IDataObject; settings?: IDataObject } = {},
): Promise<NodeRun> {
	const before = sb.stats().requests.total;
	const workflow = singleNodeWorkflow(NODE, parameters, items, { continueOnFail: options.continueOnFail });
	if (options.settings) workflow.settings = options.settings;
	const run = await runWorkflow(workflow, aliyunCredentials(sb, options.credentials));
	const count = sb.stats().requests.total - before;
	return Object.assign(run, {
		items: run.output('Node'),
		requests: count > 0 ? sb.lastRequests(count) : [],
	});
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
export async function simulateCall(sb: Sandbox, body: IDataObject): Promise<{ callId: string; callTime: string }> {
	const response = await request(`${sb.url}/__sandbox/calls`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ provider: 'aliyun', ...body }),
	});
	const json = (await response.body.json()) as { callId: string; error?: string };
	if (response.statusCode !== 200) throw new Error(`simulate call failed: ${response.statusCode} ${json.error ?? ''}`);
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

export const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);
export const pairedOf = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);
