'use strict';
/*
 * Alibaba Cloud Dyplsapi 2017-05-25 (Phone Number Protection), RPC style with Signature V1.
 * prepare() runs the gateway over one request; the returned execute() applies the Action to state
 * by handing it to the handler of its API family.
 */

const { aliRequestId } = require('../util');
const {
	HOST_ID,
	GatewayError,
	BizError,
	gatewayBody,
	gatewayResponse,
	faultBody,
} = require('./errors');
const { passGateway, VERSION } = require('./gateway');
const { ensureIndex, rebuildIndex, isActive } = require('./binding-index');
const { bindingHandlers } = require('./bindings');
const { subscriptionHandlers } = require('./subscriptions');
const { numberHandlers } = require('./numbers');
const { groupHandlers } = require('./groups');
const { blacklistHandlers } = require('./blacklist');
const { recordingHandlers } = require('./recordings');
const { bindings700Handlers } = require('./bindings700');
const { envelopeOf } = require('./envelopes');
const { workNumberActions, workNumberHandlers } = require('./workNumber');
const { fixedLineActions, fixedLineHandlers } = require('./fixedLine');
const { pickupActions, pickupHandlers } = require('./pickup');
const { aNumberReportActions, aNumberReportHandlers } = require('./aNumberReport');
const { dybaseapiActions, dybaseapiHandlers } = require('./dybaseapi');

const BIND_REQUIRED = ['PoolKey', 'PhoneNoA', 'Expiration'];

/**
 * Action → its mandatory parameters (PoolKey wherever the action takes it) and the documented
 * per-account QPS limit (null: none documented).
 */
const ACTIONS = {
	BindAxb: { required: BIND_REQUIRED, qps: 5000 },
	BindAxn: { required: BIND_REQUIRED, qps: 5000 },
	BindAxnExtension: { required: BIND_REQUIRED, qps: 5000 },
	BindAxg: { required: [...BIND_REQUIRED, 'GroupId'], qps: 5000 },
	BindBatchAxg: { required: ['PoolKey', 'AxgBindList'], qps: null },
	UpdateSubscription: { required: ['PoolKey', 'SubsId', 'PhoneNoX', 'OperateType'], qps: 10000 },
	UnbindSubscription: { required: ['PoolKey', 'SubsId', 'SecretNo'], qps: 5000 },
	QuerySubscriptionDetail: { required: ['PoolKey', 'SubsId', 'PhoneNoX'], qps: 5000 },
	QuerySubsId: { required: ['PoolKey', 'PhoneNoX'], qps: null },
	QuerySecretNoDetail: { required: ['PoolKey', 'SecretNo'], qps: 1000 },
	BuySecretNo: { required: ['PoolKey', 'SpecId', 'City'], qps: null },
	ReleaseSecretNo: { required: ['PoolKey', 'SecretNo'], qps: null },
	QuerySecretNoRemain: { required: ['SpecId', 'City'], qps: null },
	LockSecretNo: { required: ['PoolKey', 'SecretNo'], qps: 500 },
	UnlockSecretNo: { required: ['PoolKey', 'SecretNo'], qps: 500 },
	CreateAxgGroup: { required: ['PoolKey'], qps: null },
	OperateAxgGroup: { required: ['PoolKey', 'GroupId', 'OperateType', 'Numbers'], qps: 5000 },
	DeleteAxgGroup: { required: ['PoolKey', 'GroupId'], qps: null },
	AddAxnTrackNo: { required: ['PoolKey', 'PhoneNoX', 'SubsId', 'trackNo'], qps: 5000 },
	QueryPhoneNoAByTrackNo: { required: ['trackNo'], qps: 5000 },
	AddSecretBlacklist: { required: ['PoolKey', 'BlackNo', 'BlackType'], qps: 100 },
	DeleteSecretBlacklist: { required: ['PoolKey', 'BlackNo', 'BlackType'], qps: 100 },
	OperateBlackNo: { required: ['PoolKey', 'BlackNo', 'OperateType'], qps: 1000 },
	QueryRecordFileDownloadUrl: { required: ['PoolKey', 'CallId'], qps: 3000 },
	GetTotalPublicUrl: { required: ['CallId', 'CallTime', 'CheckSubs', 'PartnerKey'], qps: 1000 },
	GetSecretAsrDetail: { required: ['CallId', 'CallTime', 'PoolKey'], qps: 100 },
	// The 700 family answers Success + Code + Data (envelope 'success').
	BindAxb700: {
		required: ['PoolKey', 'Expiration', 'TelA', 'TelB'],
		qps: 5000,
		envelope: 'success',
	},
	BindGxb700: { required: ['PoolKey', 'Expiration', 'TelB'], qps: 5000, envelope: 'success' },
	UpdateSubs700: {
		required: ['PoolKey', 'SubsId', 'TelX', 'OperateType'],
		qps: null,
		envelope: 'success',
	},
	UnbindSubs700: { required: ['PoolKey', 'SubsId', 'TelX'], qps: null, envelope: 'success' },
	...workNumberActions,
	...fixedLineActions,
	...pickupActions,
	...aNumberReportActions,
	// Dybaseapi (same gateway, same Version): the token for the receipt queues
	...dybaseapiActions,
};

/** The documented per-account QPS limits, the sandbox's default caps. */
const DEFAULT_QPS = Object.fromEntries(
	Object.entries(ACTIONS)
		.filter(([, action]) => action.qps)
		.map(([name, action]) => [name, action.qps]),
);

/** Action → (params, ctx) → the response fields its envelope (envelopes.js) wraps. */
const HANDLERS = {
	...bindingHandlers,
	...subscriptionHandlers,
	...numberHandlers,
	...groupHandlers,
	...blacklistHandlers,
	...recordingHandlers,
	...bindings700Handlers,
	...workNumberHandlers,
	...fixedLineHandlers,
	...pickupHandlers,
	...aNumberReportHandlers,
	...dybaseapiHandlers,
};

/** Run one verified Action against the current state; errors become the provider's answers. */
function executeAction(params, accessKey, env) {
	const state = env.getState();
	const requestId = aliRequestId();
	const ctx = {
		state,
		aliyun: state.aliyun,
		account: accessKey,
		now: env.now(),
		baseUrl: env.baseUrl(),
		recordBind: env.recordBind,
		config: env.config ? env.config() : {},
	};
	ensureIndex(ctx.aliyun);
	const action = ACTIONS[params.Action];
	const envelope = envelopeOf(action);
	try {
		const fields = HANDLERS[params.Action](params, ctx);
		return { status: 200, body: envelope.ok(fields, requestId, action) };
	} catch (error) {
		if (error instanceof BizError) {
			return { status: 200, body: envelope.fail(error, requestId, action) };
		}
		if (error instanceof GatewayError) {
			return { status: error.status, body: gatewayBody(error.code, error.message, requestId) };
		}
		const message =
			'The request processing has failed due to some unknown error. ' +
			`(${error && error.message})`;
		return { status: 500, body: gatewayBody('InternalError', message, requestId) };
	}
}

/**
 * @param env { getState(), nonces: Map, now(), baseUrl(), signatureFailure(), recordBind(fields) }
 * @returns { provider, action, account (owner key or null), params, verified,
 *   error?: {status, body}, execute?(): {status, body} }
 */
function prepare(req, rawBody, env) {
	const prepared = {
		provider: 'aliyun',
		action: null,
		account: null,
		params: null,
		verified: false,
		error: null,
	};
	const { rejection, accessKey } = passGateway(req, rawBody, env, ACTIONS, prepared);
	if (rejection) {
		prepared.error = rejection;
		return prepared;
	}
	const { params } = prepared;
	prepared.execute = () => executeAction(params, accessKey, env);
	return prepared;
}

module.exports = {
	prepare,
	faultBody,
	gatewayBody,
	gatewayResponse,
	ACTIONS,
	DEFAULT_QPS,
	rebuildIndex,
	isActive,
	VERSION,
	HOST_ID,
};
