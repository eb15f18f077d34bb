import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { shareIdenticalProperties } from './sharedProperties';
import { isTopLevel, type FieldSpec, type OperationSpec, type ResourceSpec } from './spec';

/**
 * Node parameters generated from the operation specs:
 * resource → operation → fields → Additional Fields → Options.
 */

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function fieldProperty(field: FieldSpec): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		description: field.description,
		placeholder: field.placeholder,
	};
	switch (field.kind) {
		case 'number':
			return {
				...base,
				type: 'number',
				default: field.default ?? field.min ?? 0,
				typeOptions: { minValue: field.min, maxValue: field.max },
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'options':
			return {
				...base,
				type: 'options',
				options: field.options ?? [],
				default: field.default ?? field.options?.[0]?.value ?? '',
			};
		case 'chinaDateTime':
		case 'pointInTime':
			return { ...base, type: 'dateTime', default: field.default ?? '' };
		case 'resourceLocator':
			return {
				...base,
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: `Select a ${field.displayName}...`,
						typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: field.placeholder ?? 'e.g. 12345',
					},
				],
			};
		case 'jsonText':
			return { ...base, type: 'json', default: field.default ?? '' };
		case 'jsonObject':
			return {
				...base,
				type: 'collection',
				placeholder: field.placeholder ?? 'Add Key',
				default: {},
				options: (field.keys ?? [])
					.map((key): INodeProperties => {
						if (key.kind === 'options') {
							const firstOption = key.options?.[0]?.value ?? '';
							return {
								displayName: key.displayName,
								name: key.name,
								type: 'options',
								options: key.options ?? [],
								default: firstOption,
								description: key.description,
							};
						}
						return {
							displayName: key.displayName,
							name: key.name,
							type: key.kind === 'number' ? 'number' : 'string',
							default: key.kind === 'number' ? (key.min ?? 0) : '',
							description: key.description,
							typeOptions:
								key.kind === 'number' ? { minValue: key.min, maxValue: key.max } : undefined,
						};
					})
					.sort(byName),
			};
		default:
			return { ...base, type: 'string', default: field.default ?? '' };
	}
}

/** Shared per-operation behaviour switches; the rate cap defaults to the action's documented limit. */
export function commonOptionFields(op: OperationSpec): INodeProperties[] {
	const documentedRps = op.maxRps;
	return [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 100 },
			description: 'How many requests are in flight at once. Output keeps the input order.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			default: documentedRps,
			typeOptions: { minValue: 1 },
			description: `Rate cap for this node's requests, default ${op.maxRps}/s (${
				op.maxRpsSource ?? `the documented ` + `per-account limit of ${op.apiAction}`
			}). Applies within one execution of this node: several executions or queue-mode workers each have their own cap.`,
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'Retries for throttling, server errors and network errors, with capped exponential backoff and jitter. A bind ' +
				'whose outcome is unknown is checked, never blindly re-sent.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			default: 30000,
			typeOptions: { minValue: 100 },
			description: 'How long to wait for each response before treating it as a network error',
		},
		{
			displayName: 'Return Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: "Whether to output the provider's full response instead of the simplified item",
		},
	];
}

export function buildProperties(
	resources: ResourceSpec[],
	operations: OperationSpec[],
): INodeProperties[] {
	return shareIdenticalProperties(propertiesPerOperation(resources, operations));
}

/** Every operation's properties of its own, in panel order. */
export function propertiesPerOperation(
	resources: ResourceSpec[],
	operations: OperationSpec[],
): INodeProperties[] {
	const firstResource = resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources
				.map((r): INodePropertyOptions => ({
					name: r.name,
					value: r.value,
					description: r.description,
				}))
				.sort(byName),
			default: firstResource,
		},
	];
	for (const resource of resources) {
		const ops = operations.filter((op) => op.resource === resource.value);
		const firstOperation = ops[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: ops
				.map((op): INodePropertyOptions => ({
					name: op.name,
					value: op.value,
					action: op.action,
					description: op.description,
				}))
				.sort(byName),
			default: firstOperation,
		});
	}
	for (const op of operations) {
		const show = { resource: [op.resource], operation: [op.value] };
		const optional: INodeProperties[] = [];
		for (const field of op.fields) {
			const property = fieldProperty(field);
			if (isTopLevel(field)) {
				properties.push({
					...property,
					required:
						field.required && field.kind !== 'boolean' && field.kind !== 'jsonObject'
							? true
							: undefined,
					displayOptions: { show: { ...show, ...field.show } },
				});
			} else {
				optional.push(property);
			}
		}
		if (optional.length) {
			properties.push({
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show },
				options: optional.sort(byName),
			});
		}
		properties.push({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [...(op.optionFields ?? []).map(fieldProperty), ...commonOptionFields(op)].sort(
				byName,
			),
		});
	}
	return properties;
}
