import type { OperationSpec, ResourceSpec } from '../../shared/spec';
import { bindingOperations } from './binding';
import { callOperations } from './call';
import { groupOperations } from './group';
import { restOperations } from './rest';

export const nxResources: ResourceSpec[] = [
	{
		name: 'Binding',
		value: 'binding',
		description: 'AXB, AXB extension and AXG bindings of the action API',
	},
	{
		name: 'Binding (REST API)',
		value: 'bindingRest',
		description: 'AXE, AXEYB and XYB bindings of the newer REST-path API',
	},
	{ name: 'Number Group', value: 'group', description: 'Number groups (G) for AXG bindings' },
	{
		name: 'Call',
		value: 'call',
		description: 'Recordings of calls, from the URLs of call-result pushes',
	},
];

/** NXCloud publishes no QPS limit for PNS: every operation defaults to a conservative cap of 50 requests per second. */
const RATE_NOTE =
	'NXCloud documents no rate limit for PNS: a conservative default, raise it if your account allows more';

/** customerBindId is documented as unique per binding: two items with the same one would get the same binding. */
const uniqueCustomerBindId = (op: OperationSpec) =>
	op.kind === 'create' && op.fields.some((field) => field.wire === 'customerBindId')
		? ['customerBindId']
		: undefined;

export const nxOperations: OperationSpec[] = [
	...bindingOperations,
	...restOperations,
	...groupOperations,
	...callOperations,
].map((op) => ({
	maxRpsSource: RATE_NOTE,
	uniqueAcrossItems: uniqueCustomerBindId(op),
	...op,
}));
