import type { IDataObject } from 'n8n-workflow';
import { contentKey } from '../shared/receipts/dedupe';
import { nonEmpty, toInteger } from '../shared/receipts/http';
import { receiptTimeToIso, receiptTimeToMs } from '../shared/receipts/time';

/**
 * Alibaba Cloud Phone Number Protection receipts (HTTP batch push: each message type is POSTed as a JSON array of
 * records to the URL set for it in the console): the message types a trigger can receive, and the normalisation
 * of one record. Field names stay Alibaba's (snake_case, plus the
 * odd camelCase ones the docs show); values are normalised and the untouched record is kept under `raw`.
 */

export interface AliyunMessageType {
	value: string;
	name: string;
	description: string;
}

/** Sorted by name (n8n lint wants sorted options). SecretExceptionPhoneReport is MNS-only, so not offered. */
export const ALIYUN_MESSAGE_TYPES: AliyunMessageType[] = [
	{
		value: 'NumberManagementReport',
		name: 'NumberManagementReport (X Number Created or Deleted)',
		description: 'An X number was added to or removed from your pools',
	},
	{
		value: 'SecretAsrReport',
		name: 'SecretAsrReport (Speech-to-Text Result)',
		description: 'The ASR transcript of a recorded call is ready',
	},
	{
		value: 'SecretPickUpReport',
		name: 'SecretPickUpReport (Call Answered)',
		description: 'The callee picked up',
	},
	{
		value: 'SecretRecording',
		name: 'SecretRecording (Recording Ready)',
		description:
			'The recording of a call can be downloaded (fetch it with Get Recording Download URL)',
	},
	{
		value: 'SecretReport',
		name: 'SecretReport (Call Record After Hang-Up)',
		description: 'The call detail record, pushed after the call ended',
	},
	{
		value: 'SecretRingReport',
		name: 'SecretRingReport (Callee Ringing)',
		description: "The callee's phone is ringing",
	},
	{
		value: 'SecretSmsIntercept',
		name: 'SecretSmsIntercept (SMS Content Report)',
		description: 'An SMS sent to an X number was intercepted or forwarded',
	},
	{
		value: 'SecretStartReport',
		name: 'SecretStartReport (Call Started)',
		description: 'A call to an X number was initiated',
	},
	{
		value: 'SmartLogisticsReport',
		name: 'SmartLogisticsReport (Logistics Number Report)',
		description: 'A receipt of the smart logistics (waybill) numbers',
	},
];

export const ALIYUN_ACK: IDataObject = { code: 0, msg: '成功' };

const CALL_TYPE: Record<number, string> = {
	0: 'A called peer',
	1: 'Peer called A',
	2: 'SMS sent',
	3: 'SMS received',
	4: 'Intercepted',
};
const RELEASE_DIR: Record<number, string> = {
	0: 'Platform',
	1: 'Caller hung up',
	2: 'Callee hung up',
};
const UNCONNECTED_CAUSE: Record<number, string> = {
	0: 'Normal',
	1: 'Blacklist block',
	2: 'No binding',
	3: 'Call restriction',
	4: 'Other',
};
const NUMBER_STATUS: Record<number, string> = { 1: 'Created', 2: 'Deleted' };
const VENDOR: Record<number, string> = { 1: 'China Mobile', 2: 'China Unicom', 3: 'China Telecom' };
const SMS_TYPE: Record<number, string> = { 1: 'Intercepted', 3: 'Smart SMS' };

/** coded field → its label table (status/vendor/sms_type only mean this in their own message type) */
const LABELLED: Array<[string, Record<number, string>]> = [
	['call_type', CALL_TYPE],
	['release_dir', RELEASE_DIR],
	['unconnected_cause', UNCONNECTED_CAUSE],
];
const LABELLED_BY_TYPE: Record<string, Array<[string, Record<number, string>]>> = {
	NumberManagementReport: [
		['status', NUMBER_STATUS],
		['vendor', VENDOR],
	],
	SecretSmsIntercept: [['sms_type', SMS_TYPE]],
};

/** integer fields that may arrive as digit strings */
const INTEGER_FIELDS = ['release_cause', 'sms_number', 'noStatus'];

/** binding / record ids: always strings, so ids beyond 2^53 are exact (the body parser keeps their digits) */
const ID_FIELDS = ['sub_id', 'subs_id', 'id'];

function isTimeField(key: string): boolean {
	return /_time$|Time$/.test(key) || key === 'timestamp';
}

function label(table: Record<number, string>, code: number): string {
	return table[code] ?? `Unknown (${code})`;
}

/** One receipt record → output item JSON. */
export function normalizeAliyunRecord(messageType: string, record: IDataObject): IDataObject {
	const out: IDataObject = { message_type: messageType };
	for (const [key, value] of Object.entries(record)) {
		if (ID_FIELDS.includes(key) && (typeof value === 'number' || typeof value === 'string')) {
			out[key] = String(value);
		} else if (isTimeField(key)) {
			out[key] = receiptTimeToIso(value) ?? value;
		} else {
			out[key] = value;
		}
	}
	if (out.sub_id === undefined && out.subs_id !== undefined) out.sub_id = out.subs_id;
	// the NumberManagementReport doc table spells its fields in camelCase; offer the snake_case names too
	if (out.secret_no === undefined && record.secretNo !== undefined) out.secret_no = record.secretNo;
	for (const key of INTEGER_FIELDS) {
		const n = toInteger(record[key]);
		if (n !== undefined) out[key] = n;
	}
	for (const [key, table] of [...LABELLED, ...(LABELLED_BY_TYPE[messageType] ?? [])]) {
		const n = toInteger(record[key]);
		if (n === undefined) continue;
		out[key] = n;
		out[`${key}_label`] = label(table, n);
	}
	if (record.start_time !== undefined && record.release_time !== undefined) {
		const start = receiptTimeToMs(record.start_time);
		const release = receiptTimeToMs(record.release_time);
		if (start !== undefined && release !== undefined) {
			const duration = Math.max(0, Math.round((release - start) / 1000));
			out.duration = duration;
			out.connected = duration > 0;
		}
	}
	out.raw = record;
	return out;
}

/** De-duplication key: message type + call_id (else the record id, else a hash of the record). */
export function aliyunDedupeKey(messageType: string, record: IDataObject): string {
	const callId = record.call_id;
	if (typeof callId === 'string' && callId !== '') return `${messageType}:${callId}`;
	if (typeof callId === 'number') return `${messageType}:${callId}`;
	const id = record.id;
	if (typeof id === 'string' || typeof id === 'number') return `${messageType}:id:${id}`;
	return `${messageType}:${contentKey(record)}`;
}

/** The fields that identify a record of each message type (a record needs one of them to be a receipt at all). */
const CALL_RECORD_IDS = ['call_id', 'sub_id', 'subs_id', 'id'];
const IDENTIFYING_FIELDS: Record<string, string[]> = {
	NumberManagementReport: ['secret_no', 'secretNo'],
	SecretExceptionPhoneReport: ['secretNo', 'secret_no'],
	SmartLogisticsReport: [...CALL_RECORD_IDS, 'secret_no'],
};

/** The push body → its records, or why it is not a receipt batch of `messageType`. */
export function aliyunRecords(
	body: unknown,
	messageType: string,
): { ok: true; records: IDataObject[] } | { ok: false; reason: string } {
	if (!Array.isArray(body)) {
		return { ok: false, reason: 'expected a JSON array of receipts' };
	}
	if (body.length === 0) return { ok: false, reason: 'empty array: no receipts' };
	const identifying = IDENTIFYING_FIELDS[messageType] ?? CALL_RECORD_IDS;
	for (let i = 0; i < body.length; i++) {
		const r = body[i] as unknown;
		if (typeof r !== 'object' || r === null || Array.isArray(r)) {
			return { ok: false, reason: `receipt ${i} is not a JSON object` };
		}
		if (!identifying.some((field) => nonEmpty((r as IDataObject)[field]))) {
			return {
				ok: false,
				reason: `receipt ${i} carries none of ${identifying.join(', ')}, which identify a ${messageType}`,
			};
		}
	}
	return { ok: true, records: body as IDataObject[] };
}
