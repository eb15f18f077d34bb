'use strict';
/*
 * The sandbox's knobs: latency and jitter, injected faults, per-action QPS caps and the receivers
 * of simulated call receipts. configure() merges a partial change and validates it.
 */

const { DEFAULT_QPS } = require('./aliyun');

const FAULT_KINDS = ['throttle', 'http500', 'http503', 'reset', 'hang', 'html', 'truncated'];
/** Fault kinds used when faults.kinds is omitted ('hang' must be asked for explicitly). */
const DEFAULT_FAULT_KINDS = FAULT_KINDS.filter((kind) => kind !== 'hang');
const RECEIPT_FORMATS = ['flat', 'legs'];

/**
 * `true` restores the documented defaults, `false` / null disables every cap, an object is merged
 * over the current caps (or the defaults) with null / undefined / Infinity removing one cap.
 */
function normalizeQps(qps, current) {
	if (qps === false || qps === null) return false;
	if (qps === true) return { ...DEFAULT_QPS };
	if (qps === undefined) {
		return current === undefined || current === false ? { ...DEFAULT_QPS } : current;
	}
	if (typeof qps !== 'object') throw new TypeError('qps must be an object, true or false');
	const caps = current && current !== false ? { ...current } : { ...DEFAULT_QPS };
	for (const [action, value] of Object.entries(qps)) {
		if (value === null || value === undefined || value === Infinity) {
			delete caps[action];
			continue;
		}
		const cap = Number(value);
		if (!Number.isFinite(cap) || cap < 0) {
			throw new TypeError(`qps.${action} must be a non-negative number`);
		}
		caps[action] = cap;
	}
	return caps;
}

/** `{ rate, kinds }`, or null when no fault is to be injected. */
function normalizeFaults(faults) {
	if (!faults) return null;
	const rate = Number(faults.rate || 0);
	if (!(rate >= 0 && rate <= 1)) throw new TypeError('faults.rate must be within 0..1');
	const kinds = faults.kinds && faults.kinds.length ? [...faults.kinds] : [...DEFAULT_FAULT_KINDS];
	for (const kind of kinds) {
		if (!FAULT_KINDS.includes(kind)) {
			throw new TypeError(`unknown fault kind ${kind}; known: ${FAULT_KINDS.join(', ')}`);
		}
	}
	return rate > 0 ? { rate, kinds } : null;
}

function mergeCallbacks(callbacks, change) {
	const given = change || {};
	if (given.aliyun !== undefined) {
		callbacks.aliyun = { ...callbacks.aliyun, ...(given.aliyun || {}) };
	}
	if (given.nxcloud !== undefined) callbacks.nxcloud = given.nxcloud || null;
	if (given.aliyunQueues !== undefined) {
		callbacks.aliyunQueues = { ...callbacks.aliyunQueues, ...(given.aliyunQueues || {}) };
	}
	if (given.nxcloudFormat !== undefined) {
		if (!RECEIPT_FORMATS.includes(given.nxcloudFormat)) {
			throw new TypeError("callbacks.nxcloudFormat must be 'flat' or 'legs'");
		}
		callbacks.nxcloudFormat = given.nxcloudFormat;
	}
}

/** MNS knobs: how long a received message stays invisible, how long a queue token lives. */
function mergeMns(current, change) {
	const next = { ...current };
	for (const key of ['visibilityTimeoutMs', 'tokenTtlMs']) {
		if (change && change[key] !== undefined) next[key] = Math.max(1, Number(change[key]) || 1);
	}
	return next;
}

function nonNegativeMs(value) {
	return Math.max(0, Number(value) || 0);
}

function createConfig() {
	return {
		latencyMs: 0,
		jitterMs: 0,
		faults: null,
		qps: { ...DEFAULT_QPS },
		callbacks: { aliyun: {}, nxcloud: null, nxcloudFormat: 'flat', aliyunQueues: {} },
		mns: { visibilityTimeoutMs: 30000, tokenTtlMs: 3600000 },
	};
}

/** A deep copy, safe to hand out. */
function copyConfig(config) {
	return JSON.parse(JSON.stringify(config));
}

/** Apply the fields present in `change`; returns the resulting configuration (a copy). */
function applyConfig(config, change = {}) {
	if (change.latencyMs !== undefined) config.latencyMs = nonNegativeMs(change.latencyMs);
	if (change.jitterMs !== undefined) config.jitterMs = nonNegativeMs(change.jitterMs);
	if (change.faults !== undefined) config.faults = normalizeFaults(change.faults);
	if (change.qps !== undefined) config.qps = normalizeQps(change.qps, config.qps);
	if (change.callbacks !== undefined) mergeCallbacks(config.callbacks, change.callbacks);
	if (change.mns !== undefined) config.mns = mergeMns(config.mns, change.mns);
	return copyConfig(config);
}

module.exports = { FAULT_KINDS, createConfig, copyConfig, applyConfig };
