'use strict';
/*
 * The POP gateway in front of every Dyplsapi action (RPC style, Signature V1): request parameters
 * from the query and a form body, the common parameters (Timestamp, SignatureNonce, AccessKeyId,
 * SecurityToken, Version, Format, Action), the signature and the action's mandatory parameters.
 * https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism
 */

const OpenApiUtil = require('@alicloud/openapi-util').default;
const { percentEncode, parseForm } = require('../util');
const { gatewayResponse, missingParameterMessage } = require('./errors');

const VERSION = '2017-05-25';
/** A Timestamp may differ from the server clock by at most 15 minutes. */
const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
/** A SignatureNonce may not be used again by the same AccessKey within 15 minutes. */
const NONCE_TTL_MS = 15 * 60 * 1000;
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Thrown inside the gateway to stop at the first failed check. */
class Rejection extends Error {
	constructor(status, code, message) {
		super(message);
		this.response = gatewayResponse(status, code, message);
	}
}

function reject(status, code, message) {
	throw new Rejection(status, code, message);
}

function requireParameter(params, name) {
	if (!params[name]) reject(400, 'MissingParameter', missingParameterMessage(name));
}

function contentType(req) {
	return String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

/**
 * Request parameters = query ∪ form body; the query wins on a clash. Writes them to
 * `prepared.params` as soon as they are known, so that a rejected request is still logged with
 * what was sent.
 */
function readParameters(req, rawBody, prepared) {
	const queryStart = req.url.indexOf('?');
	const rawQuery = queryStart === -1 ? '' : req.url.slice(queryStart + 1);
	let params;
	try {
		params = parseForm(rawQuery);
	} catch {
		reject(400, 'InvalidParameter', 'The query string is malformed (bad percent-encoding).');
	}
	if (rawBody.length) {
		const type = contentType(req);
		if (type !== 'application/x-www-form-urlencoded') {
			prepared.params = params;
			prepared.action = params.Action || null;
			reject(
				400,
				'InvalidParameter',
				`Unsupported Content-Type "${type || '(none)'}" for an RPC request body; send parameters ` +
					'in the query string or as application/x-www-form-urlencoded.',
			);
		}
		let bodyParams;
		try {
			bodyParams = parseForm(rawBody.toString('utf8'));
		} catch {
			reject(400, 'InvalidParameter', 'The form body is malformed (bad percent-encoding).');
		}
		for (const [key, value] of Object.entries(bodyParams))
			if (!(key in params)) params[key] = value;
	}
	params = Object.assign({}, params);
	prepared.params = params;
	prepared.action = params.Action || null;
	return params;
}

function checkTimestamp(params, now) {
	requireParameter(params, 'Timestamp');
	const { Timestamp } = params;
	if (!TIMESTAMP_FORMAT.test(Timestamp) || Number.isNaN(Date.parse(Timestamp))) {
		reject(
			400,
			'InvalidTimeStamp.Format',
			`Specified time stamp or date value is not well formatted: ${Timestamp}`,
		);
	}
	if (Math.abs(Date.parse(Timestamp) - now) > TIMESTAMP_WINDOW_MS) {
		const serverTime = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
		reject(
			400,
			'InvalidTimeStamp.Expired',
			`Specified time stamp or date value is expired. Timestamp ${Timestamp}, ` +
				`server time ${serverTime}.`,
		);
	}
}

function nonceKeyOf(accessKey, params) {
	return `${accessKey.accessKeyId}|${params.SignatureNonce}`;
}

function checkNonceUnused(nonces, nonceKey, now) {
	const expiresAt = nonces.get(nonceKey);
	if (expiresAt && expiresAt > now) {
		reject(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
	}
}

function checkSignatureMethod(params) {
	requireParameter(params, 'SignatureMethod');
	if (params.SignatureMethod !== 'HMAC-SHA1') {
		reject(
			400,
			'InvalidSignatureMethod',
			`Specified signature method is not valid: ${params.SignatureMethod}`,
		);
	}
	if (params.SignatureVersion !== undefined && params.SignatureVersion !== '1.0') {
		reject(
			400,
			'IncompleteSignature',
			`Specified signature version is not valid: ${params.SignatureVersion}`,
		);
	}
}

/** STS AccessKeys need their exact SecurityToken; permanent AccessKeys must not send one. */
function checkSecurityToken(params, accessKey) {
	const mismatch = 'InvalidSecurityToken.MismatchWithAccessKey';
	if (accessKey.securityToken) {
		if (!params.SecurityToken) {
			reject(400, 'InvalidSecurityToken.Malformed', 'The SecurityToken is missing or malformed.');
		}
		if (params.SecurityToken !== accessKey.securityToken) {
			reject(400, mismatch, 'The SecurityToken does not match the AccessKeyId.');
		}
	} else if (params.SecurityToken) {
		reject(400, mismatch, 'A SecurityToken was sent with a permanent AccessKeyId.');
	}
}

function checkVersionAndFormat(params) {
	requireParameter(params, 'Version');
	if (params.Version !== VERSION) {
		reject(404, 'InvalidVersion', `Specified parameter Version is not valid: ${params.Version}`);
	}
	if (params.Format && !/^json$/i.test(params.Format)) {
		reject(
			400,
			'InvalidParameter.Format',
			`The sandbox answers JSON only; Format ${params.Format} is not supported.`,
		);
	}
}

/** Canonical string-to-sign; only used for the SignatureDoesNotMatch message. */
function stringToSign(params, method) {
	const canonicalQuery = Object.keys(params)
		.sort()
		.map((key) => `${percentEncode(key)}=${percentEncode(params[key])}`)
		.join('&');
	return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery)}`;
}

/** Verified with @alicloud/openapi-util, independently of the project's own signer. */
function checkSignature(params, method, accessKey, onFailure) {
	const signed = Object.assign({}, params);
	delete signed.Signature;
	let expected;
	try {
		expected = OpenApiUtil.getRPCSignature(signed, method, accessKey.secret);
	} catch {
		expected = null;
	}
	if (!expected || expected !== params.Signature) {
		onFailure();
		reject(
			400,
			'SignatureDoesNotMatch',
			'Specified signature is not matched with our calculation. server string to sign is:' +
				stringToSign(signed, method),
		);
	}
}

/**
 * Runs every gateway check in the gateway's order and fills `prepared` (params, action, account,
 * verified). Returns `{ rejection: {status, body} }`, or `{ accessKey }` when the request may run.
 * `actions` maps each emulated Action to `{ required: [names] }`.
 */
function passGateway(req, rawBody, env, actions, prepared) {
	try {
		const method = req.method;
		if (method !== 'GET' && method !== 'POST') {
			reject(
				400,
				'UnsupportedHTTPMethod',
				`The HTTP method ${method} is not supported; use GET or POST.`,
			);
		}
		const params = readParameters(req, rawBody, prepared);
		const now = env.now();
		requireParameter(params, 'Action');
		requireParameter(params, 'AccessKeyId');
		if (!params.Signature) {
			reject(
				400,
				'IncompleteSignature',
				'The request signature does not conform to Aliyun standards: Signature is missing.',
			);
		}
		checkTimestamp(params, now);
		requireParameter(params, 'SignatureNonce');
		const accessKey = env.getState().aliyun.accessKeys.get(params.AccessKeyId);
		if (!accessKey)
			reject(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
		prepared.account = `aliyun:${accessKey.owner}`;
		const nonceKey = nonceKeyOf(accessKey, params);
		checkNonceUnused(env.nonces, nonceKey, now);
		checkSignatureMethod(params);
		checkSecurityToken(params, accessKey);
		checkVersionAndFormat(params);
		const action = actions[params.Action];
		if (!action) {
			reject(
				404,
				'InvalidAction.NotFound',
				'Specified api is not found, please check your url and method. ' +
					`(Action ${params.Action} is unknown or not emulated by the sandbox)`,
			);
		}
		checkSignature(params, method, accessKey, env.signatureFailure);
		prepared.verified = true;
		// a nonce counts as used only once its request's signature verified
		env.nonces.set(nonceKey, now + NONCE_TTL_MS);
		for (const name of action.required) {
			if (params[name] === undefined || params[name] === '') {
				reject(400, 'MissingParameter', missingParameterMessage(name));
			}
		}
		return { accessKey };
	} catch (error) {
		if (error instanceof Rejection) return { rejection: error.response };
		throw error;
	}
}

module.exports = { passGateway, stringToSign, VERSION };
