import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { buildProperties } from '../shared/description';
import { runOperations } from '../shared/executor';
import { nxOperations, nxResources } from './actions';
import { searchGroups } from './listSearch';
import { nxProvider } from './transport';

export class NxCloudPrivacyNumber implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NXCloud Privacy Number',
		name: 'nxCloudPrivacyNumber',
		icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Privacy numbers with NXCloud PNS (牛信云): bind AXB, AXB extension, AXG, AXE, AXEYB and XYB, unbind, list and look up bindings, manage number groups',
		defaults: { name: 'NXCloud Privacy Number' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nxCloudApi', required: true }],
		properties: buildProperties(nxResources, nxOperations),
	};

	methods = {
		listSearch: { searchGroups },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, nxProvider, nxOperations);
	}
}
