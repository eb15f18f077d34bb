import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { aliyunOperations, aliyunResources } from '../../nodes/AliyunPhoneNumberProtection/actions';
import { nxOperations, nxResources } from '../../nodes/NxCloudPrivacyNumber/actions';
import { buildProperties, propertiesPerOperation } from '../../nodes/shared/description';
import type { OperationSpec, ResourceSpec } from '../../nodes/shared/spec';
import { visibleProperties } from '../helpers/panel';

/**
 * Operations of a resource share a property where they show the same field, and every operation's panel stays what it
 * was with a property of its own: the same properties, with the same definitions, in the same order, as n8n's own
 * display logic shows them, for every value of every field that decides what is shown (e.g. Operate Type).
 */

const panel = (properties: INodeProperties[], values: INodeParameters) =>
	visibleProperties(properties, values).map((property) => ({
		...property,
		displayOptions: undefined,
	}));

/** Every combination of the values of the fields that steer what an operation shows. */
function settings(op: OperationSpec): INodeParameters[] {
	const steering = new Map<string, Array<string | number | boolean>>();
	for (const field of op.fields)
		for (const [name, values] of Object.entries(field.show ?? {}))
			steering.set(name, [...new Set([...(steering.get(name) ?? []), ...values])]);
	let combos: INodeParameters[] = [{ resource: op.resource, operation: op.value }];
	for (const [name, values] of steering)
		combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
	return combos;
}

describe.each([
	['Alibaba', aliyunResources, aliyunOperations],
	['NXCloud', nxResources, nxOperations],
] as Array<[string, ResourceSpec[], OperationSpec[]]>)('%s node', (_, resources, operations) => {
	const own = propertiesPerOperation(resources, operations);
	const shared = buildProperties(resources, operations);

	test('fewer properties than one per operation and field', () => {
		expect(shared.length).toBeLessThan(own.length);
	});

	test.each(operations.map((op) => [`${op.resource}:${op.value}`, op] as const))(
		'%s shows the same panel',
		(_key, op) => {
			for (const values of settings(op)) {
				const expected = panel(own, values);
				expect(expected.length).toBeGreaterThan(2);
				expect(panel(shared, values)).toEqual(expected);
			}
		},
	);
});
