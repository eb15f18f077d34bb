/*
 * Sandbox plumbing shared by the provider workflow tests (test/aliyun, test/nxcloud): start it, run one node against
 * it.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { LoggedRequest, Sandbox, SandboxOptions } from '../../sandbox';
import { runWorkflow, singleNodeWorkflow, type WorkflowRun } from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../../sandbox') as {
	startSandbox(options?: SandboxOptions): Promise<Sandbox>;
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await sandboxModule.startSandbox({ quiet: true, ...options });
}

/**
 * The hooks of a test file that shares one sandbox: started before all tests (handed to `use`), stopped after
 * them, and its state and request counters reset before each test.
 */
export function withFreshSandbox(use: (sb: Sandbox) => void): void {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
		use(sb);
	});
	afterAll(async () => await sb.stop());
	beforeEach(() => {
		sb.reset();
		sb.resetStats();
	});
}

export interface NodeRun extends WorkflowRun {
	items: INodeExecutionData[];
	/** requests the sandbox logged during this run, oldest first */
	requests: LoggedRequest[];
}

/**
 * Runs Input → `node` with `parameters` on `items`; returns the node's output and what the sandbox received
 * meanwhile.
 */
export async function runNodeAgainst(
	sb: Sandbox,
	node: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	parameters: IDataObject,
	items: IDataObject[],
	options: { continueOnFail?: boolean; settings?: IDataObject; binary?: IDataObject[] },
): Promise<NodeRun> {
	const before = sb.stats().requests.total;
	const workflow = singleNodeWorkflow(node, parameters, items, {
		continueOnFail: options.continueOnFail,
		binary: options.binary,
	});
	if (options.settings) workflow.settings = options.settings;
	const run = await runWorkflow(workflow, credentials);
	const count = sb.stats().requests.total - before;
	return Object.assign(run, {
		items: run.output('Node'),
		requests: count > 0 ? sb.lastRequests(count) : [],
	});
}

export const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);
export const pairedOf = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);
