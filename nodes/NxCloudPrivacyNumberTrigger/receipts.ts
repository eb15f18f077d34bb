import type { IDataObject } from 'n8n-workflow';
import { contentKey } from '../shared/receipts/dedupe';
import { isRecord, nonEmpty, toInteger } from '../shared/receipts/http';
import { epochToIso, receiptTimeToIso } from '../shared/receipts/time';

/**
 * NXCloud PNS pushes (https://github.com/nxtele/http-api-document/wiki): the call result in its flat shape (one
 * object per call) and its leg shape (one entry per call leg in `legList`), and the error push (e.g. code 10013
 * "binding not exist"). Field names stay NXCloud's; values are normalised (numbers coerced, epoch seconds →
 * ISO 8601 +08:00, 0 → null) and the push is kept under `raw`.
 */

export type NxEvent = 'callResult' | 'noBinding' | 'otherError';
export type NxFormat = 'flat' | 'legs';

export const NX_ACK: IDataObject = { code: 0, msg: 'success' };

export const NX_NO_BINDING_CODE = 10013;

const CALL_STATUS: Record<number, string> = {
	0: 'Unknown',
	1: 'Ended normally',
	2: 'Ended abnormally',
};
const HANGUP_BY: Record<number, string> = { 0: 'caller', 1: 'callee' };
const LEG_TYPE: Record<number, string> = {
	1: 'Inbound (caller to X)',
	2: 'Outbound (X to callee)',
};

const FLAT_INTEGERS = [
	'callStatus',
	'duration',
	'hangupCode',
	'hangup',
	'startAt',
	'answerAt',
	'hangupAt',
];
const LEG_INTEGERS = [
	'callType',
	'callStartAt',
	'callRingAt',
	'callAnswerAt',
	'callFinishAt',
	'duration',
	'ringDuration',
	'hangupType',
	'hangupCode',
	'fsCallStatus',
];
const FLAT_TIMES = ['startAt', 'answerAt', 'hangupAt'];
const LEG_TIMES = ['callStartAt', 'callRingAt', 'callAnswerAt', 'callFinishAt'];

function label(table: Record<number, string>, code: number | undefined): string | null {
	if (code === undefined) return null;
	return table[code] ?? `Unknown (${code})`;
}

export type NxClassification =
	{ ok: true; event: NxEvent; format?: NxFormat } | { ok: false; reason: string };

/** The fields that identify a call result (one of them must be present). */
const CALL_IDS = ['callId', 'bindId', 'customerBindId'];

/** What kind of push one JSON object is, or why it is not one. */
export function classifyNxPush(push: IDataObject): NxClassification {
	if (push.legList !== undefined) {
		if (!Array.isArray(push.legList) || !push.legList.every(isRecord)) {
			return { ok: false, reason: 'legList is not an array of objects' };
		}
		if (!CALL_IDS.some((field) => nonEmpty(push[field]))) {
			return {
				ok: false,
				reason: `a call result (legList) that carries none of ${CALL_IDS.join(', ')}`,
			};
		}
		return { ok: true, event: 'callResult', format: 'legs' };
	}
	if (nonEmpty(push.callId)) return { ok: true, event: 'callResult', format: 'flat' };
	const code = toInteger(push.code);
	if (code !== undefined) {
		const params =
			isRecord(push.data) && isRecord(push.data.requestParams) ? push.data.requestParams : {};
		if (!nonEmpty(push.requestId) && !nonEmpty(params.did) && !nonEmpty(params.caller)) {
			return {
				ok: false,
				reason:
					'an error push that carries none of requestId, data.requestParams.did, data.requestParams.caller',
			};
		}
		return { ok: true, event: code === NX_NO_BINDING_CODE ? 'noBinding' : 'otherError' };
	}
	return {
		ok: false,
		reason: 'neither a call result (callId or legList) nor an error push (code)',
	};
}

/** The push body (one object, or an array of them) → its pushes, or why it is malformed. */
export function nxPushes(
	body: unknown,
):
	| { ok: true; pushes: Array<{ push: IDataObject; event: NxEvent; format?: NxFormat }> }
	| { ok: false; reason: string } {
	const list = Array.isArray(body) ? (body as unknown[]) : [body];
	if (list.length === 0) return { ok: false, reason: 'empty array: no pushes' };
	const pushes: Array<{ push: IDataObject; event: NxEvent; format?: NxFormat }> = [];
	for (let i = 0; i < list.length; i++) {
		const push = list[i];
		const where = Array.isArray(body) ? `push ${i}: ` : '';
		if (!isRecord(push)) return { ok: false, reason: `${where}expected a JSON object` };
		const c = classifyNxPush(push);
		if (!c.ok) return { ok: false, reason: `${where}${c.reason}` };
		pushes.push({ push, event: c.event, format: c.format });
	}
	return { ok: true, pushes };
}

function coerceIntegers(target: IDataObject, source: IDataObject, keys: string[]): void {
	for (const key of keys) {
		const n = toInteger(source[key]);
		if (n !== undefined) target[key] = n;
	}
}

function convertTimes(target: IDataObject, keys: string[]): void {
	for (const key of keys) {
		if (target[key] === undefined) continue;
		const n = toInteger(target[key]);
		target[key] = n === undefined ? target[key] : (epochToIso(n) ?? null);
	}
}

function normalizeLeg(leg: IDataObject): IDataObject {
	const out: IDataObject = { ...leg };
	coerceIntegers(out, leg, LEG_INTEGERS);
	convertTimes(out, LEG_TIMES);
	out.callTypeLabel = label(LEG_TYPE, out.callType as number | undefined);
	out.hangupBy = label(HANGUP_BY, out.hangupType as number | undefined);
	return out;
}

function normalizeFlat(push: IDataObject): IDataObject {
	const out: IDataObject = { event: 'callResult', format: 'flat', ...push };
	if (push.id !== undefined && push.id !== null) out.id = String(push.id);
	coerceIntegers(out, push, FLAT_INTEGERS);
	const answerAt = out.answerAt;
	convertTimes(out, FLAT_TIMES);
	out.callStatusLabel = label(CALL_STATUS, out.callStatus as number | undefined);
	out.hangupBy = label(HANGUP_BY, out.hangup as number | undefined);
	out.answered =
		(typeof answerAt === 'number' && answerAt > 0) ||
		(typeof out.duration === 'number' && out.duration > 0);
	return out;
}

function normalizeLegs(push: IDataObject): IDataObject {
	const out: IDataObject = { event: 'callResult', format: 'legs', ...push };
	coerceIntegers(out, push, ['callStatus']);
	out.callStatusLabel = label(CALL_STATUS, out.callStatus as number | undefined);
	const rawLegs = push.legList as IDataObject[];
	const legs = rawLegs.map(normalizeLeg);
	out.legList = legs;
	if (!nonEmpty(out.did) && nonEmpty(push.didX)) out.did = push.didX;
	// call-level summary, in the flat shape's names: the outbound leg (X → callee) carries the conversation
	const ints = rawLegs.map((leg) => {
		const o: IDataObject = {};
		coerceIntegers(o, leg, LEG_INTEGERS);
		return o;
	});
	const outboundIndex = ints.findIndex((leg) => leg.callType === 2);
	const main = outboundIndex >= 0 ? outboundIndex : ints.length - 1;
	const starts = ints.map((l) => l.callStartAt as number).filter((n) => n > 0);
	const finishes = ints.map((l) => l.callFinishAt as number).filter((n) => n > 0);
	const answerAt = main >= 0 ? (ints[main].callAnswerAt as number | undefined) : undefined;
	out.startAt = starts.length ? (epochToIso(Math.min(...starts)) ?? null) : null;
	out.answerAt = answerAt && answerAt > 0 ? (epochToIso(answerAt) ?? null) : null;
	out.hangupAt = finishes.length ? (epochToIso(Math.max(...finishes)) ?? null) : null;
	out.duration = main >= 0 && typeof ints[main].duration === 'number' ? ints[main].duration : 0;
	out.answered = (answerAt ?? 0) > 0;
	const withRecording = rawLegs.find((leg) => nonEmpty(leg.callRecordFile));
	out.recordFile = withRecording ? withRecording.callRecordFile : '';
	if (main >= 0) {
		out.hangupCause = rawLegs[main].hangupCause ?? null;
		out.hangupCode = ints[main].hangupCode ?? null;
		out.hangupBy = label(HANGUP_BY, ints[main].hangupType as number | undefined);
	}
	return out;
}

function normalizeError(event: NxEvent, push: IDataObject): IDataObject {
	const data = isRecord(push.data) ? push.data : {};
	const params = isRecord(data.requestParams) ? data.requestParams : {};
	const occurrence = data.occurrenceTime;
	return {
		event,
		code: toInteger(push.code) ?? push.code,
		msg: push.msg ?? null,
		requestId: push.requestId ?? null,
		action: data.action ?? null,
		caller: params.caller ?? null,
		did: params.did ?? null,
		// a local time string without zone in the docs; read as China time (+08:00) like NXCloud's other times
		occurrenceTime: occurrence === undefined ? null : (receiptTimeToIso(occurrence) ?? occurrence),
	};
}

/** One push → output item JSON (with the push under `raw`). */
export function normalizeNxPush(push: IDataObject, event: NxEvent, format?: NxFormat): IDataObject {
	let out: IDataObject;
	if (event === 'callResult') out = format === 'legs' ? normalizeLegs(push) : normalizeFlat(push);
	else out = normalizeError(event, push);
	out.raw = push;
	return out;
}

/** De-duplication key: the callId of a call result, the requestId of an error push (else a hash of the push). */
export function nxDedupeKey(push: IDataObject, event: NxEvent): string {
	if (event === 'callResult' && nonEmpty(push.callId)) return `call:${push.callId}`;
	if (event !== 'callResult' && nonEmpty(push.requestId)) return `error:${push.requestId}`;
	return contentKey(push);
}
