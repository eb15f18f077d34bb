import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** What n8n's own display logic makes of a node's properties for some parameter values. */

const nodeVersion = { typeVersion: 1 };

/** Parameter values as n8n resolves them (defaults filled, hidden ones dropped). */
export function resolvedParameters(
	properties: INodeProperties[],
	values: INodeParameters,
	description?: INodeTypeDescription,
): INodeParameters {
	return NodeHelpers.getNodeParameters(
		properties,
		values,
		true,
		false,
		nodeVersion,
		description,
	) as INodeParameters;
}

/** The top-level properties n8n shows for these values, in panel order. */
export function visibleProperties(
	properties: INodeProperties[],
	values: INodeParameters,
	description?: INodeTypeDescription,
): INodeProperties[] {
	const full = resolvedParameters(properties, values, description);
	return properties.filter((p) => NodeHelpers.displayParameter(full, p, nodeVersion, description));
}
