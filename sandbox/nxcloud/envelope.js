'use strict';
/* The NXCloud response envelope `{code, msg, requestId, data}` and the error actions throw. */

const { nxRequestId } = require('../util');

/** A business error: HTTP 200 with the code in the envelope. */
class NxError extends Error {
	constructor(code, msg) {
		super(msg);
		this.code = code;
	}
}

/** `extra` fields go next to `data` at the top level (createGroup's groupId). */
function envelope(code, msg, data, extra) {
	const body = { code, msg, requestId: nxRequestId() };
	if (extra) Object.assign(body, extra);
	if (data !== undefined) body.data = data;
	return body;
}

/**
 * The answer to an injected fault. NXCloud documents no rate-limit code, so throttling is the
 * sandbox's own HTTP 429 with code 1006.
 */
function faultBody(kind) {
	switch (kind) {
		case 'throttle':
			return { status: 429, body: envelope(1006, 'rate limited') };
		case 'http500':
			return { status: 500, body: envelope(500, 'internal server error') };
		case 'http503':
			return { status: 503, body: envelope(503, 'service unavailable') };
		default:
			return null;
	}
}

module.exports = { NxError, envelope, faultBody };
