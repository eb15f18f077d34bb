import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { buildProperties } from '../shared/description';
import { runOperations } from '../shared/executor';
import { actionNodeDescription, OPERATION_SUBTITLE } from '../shared/nodeDescription';
import { aliyunOperations, aliyunResources } from './actions';
import { aliyunProvider } from './transport';

export class AliyunPhoneNumberProtection implements INodeType {
	description: INodeTypeDescription = {
		...actionNodeDescription({
			displayName: 'Aliyun Phone Number Protection',
			name: 'aliyunPhoneNumberProtection',
			description:
				'Privacy numbers with Alibaba Cloud Phone Number Protection (号码隐私保护, Dyplsapi): bind, update ' +
				'and unbind A/X/B numbers, manage X numbers, groups and blacklists, fetch recordings',
		}),
		icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'alibabaCloudApi', required: true }],
		properties: buildProperties(aliyunResources, aliyunOperations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, aliyunProvider, aliyunOperations);
	}
}
