import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';
import { triggerNodeDescription } from '../shared/nodeDescription';
import { dedupeProperties } from '../shared/receipts/description';
import { windowMs } from '../shared/receipts/dedupe';
import { ALIYUN_MESSAGE_TYPES } from '../AliyunPhoneNumberProtectionTrigger/receipts';
import { QueueConsumer, type QueueSettings } from './consumer';
import { queueEndpoints, queryTokenForMnsQueue, TokenCache } from './token';

/** The push trigger's types, plus the one Alibaba delivers to queues only. Sorted by name. */
const QUEUE_MESSAGE_TYPES = [
	...ALIYUN_MESSAGE_TYPES,
	{
		value: 'SecretExceptionPhoneReport',
		name: 'SecretExceptionPhoneReport (X Number Abnormal)',
		description: 'An X number became abnormal or normal again (queue only)',
	},
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

interface QueueOptions {
	deleteWhen?: 'finished' | 'succeeded';
	dybaseapiEndpoint?: string;
	mnsEndpoint?: string;
}

/** The console's queue name, or just the account id (aliUid) → `Alicom-Queue-<aliUid>-<MessageType>`. */
export function resolveQueueName(given: string, messageType: string): string {
	const text = given.trim();
	return /^\d+$/.test(text) ? `Alicom-Queue-${text}-${messageType}` : text;
}

async function credentialsOf(ctx: ITriggerFunctions): Promise<ICredentialDataDecryptedObject> {
	return await ctx.getCredentials('alibabaCloudApi');
}

export class AliyunPhoneNumberProtectionQueueTrigger implements INodeType {
	description: INodeTypeDescription = {
		...triggerNodeDescription({
			displayName: 'Aliyun Phone Number Protection (Queue) Trigger',
			name: 'aliyunPhoneNumberProtectionQueueTrigger',
			description:
				'Starts the workflow with call receipts that Alibaba Cloud Phone Number Protection (号码隐私保护) keeps in ' +
				'its MNS message queue: no public URL needed, nothing lost while n8n is down',
		}),
		icon: { light: 'file:../../icons/aliyun.svg', dark: 'file:../../icons/aliyun.dark.svg' },
		subtitle: '={{$parameter["messageType"]}}',
		credentials: [{ name: 'alibabaCloudApi', required: true }],
		properties: [
			{
				displayName:
					'In the Alibaba Cloud Phone Number Protection console choose Overview → 云通信消息接收 ' +
					'(message receiving) → the message type → MNS queue (MNS 队列), and copy the queue name shown there. ' +
					'One trigger per message type.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Message Type',
				name: 'messageType',
				type: 'options',
				noDataExpression: true,
				options: QUEUE_MESSAGE_TYPES.map((type) => ({
					name: type.name,
					value: type.value,
					description: type.description,
				})),
				default: 'SecretReport',
				description: 'The receipt type this trigger reads. Each type has its own queue.',
			},
			{
				displayName: 'Queue Name',
				name: 'queueName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. Alicom-Queue-1234567890123456-SecretReport',
				description:
					'The queue name as the console shows it (Alicom-Queue-&lt;account ID&gt;-&lt;message type&gt;), or just your ' +
					'Alibaba Cloud account ID',
			},
			{
				displayName: 'Wait Time (Seconds)',
				name: 'waitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 30 },
				default: 30,
				description:
					'How long each request waits for a message to arrive (MNS long polling). Longer means fewer requests.',
			},
			...dedupeProperties(
				'call ID and message type',
				'a message whose deletion failed comes back, and Alibaba may deliver a receipt twice',
			),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Delete Messages',
						name: 'deleteWhen',
						type: 'options',
						options: [
							{
								name: 'When the Execution Finishes',
								value: 'finished',
								description: 'Failed executions are not retried (use an error workflow)',
							},
							{
								name: 'When the Execution Succeeds',
								value: 'succeeded',
								description:
									"Messages of a failed execution stay in the queue and are received again after the queue's visibility timeout",
							},
						],
						default: 'finished',
						description:
							'When the messages of an execution are deleted from the queue. Never before the execution has finished.',
					},
					{
						displayName: 'Dybaseapi Endpoint',
						name: 'dybaseapiEndpoint',
						type: 'string',
						default: '',
						placeholder: 'https://dybaseapi.aliyuncs.com',
						description:
							"Where QueryTokenForMnsQueue is sent. Empty: dybaseapi.aliyuncs.com, or the credential's Endpoint when " +
							'that is not the Alibaba Cloud one (a proxy or the sandbox).',
					},
					{
						displayName: 'MNS Endpoint',
						name: 'mnsEndpoint',
						type: 'string',
						default: '',
						placeholder: 'https://1943695596114318.mns.cn-hangzhou.aliyuncs.com',
						description:
							"The MNS account that holds the queue. Empty: Alibaba's (1943695596114318, cn-hangzhou), or the " +
							"credential's Endpoint when that is not the Alibaba Cloud one.",
					},
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const messageType = this.getNodeParameter('messageType', 'SecretReport') as string;
		const queueName = resolveQueueName(
			this.getNodeParameter('queueName', '') as string,
			messageType,
		);
		if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,255}$/.test(queueName)) {
			throw new NodeOperationError(
				this.getNode(),
				`Queue Name "${queueName}" is not an MNS queue name`,
			);
		}
		if (!queueName.endsWith(`-${messageType}`)) {
			throw new NodeOperationError(
				this.getNode(),
				`Queue Name "${queueName}" is not a ${messageType} queue (Alicom-Queue-<account ID>-${messageType})`,
			);
		}
		const options = this.getNodeParameter('options', {}) as QueueOptions;
		const waitSeconds = Math.min(
			30,
			Math.max(1, Math.round(Number(this.getNodeParameter('waitSeconds', 30)))),
		);
		const settings: QueueSettings = {
			messageType,
			queueName,
			waitSeconds: Number.isFinite(waitSeconds) ? waitSeconds : 30,
			deduplicate: this.getNodeParameter('deduplicate', true) === true,
			windowMs: windowMs(this.getNodeParameter('deduplicationWindow', 15)),
			deleteWhen: options.deleteWhen === 'succeeded' ? 'succeeded' : 'finished',
		};
		const credentials = await credentialsOf(this);
		const endpoints = queueEndpoints(credentials, options);
		const tokens = new TokenCache(
			async () =>
				await queryTokenForMnsQueue(this, credentials, endpoints.dybaseapi, messageType, queueName),
		);
		const consumer = new QueueConsumer(this, settings, tokens, endpoints.mns);

		if (this.getMode() === 'manual') {
			return {
				closeFunction: async () => await consumer.close(),
				manualTriggerFunction: async () => await consumer.once(),
			};
		}
		// fail the activation at once on unusable keys or a wrong queue, instead of in the background
		try {
			await tokens.get();
		} catch (error) {
			throw consumer.apiError(error);
		}
		consumer.start();
		return { closeFunction: async () => await consumer.close() };
	}
}
