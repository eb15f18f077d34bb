import type { OperationSpec, ResourceSpec } from '../../shared/spec';
import { bindingOperations } from './binding';
import { blacklistOperations } from './blacklist';
import { callOperations } from './call';
import { groupOperations } from './group';
import { numberOperations } from './number';

export const aliyunResources: ResourceSpec[] = [
	{ name: 'Binding', value: 'binding', description: 'AXB, AXN, AXN extension and AXG bindings' },
	{ name: 'Number (X)', value: 'number', description: 'Virtual numbers of the pool' },
	{ name: 'Number Group (G)', value: 'group', description: 'Number groups for AXG bindings' },
	{ name: 'Call', value: 'call', description: 'Recordings and transcripts of calls' },
	{ name: 'Blacklist', value: 'blacklist', description: 'Blocked numbers' },
];

export const aliyunOperations: OperationSpec[] = [
	...bindingOperations,
	...numberOperations,
	...groupOperations,
	...callOperations,
	...blacklistOperations,
];
