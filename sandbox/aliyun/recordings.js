'use strict';
/*
 * Call records of calls made through POST /__sandbox/calls: QueryRecordFileDownloadUrl,
 * GetTotalPublicUrl and GetSecretAsrDetail.
 * Recording URLs point to /__sandbox/recordings/<callId>.mp3.
 */

const { aliRequestId, parseChinaTime } = require('../util');
const { BizError, invalidParameters } = require('./errors');
const { parseBool, getPool } = require('./params');

/** Download links stay valid for two hours. */
const DOWNLOAD_URL_TTL_SECONDS = 7200;

const ASR_SENTENCES = [
	{ BeginTime: 0, EndTime: 2100, ChannelId: 0, Text: '你好，我是快递员。', SpeechRate: 200 },
	{ BeginTime: 2500, EndTime: 4000, ChannelId: 1, Text: '好的，放门口吧。', SpeechRate: 180 },
];

/** A simulated Alibaba call of the pool (CallTime, when given, must be well formed). */
function findCall(ctx, callId, poolKey, callTime) {
	const call = ctx.state.calls.get(callId);
	if (!call || call.provider !== 'aliyun' || call.poolKey !== poolKey) {
		throw invalidParameters(`call record not found: ${callId}`);
	}
	if (callTime && parseChinaTime(callTime) === null) {
		throw invalidParameters('CallTime must be yyyy-MM-dd HH:mm:ss');
	}
	return call;
}

function recordingUrl(ctx, call, suffix = '') {
	return `${ctx.baseUrl}/__sandbox/recordings/${encodeURIComponent(call.callId)}${suffix}.mp3`;
}

function asrSentence({ BeginTime, EndTime, ChannelId, Text, SpeechRate }) {
	return { BeginTime, EndTime, ChannelId, Text, EmotionValue: 6, SpeechRate, SilenceDuration: 0 };
}

const recordingHandlers = {
	QueryRecordFileDownloadUrl(params, ctx) {
		getPool(ctx, params);
		const call = findCall(ctx, params.CallId, params.PoolKey, params.CallTime);
		if (!call.recording) throw invalidParameters(`call ${params.CallId} has no recording`);
		const expires = Math.floor(ctx.now / 1000) + DOWNLOAD_URL_TTL_SECONDS;
		return { DownloadUrl: `${recordingUrl(ctx, call)}?Expires=${expires}` };
	},

	/** PartnerKey names the pool; CheckSubs=true also needs the call's binding to still exist. */
	GetTotalPublicUrl(params, ctx) {
		parseBool(params.CheckSubs, 'CheckSubs');
		getPool(ctx, { PoolKey: params.PartnerKey });
		const call = findCall(ctx, params.CallId, params.PartnerKey, params.CallTime);
		if (params.CheckSubs === 'true' && !ctx.aliyun.bindings.has(String(call.subsId))) {
			throw new BizError('isv.SUBS_NOT_EXIST', 'subscription of this call no longer exists');
		}
		return {
			Data: {
				PhonePublicUrl: call.recording ? recordingUrl(ctx, call) : '',
				RingPublicUrl: recordingUrl(ctx, call, '-ring'),
			},
		};
	},

	GetSecretAsrDetail(params, ctx) {
		getPool(ctx, params);
		const call = findCall(ctx, params.CallId, params.PoolKey, params.CallTime);
		return {
			Data: {
				Code: '21050000',
				Msg: 'SUCCESS',
				Type: 'asr',
				BizDuration: Math.max(0, (call.releaseMs || 0) - (call.startMs || 0)),
				BusinessId: call.callId,
				BusinessKey: call.poolKey,
				RequestId: aliRequestId(),
				Sentences: call.answered ? ASR_SENTENCES.map(asrSentence) : [],
			},
		};
	},
};

module.exports = { recordingHandlers };
