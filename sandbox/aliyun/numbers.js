'use strict';
/*
 * X numbers of a pool: QuerySecretNoDetail, BuySecretNo, ReleaseSecretNo, QuerySecretNoRemain,
 * LockSecretNo and UnlockSecretNo.
 * Stock for purchase is kept per "SpecId|City" in state.aliyun.remain.
 */

const { chinaTime } = require('../util');
const { BizError, invalidParameters } = require('./errors');
const { checkPhone, getPool, getNumber } = require('./params');
const { bindingsOnX } = require('./binding-index');

/** SecretStatus of QuerySecretNoDetail. */
const SECRET_STATUS = { idle: 0, bound: 1, locked: 2 };

function checkSpecId(value) {
	const spec = String(value);
	if (!['1', '2', '3'].includes(spec)) throw invalidParameters('SpecId must be 1, 2 or 3');
	return spec;
}

/** A number in no pool yet: 95xxxxxxxx for SpecId 3, else after the SecretNo prefix or 1719. */
function newSecretNo(aliyun, spec, prefix) {
	const sequence = aliyun.nextBuy++;
	let secretNo;
	if (spec === '3') secretNo = `95${String(sequence).padStart(8, '0')}`;
	else if (prefix && prefix.length < 11) {
		secretNo = (prefix + '7' + String(sequence).padStart(10, '0')).slice(0, 11);
	} else secretNo = `1719${String(sequence).padStart(7, '0')}`;
	const pools = [...aliyun.pools.values()];
	while (pools.some((pool) => pool.numbers.has(secretNo))) {
		secretNo = `1719${String(aliyun.nextBuy++).padStart(7, '0')}`;
	}
	return secretNo;
}

function lockHandler(locked) {
	return (params, ctx) => {
		getNumber(getPool(ctx, params), params.SecretNo).locked = locked;
		return {};
	};
}

const numberHandlers = {
	QuerySecretNoDetail(params, ctx) {
		const pool = getPool(ctx, params);
		checkPhone(params.SecretNo, 'SecretNo');
		const number = getNumber(pool, params.SecretNo);
		const bound = bindingsOnX(ctx.aliyun, number.secretNo, ctx.now).length > 0;
		const status = number.locked ? 'locked' : bound ? 'bound' : 'idle';
		return {
			SecretNoInfoDTO: {
				SecretStatus: SECRET_STATUS[status],
				CertifyStatus: number.certifyStatus,
				Vendor: number.vendor,
				City: number.city,
				Province: number.province,
				PurchaseTime: chinaTime(number.purchaseTime),
			},
		};
	},

	BuySecretNo(params, ctx) {
		const { aliyun } = ctx;
		const pool = getPool(ctx, params);
		const spec = checkSpecId(params.SpecId);
		if (params.SecretNo && !/^\d{1,18}$/.test(params.SecretNo)) {
			throw new BizError('isv.MOBILE_NUMBER_ILLEGAL', 'SecretNo prefix must be digits');
		}
		const stockKey = `${spec}|${params.City}`;
		const inStock = aliyun.remain.get(stockKey) || 0;
		if (inStock <= 0) {
			throw new BizError('isv.NO_AVAILABLE_NUMBER', `no purchasable numbers in ${params.City}`);
		}
		const secretNo = newSecretNo(aliyun, spec, params.SecretNo);
		aliyun.remain.set(stockKey, inStock - 1);
		pool.numbers.set(secretNo, {
			secretNo,
			city: params.City,
			province: params.City,
			vendor: spec === '1' ? 1 : 2,
			certifyStatus: 1,
			locked: false,
			purchaseTime: ctx.now,
		});
		return { SecretBuyInfoDTO: { SecretNo: secretNo } };
	},

	/** Only numbers without active bindings can be released. */
	ReleaseSecretNo(params, ctx) {
		const pool = getPool(ctx, params);
		const number = getNumber(pool, params.SecretNo);
		if (bindingsOnX(ctx.aliyun, number.secretNo, ctx.now).length) {
			throw new BizError(
				'isv.FORBIDDEN_ACTION',
				`number ${number.secretNo} still has bindings; unbind first`,
			);
		}
		pool.numbers.delete(number.secretNo);
		return {};
	},

	/** City 全国 answers the total, 全国列表 the total and the list per city. */
	QuerySecretNoRemain(params, ctx) {
		const spec = checkSpecId(params.SpecId);
		const { City } = params;
		const perCity = [...ctx.aliyun.remain.entries()]
			.filter(([stockKey]) => stockKey.startsWith(`${spec}|`))
			.map(([stockKey, amount]) => ({ City: stockKey.slice(spec.length + 1), Amount: amount }));
		if (City === '全国' || City === '全国列表') {
			const total = perCity.reduce((sum, entry) => sum + entry.Amount, 0);
			const dto = { Amount: total, City };
			if (City === '全国列表') dto.RemainDTOList = { remainDTO: perCity };
			return { SecretRemainDTO: dto };
		}
		const entry = perCity.find((candidate) => candidate.City === City);
		return { SecretRemainDTO: { Amount: entry ? entry.Amount : 0, City } };
	},

	LockSecretNo: lockHandler(true),
	UnlockSecretNo: lockHandler(false),
};

module.exports = { numberHandlers };
