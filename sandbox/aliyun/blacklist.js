'use strict';
/*
 * Blacklists of a pool: AddSecretBlacklist, DeleteSecretBlacklist and OperateBlackNo.
 * Entries are kept in state.aliyun.blacklists (PoolKey → Set of "BlackType|BlackNo|WayControl").
 */

const { invalidParameters } = require('./errors');
const { checkPhone, getPool } = require('./params');

const WAY_CONTROLS = ['DUPLEX_REJECT', 'PHONEA_REJECT', 'PHONEB_REJECT'];

function globalEntry(blackNo) {
	checkPhone(blackNo, 'BlackNo');
	return `PARTNER_GLOBAL_NUMBER_BLACK|${blackNo}|`;
}

/**
 * POINT_TO_POINT_BLACK takes "numA:numB" and a WayControl; PARTNER_GLOBAL_NUMBER_BLACK one number.
 */
function blacklistEntry(params) {
	if (params.BlackType === 'POINT_TO_POINT_BLACK') {
		const pair = params.BlackNo.split(':');
		if (pair.length !== 2) {
			throw invalidParameters('BlackNo must be numA:numB for POINT_TO_POINT_BLACK');
		}
		pair.forEach((number) => checkPhone(number, 'BlackNo'));
		const wayControl = params.WayControl || 'DUPLEX_REJECT';
		if (!WAY_CONTROLS.includes(wayControl)) throw invalidParameters('WayControl is illegal');
		return `POINT_TO_POINT_BLACK|${params.BlackNo}|${wayControl}`;
	}
	if (params.BlackType === 'PARTNER_GLOBAL_NUMBER_BLACK') return globalEntry(params.BlackNo);
	throw invalidParameters(`BlackType is illegal: ${params.BlackType}`);
}

function poolBlacklist(ctx, params) {
	getPool(ctx, params);
	return ctx.aliyun.blacklists.get(params.PoolKey);
}

const blacklistHandlers = {
	AddSecretBlacklist(params, ctx) {
		const blacklist = poolBlacklist(ctx, params);
		blacklist.add(blacklistEntry(params));
		return {};
	},

	/** Removes the entry whatever its WayControl. */
	DeleteSecretBlacklist(params, ctx) {
		const blacklist = poolBlacklist(ctx, params);
		const entry = blacklistEntry(params);
		const typeAndNumber = entry.split('|').slice(0, 2).join('|') + '|';
		for (const existing of [...blacklist]) {
			if (existing.startsWith(typeAndNumber)) blacklist.delete(existing);
		}
		return {};
	},

	OperateBlackNo(params, ctx) {
		const blacklist = poolBlacklist(ctx, params);
		const entry = globalEntry(params.BlackNo);
		if (params.OperateType === 'AddBlack') blacklist.add(entry);
		else if (params.OperateType === 'DeleteBlack') blacklist.delete(entry);
		else throw invalidParameters(`OperateType is illegal: ${params.OperateType}`);
		return {};
	},
};

module.exports = { blacklistHandlers };
