'use strict';
/*
 * How each Dyplsapi family wraps an answer. The classic actions: RequestId + Code "OK" + Message + fields. The 700,
 * fixed-line and A-number report families add Success (+ AccessDeniedDetail) and carry Data. The work-number family
 * answers Code "0000" / Message "成功" with Success, and most of its actions have no RequestId. The logistics pickup
 * actions have no top-level Code: Data.Success, Data.ErrorCode and Data.ErrorMsg tell the outcome, next to
 * HttpStatusCode.
 */

const ENVELOPES = {
	classic: {
		ok: (fields, requestId) => ({ RequestId: requestId, Code: 'OK', Message: 'OK', ...fields }),
		fail: (error, requestId) => ({
			RequestId: requestId,
			Code: error.code,
			Message: error.message,
		}),
	},
	success: {
		ok: (fields, requestId) => ({
			RequestId: requestId,
			Code: 'OK',
			Message: 'OK',
			Success: true,
			AccessDeniedDetail: '',
			...fields,
		}),
		fail: (error, requestId) => ({
			RequestId: requestId,
			Code: error.code,
			Message: error.message,
			Success: false,
			AccessDeniedDetail: '',
			Data: null,
		}),
	},
	workNumber: {
		ok: (fields, requestId, action) => ({
			...(action.requestId ? { RequestId: requestId } : {}),
			Code: '0000',
			Message: '成功',
			Success: true,
			AccessDeniedDetail: '0',
			...fields,
		}),
		fail: (error, requestId, action) => ({
			...(action.requestId ? { RequestId: requestId } : {}),
			Code: error.code,
			Message: error.message,
			Success: false,
			AccessDeniedDetail: '0',
			Data: null,
		}),
	},
	pickup: {
		ok: (fields, requestId) => ({
			RequestId: requestId,
			HttpStatusCode: 200,
			Message: 'OK',
			...fields,
			Data: { Success: true, ...(fields.Data || {}) },
		}),
		fail: (error, requestId) => ({
			RequestId: requestId,
			HttpStatusCode: 200,
			Message: error.message,
			Data: { Success: false, ErrorCode: error.code, ErrorMsg: error.message },
		}),
	},
};

/** The envelope of an ACTIONS entry (`envelope`, default classic). */
const envelopeOf = (action) => ENVELOPES[action.envelope || 'classic'];

module.exports = { envelopeOf };
