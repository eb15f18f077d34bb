'use strict';
/*
 * Counters behind GET /__sandbox/stats (requests per action, the busiest second, signature
 * failures, throttling, faults, binds per OutOrderId / customerBindId), the per-account QPS caps
 * and the request log.
 */

/** Sliding 1-second window counter that remembers the largest count it has seen. */
class RollingWindow {
	constructor() {
		this.times = [];
		this.head = 0;
		this.max = 0;
	}

	prune(now) {
		while (this.head < this.times.length && this.times[this.head] <= now - 1000) this.head++;
		// drop the expired prefix once it is most of the array
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
	}

	count(now) {
		this.prune(now);
		return this.times.length - this.head;
	}

	add(now) {
		this.prune(now);
		this.times.push(now);
		const count = this.times.length - this.head;
		if (count > this.max) this.max = count;
		return count;
	}
}

function increment(counts, key) {
	counts[key] = (counts[key] || 0) + 1;
}

function windowOf(windows, key) {
	let window = windows.get(key);
	if (!window) windows.set(key, (window = new RollingWindow()));
	return window;
}

function emptyCounters() {
	return {
		requests: { total: 0, byAction: {} },
		windows: { overall: new RollingWindow(), byAction: new Map() },
		signatureFailures: 0,
		throttled: 0,
		faultsInjected: {},
		faultsApplied: {},
		binds: { total: 0, byOutOrderId: {}, byCustomerBindId: {}, idempotentReplays: {} },
	};
}

function createStats() {
	let counters = emptyCounters();
	return {
		reset() {
			counters = emptyCounters();
		},
		countRequest(action, now) {
			const name = action || '(none)';
			counters.requests.total++;
			increment(counters.requests.byAction, name);
			counters.windows.overall.add(now);
			windowOf(counters.windows.byAction, name).add(now);
		},
		countSignatureFailure() {
			counters.signatureFailures++;
		},
		countThrottled() {
			counters.throttled++;
		},
		countFaultInjected(kind) {
			increment(counters.faultsInjected, kind);
		},
		countFaultApplied(kind) {
			increment(counters.faultsApplied, kind);
		},
		recordBind({ outOrderId, customerBindId }) {
			counters.binds.total++;
			if (outOrderId) increment(counters.binds.byOutOrderId, outOrderId);
			if (customerBindId) increment(counters.binds.byCustomerBindId, customerBindId);
		},
		recordReplay(customerBindId) {
			increment(counters.binds.idempotentReplays, customerBindId);
		},
		/** The JSON of GET /__sandbox/stats. */
		snapshot() {
			const { requests, windows, binds } = counters;
			const byAction = {};
			for (const [action, window] of windows.byAction) byAction[action] = window.max;
			const repeated = (counts) => Object.keys(counts).filter((key) => counts[key] > 1);
			return JSON.parse(
				JSON.stringify({
					requests,
					maxPerSecond: { overall: windows.overall.max, byAction },
					signatureFailures: counters.signatureFailures,
					throttled: counters.throttled,
					faultsInjected: counters.faultsInjected,
					faultsApplied: counters.faultsApplied,
					binds: {
						total: binds.total,
						byOutOrderId: binds.byOutOrderId,
						byCustomerBindId: binds.byCustomerBindId,
						idempotentReplays: binds.idempotentReplays,
						duplicates: {
							outOrderId: repeated(binds.byOutOrderId),
							customerBindId: repeated(binds.byCustomerBindId),
						},
					},
				}),
			);
		},
	};
}

/** Rolling 1-second window per account + action; `getCaps()` answers the current caps or false. */
function createQpsLimiter(getCaps) {
	const windows = new Map();
	return {
		allows(prepared, now) {
			const caps = getCaps();
			if (!caps || !prepared.action || !prepared.account) return true;
			const cap = caps[prepared.action];
			if (cap === undefined) return true;
			const window = windowOf(windows, `${prepared.account}|${prepared.action}`);
			if (window.count(now) >= cap) return false;
			window.add(now);
			return true;
		},
		clear() {
			windows.clear();
		},
	};
}

/** The last `size` API requests, for GET /__sandbox/requests and lastRequests(). */
function createRequestLog(size) {
	const entries = [];
	return {
		push(entry) {
			entries.push(entry);
			if (entries.length > size) entries.splice(0, entries.length - size);
		},
		last(count = 10) {
			return entries.slice(-Math.max(0, count));
		},
	};
}

module.exports = { createStats, createQpsLimiter, createRequestLog };
