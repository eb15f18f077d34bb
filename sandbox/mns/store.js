'use strict';
/*
 * The MNS side of the sandbox's state: the Alicom receipt queues (one per queue name, kept while
 * nobody reads them), the temporary credentials QueryTokenForMnsQueue hands out, and a log of the
 * queue operations. Created on first use as `state.mns` (reset() drops it with the rest of the state).
 */

const crypto = require('node:crypto');
const { randomHex } = require('../util');

/** The sandbox account's Alibaba Cloud account id (aliUid), as the console shows it in queue names. */
const SANDBOX_ALI_UID = '1234567890123456';
const QUEUE_PREFIX = 'Alicom-Queue-';
const DEFAULT_MNS_SETTINGS = { visibilityTimeoutMs: 30000, tokenTtlMs: 3600000 };

function mnsOf(state) {
	if (!state.mns) {
		state.mns = {
			/** queue name -> { name, messages: [...] } */
			queues: new Map(),
			/** temporary AccessKeyId -> { accessKeyId, secret, securityToken, queueName, messageType, createdAt, expireAt } */
			tokens: new Map(),
			tokenRequests: 0,
			/** [{ at, op, queue, status, code?, count? }] */
			log: [],
		};
	}
	return state.mns;
}

function queueName(messageType, aliUid = SANDBOX_ALI_UID) {
	return `${QUEUE_PREFIX}${aliUid}-${messageType}`;
}

/** `Alicom-Queue-<aliUid>-<MessageType>` → its parts, or null. */
function parseQueueName(name) {
	const match = /^Alicom-Queue-(\d+)-([A-Za-z]+)$/.exec(String(name || ''));
	return match ? { aliUid: match[1], messageType: match[2] } : null;
}

function queueOf(mns, name) {
	let queue = mns.queues.get(name);
	if (!queue) {
		queue = { name, messages: [] };
		mns.queues.set(name, queue);
	}
	return queue;
}

function md5Upper(text) {
	return crypto.createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
}

/** Put one message body (a string) in a queue; returns the message. */
function enqueue(state, name, body, now = Date.now()) {
	const queue = queueOf(mnsOf(state), name);
	const message = {
		messageId: randomHex(16).toUpperCase(),
		body,
		bodyMd5: md5Upper(body),
		enqueueTime: now,
		firstDequeueTime: 0,
		nextVisibleTime: now,
		dequeueCount: 0,
		priority: 8,
		receiptHandle: null,
	};
	queue.messages.push(message);
	return message;
}

/**
 * Receipts of a simulated call → the queues configured for their message types
 * (`callbacks.aliyunQueues`: { SecretReport: true | 'base64' }). Each record is one message whose body
 * is the record's JSON (Base64 of it with 'base64'). Returns [{ type, queue, messageId }].
 */
function enqueueReceipts(state, queues, receipts, now = Date.now()) {
	const queued = [];
	for (const [type, record] of receipts) {
		const mode = queues && queues[type];
		if (!mode) continue;
		const json = JSON.stringify(record);
		const body = mode === 'base64' ? Buffer.from(json, 'utf8').toString('base64') : json;
		const name = queueName(type);
		const message = enqueue(state, name, body, now);
		queued.push({ type, queue: name, messageId: message.messageId });
	}
	return queued;
}

/** What a test may inspect: per queue, its messages and whether each is visible now. */
function snapshot(state, now = Date.now()) {
	const mns = mnsOf(state);
	const queues = {};
	for (const [name, queue] of mns.queues) {
		queues[name] = queue.messages.map((m) => ({
			messageId: m.messageId,
			body: m.body,
			dequeueCount: m.dequeueCount,
			visible: m.nextVisibleTime <= now,
		}));
	}
	return { queues, tokenRequests: mns.tokenRequests, tokens: mns.tokens.size, log: [...mns.log] };
}

module.exports = {
	SANDBOX_ALI_UID,
	DEFAULT_MNS_SETTINGS,
	mnsOf,
	queueName,
	parseQueueName,
	queueOf,
	enqueue,
	enqueueReceipts,
	snapshot,
	md5Upper,
};
