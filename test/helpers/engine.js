'use strict';
/**
 * Runs a workflow through n8n-core's real WorkflowExecute (expressions, credential `authenticate`,
 * httpRequestWithAuthentication, continueOnFail and pairedItem behave as in n8n).
 * Plain JS so the jest tests (TypeScript sources), the benchmark and the demo (built dist) share it.
 */
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow } = require('n8n-workflow');

/**
 * A start node: emits the items of its `items` parameter (a JSON array or an array), with the binary data of its
 * `binary` parameter (per item: { property: { data: base64, mimeType, fileName } }), if any.
 */
class TestInput {
	constructor() {
		this.description = {
			displayName: 'Test Input',
			name: 'testInput',
			group: ['input'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name: 'Input' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
				{ displayName: 'Binary', name: 'binary', type: 'json', default: '[]' },
			],
		};
	}

	async execute() {
		const raw = this.getNodeParameter('items', 0);
		const list = typeof raw === 'string' ? JSON.parse(raw) : raw;
		const rawBinary = this.getNodeParameter('binary', 0, '[]');
		const binary = typeof rawBinary === 'string' ? JSON.parse(rawBinary) : rawBinary;
		return [
			list.map((json, index) => (binary[index] ? { json, binary: binary[index] } : { json })),
		];
	}
}

function nodeTypesFrom(map) {
	return {
		getByName: (type) => map[type],
		getByNameAndVersion: (type, version) => {
			const nodeType = map[type];
			if (!nodeType) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
		getKnownTypes: () => ({}),
	};
}

/**
 * Like n8n's CredentialsHelper for credentials whose `authenticate` is a function: it is simply awaited.
 * `data` holds the decrypted credentials by type name; `onAuthenticated(requestOptions)` sees every signed request.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, data, onAuthenticated) {
		super();
		this.credentialTypes = credentialTypes;
		this.data = data;
		this.onAuthenticated = onAuthenticated;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, requestOptions) {
		const type = this.credentialTypes[typeName];
		const out =
			typeof type?.authenticate === 'function'
				? await type.authenticate(credentials, requestOptions)
				: requestOptions;
		if (this.onAuthenticated) this.onAuthenticated(out);
		return out;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		return {};
	}
	async getDecrypted(_additional, _nodeCredentials, type) {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials for ${type}`);
		return found;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type) {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

/** n8n's IWorkflowExecuteAdditionalData as the tests need it: local URLs, no variables, user `test`, plus `extra`. */
function testAdditionalData(credentialsHelper, extra) {
	return {
		credentialsHelper,
		variables: {},
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		currentNodeParameters: undefined,
		userId: 'test',
		...extra,
	};
}

/**
 * @param workflowData {nodes, connections, settings?}
 * @param setup {nodeTypes: Record<type, INodeType>, credentialTypes: Record<name, ICredentialType>, credentials:
 * Record<name, data>, startItems?: object[], credentialsHelper?: a TestCredentialsHelper (or subclass) to use instead}
 * @returns {Promise<{run, error, output(nodeName): INodeExecutionData[]}>}
 */
async function runWorkflow(workflowData, setup) {
	const types = nodeTypesFrom({ 'test.input': new TestInput(), ...setup.nodeTypes });
	const workflow = new Workflow({
		id: 'test',
		name: workflowData.name ?? 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: types,
		settings: { timezone: 'Asia/Shanghai', ...(workflowData.settings ?? {}) },
		staticData: workflowData.staticData ?? {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
	});
	const finished = new Promise((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
	});
	const additionalData = testAdditionalData(
		setup.credentialsHelper ?? new TestCredentialsHelper(setup.credentialTypes, setup.credentials),
		{
			hooks,
			executionId: '1',
		},
	);
	const start = setup.startNode
		? workflowData.nodes.find((n) => n.name === setup.startNode)
		: (workflow.getStartNode() ?? workflowData.nodes[0]);
	const startItems = (setup.startItems ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [startItems] }, source: null }],
		},
	};
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await finished;
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName, outputIndex = 0) {
			const data = run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex];
			return data ?? [];
		},
	};
}

/** The package's node and credential classes from a module root (sources via ts-jest, or dist). */
function packageTypes(load, packageName = 'n8n-nodes-privacy-number') {
	const nodes = [
		[
			'aliyunPhoneNumberProtection',
			'nodes/AliyunPhoneNumberProtection/AliyunPhoneNumberProtection.node',
			'AliyunPhoneNumberProtection',
		],
		[
			'nxCloudPrivacyNumber',
			'nodes/NxCloudPrivacyNumber/NxCloudPrivacyNumber.node',
			'NxCloudPrivacyNumber',
		],
		[
			'aliyunPhoneNumberProtectionTrigger',
			'nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node',
			'AliyunPhoneNumberProtectionTrigger',
		],
		[
			'nxCloudPrivacyNumberTrigger',
			'nodes/NxCloudPrivacyNumberTrigger/NxCloudPrivacyNumberTrigger.node',
			'NxCloudPrivacyNumberTrigger',
		],
	];
	const nodeTypes = {};
	for (const [name, path, className] of nodes) {
		let mod;
		try {
			mod = load(path);
		} catch (error) {
			if (
				error &&
				error.code === 'MODULE_NOT_FOUND' &&
				String(error.message).includes(path.split('/').pop())
			)
				continue;
			throw error;
		}
		if (mod?.[className]) nodeTypes[`${packageName}.${name}`] = new mod[className]();
	}
	const credentialTypes = {
		alibabaCloudApi: new (load('credentials/AlibabaCloudApi.credentials').AlibabaCloudApi)(),
		nxCloudApi: new (load('credentials/NxCloudApi.credentials').NxCloudApi)(),
	};
	return { nodeTypes, credentialTypes };
}

module.exports = {
	runWorkflow,
	packageTypes,
	TestInput,
	nodeTypesFrom,
	TestCredentialsHelper,
	testAdditionalData,
};
