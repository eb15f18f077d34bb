import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	ALIYUN_ACK,
	ALIYUN_MESSAGE_TYPES,
	aliyunDedupeKey,
	aliyunRecords,
	normalizeAliyunRecord,
} from '../shared/receipts/aliyun';
import { dedupeProperties, tokenOptions } from '../shared/receipts/description';
import { acceptBatch, rejectRequest } from '../shared/receipts/flow';
import { readJsonBody, tokenAccepted, type TokenOptions } from '../shared/receipts/http';
import { forgetUrl, recordUrl, urlRecorded } from '../shared/receipts/lifecycle';

/** One notice per message type: where the URL goes in the Alibaba Cloud console. */
const consoleNotices: INodeProperties[] = ALIYUN_MESSAGE_TYPES.map((type) => ({
	displayName: `Paste this node's Production URL in the Alibaba Cloud Phone Number Protection console: Overview → 云通信消息接收 (message receiving) → ${type.value} → HTTP batch push (HTTP 批量推送). Alibaba calls one URL per message type, so use one trigger per type. Add the token to the URL if you set one.`,
	name: `notice${type.value}`,
	type: 'notice',
	default: '',
	displayOptions: { show: { messageType: [type.value] } },
}));

/**
 * With the token as a path segment the webhook path ends in `/:token`. n8n (2.41) routes such dynamic paths only when
 * they are registered as full paths: stored without the webhookId (the URL is still `<webhookId>/<path>`, n8n looks
 * the first segment up as the webhookId), and stored under (path, method) as primary key, so the path itself must be
 * unique across workflows, hence the node's `$webhookId` inside it. A static path keeps n8n's webhookId prefix
 * (isFullPath false). n8n's backend and editor evaluate `isFullPath` as an expression like `path`; its TypeScript type
 * only says boolean, hence the cast.
 */
const PATH_MODE = '={{$parameter["options"]["tokenLocation"] === "path"}}' as unknown as boolean;

export class AliyunPhoneNumberProtectionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aliyun Phone Number Protection Trigger',
		name: 'aliyunPhoneNumberProtectionTrigger',
		icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["messageType"]}}',
		description:
			'Starts the workflow when Alibaba Cloud Phone Number Protection (号码隐私保护) pushes call receipts: call records, ringing, answered, recordings, ASR, SMS',
		defaults: { name: 'Aliyun Phone Number Protection Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// see PATH_MODE
				isFullPath: PATH_MODE,
				path: '={{"dypls/" + $parameter["messageType"] + ($parameter["options"]["tokenLocation"] === "path" ? "/" + $webhookId + "/:token" : "")}}',
			},
		],
		properties: [
			{
				displayName: 'Message Type',
				name: 'messageType',
				type: 'options',
				noDataExpression: true,
				options: ALIYUN_MESSAGE_TYPES.map((type) => ({
					name: type.name,
					value: type.value,
					description: type.description,
				})),
				default: 'SecretReport',
				description:
					'The receipt type this trigger receives. Alibaba pushes each type to its own URL, configured in the console.',
			},
			...consoleNotices,
			...dedupeProperties(
				'call ID and message type',
				'Alibaba re-pushes a batch after 1, 5 and 10 minutes when the answer was late, and may send duplicates',
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
		const batch = aliyunRecords(body.value);
		if (!batch.ok) return rejectRequest(this, 400, batch.reason);

		const messageType = this.getNodeParameter('messageType', 'SecretReport') as string;
		return acceptBatch(
			this,
			ALIYUN_ACK,
			batch.records.map((record: IDataObject) => ({
				key: aliyunDedupeKey(messageType, record),
				build: () => normalizeAliyunRecord(messageType, record),
			})),
		);
	}
}
