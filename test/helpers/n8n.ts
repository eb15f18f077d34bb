import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
} from 'n8n-workflow';
import { AlibabaCloudApi } from '../../credentials/AlibabaCloudApi.credentials';
import { NxCloudApi } from '../../credentials/NxCloudApi.credentials';
import { AliyunPhoneNumberProtection } from '../../nodes/AliyunPhoneNumberProtection/AliyunPhoneNumberProtection.node';
import { optionalNodeTypes } from './optional-nodes';

/**
 * Runs workflows through n8n-core's real WorkflowExecute: expressions, credential `authenticate`,
 * httpRequestWithAuthentication, continueOnFail and pairedItem behave as in n8n.
 */

/** A start node for tests: emits the items of its `items` parameter (a JSON array). */
class TestInput implements INodeType {
	description = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }] as INodeProperties[],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [list.map((json) => ({ json }))];
	}
}

export const credentialTypes: Record<string, ICredentialType> = {
	alibabaCloudApi: new AlibabaCloudApi(),
	nxCloudApi: new NxCloudApi(),
};

const PACKAGE = 'n8n-nodes-privacy-number';

export function nodeTypeMap(): Record<string, INodeType> {
	return {
		'test.input': new TestInput(),
		[`${PACKAGE}.aliyunPhoneNumberProtection`]: new AliyunPhoneNumberProtection(),
		...optionalNodeTypes(PACKAGE),
	};
}

function nodeTypes(map: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (type: string) => map[type],
		getByNameAndVersion: (type: string, version?: number) => {
			const nodeType = map[type];
			if (!nodeType) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		return await type.authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		return {} as ICredentials;
	}

	async getDecrypted(_additional: IWorkflowExecuteAdditionalData, _nodeCredentials: unknown, type: string) {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials for ${type}`);
		return found;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface WorkflowRun {
	run: IRun;
	/** output items of a node (first run, first output) */
	output(nodeName: string): INodeExecutionData[];
	/** the execution's error, if the workflow stopped on one */
	error: IRun['data']['resultData']['error'];
}

export interface WorkflowSpec {
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export async function runWorkflow(
	workflowData: WorkflowSpec,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extraTypes: Record<string, INodeType> = {},
): Promise<WorkflowRun> {
	const types = nodeTypes({ ...nodeTypeMap(), ...extraTypes });
	const workflow = new Workflow({
		id: 'test',
		name: 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: types,
		settings: { timezone: 'Asia/Shanghai', ...(workflowData.settings ?? {}) },
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'test', nodes: workflowData.nodes, connections: workflowData.connections } as never);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (fullRunData: IRun) => resolve(fullRunData));
	});
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		variables: {},
		executionId: '1',
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		currentNodeParameters: undefined,
		userId: 'test',
	} as unknown as IWorkflowExecuteAdditionalData;

	const start = workflow.getStartNode() ?? workflowData.nodes[0];
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const processing = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	await processing;
	const run = await finished;
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName: string) {
			const data = run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0];
			return (data ?? []) as INodeExecutionData[];
		},
	};
}

/** Input node → one node under test, fed with `items`. */
export function singleNodeWorkflow(
	type: string,
	parameters: IDataObject,
	items: IDataObject[],
	options: { continueOnFail?: boolean; credentials?: Record<string, { id: string; name: string }> } = {},
): WorkflowSpec {
	const credentialName = type.includes('nxCloud') ? 'nxCloudApi' : 'alibabaCloudApi';
	return {
		nodes: [
			{ id: '1', name: 'Input', type: 'test.input', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
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
