/*
 * The trigger nodes' descriptions: trigger conventions, webhook definition (path evaluated by n8n-workflow),
 * parameters.
 */
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type IHookFunctions,
	type INode,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';
import { AliyunPhoneNumberProtectionTrigger } from '../../nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node';
import aliyunCodex from '../../nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node.json';
import { NxCloudPrivacyNumberTrigger } from '../../nodes/NxCloudPrivacyNumberTrigger/NxCloudPrivacyNumberTrigger.node';
import nxCodex from '../../nodes/NxCloudPrivacyNumberTrigger/NxCloudPrivacyNumberTrigger.node.json';
import pkg from '../../package.json';

const aliyun = new AliyunPhoneNumberProtectionTrigger();
const nx = new NxCloudPrivacyNumberTrigger();

function prop(nodeType: INodeType, name: string): INodeProperties {
	const found = nodeType.description.properties.find((p) => p.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

function optionValues(p: INodeProperties): unknown[] {
	return (p.options ?? []).map((o) => ('value' in o ? o.value : undefined));
}

/** The node's webhook path and isFullPath evaluated by n8n-workflow for these parameters. */
function evaluated(
	nodeType: INodeType,
	parameters: IDataObject,
): { node: INode; path: string; isFullPath: boolean } {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'n1',
		name: 'Trigger',
		type: `n8n-nodes-privacy-number.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		webhookId: 'wh-id',
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const own = workflow.getNode('Trigger') as INode;
	const description = nodeType.description.webhooks?.[0];
	const path = workflow.expression.getSimpleParameterValue(own, description?.path, 'webhook', {});
	const isFullPath = workflow.expression.getSimpleParameterValue(
		own,
		description?.isFullPath,
		'webhook',
		{},
		undefined,
		false,
	);
	expect(typeof isFullPath).toBe('boolean');
	return { node: own, path: String(path), isFullPath: isFullPath as boolean };
}

/** The webhook path n8n registers (the way n8n's WebhookService computes it). */
function registeredPath(nodeType: INodeType, parameters: IDataObject): string {
	const { node, path, isFullPath } = evaluated(nodeType, parameters);
	return NodeHelpers.getNodeWebhookPath('wf', node, path, isFullPath, false);
}

/** The production URL the editor shows for the same node. */
function shownUrl(nodeType: INodeType, parameters: IDataObject): string {
	const { node, path, isFullPath } = evaluated(nodeType, parameters);
	return NodeHelpers.getNodeWebhookUrl('https://n8n.example/webhook', 'wf', node, path, isFullPath);
}

describe.each([
	[
		'aliyunPhoneNumberProtectionTrigger',
		'Aliyun Phone Number Protection Trigger',
		aliyun,
		'AliyunPhoneNumberProtectionTrigger',
		aliyunCodex,
	],
	[
		'nxCloudPrivacyNumberTrigger',
		'NXCloud Privacy Number Trigger',
		nx,
		'NxCloudPrivacyNumberTrigger',
		nxCodex,
	],
] as Array<[string, string, INodeType, string, IDataObject]>)(
	'%s',
	(name, displayName, nodeType, dir, codex) => {
		const d = nodeType.description;

		it('follows the trigger conventions', () => {
			expect(d.name).toBe(name);
			expect(d.displayName).toBe(displayName);
			expect(d.group).toEqual(['trigger']);
			expect(d.inputs).toEqual([]);
			expect(d.outputs).toEqual(['main']);
			expect(d.usableAsTool).toBeUndefined();
			expect(d.credentials).toBeUndefined();
			expect(d.version).toBe(1);
			expect(d.subtitle).toBeTruthy();
			expect(d.icon).toEqual(
				expect.objectContaining({
					light: expect.stringMatching(/^file:\.\.\/\.\.\/icons\/.+\.svg$/),
				}),
			);
			expect(typeof nodeType.webhook).toBe('function');
		});

		it('declares one POST webhook answered on receipt, with no responseData (the node answers itself)', () => {
			expect(d.webhooks).toHaveLength(1);
			const w = d.webhooks?.[0];
			expect(w).toMatchObject({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived' });
			expect(w?.responseData).toBeUndefined();
			expect(w?.isFullPath).toBe('={{$parameter["options"]["tokenLocation"] === "path"}}');
		});

		it('has the whole webhook lifecycle; it only records the URL in static data', async () => {
			const methods = nodeType.webhookMethods?.default;
			expect(Object.keys(methods ?? {}).sort()).toEqual(['checkExists', 'create', 'delete']);
			const staticData: IDataObject = {};
			const hook = {
				getWorkflowStaticData: () => staticData,
				getNodeWebhookUrl: () => 'https://n8n.example/webhook/wh-id/path',
			} as unknown as IHookFunctions;
			expect(await methods?.checkExists.call(hook)).toBe(false);
			expect(await methods?.create.call(hook)).toBe(true);
			expect(staticData.webhookUrl).toBe('https://n8n.example/webhook/wh-id/path');
			expect(await methods?.checkExists.call(hook)).toBe(true);
			expect(await methods?.delete.call(hook)).toBe(true);
			expect(staticData.webhookUrl).toBeUndefined();
		});

		it('offers de-duplication (on, 15 minutes) and the URL token options', () => {
			expect(prop(nodeType, 'deduplicate')).toMatchObject({ type: 'boolean', default: true });
			expect(prop(nodeType, 'deduplicationWindow')).toMatchObject({
				type: 'number',
				default: 15,
				displayOptions: { show: { deduplicate: [true] } },
			});
			const options = prop(nodeType, 'options');
			expect(options).toMatchObject({ type: 'collection', default: {} });
			const inner = options.options as INodeProperties[];
			expect(inner.find((o) => o.name === 'token')).toMatchObject({
				type: 'string',
				default: '',
				typeOptions: { password: true },
			});
			const location = inner.find((o) => o.name === 'tokenLocation') as INodeProperties;
			expect(location.default).toBe('query');
			expect(optionValues(location)).toEqual(['query', 'path']);
		});

		it('has a codex file with categories and is registered in package.json', () => {
			expect(codex.node).toBe(`${pkg.name}.${name}`);
			expect(codex.categories).toEqual(expect.arrayContaining(['Communication']));
			expect(pkg.n8n.nodes).toContain(`dist/nodes/${dir}/${dir}.node.js`);
		});
	},
);

describe('Aliyun trigger parameters', () => {
	const types = [
		'NumberManagementReport',
		'SecretAsrReport',
		'SecretPickUpReport',
		'SecretRecording',
		'SecretReport',
		'SecretRingReport',
		'SecretSmsIntercept',
		'SecretStartReport',
		'SmartLogisticsReport',
	];

	it('lets the user pick the message type (sorted options, SecretReport by default)', () => {
		const p = prop(aliyun, 'messageType');
		expect(p).toMatchObject({ type: 'options', default: 'SecretReport', noDataExpression: true });
		expect(optionValues(p)).toEqual(types);
		const names = (p.options ?? []).map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('shows, per message type, a notice naming the console page where the URL goes', () => {
		for (const type of types) {
			const notices = aliyun.description.properties.filter(
				(p) =>
					p.type === 'notice' &&
					(p.displayOptions?.show?.messageType as string[] | undefined)?.includes(type),
			);
			expect(notices).toHaveLength(1);
			expect(notices[0].displayName).toContain('云通信消息接收');
			expect(notices[0].displayName).toContain(type);
			expect(notices[0].displayName).toContain('Production URL');
		}
	});

	it('registers <webhookId>/dypls/<type>; in path mode the full path dypls/<type>/<webhookId>/:token', () => {
		expect(registeredPath(aliyun, { messageType: 'SecretReport' })).toBe(
			'wh-id/dypls/SecretReport',
		);
		expect(
			registeredPath(aliyun, { messageType: 'SecretRecording', options: { token: 'x' } }),
		).toBe('wh-id/dypls/SecretRecording');
		expect(
			registeredPath(aliyun, {
				messageType: 'SecretReport',
				options: { token: 'x', tokenLocation: 'path' },
			}),
		).toBe('dypls/SecretReport/wh-id/:token');
		expect(shownUrl(aliyun, { messageType: 'SecretReport' })).toBe(
			'https://n8n.example/webhook/wh-id/dypls/SecretReport',
		);
		expect(
			shownUrl(aliyun, { messageType: 'SecretReport', options: { tokenLocation: 'path' } }),
		).toBe('https://n8n.example/webhook/wh-id/dypls/SecretReport/wh-id/:token');
	});
});

describe('NXCloud trigger parameters', () => {
	it('has the Events choice: Call Result by default, No-Binding Error and other error pushes optional', () => {
		const p = prop(nx, 'events');
		expect(p).toMatchObject({ type: 'multiOptions', default: ['callResult'] });
		expect(optionValues(p)).toEqual(['callResult', 'noBinding', 'otherError']);
		expect(
			nx.description.properties.some(
				(q) => q.type === 'notice' && q.displayName.includes('Production URL'),
			),
		).toBe(true);
	});

	it('registers <webhookId>/nxcloud-pns; in path mode the full path nxcloud-pns/<webhookId>/:token', () => {
		expect(registeredPath(nx, {})).toBe('wh-id/nxcloud-pns');
		expect(registeredPath(nx, { options: { tokenLocation: 'path' } })).toBe(
			'nxcloud-pns/wh-id/:token',
		);
		expect(shownUrl(nx, { options: { tokenLocation: 'path' } })).toBe(
			'https://n8n.example/webhook/wh-id/nxcloud-pns/wh-id/:token',
		);
	});
});
