'use strict';
/*
 * The 700 family: bindings on 15-digit X numbers of the 700 segment (BindAxb700, BindGxb700, UpdateSubs700,
 * UnbindSubs700). They answer in the Success + Code + Data envelope, Success false on failure.
 * See https://help.aliyun.com/zh/pnp/700axb-middle-number-binding and …/700gxb-middle-number-binding.
 */

const { BizError, invalidParameters } = require('./errors');
const { checkExpiration, checkPhone, getPool, isBlank, parseBool } = require('./params');

const NUMBER_700 = /^700\d{12}$/;
const REC_TYPES = ['mp3', 'wav'];
const RESTRICTIONS = {
	AXB700: ['CONTROL_AX_DISABLE', 'CONTROL_BX_DISABLE'],
	GXB700: ['CONTROL_BX_DISABLE', 'CONTROL_GX_DISABLE'],
};
/** The prompt scenes of Audio, per binding mode. */
const AUDIO_KEYS = {
	AXB700: ['ACallX_Apre', 'ACallX_Ain', 'ACallX_Bin', 'BCallX_Bpre'],
	GXB700: ['GCallX_Gpre', 'GCallX_Gin', 'GCallX_Bin', 'BCallX_Bpre'],
};

function pool700(ctx, params, type) {
	const pool = getPool(ctx, params);
	if (pool.type !== type) {
		throw invalidParameters(`PoolKey ${params.PoolKey} is not a ${type} pool of 700 numbers`);
	}
	return pool;
}

function checkTelX(value) {
	if (!NUMBER_700.test(String(value))) {
		throw new BizError('isv.MOBILE_NUMBER_ILLEGAL', `TelX is not a 15-digit 700 number: ${value}`);
	}
}

function checkOptions(params, type) {
	if (!isBlank(params.RecType) && !REC_TYPES.includes(params.RecType)) {
		throw invalidParameters(`RecType must be mp3 or wav: ${params.RecType}`);
	}
	if (!isBlank(params.CallRestrict) && !RESTRICTIONS[type].includes(params.CallRestrict)) {
		throw invalidParameters(`CallRestrict is illegal for ${type}: ${params.CallRestrict}`);
	}
	if (!isBlank(params.Audio)) {
		let audio;
		try {
			audio = JSON.parse(params.Audio);
		} catch {
			throw invalidParameters('Audio must be a JSON object');
		}
		const unknown = Object.keys(audio ?? {}).filter((key) => !AUDIO_KEYS[type].includes(key));
		if (unknown.length) throw invalidParameters(`Audio has unknown keys: ${unknown.join(', ')}`);
	}
	parseBool(params.NeedRecord, 'NeedRecord');
	parseBool(params.NeedAsr, 'NeedAsr');
}

/** The active 700 bindings on X, for the rule that A and B do not repeat on one X. */
function partiesOn(ctx, telX) {
	const parties = new Set();
	for (const binding of ctx.aliyun.bindings700.values()) {
		if (binding.telX === telX && binding.expireAt > ctx.now) {
			for (const party of [binding.telA, binding.telB]) if (party) parties.add(party);
		}
	}
	return parties;
}

function pickX(ctx, pool, params, parties) {
	const free = (telX) => parties.every((party) => !partiesOn(ctx, telX).has(party));
	if (!isBlank(params.TelX)) {
		checkTelX(params.TelX);
		if (!pool.numbers.has(params.TelX)) {
			throw new BizError('isv.NO_NOT_EXIST', `TelX not in pool: ${params.TelX}`);
		}
		if (!free(params.TelX))
			throw new BizError('isv.BIND_CONFLICT', `a party is already bound on ${params.TelX}`);
		return params.TelX;
	}
	const telX = [...pool.numbers.keys()].find(free);
	if (!telX) throw new BizError('isv.NO_AVAILABLE_NUMBER', 'no 700 number available in the pool');
	return telX;
}

function bind700(type, params, ctx) {
	const pool = pool700(ctx, params, type);
	const expireAt = checkExpiration(params.Expiration, ctx.now);
	for (const name of ['TelA', 'TelB', 'DefaultA']) checkPhone(params[name], name);
	checkOptions(params, type);
	if (type === 'AXB700' && params.TelA === params.TelB)
		throw invalidParameters('TelA and TelB are the same');
	const telX = pickX(ctx, pool, params, [params.TelA, params.TelB].filter(Boolean));
	const subsId = String(ctx.aliyun.nextSubsId++);
	ctx.aliyun.bindings700.set(subsId, {
		subsId,
		type,
		poolKey: pool.poolKey,
		telA: params.TelA ?? null,
		telB: params.TelB,
		telX,
		defaultA: params.DefaultA ?? null,
		groupId: params.GroupId ?? null,
		expireAt,
		needRecord: parseBool(params.NeedRecord, 'NeedRecord') ?? false,
		outId: params.OutId ?? null,
		orderId: params.OrderId ?? null,
	});
	ctx.recordBind({ outOrderId: params.OutOrderId });
	return { Data: { SubsId: Number(subsId), SecretNo: telX } };
}

function findBinding700(ctx, params) {
	getPool(ctx, params);
	const binding = ctx.aliyun.bindings700.get(String(params.SubsId));
	if (!binding || binding.poolKey !== params.PoolKey || binding.telX !== params.TelX) {
		throw new BizError('isv.SUBS_NOT_EXIST', `subscription not exists: ${params.SubsId}`);
	}
	return binding;
}

/** UpdateSubs700 fields: what each parameter changes on the binding. */
const UPDATABLE = {
	TelA: (binding, value) => (binding.telA = value),
	TelB: (binding, value) => (binding.telB = value),
	DefaultA: (binding, value) => (binding.defaultA = value),
	GroupId: (binding, value) => (binding.groupId = value),
	OutId: (binding, value) => (binding.outId = value),
	NeedRecord: (binding, value) => (binding.needRecord = value === true || value === 'true'),
};

const bindings700Handlers = {
	BindAxb700: (params, ctx) => bind700('AXB700', params, ctx),
	BindGxb700: (params, ctx) => bind700('GXB700', params, ctx),
	UpdateSubs700(params, ctx) {
		const binding = findBinding700(ctx, params);
		if (params.OperateType === 'updateNoA' && isBlank(params.TelA))
			throw invalidParameters('updateNoA needs TelA');
		checkOptions(params, binding.type);
		for (const name of ['TelA', 'TelB', 'DefaultA']) checkPhone(params[name], name);
		if (!isBlank(params.Expiration)) binding.expireAt = checkExpiration(params.Expiration, ctx.now);
		for (const [name, apply] of Object.entries(UPDATABLE)) {
			if (!isBlank(params[name])) apply(binding, params[name]);
		}
		binding.lastOperateType = params.OperateType;
		return { Data: {} };
	},
	UnbindSubs700(params, ctx) {
		const binding = findBinding700(ctx, params);
		ctx.aliyun.bindings700.delete(binding.subsId);
		return { Data: {} };
	},
};

module.exports = { bindings700Handlers, NUMBER_700 };
