import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';
import {
	triggerNodeDescription,
	type NodeIdentity,
	type SharedDescription,
} from '../nodeDescription';

/** Description parts shared by the receipt triggers: the webhook, de-duplication and the URL token. */

/**
 * The webhook's `isFullPath`. With the token as a path segment the webhook path ends in `/:token`. n8n (2.41) routes
 * such dynamic paths only when they are registered as full paths: stored without the webhookId (the URL is still
 * `<webhookId>/<path>`, n8n looks the first segment up as the webhookId), and stored under (path, method) as primary
 * key, so the path itself must be unique across workflows, hence the node's `$webhookId` inside it. A static path keeps
 * n8n's webhookId prefix (isFullPath false). n8n's backend and editor evaluate `isFullPath` as an expression like
 * `path`; its TypeScript type only says boolean, hence the cast.
 */
export const TOKEN_PATH_MODE =
	'={{$parameter["options"]["tokenLocation"] === "path"}}' as unknown as boolean;

/**
 * The shared description fields of a receipt trigger and its one webhook: POST, answered on receipt by the node
 * itself (no `responseData`). `pathStart` is the expression of the path before the optional `/<webhookId>/:token`
 * of the token's path mode, e.g. `"nxcloud-pns"`.
 */
export function receiptTriggerDescription(
	node: NodeIdentity,
	pathStart: string,
): SharedDescription & { webhooks: IWebhookDescription[] } {
	const tokenSuffix =
		'($parameter["options"]["tokenLocation"] === "path" ? "/" + $webhookId + "/:token" : "")';
	return {
		...triggerNodeDescription(node),
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				isFullPath: TOKEN_PATH_MODE,
				path: `={{${pathStart} + ${tokenSuffix}}}`,
			},
		],
	};
}

/**
 * The trailing parameters of a receipt trigger: Deduplicate (`what` identifies a record, `retries` says why the
 * provider may push it again), the window, and the token options.
 */
export function receiptOptions(what: string, retries: string): INodeProperties[] {
	return [...dedupeProperties(what, retries), tokenOptions()];
}

export function dedupeProperties(what: string, retries: string): INodeProperties[] {
	return [
		{
			displayName: 'Deduplicate',
			name: 'deduplicate',
			type: 'boolean',
			default: true,
			description: `Whether to drop a record when one with the same ${what} was received within the window (${retries})`,
		},
		{
			displayName: 'Deduplication Window (Minutes)',
			name: 'deduplicationWindow',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1440 },
			default: 15,
			description:
				'How long a record is remembered after it was last received. ' +
				'Kept in the workflow static data (production runs only), at most 2000 records.',
			displayOptions: { show: { deduplicate: [true] } },
		},
	];
}

export function tokenOptions(): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'A secret the push URL must carry (the provider signs nothing, so anyone who knows the URL could ' +
					'post fake records). Requests without it, or with another one, get HTTP 401 and start nothing. ' +
					'Append it to the URL you give the provider.',
			},
			{
				displayName: 'Token Location',
				name: 'tokenLocation',
				type: 'options',
				options: [
					{
						name: 'Query Parameter',
						value: 'query',
						description: 'Add ?token=YOUR_TOKEN to the URL',
					},
					{
						name: 'Path Segment',
						value: 'path',
						description: 'Replace :token at the end of the URL with your token',
					},
				],
				default: 'query',
				description: 'Where the URL carries the token',
			},
		],
	};
}
