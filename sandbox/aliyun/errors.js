'use strict';
/*
 * The two error shapes of the Alibaba Cloud POP gateway: gateway errors (HTTP 4xx/5xx with HostId
 * and Recommend) and business errors (HTTP 200 with an `isv.*` Code).
 */

const { aliRequestId } = require('../util');

const HOST_ID = 'dyplsapi.aliyuncs.com';

/** An error the gateway answers with its own HTTP status. */
class GatewayError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

/** A business error: HTTP 200 with `{RequestId, Code, Message}`. */
class BizError extends Error {
	constructor(code, message) {
		super(message);
		this.code = code;
	}
}

function invalidParameters(message) {
	return new BizError('isv.INVALID_PARAMETERS', message);
}

function gatewayBody(code, message, requestId = aliRequestId()) {
	return {
		RequestId: requestId,
		HostId: HOST_ID,
		Code: code,
		Message: message,
		Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dyplsapi`,
	};
}

function gatewayResponse(status, code, message) {
	return { status, body: gatewayBody(code, message) };
}

function missingParameterMessage(name) {
	return (
		`The input parameter "${name}" that is mandatory for processing this request ` +
		'is not supplied.'
	);
}

/** The gateway's answer to an injected fault (before the action, or instead of its answer). */
function faultBody(kind) {
	switch (kind) {
		case 'throttle':
			return gatewayResponse(
				400,
				'Throttling.User',
				'Request was denied due to user flow control.',
			);
		case 'http500':
			return gatewayResponse(
				500,
				'InternalError',
				'The request processing has failed due to some unknown error, exception or failure.',
			);
		case 'http503':
			return gatewayResponse(
				503,
				'ServiceUnavailable',
				'The request has failed due to a temporary failure of the server.',
			);
		default:
			return null;
	}
}

module.exports = {
	HOST_ID,
	GatewayError,
	BizError,
	invalidParameters,
	gatewayBody,
	gatewayResponse,
	missingParameterMessage,
	faultBody,
};
