import type {
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { receiptOptions, receiptTriggerDescription } from '../shared/receipts/description';
import { acceptBatch, receivePush } from '../shared/receipts/flow';
import { attachRecordingProperties, withRecordings } from '../shared/receipts/recording';
import { pushUrlLifecycle } from '../shared/receipts/lifecycle';
import {
	ALIYUN_ACK,
	ALIYUN_MESSAGE_TYPES,
	aliyunDedupeKey,
	aliyunRecords,
	normalizeAliyunRecord,
} from './receipts';

/** One notice per message type: where the URL goes in the Alibaba Cloud console. */
const consoleNotices: INodeProperties[] = ALIYUN_MESSAGE_TYPES.map((type) => ({
	displayName:
		"Paste this node's Production URL in the Alibaba Cloud Phone Number Protection console: Overview → " +
		`云通信消息接收 (message receiving) → ${type.value} → HTTP batch push (HTTP 批量推送). ` +
		'Alibaba calls one URL per message type, so use one trigger per type. ' +
		'Add the token to the URL if you set one.',
	name: `notice${type.value}`,
	type: 'notice',
	default: '',
	displayOptions: { show: { messageType: [type.value] } },
}));

export class AliyunPhoneNumberProtectionTrigger implements INodeType {
	description: INodeTypeDescription = {
		...receiptTriggerDescription(
			{
				displayName: 'Aliyun Phone Number Protection Trigger',
				name: 'aliyunPhoneNumberProtectionTrigger',
				description:
					'Starts the workflow when Alibaba Cloud Phone Number Protection (号码隐私保护) pushes call ' +
					'receipts: call records, ringing, answered, recordings, ASR, SMS',
			},
			'"dypls/" + $parameter["messageType"]',
		),
		icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
		subtitle: '={{$parameter["messageType"]}}',
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
					'The receipt type this trigger receives. ' +
					'Alibaba pushes each type to its own URL, configured in the console.',
			},
			...consoleNotices,
			...attachRecordingProperties('record_url', { messageType: ['SecretReport'] }),
			...receiptOptions(
				'call ID and message type',
				'Alibaba re-pushes a batch after 1, 5 and 10 minutes when the answer was late, and may send duplicates',
			),
		],
	};

	webhookMethods = { default: pushUrlLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const messageType = this.getNodeParameter('messageType', 'SecretReport') as string;
		const batch = receivePush(this, (body) => aliyunRecords(body, messageType));
		if (!batch.ok) return batch.response;

		return acceptBatch(
			this,
			ALIYUN_ACK,
			batch.parsed.records.map((record: IDataObject) => ({
				key: aliyunDedupeKey(messageType, record),
				build: () => normalizeAliyunRecord(messageType, record),
			})),
			async (items) =>
				messageType === 'SecretReport'
					? await withRecordings(
							this,
							items,
							(item) => item.record_url,
							(item) => item.call_id,
						)
					: items.map((json) => ({ json })),
		);
	}
}
