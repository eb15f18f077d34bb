'use strict';
/* Checks of action parameters shared by the Dyplsapi action families; each throws a BizError. */

const { parseChinaTime, isDigits } = require('../util');
const { BizError, invalidParameters } = require('./errors');

function isBlank(value) {
	return value === undefined || value === '';
}

/** Numbers are digits only (3 to 20 of them). */
function checkPhone(value, name) {
	if (isBlank(value)) return;
	if (!isDigits(value, 3, 20)) {
		throw new BizError('isv.MOBILE_NUMBER_ILLEGAL', `${name} is illegal: ${value}`);
	}
}

/** `Expiration` is `yyyy-MM-dd HH:mm:ss` China time, more than one minute from now. */
function checkExpiration(value, now) {
	const expireAt = parseChinaTime(value);
	if (expireAt === null) {
		throw new BizError(
			'isv.EXPIRE_DATE_ILLEGAL',
			`Expiration must be yyyy-MM-dd HH:mm:ss: ${value}`,
		);
	}
	if (expireAt <= now + 60 * 1000) {
		throw new BizError(
			'isv.EXPIRE_DATE_ILLEGAL',
			'Expiration must be more than 1 minute in the future',
		);
	}
	return expireAt;
}

function parseBool(value, name) {
	if (isBlank(value)) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw invalidParameters(`${name} must be true or false`);
}

const CALL_RESTRICTIONS = ['CONTROL_AX_DISABLE', 'CONTROL_BX_DISABLE'];

/** CallRestrict; `CONTROL_CLEAR_DISABLE` (→ null) only where an update may clear it. */
function checkCallRestrict(value, allowClear) {
	if (isBlank(value)) return undefined;
	if (CALL_RESTRICTIONS.includes(value)) return value;
	if (allowClear && value === 'CONTROL_CLEAR_DISABLE') return null;
	throw invalidParameters(`CallRestrict is illegal: ${value}`);
}

function checkDisplayType(value) {
	if (isBlank(value)) return undefined;
	if (!/^\d+$/.test(String(value))) throw invalidParameters(`CallDisplayType is illegal: ${value}`);
	return Number(value);
}

/** `Numbers`: a comma list of at most 200 numbers. */
function parseNumbers(value, required) {
	const list = String(value || '')
		.split(',')
		.map((number) => number.trim())
		.filter(Boolean);
	if (required && !list.length) throw invalidParameters('Numbers must not be empty');
	if (list.length > 200) throw invalidParameters('at most 200 numbers per call');
	for (const number of list) checkPhone(number, 'Numbers');
	return list;
}

/** The pool named by PoolKey, if the caller's account owns it. */
function getPool(ctx, params) {
	const pool = ctx.aliyun.pools.get(params.PoolKey);
	if (!pool || pool.owner !== ctx.account.owner) {
		throw new BizError('isv.POOLKEY_NOT_EXISTS', `PoolKey not exists: ${params.PoolKey}`);
	}
	return pool;
}

function getNumber(pool, secretNo) {
	const number = pool.numbers.get(secretNo);
	if (!number) throw new BizError('isv.NO_NOT_EXIST', `number not exists in pool: ${secretNo}`);
	return number;
}

/** The binding of SubsId in the request's pool that carries X (else isv.SUBS_NOT_EXIST). */
function findBinding(ctx, params, phoneX) {
	const binding = ctx.aliyun.bindings.get(String(params.SubsId));
	const otherX = phoneX !== undefined && binding && binding.phoneX !== phoneX;
	const elsewhere = binding && (binding.poolKey !== params.PoolKey || otherX);
	if (!binding || elsewhere) throw new BizError('isv.SUBS_NOT_EXIST', 'subscription not exists');
	return binding;
}

/** The AXG group GroupId of a pool (else isv.INVALID_PARAMETERS). */
function findGroup(ctx, groupId, poolKey) {
	const group = ctx.aliyun.groups.get(Number(groupId));
	if (!group || group.poolKey !== poolKey)
		throw invalidParameters(`GroupId not exists: ${groupId}`);
	return group;
}

module.exports = {
	isBlank,
	checkPhone,
	checkExpiration,
	parseBool,
	checkCallRestrict,
	checkDisplayType,
	parseNumbers,
	getPool,
	getNumber,
	findBinding,
	findGroup,
};
