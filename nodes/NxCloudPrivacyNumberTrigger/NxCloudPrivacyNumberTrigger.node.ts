import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { receiptOptions, receiptTriggerDescription } from '../shared/receipts/description';
import { acceptBatch, receivePush } from '../shared/receipts/flow';
import { attachRecordingProperties, withRecordings } from '../shared/receipts/recording';
import { pushUrlLifecycle } from '../shared/receipts/lifecycle';
import { NX_ACK, normalizeNxPush, nxDedupeKey, nxPushes, type NxEvent } from './receipts';

export class NxCloudPrivacyNumberTrigger implements INodeType {
	description: INodeTypeDescription = {
		...receiptTriggerDescription(
			{
				displayName: 'NXCloud Privacy Number Trigger',
				name: 'nxCloudPrivacyNumberTrigger',
				description:
					'Starts the workflow when NXCloud (牛信云) PNS pushes a call result or a "binding not exist" ' +
					'error for a privacy number',
			},
			'"nxcloud-pns"',
		),
		icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
		subtitle: '={{$parameter["events"].join(", ")}}',
		properties: [
			{
				displayName:
					"NXCloud sets the push URL on their side: send this node's Production URL (with the token, if " +
					'you set one) to your NXCloud account manager or support and ask them to use it as the PNS ' +
					'call-record (话单) and error push address of your account.',
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
						description:
							'Someone called an X number that has no binding for them (error push, code 10013)',
					},
					{
						name: 'Other Error Push',
						value: 'otherError',
						description: 'An error push with another code',
					},
				],
				default: ['callResult'],
				description:
					'Which pushes start the workflow. Pushes of other kinds are still acknowledged (HTTP 200) ' +
					'so NXCloud does not retry them.',
			},
			...attachRecordingProperties('recordFile of a call result'),
			...receiptOptions(
				'callId (error pushes: requestId)',
				'NXCloud retries a push that was not answered with HTTP 200, every minute for up to an hour in the ' +
					'flat format',
			),
		],
	};

	webhookMethods = { default: pushUrlLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = receivePush(this, nxPushes);
		if (!received.ok) return received.response;

		const events = this.getNodeParameter('events', ['callResult']) as NxEvent[];
		return acceptBatch(
			this,
			NX_ACK,
			received.parsed.pushes
				.filter(({ event }) => events.includes(event))
				.map(({ push, event, format }) => ({
					key: nxDedupeKey(push, event),
					build: () => normalizeNxPush(push, event, format),
				})),
			async (items) =>
				await withRecordings(
					this,
					items,
					(item) => item.recordFile,
					(item) => item.callId,
				),
		);
	}
}
