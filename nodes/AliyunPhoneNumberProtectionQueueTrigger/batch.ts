import type { IDataObject, INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';
import { createDeduper } from '../shared/receipts/dedupe';
import {
	aliyunDedupeKey,
	normalizeAliyunRecord,
} from '../AliyunPhoneNumberProtectionTrigger/receipts';
import type { MnsMessage } from './mns';
import { messageRecords } from './messages';

/**
 * Received messages → what to emit and what to delete. Records are normalised and de-duplicated exactly as the push
 * trigger does it (its normaliser and dedupe key, the shared deduper in the workflow static data); a key is only
 * written to the static data once its execution has finished (rememberKeys), so a record whose execution did not
 * finish is not taken for a duplicate when it comes back.
 */

export interface QueueSettings {
	messageType: string;
	queueName: string;
	/** long-polling wait of each receive, 1–30 s */
	waitSeconds: number;
	deduplicate: boolean;
	windowMs: number;
	/** 'finished': delete after the execution ended; 'succeeded': only after it ended without error */
	deleteWhen: 'finished' | 'succeeded';
}

export interface Batch {
	items: INodeExecutionData[];
	/** dedupe keys of the emitted records */
	keys: string[];
	/** receipt handles of the messages the emitted records came from */
	handles: string[];
	/** receipt handles of messages to delete at once: already processed, or not receipts at all */
	dropped: string[];
}

/** Messages of one receive → the batch. Duplicates are looked up without being recorded. */
export function buildBatch(
	ctx: ITriggerFunctions,
	settings: QueueSettings,
	messages: MnsMessage[],
): Batch {
	const { messageType } = settings;
	// a peek: the deduper's own copy marks the keys (so repeats inside the batch count), nothing is committed here
	const deduper = createDeduper(ctx.getWorkflowStaticData('node'), settings.windowMs, Date.now());
	const batch: Batch = { items: [], keys: [], handles: [], dropped: [] };
	for (const message of messages) {
		const parsed = messageRecords(message.body, messageType);
		if (!parsed.ok) {
			ctx.logger.warn(
				`Aliyun receipt queue ${settings.queueName}: message ${message.messageId} dropped: ${parsed.reason}`,
			);
			batch.dropped.push(message.receiptHandle);
			continue;
		}
		const fresh = parsed.records.filter((record) => {
			const key = aliyunDedupeKey(messageType, record);
			if (settings.deduplicate && deduper.isDuplicate(key)) return false;
			batch.keys.push(key);
			return true;
		});
		if (fresh.length === 0) {
			batch.dropped.push(message.receiptHandle);
			continue;
		}
		batch.handles.push(message.receiptHandle);
		batch.items.push(
			...ctx.helpers.returnJsonArray(
				fresh.map((record: IDataObject) => normalizeAliyunRecord(messageType, record)),
			),
		);
	}
	return batch;
}

/** The keys of a finished execution, into the static data's dedupe set. */
export function rememberKeys(
	ctx: ITriggerFunctions,
	settings: QueueSettings,
	keys: string[],
): void {
	const deduper = createDeduper(ctx.getWorkflowStaticData('node'), settings.windowMs, Date.now());
	for (const key of keys) deduper.isDuplicate(key);
	deduper.commit();
}
