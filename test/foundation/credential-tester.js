'use strict';
/*
 * Runs a credential type's `test` the way n8n's CredentialsTester.testCredentials does
 * (n8n-io/n8n packages/cli/src/services/credentials-tester.service.ts, request-test branch):
 *   1. apply the credential's defaults to the decrypted data (CredentialsHelper.applyDefaultsAndOverwrites,
 *      minus overwrites and external secrets),
 *   2. build a copy of the noOp node whose only property routes `test.request`,
 *   3. run it with n8n-core's RoutingNode over an ExecuteContext — so the request is resolved, passed through
 *      httpRequestWithAuthentication → the credential's real `authenticate` → n8n-core's HTTP client,
 *   4. evaluate the result exactly like the tester: on a thrown error with a response, `responseCode` rules,
 *      then non-2xx → status text; a thrown error without a response → its cause code or message;
 *      on success, `responseSuccessBody` rules against the first item's json, else "Connection successful!".
 * Plain JS (no lint rules) so the TypeScript test stays free of n8n internals typing.
 */
const get = require('lodash/get');
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { NodeHelpers, Workflow } = require('n8n-workflow');
const { nodeTypesFrom, TestCredentialsHelper, testAdditionalData } = require('../helpers/engine');

/** The description of n8n-nodes-base.noOp (v1), the node the tester uses when no node type is given. */
const NO_OP = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

/** The tester hands RoutingNode the decrypted credentials: nothing may look credentials up by id. */
class TesterCredentialsHelper extends TestCredentialsHelper {
	async getCredentials() {
		throw new Error(
			'the credential tester passes credentialsDecrypted; getCredentials must not be called',
		);
	}
	async getDecrypted() {
		throw new Error(
			'the credential tester passes credentialsDecrypted; getDecrypted must not be called',
		);
	}
}

/**
 * @param credentialTypes Record<name, ICredentialType>
 * @param credentialType the type name to test
 * @param data the decrypted credential data as stored
 * @param options { onAuthenticated?(requestOptions), onError?(error) }
 * @returns {Promise<{status: 'OK' | 'Error', message: string}>}
 */
async function testCredentials(credentialTypes, credentialType, data, options = {}) {
	const type = credentialTypes[credentialType];
	if (!type || !type.test)
		return { status: 'Error', message: 'No testing function found for this credential.' };
	const testRequest = type.test;

	const credentialsDecrypted = {
		id: 'cred-1',
		name: 'test credential',
		type: credentialType,
		data: NodeHelpers.getNodeParameters(type.properties, { ...data }, true, false, null, null),
	};

	const nodeType = NO_OP;
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: nodeType.description.version,
		position: [0, 0],
		credentials: {
			[credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const nodeTypeCopy = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const mockNodeTypes = nodeTypesFrom({ [nodeTypeCopy.description.name]: nodeTypeCopy });
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: mockNodeTypes,
	});
	const additionalData = testAdditionalData(
		new TesterCredentialsHelper(credentialTypes, {}, options.onAuthenticated),
		{
			executionId: undefined,
		},
	);
	const runExecutionData = { resultData: { runData: {} } };
	const executeData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		if (options.onError) options.onError(error);
		if (error.cause?.response) {
			const errorResponseData = {
				statusCode: error.cause.response.status,
				statusMessage: error.cause.response.statusText,
			};
			if (testRequest.rules) {
				for (const rule of testRequest.rules) {
					if (
						rule.type === 'responseCode' &&
						errorResponseData.statusCode === rule.properties.value
					) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
			}
			if (errorResponseData.statusCode < 199 || errorResponseData.statusCode > 299) {
				return {
					status: 'Error',
					message:
						errorResponseData.statusMessage ||
						`Received HTTP status code: ${errorResponseData.statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}

	if (testRequest.rules && Array.isArray(testRequest.rules)) {
		for (const rule of testRequest.rules) {
			if (rule.type === 'responseSuccessBody') {
				const responseData = response[0][0].json;
				if (get(responseData, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredentials };
