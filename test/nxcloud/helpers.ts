/* Shared helpers for the NXCloud Privacy Number workflow tests (sandbox + real n8n-core engine). */
import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { LoggedRequest, Sandbox } from '../../sandbox';
import { runNodeAgainst, type NodeRun } from '../helpers/sandbox';

export { jsonOf, pairedOf, startSandbox, withFreshSandbox, type NodeRun } from '../helpers/sandbox';

export const NODE = 'nxCloudPrivacyNumber';

/** Virtual numbers of the sandbox's default NXCloud account. */
export const X_HK = '85230000001';
export const X_HK2 = '85230000002';
export const X_UK = '447400000001';
export const SEEDED_GROUP = 'g0000000001';
export const BUSINESS_ID = 'sandboxBusiness01';

export function nxCredentials(sb: Sandbox, overrides: IDataObject = {}) {
	return {
		nxCloudApi: {
			...sb.credentials.nxcloud,
			baseUrl: 'custom',
			customBaseUrl: sb.nxBaseUrl,
			...overrides,
		},
	};
}

/**
 * Runs Input → NXCloud node with `parameters` on `items`; returns the node's output and what the sandbox received
 * meanwhile.
 */
export async function runNode(
	sb: Sandbox,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; credentials?: IDataObject } = {},
): Promise<NodeRun> {
	return await runNodeAgainst(
		sb,
		NODE,
		nxCredentials(sb, options.credentials),
		parameters,
		items,
		options,
	);
}

const header = (req: LoggedRequest, name: string) => {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
};

/**
 * The signature recomputed independently from what the sandbox received (MD5 over the headers, the exact body and the
 * secret, as NXCloud's API wiki describes).
 */
export function recomputedSign(req: LoggedRequest, secret: string): string {
	const head = `accessKey=${header(req, 'accessKey')}&action=${header(req, 'action')}&bizType=${header(req, 'bizType')}&ts=${header(req, 'ts')}`;
	const text = `${head}${req.body ? `&body=${req.body}` : ''}&accessSecret=${secret}`;
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/** What the tests check of each request: action, path, exact body, signature. */
export function wire(req: LoggedRequest) {
	return { action: req.action, path: req.path, body: req.body, verified: req.verified };
}

export const headerOf = header;
