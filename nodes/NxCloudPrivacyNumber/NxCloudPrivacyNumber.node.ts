import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { buildProperties } from '../shared/description';
import { runOperations } from '../shared/executor';
import { actionNodeDescription, OPERATION_SUBTITLE } from '../shared/nodeDescription';
import { nxOperations, nxResources } from './actions';
import { searchGroups } from './listSearch';
import { nxProvider } from './transport';

export class NxCloudPrivacyNumber implements INodeType {
	description: INodeTypeDescription = {
		...actionNodeDescription({
			displayName: 'NXCloud Privacy Number',
			name: 'nxCloudPrivacyNumber',
			description:
				'Privacy numbers with NXCloud PNS (牛信云): bind AXB, AXB extension, AXG, AXE, AXEYB and XYB, ' +
				'unbind, list and look up bindings, manage number groups',
		}),
		icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
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
