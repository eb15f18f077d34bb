import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
} from 'n8n-workflow';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require('./engine') as {
	runWorkflow: (workflow: WorkflowSpec, setup: IDataObject) => Promise<WorkflowRun>;
	packageTypes: (load: (path: string) => Record<string, unknown>) => {
		nodeTypes: IDataObject;
		credentialTypes: IDataObject;
	};
};

/**
 * Runs workflows through n8n-core's real WorkflowExecute (see engine.js) with the package's TypeScript sources.
 */

export interface WorkflowRun {
	run: IRun;
	/** output items of a node (first run, given output, default 0) */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** the execution's error, if the workflow stopped on one */
	error: IRun['data']['resultData']['error'];
}

export interface WorkflowSpec {
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	name?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSource = (path: string) => require(`../../${path}`) as Record<string, unknown>;

export const { nodeTypes: packageNodeTypes, credentialTypes } = engine.packageTypes(loadSource);

export async function runWorkflow(
	workflowData: WorkflowSpec,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extra: { startItems?: IDataObject[]; startNode?: string; credentialsHelper?: unknown } = {},
): Promise<WorkflowRun> {
	return await engine.runWorkflow(workflowData, {
		nodeTypes: packageNodeTypes,
		credentialTypes,
		credentials,
		...extra,
	});
}

const PACKAGE = 'n8n-nodes-privacy-number';

/** Input node → one node under test, fed with `items`. */
export function singleNodeWorkflow(
	type: string,
	parameters: IDataObject,
	items: IDataObject[],
	options: {
		continueOnFail?: boolean;
		credentials?: Record<string, { id: string; name: string }>;
		/** binary data per item: { property: { data: base64, mimeType, fileName } } */
		binary?: IDataObject[];
	} = {},
): WorkflowSpec {
	const credentialName = type.includes('nxCloud') ? 'nxCloudApi' : 'alibabaCloudApi';
	return {
		nodes: [
			{
				id: '1',
				name: 'Input',
				type: 'test.input',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					items: JSON.stringify(items),
					...(options.binary ? { binary: JSON.stringify(options.binary) } : {}),
				},
			},
			{
				id: '2',
				name: 'Node',
				type: `${PACKAGE}.${type}`,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: options.credentials ?? { [credentialName]: { id: '1', name: 'test' } },
				onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
				continueOnFail: options.continueOnFail,
			} as INode,
		],
		connections: { Input: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}
