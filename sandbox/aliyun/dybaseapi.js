'use strict';
/*
 * Dybaseapi 2017-05-25 QueryTokenForMnsQueue: temporary (STS) credentials for reading one Alicom
 * receipt queue (Alibaba's page: https://help.aliyun.com/document_detail/109198.html, "MNS 消息接收").
 * The same POP gateway and Version as Dyplsapi, so it is one more Action here; the MNS endpoint of
 * the sandbox (sandbox/mns) accepts exactly these credentials until ExpireTime.
 */

const { chinaTime, randomHex } = require('../util');
const { BizError } = require('./errors');
const { mnsOf, parseQueueName, SANDBOX_ALI_UID, DEFAULT_MNS_SETTINGS } = require('../mns/store');

const dybaseapiActions = {
	QueryTokenForMnsQueue: { required: ['MessageType', 'QueueName'], qps: null },
};

let tokenSeq = 0;

function queryTokenForMnsQueue(params, ctx) {
	const parsed = parseQueueName(params.QueueName);
	if (!parsed || parsed.aliUid !== SANDBOX_ALI_UID || parsed.messageType !== params.MessageType) {
		throw new BizError(
			'isv.INVALID_PARAMETERS',
			`QueueName ${params.QueueName} is not the ${params.MessageType} queue of this account ` +
				`(Alicom-Queue-${SANDBOX_ALI_UID}-${params.MessageType})`,
		);
	}
	const mns = mnsOf(ctx.state);
	mns.tokenRequests++;
	const settings = { ...DEFAULT_MNS_SETTINGS, ...((ctx.config && ctx.config.mns) || {}) };
	tokenSeq++;
	const token = {
		accessKeyId: `STS.MnsSandbox${String(tokenSeq).padStart(6, '0')}${randomHex(4)}`,
		secret: randomHex(16),
		securityToken: `sandbox-mns-token-${randomHex(12)}`,
		queueName: params.QueueName,
		messageType: params.MessageType,
		createdAt: ctx.now,
		expireAt: ctx.now + settings.tokenTtlMs,
	};
	mns.tokens.set(token.accessKeyId, token);
	return {
		MessageTokenDTO: {
			AccessKeyId: token.accessKeyId,
			AccessKeySecret: token.secret,
			SecurityToken: token.securityToken,
			CreateTime: chinaTime(token.createdAt),
			ExpireTime: chinaTime(token.expireAt),
		},
	};
}

const dybaseapiHandlers = { QueryTokenForMnsQueue: queryTokenForMnsQueue };

module.exports = { dybaseapiActions, dybaseapiHandlers };
