import type { OperationSpec, ResourceSpec } from '../../shared/spec';
import { bindingOperations } from './binding';
import { binding700Operations } from './binding700';
import { blacklistOperations } from './blacklist';
import { callOperations } from './call';
import { groupOperations } from './group';
import { numberOperations } from './number';

export const aliyunResources: ResourceSpec[] = [
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
];

export const aliyunOperations: OperationSpec[] = [
	...bindingOperations,
	...binding700Operations,
	...numberOperations,
	...groupOperations,
	...callOperations,
	...blacklistOperations,
];
