'use strict';
/* Helpers shared by the example specs (not a case: no sibling workflow). */

/** Sandbox request log entries of one action; every one must carry a signature the sandbox verified. */
function signedRequests(assert, requests, action) {
	const hits = requests.filter((r) => r.action === action);
	for (const r of hits) assert.equal(r.verified, true, `${r.provider} ${action} request was not signed correctly: ` +
		`${JSON.stringify(r.response)}`);
	return hits;
}

/** All requests of the case reached the sandbox signed and verified. */
function allVerified(assert, requests) {
	const bad = requests.filter((r) => !r.verified);
	assert.deepEqual(
		bad.map((r) => `${r.provider}:${r.action}`),
		[],
		`unverified requests: ${JSON.stringify(bad.map((r) => r.response))}`,
	);
}

/** 'yyyy-MM-dd HH:mm:ss' in China time (as the Aliyun API writes it) → epoch ms. */
function chinaTimeMs(s) {
	return Date.parse(`${String(s).replace(' ', 'T')}+08:00`);
}

/** The bindings example 1 created, needed by examples 2, 3 and 5. */
function needBindings(shared, n = 1) {
	const list = shared.bindings || [];
	if (list.length < n) {
		throw new Error(
			`this example needs ${n} binding(s) made by examples/1-new-order-bind-axb.json in the same run (have ` +
				`${list.length}); ` +
				'run the examples together (E2E_ONLY=examples/)',
		);
	}
	return list;
}

module.exports = { signedRequests, allVerified, chinaTimeMs, needBindings };
