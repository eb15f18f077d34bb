'use strict';
/*
 * The work-number (工作号, XB) family: a work number X handed to employee B (BindXB/UnBindXB), call bindings through
 * it to customers A (BindAXBCall/UnBindAXB), X's settings (ConfigX, GetXConfig, GetXDefaultConfig), the customer's X
 * numbers (ListXTelephones), SMS tags (CreateSmsSign) and recordings (QuerySoundRecord). They answer Code "0000" /
 * Message "成功" with Success; ReqId (请求去重ID, at most 20 characters) de-duplicates: a repeated ReqId of an action
 * is answered with the first result and does nothing again. Described in the SDK models of @alicloud/dyplsapi20170525.
 */

const { chinaTime, isDigits } = require('../util');
const { BizError, invalidParameters } = require('./errors');
const { checkPhone, isBlank } = require('./params');

/** The seeded work-number pools of the default account (CustomerPoolKey → name, X numbers). */
const WORK_NUMBER_POOLS = [
	{ poolKey: 'FC500000000000001', name: '工作号测试池', count: 12, prefix: '1780000' },
	{ poolKey: 'FC500000000000002', name: '工作号备用池', count: 3, prefix: '1780001' },
];

const SEED_TIME = Date.UTC(2024, 0, 1, 0, 0, 0);
/** TelephoneStatus: 2 purchased awaiting verification, 4 verified (bound to B by BindXB). */
const PURCHASED = '2';
const VERIFIED = '4';

/** X's settings when ConfigX never changed them (GNFlag 00, SmsSignMode 0, SequenceMode 0 are the documented ones). */
const DEFAULT_CONFIG = Object.freeze({
	CallAbility: '1',
	SmsAbility: '0',
	GNFlag: '00',
	SmsSignMode: '0',
	SequenceMode: '0',
	SequenceStartTime: '09:00:00',
	SequenceEndTime: '18:00:00',
	SequenceCalls: [],
});

const CHOICES = {
	CallAbility: ['0', '1'],
	SmsAbility: ['0', '1'],
	GNFlag: ['00', '10'],
	SmsSignMode: ['0', '1'],
	SequenceMode: ['0', '1', '2'],
};
const SEQUENCE_KEYS = ['SequenceCalledNo', 'SequenceCallNoPlayCode', 'SequenceCalledPlayCode'];

/** Recording links of QuerySoundRecord are valid for one hour. */
const FILE_URL_TTL_SECONDS = 3600;

function seedPools(ctx) {
	const pools = new Map();
	// `seed: false` starts without pools: no work-number pools either
	if (ctx.aliyun.pools.size === 0) return pools;
	for (const { poolKey, name, count, prefix } of WORK_NUMBER_POOLS) {
		const numbers = new Map();
		for (let i = 1; i <= count; i++) {
			const telephone = `${prefix}${String(i).padStart(4, '0')}`;
			numbers.set(telephone, {
				telephone,
				status: PURCHASED,
				smsStatus: '0',
				buyTime: SEED_TIME,
				bindTime: null,
				unbindTime: null,
			});
		}
		pools.set(poolKey, { poolKey, name, owner: 'default', numbers });
	}
	return pools;
}

/** The family's state, created on first use: pools, XB and AXB bindings, configs, SMS tags, answered ReqIds. */
function workState(ctx) {
	if (!ctx.aliyun.workNumbers) {
		ctx.aliyun.workNumbers = {
			pools: seedPools(ctx),
			/** AuthId → { authId, poolKey, telX, telB, userData } */
			xb: new Map(),
			/** BindId → { bindId, authId, poolKey, telA, telB, telX, expireAt, userData } */
			axb: new Map(),
			/** TelX → settings (ConfigX) */
			configs: new Map(),
			/** CalledNoSign → { poolKey, calledNo, callingNo } */
			signs: new Map(),
			/** owner|Action|ReqId → the answer given */
			answered: new Map(),
			nextAuthId: 4353453001,
			nextBindId: 476567001,
			nextSign: 23343001,
		};
	}
	return ctx.aliyun.workNumbers;
}

function getWorkPool(ctx, state, poolKey) {
	const pool = state.pools.get(poolKey);
	if (!pool || pool.owner !== ctx.account.owner) {
		throw new BizError('isv.POOLKEY_NOT_EXISTS', `CustomerPoolKey not exists: ${poolKey}`);
	}
	return pool;
}

function getWorkNumber(pool, telX) {
	checkPhone(telX, 'TelX');
	const number = pool.numbers.get(telX);
	if (!number) throw new BizError('isv.NO_NOT_EXIST', `TelX not in pool: ${telX}`);
	return number;
}

function checkChoices(params) {
	for (const [name, allowed] of Object.entries(CHOICES)) {
		if (!isBlank(params[name]) && !allowed.includes(params[name])) {
			throw invalidParameters(`${name} must be one of ${allowed.join(', ')}: ${params[name]}`);
		}
	}
}

/** SequenceCalls: a JSON array of {SequenceCalledNo, SequenceCallNoPlayCode, SequenceCalledPlayCode}. */
function parseSequenceCalls(value) {
	let list;
	try {
		list = JSON.parse(value);
	} catch {
		throw invalidParameters('SequenceCalls must be a JSON array');
	}
	if (!Array.isArray(list)) throw invalidParameters('SequenceCalls must be a JSON array');
	for (const entry of list) {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			throw invalidParameters('SequenceCalls entries must be objects');
		const unknown = Object.keys(entry).filter((key) => !SEQUENCE_KEYS.includes(key));
		if (unknown.length)
			throw invalidParameters(`SequenceCalls: unknown keys ${unknown.join(', ')}`);
		checkPhone(entry.SequenceCalledNo, 'SequenceCalledNo');
	}
	return list;
}

function findXb(state, params) {
	const xb = state.xb.get(String(params.AuthId));
	if (!xb || xb.poolKey !== params.CustomerPoolKey || (params.TelX && xb.telX !== params.TelX)) {
		throw new BizError('isv.SUBS_NOT_EXIST', `work-number binding not exists: ${params.AuthId}`);
	}
	return xb;
}

const done = () => ({ Data: { Code: '0000', Message: '成功', Success: true } });

const configOf = (state, telX) => ({ ...DEFAULT_CONFIG, ...(state.configs.get(telX) || {}) });

/** The settings GetXConfig / GetXDefaultConfig answer (SequenceMode is not among them). */
const ANSWERED = [
	'CallAbility',
	'SmsAbility',
	'GNFlag',
	'SmsSignMode',
	'SequenceStartTime',
	'SequenceEndTime',
];
const answeredSettings = (config) =>
	Object.fromEntries(ANSWERED.map((name) => [name, config[name]]));

const handlers = {
	BindXB(params, ctx, state) {
		const pool = getWorkPool(ctx, state, params.CustomerPoolKey);
		checkPhone(params.TelB, 'TelB');
		const number = getWorkNumber(pool, params.TelX);
		if ([...state.xb.values()].some((xb) => xb.telX === params.TelX)) {
			throw new BizError(
				'isv.BIND_CONFLICT',
				`TelX is already bound to an employee: ${params.TelX}`,
			);
		}
		const authId = String(state.nextAuthId++);
		state.xb.set(authId, {
			authId,
			poolKey: pool.poolKey,
			telX: params.TelX,
			telB: params.TelB,
			userData: params.UserData ?? null,
		});
		Object.assign(number, { status: VERIFIED, bindTime: ctx.now, unbindTime: null });
		return { Data: { AuthId: authId, TelX: params.TelX } };
	},
	UnBindXB(params, ctx, state) {
		const pool = getWorkPool(ctx, state, params.CustomerPoolKey);
		const xb = findXb(state, params);
		state.xb.delete(xb.authId);
		// calls to X no longer reach B: its call bindings go with it
		for (const [bindId, axb] of state.axb) if (axb.authId === xb.authId) state.axb.delete(bindId);
		const number = pool.numbers.get(xb.telX);
		if (number) Object.assign(number, { status: PURCHASED, unbindTime: ctx.now });
		return done();
	},
	BindAXBCall(params, ctx, state) {
		getWorkPool(ctx, state, params.CustomerPoolKey);
		const xb = findXb(state, params);
		checkPhone(params.TelA, 'TelA');
		if (!isDigits(String(params.Expiration), 1, 10) || Number(params.Expiration) <= 0) {
			throw invalidParameters(
				`Expiration must be a number of seconds above 0: ${params.Expiration}`,
			);
		}
		const bindId = String(state.nextBindId++);
		state.axb.set(bindId, {
			bindId,
			authId: xb.authId,
			poolKey: xb.poolKey,
			telA: params.TelA,
			telB: xb.telB,
			telX: xb.telX,
			expireAt: ctx.now + Number(params.Expiration) * 1000,
			userData: params.UserData ?? null,
		});
		return { Data: { BindId: bindId } };
	},
	UnBindAXB(params, ctx, state) {
		getWorkPool(ctx, state, params.CustomerPoolKey);
		const axb = state.axb.get(String(params.BindId));
		if (!axb || axb.poolKey !== params.CustomerPoolKey || axb.expireAt <= ctx.now) {
			throw new BizError('isv.SUBS_NOT_EXIST', `call binding not exists: ${params.BindId}`);
		}
		state.axb.delete(axb.bindId);
		return done();
	},
	ConfigX(params, ctx, state) {
		const pool = getWorkPool(ctx, state, params.CustomerPoolKey);
		getWorkNumber(pool, params.TelX);
		checkChoices(params);
		const change = {};
		for (const name of Object.keys(CHOICES))
			if (!isBlank(params[name])) change[name] = params[name];
		if (!isBlank(params.SequenceCalls))
			change.SequenceCalls = parseSequenceCalls(params.SequenceCalls);
		state.configs.set(params.TelX, { ...(state.configs.get(params.TelX) || {}), ...change });
		return done();
	},
	GetXConfig(params, ctx, state) {
		getWorkNumber(getWorkPool(ctx, state, params.CustomerPoolKey), params.TelX);
		const config = configOf(state, params.TelX);
		return {
			Data: { ...answeredSettings(config), SequenceCalls: config.SequenceCalls, ReachJsons: [] },
		};
	},
	GetXDefaultConfig(params, ctx, state) {
		getWorkNumber(getWorkPool(ctx, state, params.CustomerPoolKey), params.TelX);
		return {
			Data: { ...answeredSettings(DEFAULT_CONFIG), SequenceCall: [], ReachJson: [] },
		};
	},
	ListXTelephones(params, ctx, state) {
		const pools = isBlank(params.CustomerPoolKey)
			? [...state.pools.values()].filter((pool) => pool.owner === ctx.account.owner)
			: [getWorkPool(ctx, state, params.CustomerPoolKey)];
		const pageNo = isBlank(params.PageNo) ? 1 : Number(params.PageNo);
		const pageSize = isBlank(params.PageSize) ? 10 : Number(params.PageSize);
		for (const [name, value] of [
			['PageNo', pageNo],
			['PageSize', pageSize],
		]) {
			if (!Number.isInteger(value) || value < 1)
				throw invalidParameters(`${name} must be 1 or more`);
		}
		const all = pools.flatMap((pool) =>
			[...pool.numbers.values()].map((number) => ({
				Telephone: number.telephone,
				TelephoneStatus: number.status,
				SmsStatus: number.smsStatus,
				CustomerPoolKey: pool.poolKey,
				CustomerPoolName: pool.name,
				AuthMsg: '',
				BuyTime: chinaTime(number.buyTime),
				BindTime: number.bindTime === null ? '' : chinaTime(number.bindTime),
				UnbindTime: number.unbindTime === null ? '' : chinaTime(number.unbindTime),
				ReleaseTime: '',
			})),
		);
		const list = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
		return { Data: { PageNo: pageNo, PageSize: pageSize, Total: all.length, List: list } };
	},
	CreateSmsSign(params, ctx, state) {
		getWorkPool(ctx, state, params.CustomerPoolKey);
		checkPhone(params.CalledNo, 'CalledNo');
		checkPhone(params.CallingNo, 'CallingNo');
		const sign = `sign${state.nextSign++}`;
		state.signs.set(sign, {
			poolKey: params.CustomerPoolKey,
			calledNo: params.CalledNo,
			callingNo: params.CallingNo,
		});
		return { Data: { CalledNoSign: sign } };
	},
	/** Any call the sandbox simulated (POST /__sandbox/calls) with a recording. */
	QuerySoundRecord(params, ctx, state) {
		getWorkPool(ctx, state, params.CustomerPoolKey);
		const call = ctx.state.calls.get(params.CallId);
		if (!call || call.provider !== 'aliyun') {
			throw invalidParameters(`call record not found: ${params.CallId}`);
		}
		if (!call.recording) throw invalidParameters(`call ${params.CallId} has no recording`);
		const expires = Math.floor(ctx.now / 1000) + FILE_URL_TTL_SECONDS;
		const file = encodeURIComponent(call.callId);
		return {
			Data: { FileUrl: `${ctx.baseUrl}/__sandbox/recordings/${file}.mp3?Expires=${expires}` },
		};
	},
};

/** ReqId: at most 20 characters; a repeated one gets the first answer and changes nothing. */
function deduplicated(action, handler) {
	return (params, ctx) => {
		if (String(params.ReqId).length > 20) {
			throw invalidParameters(`ReqId must be at most 20 characters: ${params.ReqId}`);
		}
		const state = workState(ctx);
		const key = `${ctx.account.owner}|${action}|${params.ReqId}`;
		if (state.answered.has(key)) return state.answered.get(key);
		const answer = handler(params, ctx, state);
		state.answered.set(key, answer);
		return answer;
	};
}

const REQUIRED = {
	BindXB: ['CustomerPoolKey', 'ReqId', 'TelB', 'TelX'],
	UnBindXB: ['AuthId', 'CustomerPoolKey', 'ReqId', 'TelX'],
	BindAXBCall: ['AuthId', 'CustomerPoolKey', 'Expiration', 'ReqId', 'TelA'],
	UnBindAXB: ['BindId', 'CustomerPoolKey', 'ReqId'],
	ConfigX: ['CustomerPoolKey', 'ReqId', 'TelX'],
	GetXConfig: ['CustomerPoolKey', 'ReqId', 'TelX'],
	GetXDefaultConfig: ['CustomerPoolKey', 'ReqId', 'TelX'],
	ListXTelephones: ['ReqId'],
	CreateSmsSign: ['CalledNo', 'CallingNo', 'CustomerPoolKey', 'ReqId'],
	QuerySoundRecord: ['CallId', 'CustomerPoolKey', 'ReqId'],
};
/** The answers that list a RequestId in the SDK's response models. */
const WITH_REQUEST_ID = ['UnBindXB', 'UnBindAXB', 'ConfigX'];

/** Action → { required, qps, envelope } (see index.js). No QPS is documented for this family. */
const workNumberActions = Object.fromEntries(
	Object.entries(REQUIRED).map(([action, required]) => [
		action,
		{
			required,
			qps: null,
			envelope: 'workNumber',
			...(WITH_REQUEST_ID.includes(action) ? { requestId: true } : {}),
		},
	]),
);

/** Action → (params, ctx) → response fields. */
const workNumberHandlers = Object.fromEntries(
	Object.entries(handlers).map(([action, handler]) => [action, deduplicated(action, handler)]),
);

module.exports = { workNumberActions, workNumberHandlers, WORK_NUMBER_POOLS, workState };
