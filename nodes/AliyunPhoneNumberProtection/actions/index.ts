import type { OperationSpec, ResourceSpec } from '../../shared/spec';
import { aNumberReportOperations } from './aNumberReport';
import { bindingOperations } from './binding';
import { binding700Operations } from './binding700';
import { blacklistOperations } from './blacklist';
import { callOperations } from './call';
import { fixedLineOperations } from './fixedLine';
import { groupOperations } from './group';
import { numberOperations } from './number';
import { pickupOperations } from './pickup';
import { workNumberOperations } from './workNumber';

const resources: ResourceSpec[] = [
	{ name: 'Binding', value: 'binding', description: 'AXB, AXN, AXN extension and AXG bindings' },
	{
		name: 'Binding (700)',
		value: 'binding700',
		description:
			'Bindings on 15-digit 700-segment X numbers, to which mainland middle numbers are moving',
	},
	{ name: 'Number (X)', value: 'number', description: 'Virtual numbers of the pool' },
	{ name: 'Number Group (G)', value: 'group', description: 'Number groups for AXG bindings' },
	{ name: 'Call', value: 'call', description: 'Recordings and transcripts of calls' },
	{ name: 'Blacklist', value: 'blacklist', description: 'Blocked numbers' },
	{
		name: 'A-Number Report',
		value: 'aNumberReport',
		description:
			'Real-name reports of A numbers (实际使用人报备), for platforms whose A numbers are couriers or agents',
	},
	{
		name: 'Work Number (XB)',
		value: 'workNumber',
		description: 'Work numbers (工作号) X handed to staff B, for sales and service teams',
	},
	{
		name: 'Fixed-Line Binding',
		value: 'fixedLine',
		description: 'Bindings on landline X numbers (固话, invitation-only at Alibaba)',
	},
	{
		name: 'Pickup Waybill',
		value: 'pickup',
		description: 'Courier pickup orders for e-commerce logistics',
	},
];

export const aliyunOperations: OperationSpec[] = [
	...bindingOperations,
	...binding700Operations,
	...numberOperations,
	...groupOperations,
	...callOperations,
	...blacklistOperations,
	...aNumberReportOperations,
	...workNumberOperations,
	...fixedLineOperations,
	...pickupOperations,
];

/** The resources that have operations (a family being added shows up once its first operation exists). */
export const aliyunResources = resources.filter((resource) =>
	aliyunOperations.some((op) => op.resource === resource.value),
);
