import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { dedupeProperties, tokenOptions } from '../shared/receipts/description';
import { acceptBatch, rejectRequest } from '../shared/receipts/flow';
import { readJsonBody, tokenAccepted, type TokenOptions } from '../shared/receipts/http';
import { forgetUrl, recordUrl, urlRecorded } from '../shared/receipts/lifecycle';
import { NX_ACK, normalizeNxPush, nxDedupeKey, nxPushes, type NxEvent } from '../shared/receipts/nxcloud';

/**
 * With the token as a path segment the webhook path ends in `/:token`. n8n (2.41) routes such dynamic paths only when
 * they are registered as full paths: stored without the webhookId (the URL is still `<webhookId>/<path>`, n8n looks
 * the first segment up as the webhookId), and stored under (path, method) as primary key, so the path itself must be
 * unique across workflows, hence the node's `$webhookId` inside it. A static path keeps n8n's webhookId prefix
 * (isFullPath false). n8n's backend and editor evaluate `isFullPath` as an expression like `path`; its TypeScript type
 * only says boolean, hence the cast.
 */
const PATH_MODE = '={{$parameter["options"]["tokenLocation"] === "path"}}' as unknown as boolean;

export class NxCloudPrivacyNumberTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NXCloud Privacy Number Trigger',
		name: 'nxCloudPrivacyNumberTrigger',
		icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when NXCloud (牛信云) PNS pushes a call result or a "binding not exist" error for a privacy number',
		defaults: { name: 'NXCloud Privacy Number Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// see PATH_MODE
				isFullPath: PATH_MODE,
				path: '={{"nxcloud-pns" + ($parameter["options"]["tokenLocation"] === "path" ? "/" + $webhookId + "/:token" : "")}}',
			},
		],
		properties: [
			{
				displayName:
					"NXCloud sets the push URL on their side: send this node's Production URL (with the token, if you set one) to your NXCloud account manager or support and ask them to use it as the PNS call-record (话单) and error push address of your account.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Call Result',
						value: 'callResult',
						description: 'A call through a privacy number ended (flat or legList format)',
					},
					{
						name: 'No-Binding Error',
						value: 'noBinding',
						description: 'Someone called an X number that has no binding for them (error push, code 10013)',
					},
					{
						name: 'Other Error Push',
						value: 'otherError',
						description: 'An error push with another code',
					},
				],
				default: ['callResult'],
				description:
					'Which pushes start the workflow. Pushes of other kinds are still acknowledged (HTTP 200) so NXCloud does not retry them.',
			},
			...dedupeProperties(
				'callId (error pushes: requestId)',
				'NXCloud retries a push that was not answered with HTTP 200, every minute for up to an hour in the flat format',
			),
			tokenOptions(),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await urlRecorded.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await recordUrl.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await forgetUrl.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TokenOptions;
		if (!tokenAccepted(this, options)) return { noWebhookResponse: true };

		const body = readJsonBody(this);
		if (!body.ok) return rejectRequest(this, 400, body.reason);
		const parsed = nxPushes(body.value);
		if (!parsed.ok) return rejectRequest(this, 400, parsed.reason);

		const events = this.getNodeParameter('events', ['callResult']) as NxEvent[];
		return acceptBatch(
			this,
			NX_ACK,
			parsed.pushes
				.filter(({ event }) => events.includes(event))
				.map(({ push, event, format }) => ({
					key: nxDedupeKey(push, event),
					build: () => normalizeNxPush(push, event, format),
				})),
		);
	}
}
