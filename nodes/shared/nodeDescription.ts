import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

/**
 * The description fields that the package's nodes build the same way: version 1, the display name doubling as
 * the default node name, the group, and the connections. The node classes keep `icon`, `subtitle`,
 * `usableAsTool` and `credentials` as literals in their own description: the lint rules of
 * @n8n/eslint-plugin-community-nodes read those from the class's object literal (icon files, required fields,
 * tool usability, credential references).
 */

/** What tells one node from another. */
export interface NodeIdentity {
	displayName: string;
	/** the node type's name (camelCase; a trigger's ends in `Trigger`) */
	name: string;
	description: string;
}

type SharedFields =
	'displayName' | 'name' | 'description' | 'group' | 'version' | 'defaults' | 'inputs' | 'outputs';

export type SharedDescription = Pick<INodeTypeDescription, SharedFields>;

/** The subtitle of the action nodes: "<operation>: <resource>". */
export const OPERATION_SUBTITLE = '={{$parameter["operation"] + ": " + $parameter["resource"]}}';

function sharedFields(node: NodeIdentity, trigger: boolean): SharedDescription {
	return {
		displayName: node.displayName,
		name: node.name,
		group: [trigger ? 'trigger' : 'transform'],
		version: 1,
		description: node.description,
		defaults: { name: node.displayName },
		inputs: trigger ? [] : [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
	};
}

/** An action node: one main input and output (group `transform`). */
export function actionNodeDescription(node: NodeIdentity): SharedDescription {
	return sharedFields(node, false);
}

/** A trigger node: no input, one main output (group `trigger`). */
export function triggerNodeDescription(node: NodeIdentity): SharedDescription {
	return sharedFields(node, true);
}
