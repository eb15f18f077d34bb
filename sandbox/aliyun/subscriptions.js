'use strict';
/*
 * Existing bindings ("subscriptions"): UpdateSubscription, UnbindSubscription,
 * QuerySubscriptionDetail, QuerySubsId, and the AXN tracking numbers (AddAxnTrackNo,
 * QueryPhoneNoAByTrackNo).
 * Expired bindings keep answering QuerySubscriptionDetail with Status 0 but refuse updates.
 */

const { chinaTime } = require('../util');
const { BizError, invalidParameters } = require('./errors');
const rules = require('./params');
const {
	isActive,
	partiesOf,
	addParty,
	removeParty,
	unindexBinding,
	bindingsOnX,
	conflictOnX,
} = require('./binding-index');

/** UpdateSubscription OperateType → the parameter it changes. */
const UPDATE_PARAMETER = {
	updateNoA: 'PhoneNoA',
	updateNoB: 'PhoneNoB',
	updateExpire: 'Expiration',
	updateAxgGroup: 'GroupId',
	updateCallRestrict: 'CallRestrict',
	updateCallDisplayType: 'CallDisplayType',
	updateOutId: 'OutId',
	updateIsRecordingEnabled: 'IsRecordingEnabled',
};

/** updateNoA / updateNoB: the new party must differ from the other one and be free on X. */
function replaceParty(ctx, binding, parameter, phone) {
	rules.checkPhone(phone, parameter);
	const field = parameter === 'PhoneNoA' ? 'phoneA' : 'phoneB';
	const other = field === 'phoneA' ? binding.phoneB : binding.phoneA;
	if (phone === other) throw invalidParameters('PhoneNoA and PhoneNoB must differ');
	const { aliyun } = ctx;
	const { kind, phoneX, subsId } = binding;
	if (kind === 'AXB' || kind === 'AXG') {
		if (conflictOnX(aliyun, phoneX, kind, [phone], null, ctx.now, subsId)) {
			throw new BizError('isv.BIND_CONFLICT', `${phone} is already bound to X ${phoneX}`);
		}
	}
	for (const party of partiesOf(binding)) removeParty(aliyun, phoneX, party, subsId);
	binding[field] = phone;
	for (const party of partiesOf(binding)) addParty(aliyun, phoneX, party, subsId);
}

const applyUpdate = {
	updateNoA: (ctx, binding, params) => replaceParty(ctx, binding, 'PhoneNoA', params.PhoneNoA),
	updateNoB: (ctx, binding, params) => replaceParty(ctx, binding, 'PhoneNoB', params.PhoneNoB),
	updateExpire(ctx, binding, params) {
		binding.expireAt = rules.checkExpiration(params.Expiration, ctx.now);
	},
	updateAxgGroup(ctx, binding, params) {
		if (binding.kind !== 'AXG') {
			throw new BizError('isv.FORBIDDEN_ACTION', 'updateAxgGroup applies to AXG bindings only');
		}
		binding.groupId = rules.findGroup(ctx, params.GroupId, binding.poolKey).groupId;
	},
	updateCallRestrict(ctx, binding, params) {
		binding.callRestrict = rules.checkCallRestrict(params.CallRestrict, true);
	},
	updateCallDisplayType(ctx, binding, params) {
		binding.callDisplayType = rules.checkDisplayType(params.CallDisplayType);
	},
	updateOutId(ctx, binding, params) {
		binding.outId = params.OutId;
	},
	updateIsRecordingEnabled(ctx, binding, params) {
		binding.needRecord = rules.parseBool(params.IsRecordingEnabled, 'IsRecordingEnabled');
	},
};

function secretBindDetail(binding, now) {
	const detail = {
		SubsId: binding.subsId,
		PhoneNoA: binding.phoneA,
		PhoneNoB: binding.phoneB || '',
		PhoneNoX: binding.phoneX,
		Extension: binding.extension || '',
		GroupId: binding.groupId === null ? undefined : binding.groupId,
		ExpireDate: chinaTime(binding.expireAt),
		GmtCreate: chinaTime(binding.gmtCreate),
		Status: isActive(binding, now) ? 1 : 0,
		NeedRecord: !!binding.needRecord,
		ASRStatus: !!binding.asrStatus,
		ASRModelId: binding.asrModelId || undefined,
	};
	if (binding.callRestrict) detail.CallRestrict = binding.callRestrict;
	// drop the undefined fields the way the JSON response would
	return JSON.parse(JSON.stringify(detail));
}

const subscriptionHandlers = {
	UpdateSubscription(params, ctx) {
		rules.getPool(ctx, params);
		rules.checkPhone(params.PhoneNoX, 'PhoneNoX');
		const binding = rules.findBinding(ctx, params, params.PhoneNoX);
		const { OperateType } = params;
		const parameter = UPDATE_PARAMETER[OperateType];
		if (!parameter) throw invalidParameters(`OperateType is illegal: ${OperateType}`);
		if (rules.isBlank(params[parameter])) {
			throw invalidParameters(`OperateType ${OperateType} requires parameter ${parameter}`);
		}
		if (!isActive(binding, ctx.now)) {
			throw new BizError(
				'isv.FORBIDDEN_ACTION',
				'subscription expired, updateEndDate|updateNoB|updateNoA not allowed',
			);
		}
		applyUpdate[OperateType](ctx, binding, params);
		if (!rules.isBlank(params.ASRStatus))
			binding.asrStatus = rules.parseBool(params.ASRStatus, 'ASRStatus');
		if (params.ASRModelId) binding.asrModelId = params.ASRModelId;
		if (params.RingConfig) binding.ringConfig = params.RingConfig;
		return {};
	},

	UnbindSubscription(params, ctx) {
		rules.getPool(ctx, params);
		const binding = rules.findBinding(ctx, params, params.SecretNo);
		ctx.aliyun.bindings.delete(binding.subsId);
		unindexBinding(ctx.aliyun, binding);
		return { ChargeId: null };
	},

	QuerySubscriptionDetail(params, ctx) {
		rules.getPool(ctx, params);
		const binding = rules.findBinding(ctx, params, params.PhoneNoX);
		return { SecretBindDetailDTO: secretBindDetail(binding, ctx.now) };
	},

	/** Every active SubsId on X in the pool, joined with commas. */
	QuerySubsId(params, ctx) {
		rules.getPool(ctx, params);
		rules.checkPhone(params.PhoneNoX, 'PhoneNoX');
		const subsIds = bindingsOnX(ctx.aliyun, params.PhoneNoX, ctx.now)
			.filter((binding) => binding.poolKey === params.PoolKey)
			.map((binding) => binding.subsId);
		if (!subsIds.length) {
			throw new BizError('isv.SUBS_NOT_EXIST', `no subscription on ${params.PhoneNoX}`);
		}
		return { SubsId: subsIds.join(',') };
	},

	AddAxnTrackNo(params, ctx) {
		rules.getPool(ctx, params);
		const binding = rules.findBinding(ctx, params, params.PhoneNoX);
		if (!isActive(binding, ctx.now))
			throw new BizError('isv.SUBS_NOT_EXIST', 'subscription expired');
		const tracked = ctx.aliyun.trackNos.get(params.trackNo) || [];
		if (!tracked.some((entry) => entry.subsId === binding.subsId)) {
			tracked.push({ poolKey: binding.poolKey, subsId: binding.subsId, phoneX: binding.phoneX });
		}
		ctx.aliyun.trackNos.set(params.trackNo, tracked);
		return {};
	},

	QueryPhoneNoAByTrackNo(params, ctx) {
		const { aliyun, account, now } = ctx;
		const Module = [];
		for (const entry of aliyun.trackNos.get(params.trackNo) || []) {
			const binding = aliyun.bindings.get(entry.subsId);
			const pool = binding && aliyun.pools.get(binding.poolKey);
			if (!binding || !pool || pool.owner !== account.owner || !isActive(binding, now)) continue;
			if (params.PhoneNoX && params.PhoneNoX !== binding.phoneX) continue;
			Module.push({
				PhoneNoA: binding.phoneA,
				PhoneNoX: binding.phoneX,
				Extension: binding.extension || '',
			});
		}
		return { Module };
	},
};

module.exports = { subscriptionHandlers };
