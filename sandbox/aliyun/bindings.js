'use strict';
/*
 * Creating bindings: BindAxb, BindAxn, BindAxnExtension, BindAxg and BindBatchAxg.
 */

const { BizError, invalidParameters } = require('./errors');
const rules = require('./params');
const { indexBinding, conflictOnX, freeExtension } = require('./binding-index');

const KIND_BY_ACTION = {
	BindAxb: 'AXB',
	BindAxn: 'AXN',
	BindAxnExtension: 'AXN_EXTENSION',
	BindAxg: 'AXG',
};
const POOL_TYPE_BY_KIND = { AXB: 'AXB', AXN: 'AXN', AXN_EXTENSION: 'AXN', AXG: 'AXG' };

/** The optional settings every bind action takes. */
function readBindOptions(params) {
	const options = {
		needRecord: rules.parseBool(params.IsRecordingEnabled, 'IsRecordingEnabled') || false,
		asrStatus: rules.parseBool(params.ASRStatus, 'ASRStatus') || false,
		callRestrict: rules.checkCallRestrict(params.CallRestrict, false),
		callDisplayType: rules.checkDisplayType(params.CallDisplayType),
	};
	if (!rules.isBlank(params.CallTimeout)) {
		const seconds = Number(params.CallTimeout);
		if (!Number.isInteger(seconds) || seconds < 5 || seconds > 20) {
			throw invalidParameters('CallTimeout must be 5-20');
		}
	}
	for (const jsonParam of ['RingConfig', 'DtmfConfig']) {
		if (!params[jsonParam]) continue;
		try {
			JSON.parse(params[jsonParam]);
		} catch {
			throw invalidParameters(`${jsonParam} must be a JSON string`);
		}
	}
	return options;
}

/** BindAxg: the AXG group of the pool, which must have members. */
function bindingGroup(ctx, params, pool) {
	if (!/^\d+$/.test(String(params.GroupId))) {
		throw invalidParameters(`GroupId not exists: ${params.GroupId}`);
	}
	const group = rules.findGroup(ctx, params.GroupId, pool.poolKey);
	if (!group.numbers.length) throw invalidParameters(`group ${params.GroupId} is empty`);
	return group;
}

/** BindAxnExtension: the extension asked for (1-3 digits, needs PhoneNoX), or null to pick one. */
function requestedExtension(params) {
	if (rules.isBlank(params.Extension)) return null;
	if (!/^\d{1,3}$/.test(params.Extension)) throw invalidParameters('Extension must be 1-3 digits');
	if (!params.PhoneNoX) throw invalidParameters('Extension requires PhoneNoX');
	return params.Extension;
}

/** The requested PhoneNoX if it can carry the binding (else the documented error). */
function checkRequestedX(ctx, pool, kind, phones, extension, phoneX) {
	const number = pool.numbers.get(phoneX);
	if (!number) {
		throw new BizError(
			'isv.FORBIDDEN_ACTION',
			`X number ${phoneX} does not belong to pool ${pool.poolKey}`,
		);
	}
	if (number.locked) throw new BizError('isv.FORBIDDEN_ACTION', `X number ${phoneX} is locked`);
	const conflict = conflictOnX(ctx.aliyun, phoneX, kind, phones, extension, ctx.now);
	if (conflict === 'conflict') {
		throw new BizError(
			'isv.BIND_CONFLICT',
			`A or B (or the extension) is already bound to X ${phoneX}`,
		);
	}
	if (conflict) {
		throw new BizError('isv.NO_AVAILABLE_NUMBER', `X number ${phoneX} has no free capacity`);
	}
	return phoneX;
}

/** The first unlocked X of the pool that can carry the binding, ExpectCity first. */
function pickX(ctx, pool, kind, phones, expectCity) {
	const unlocked = [...pool.numbers.values()].filter((number) => !number.locked);
	const preferred = expectCity ? unlocked.filter((number) => number.city === expectCity) : [];
	const others = expectCity ? unlocked.filter((number) => number.city !== expectCity) : unlocked;
	for (const number of [...preferred, ...others]) {
		if (!conflictOnX(ctx.aliyun, number.secretNo, kind, phones, null, ctx.now)) {
			return number.secretNo;
		}
	}
	throw new BizError('isv.NO_AVAILABLE_NUMBER', 'no available X number in the pool');
}

/** Validate, pick X, store and index one binding; returns the SecretBindDTO. */
function createBinding(ctx, kind, params, pool) {
	const { aliyun, now } = ctx;
	if (pool.type !== POOL_TYPE_BY_KIND[kind]) {
		throw new BizError(
			'isv.FORBIDDEN_ACTION',
			`pool ${pool.poolKey} is an ${pool.type} pool; it cannot create ${kind} bindings`,
		);
	}
	rules.checkPhone(params.PhoneNoA, 'PhoneNoA');
	rules.checkPhone(params.PhoneNoB, 'PhoneNoB');
	rules.checkPhone(params.PhoneNoX, 'PhoneNoX');
	if (params.PhoneNoB && params.PhoneNoB === params.PhoneNoA) {
		throw invalidParameters('PhoneNoA and PhoneNoB must differ');
	}
	const expireAt = rules.checkExpiration(params.Expiration, now);
	const options = readBindOptions(params);
	const group = kind === 'AXG' ? bindingGroup(ctx, params, pool) : null;
	let extension = kind === 'AXN_EXTENSION' ? requestedExtension(params) : null;
	const phones = [params.PhoneNoA, params.PhoneNoB].filter(Boolean);
	const phoneX = params.PhoneNoX
		? checkRequestedX(ctx, pool, kind, phones, extension, params.PhoneNoX)
		: pickX(ctx, pool, kind, phones, params.ExpectCity);
	if (kind === 'AXN_EXTENSION' && !extension) {
		extension = freeExtension(aliyun, phoneX, now);
		if (!extension) throw new BizError('isv.NO_AVAILABLE_NUMBER', 'no free extension');
	}
	const subsId = String(aliyun.nextSubsId++);
	const binding = {
		subsId,
		poolKey: pool.poolKey,
		kind,
		phoneA: params.PhoneNoA,
		phoneB: params.PhoneNoB || null,
		phoneX,
		extension,
		groupId: group ? group.groupId : null,
		expireAt,
		gmtCreate: now,
		needRecord: options.needRecord,
		callRestrict: options.callRestrict || null,
		callDisplayType: options.callDisplayType === undefined ? 1 : options.callDisplayType,
		outId: params.OutId || null,
		outOrderId: params.OutOrderId || null,
		asrStatus: options.asrStatus,
		asrModelId: params.ASRModelId || null,
		ringConfig: params.RingConfig || null,
		city: pool.numbers.get(phoneX).city,
	};
	aliyun.bindings.set(subsId, binding);
	indexBinding(aliyun, binding);
	ctx.recordBind({ outOrderId: binding.outOrderId });
	const dto = { SubsId: subsId, SecretNo: phoneX };
	if (extension) dto.Extension = extension;
	return dto;
}

function bindAction(action) {
	return (params, ctx) => ({
		SecretBindDTO: createBinding(ctx, KIND_BY_ACTION[action], params, rules.getPool(ctx, params)),
	});
}

function parseAxgBindList(value) {
	let list;
	try {
		list = JSON.parse(value);
	} catch {
		throw invalidParameters('AxgBindList must be a JSON array');
	}
	if (!Array.isArray(list) || list.length === 0) {
		throw invalidParameters('AxgBindList must be a non-empty JSON array');
	}
	if (list.length > 100) throw invalidParameters('AxgBindList holds at most 100 items');
	return list;
}

/** One item of BindBatchAxg: its own Code/Message, so one bad item does not fail the others. */
function bindBatchItem(ctx, params, pool, rawItem) {
	const item = {};
	if (rawItem && typeof rawItem === 'object') {
		for (const [key, value] of Object.entries(rawItem)) {
			if (value !== null && value !== undefined) item[key] = String(value);
		}
	}
	const echo = { GroupId: item.GroupId, PhoneNoA: item.PhoneNoA };
	try {
		for (const name of ['GroupId', 'PhoneNoA', 'Expiration']) {
			if (!item[name]) throw invalidParameters(`${name} is mandatory`);
		}
		const dto = createBinding(ctx, 'AXG', { ...item, PoolKey: params.PoolKey }, pool);
		return { Code: 'OK', Message: 'OK', ...echo, SecretNo: dto.SecretNo, SubsId: dto.SubsId };
	} catch (error) {
		if (!(error instanceof BizError)) throw error;
		return { Code: error.code, Message: error.message, ...echo };
	}
}

const bindingHandlers = {
	BindAxb: bindAction('BindAxb'),
	BindAxn: bindAction('BindAxn'),
	BindAxnExtension: bindAction('BindAxnExtension'),
	BindAxg: bindAction('BindAxg'),

	BindBatchAxg(params, ctx) {
		const pool = rules.getPool(ctx, params);
		const list = parseAxgBindList(params.AxgBindList);
		const results = list.map((rawItem) => bindBatchItem(ctx, params, pool, rawItem));
		return { SecretBindList: { SecretBind: results } };
	},
};

module.exports = { bindingHandlers };
