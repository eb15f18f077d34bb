'use strict';
/*
 * Injected faults. `throttle` and `http503` happen before the action; for the others a fair coin
 * decides whether the action was applied to state first, then the response is replaced: `http500`
 * (the provider's 500), `reset` (socket destroyed), `hang` (no response until the client gives up
 * or stop()), `html` (a 502 HTML page) and `truncated` (200 with half of the JSON body).
 */

const { aliRequestId, nxRequestId } = require('./util');
const { sendJson, sendBytes } = require('./http-io');

const PRE_APPLY_FAULTS = new Set(['throttle', 'http503']);

const BAD_GATEWAY_PAGE = Buffer.from(
	'<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n' +
		'<center><h1>502 Bad Gateway</h1></center>\n' +
		'<hr><center>Tengine (sandbox)</center>\n</body>\n</html>\n',
	'utf8',
);

/** A fault kind for this request, drawn with Math.random(), or null. */
function pickFault(faults) {
	if (!faults || Math.random() >= faults.rate) return null;
	return faults.kinds[Math.floor(Math.random() * faults.kinds.length)];
}

function isPreApplyFault(kind) {
	return PRE_APPLY_FAULTS.has(kind);
}

/** A success body to cut in half when the action was not applied. */
function placeholderSuccess(providerName) {
	return providerName === 'nxcloud'
		? { code: 0, msg: 'success', requestId: nxRequestId(), data: {} }
		: { RequestId: aliRequestId(), Code: 'OK', Message: 'OK' };
}

/**
 * Answer (or not) for a fault that replaces the response. `logged` is the request log's response
 * entry, whose status is filled in; `hungResponses` keeps hung responses for stop().
 */
function sendReplacedResponse(kind, { req, res, provider, outcome, logged, hungResponses }) {
	switch (kind) {
		case 'http500': {
			const fault = provider.module.faultBody('http500');
			logged.status = fault.status;
			sendJson(res, fault.status, fault.body);
			break;
		}
		case 'html':
			logged.status = 502;
			sendBytes(res, 502, 'text/html', BAD_GATEWAY_PAGE);
			break;
		case 'truncated': {
			const full = Buffer.from(
				JSON.stringify(outcome ? outcome.body : placeholderSuccess(provider.name)),
				'utf8',
			);
			logged.status = 200;
			const half = full.subarray(0, Math.max(1, Math.floor(full.length / 2)));
			sendBytes(res, 200, 'application/json;charset=utf-8', half);
			break;
		}
		case 'reset': {
			const socket = req.socket;
			if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
			else socket.destroy();
			break;
		}
		case 'hang':
			hungResponses.add(res);
			res.on('close', () => hungResponses.delete(res));
			break;
		default:
			sendJson(res, 500, { error: 'unknown fault' });
	}
}

module.exports = { pickFault, isPreApplyFault, sendReplacedResponse };
