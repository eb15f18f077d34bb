import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { buildProperties } from '../shared/description';
import { runOperations } from '../shared/executor';
import { aliyunOperations, aliyunResources } from './actions';
import { aliyunProvider } from './transport';

export class AliyunPhoneNumberProtection implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aliyun Phone Number Protection',
		name: 'aliyunPhoneNumberProtection',
		icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Privacy numbers with Alibaba Cloud Phone Number Protection (号码隐私保护, Dyplsapi): bind, update and unbind A/X/B numbers, manage X numbers, groups and blacklists, fetch recordings',
		defaults: { name: 'Aliyun Phone Number Protection' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alibabaCloudApi', required: true }],
		properties: buildProperties(aliyunResources, aliyunOperations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, aliyunProvider, aliyunOperations);
	}
}
