'use strict';
/*
 * Alibaba Cloud Dyplsapi 2017-05-25 emulation (RPC style, Signature V1).
 * prepare() parses and authenticates one request and returns an object whose execute() applies the action to state.
 */

const OpenApiUtil = require('@alicloud/openapi-util').default;
const {
	aliRequestId,
	chinaTime,
	parseChinaTime,
	percentEncode,
	parseForm,
	isDigits,
} = require('./util');

const HOST_ID = 'dyplsapi.aliyuncs.com';
const VERSION = '2017-05-25';
const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
const NONCE_TTL_MS = 15 * 60 * 1000;

const BIND_REQ = ['PoolKey', 'PhoneNoA', 'Expiration'];

/** Action -> { req: required params (PoolKey where the action takes it), qps: documented per-account limit or null } */
const ACTIONS = {
	BindAxb: { req: BIND_REQ, qps: 5000 },
	BindAxn: { req: BIND_REQ, qps: 5000 },
	BindAxnExtension: { req: BIND_REQ, qps: 5000 },
	BindAxg: { req: [...BIND_REQ, 'GroupId'], qps: 5000 },
	BindBatchAxg: { req: ['PoolKey', 'AxgBindList'], qps: null },
	UpdateSubscription: { req: ['PoolKey', 'SubsId', 'PhoneNoX', 'OperateType'], qps: 10000 },
	UnbindSubscription: { req: ['PoolKey', 'SubsId', 'SecretNo'], qps: 5000 },
	QuerySubscriptionDetail: { req: ['PoolKey', 'SubsId', 'PhoneNoX'], qps: 5000 },
	QuerySubsId: { req: ['PoolKey', 'PhoneNoX'], qps: null },
	QuerySecretNoDetail: { req: ['PoolKey', 'SecretNo'], qps: 1000 },
	BuySecretNo: { req: ['PoolKey', 'SpecId', 'City'], qps: null },
	ReleaseSecretNo: { req: ['PoolKey', 'SecretNo'], qps: null },
	QuerySecretNoRemain: { req: ['SpecId', 'City'], qps: null },
	LockSecretNo: { req: ['PoolKey', 'SecretNo'], qps: 500 },
	UnlockSecretNo: { req: ['PoolKey', 'SecretNo'], qps: 500 },
	CreateAxgGroup: { req: ['PoolKey'], qps: null },
	OperateAxgGroup: { req: ['PoolKey', 'GroupId', 'OperateType', 'Numbers'], qps: 5000 },
	DeleteAxgGroup: { req: ['PoolKey', 'GroupId'], qps: null },
	AddAxnTrackNo: { req: ['PoolKey', 'PhoneNoX', 'SubsId', 'trackNo'], qps: 5000 },
	QueryPhoneNoAByTrackNo: { req: ['trackNo'], qps: 5000 },
	AddSecretBlacklist: { req: ['PoolKey', 'BlackNo', 'BlackType'], qps: 100 },
	DeleteSecretBlacklist: { req: ['PoolKey', 'BlackNo', 'BlackType'], qps: 100 },
	OperateBlackNo: { req: ['PoolKey', 'BlackNo', 'OperateType'], qps: 1000 },
	QueryRecordFileDownloadUrl: { req: ['PoolKey', 'CallId'], qps: 3000 },
	GetTotalPublicUrl: { req: ['CallId', 'CallTime', 'CheckSubs', 'PartnerKey'], qps: 1000 },
	GetSecretAsrDetail: { req: ['CallId', 'CallTime', 'PoolKey'], qps: 100 },
};

/** Documented per-account QPS limits (aliyun-dypls.md §4). */
const DEFAULT_QPS = Object.fromEntries(
	Object.entries(ACTIONS)
		.filter(([, v]) => v.qps)
		.map(([k, v]) => [k, v.qps]),
);

class GatewayError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

class BizError extends Error {
	constructor(code, message) {
		super(message);
		this.code = code;
	}
}

function gatewayBody(code, message, requestId = aliRequestId()) {
	return {
		RequestId: requestId,
		HostId: HOST_ID,
		Code: code,
		Message: message,
		Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dyplsapi`,
	};
}

function gatewayResponse(status, code, message) {
	return { status, body: gatewayBody(code, message) };
}

function missing(name) {
	return new GatewayError(
		400,
		'MissingParameter',
		`The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
	);
}

/** Canonical string-to-sign (only used to build the SignatureDoesNotMatch message; verification uses openapi-util). */
function stringToSign(params, method) {
	const cq = Object.keys(params)
		.sort()
		.map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
		.join('&');
	return `${method}&${percentEncode('/')}&${percentEncode(cq)}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// state helpers

function isActive(b, now) {
	return b && b.expireAt > now;
}

function indexAdd(a, b) {
	if (!a.xIndex) {
		a.xIndex = new Map();
		a.partyIndex = new Map();
		a.idxSize = 0;
	}
	let set = a.xIndex.get(b.phoneX);
	if (!set) a.xIndex.set(b.phoneX, (set = new Set()));
	if (!set.has(b.subsId)) a.idxSize++;
	set.add(b.subsId);
	for (const p of parties(b)) partyAdd(a, b.phoneX, p, b.subsId);
}

function partyAdd(a, x, phone, subsId) {
	const k = `${x}|${phone}`;
	let set = a.partyIndex.get(k);
	if (!set) a.partyIndex.set(k, (set = new Set()));
	set.add(subsId);
}

function partyDel(a, x, phone, subsId) {
	const set = a.partyIndex && a.partyIndex.get(`${x}|${phone}`);
	if (set) set.delete(subsId);
}

function indexDel(a, b) {
	const set = a.xIndex && a.xIndex.get(b.phoneX);
	if (set && set.delete(b.subsId)) a.idxSize--;
	for (const p of parties(b)) partyDel(a, b.phoneX, p, b.subsId);
}

/** Rebuild the indexes when bindings were added or removed behind the sandbox's back (e.g. by a test). */
function ensureIndex(a) {
	if (!a.xIndex || a.idxSize !== a.bindings.size) rebuildIndex(a);
}

/** Active bindings carried by X. */
function bindingsOnX(a, x, now) {
	const out = [];
	const set = a.xIndex && a.xIndex.get(x);
	if (set) {
		for (const id of set) {
			const b = a.bindings.get(id);
			if (b && b.phoneX === x && isActive(b, now)) out.push(b);
		}
	}
	return out;
}

function rebuildIndex(a) {
	a.xIndex = new Map();
	a.partyIndex = new Map();
	a.idxSize = 0;
	for (const b of a.bindings.values()) indexAdd(a, b);
}

function parties(b) {
	return [b.phoneA, b.phoneB].filter(Boolean);
}

/** Is `phone` a party of an active binding on X (other than ignoreSubsId)? */
function partyBusy(a, x, phone, now, ignoreSubsId) {
	const set = a.partyIndex && a.partyIndex.get(`${x}|${phone}`);
	if (!set) return false;
	for (const id of set) {
		if (id === ignoreSubsId) continue;
		const b = a.bindings.get(id);
		if (b && b.phoneX === x && isActive(b, now) && (b.phoneA === phone || b.phoneB === phone)) return true;
	}
	return false;
}

/** Can a new binding of `kind` with parties `nums` (and extension) live on X? Returns null or a reason code. */
function xConflict(a, x, kind, nums, extension, now, ignoreSubsId) {
	if (kind === 'AXB' || kind === 'AXG') {
		// neither party may already be bound on this X
		return nums.some((p) => partyBusy(a, x, p, now, ignoreSubsId)) ? 'conflict' : null;
	}
	const existing = bindingsOnX(a, x, now).filter((b) => b.subsId !== ignoreSubsId);
	if (kind === 'AXN') return existing.length ? 'occupied' : null;
	// AXN_EXTENSION
	if (existing.some((b) => b.kind === 'AXN')) return 'occupied';
	if (extension && existing.some((b) => b.extension === extension)) return 'conflict';
	if (existing.length >= 999) return 'occupied';
	return null;
}

function freeExtension(a, x, now) {
	const used = new Set(bindingsOnX(a, x, now).map((b) => b.extension));
	for (let e = 100; e <= 999; e++) if (!used.has(String(e))) return String(e);
	return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// validation helpers

function checkPhone(v, name) {
	if (v === undefined || v === '') return;
	if (!isDigits(v, 3, 20)) throw new BizError('isv.MOBILE_NUMBER_ILLEGAL', `${name} is illegal: ${v}`);
}

function checkExpiration(v, now) {
	const ms = parseChinaTime(v);
	if (ms === null) throw new BizError('isv.EXPIRE_DATE_ILLEGAL', `Expiration must be yyyy-MM-dd HH:mm:ss: ${v}`);
	if (ms <= now + 60 * 1000) throw new BizError('isv.EXPIRE_DATE_ILLEGAL', 'Expiration must be more than 1 minute in the future');
	return ms;
}

function parseBool(v, name) {
	if (v === undefined || v === '') return undefined;
	if (v === true || v === 'true') return true;
	if (v === false || v === 'false') return false;
	throw new BizError('isv.INVALID_PARAMETERS', `${name} must be true or false`);
}

const CALL_RESTRICT = ['CONTROL_AX_DISABLE', 'CONTROL_BX_DISABLE'];

function checkCallRestrict(v, allowClear) {
	if (v === undefined || v === '') return undefined;
	if (CALL_RESTRICT.includes(v)) return v;
	if (allowClear && v === 'CONTROL_CLEAR_DISABLE') return null;
	throw new BizError('isv.INVALID_PARAMETERS', `CallRestrict is illegal: ${v}`);
}

function checkDisplayType(v) {
	if (v === undefined || v === '') return undefined;
	if (!/^\d+$/.test(String(v))) throw new BizError('isv.INVALID_PARAMETERS', `CallDisplayType is illegal: ${v}`);
	return Number(v);
}

function getPool(env, p) {
	const pool = env.a.pools.get(p.PoolKey);
	if (!pool || pool.owner !== env.account.owner) throw new BizError('isv.POOLKEY_NOT_EXISTS', `PoolKey not exists: ${p.PoolKey}`);
	return pool;
}

function getNumber(pool, no) {
	const n = pool.numbers.get(no);
	if (!n) throw new BizError('isv.NO_NOT_EXIST', `number not exists in pool: ${no}`);
	return n;
}

/** Binding by SubsId that belongs to pool and carries X (else isv.SUBS_NOT_EXIST). */
function findBinding(env, p, x) {
	const b = env.a.bindings.get(String(p.SubsId));
	if (!b || b.poolKey !== p.PoolKey || (x !== undefined && b.phoneX !== x)) {
		throw new BizError('isv.SUBS_NOT_EXIST', 'subscription not exists');
	}
	return b;
}

// ---------------------------------------------------------------------------------------------------------------------
// binding creation

const KIND_BY_ACTION = { BindAxb: 'AXB', BindAxn: 'AXN', BindAxnExtension: 'AXN_EXTENSION', BindAxg: 'AXG' };
const POOL_TYPE_BY_KIND = { AXB: 'AXB', AXN: 'AXN', AXN_EXTENSION: 'AXN', AXG: 'AXG' };

function createBinding(env, kind, p, pool) {
	const { a, now } = env;
	if (pool.type !== POOL_TYPE_BY_KIND[kind]) {
		throw new BizError('isv.FORBIDDEN_ACTION', `pool ${pool.poolKey} is an ${pool.type} pool; it cannot create ${kind} bindings`);
	}
	checkPhone(p.PhoneNoA, 'PhoneNoA');
	checkPhone(p.PhoneNoB, 'PhoneNoB');
	checkPhone(p.PhoneNoX, 'PhoneNoX');
	if (p.PhoneNoB && p.PhoneNoB === p.PhoneNoA) throw new BizError('isv.INVALID_PARAMETERS', 'PhoneNoA and PhoneNoB must differ');
	const expireAt = checkExpiration(p.Expiration, now);
	const needRecord = parseBool(p.IsRecordingEnabled, 'IsRecordingEnabled') || false;
	const asrStatus = parseBool(p.ASRStatus, 'ASRStatus') || false;
	const callRestrict = checkCallRestrict(p.CallRestrict, false);
	const callDisplayType = checkDisplayType(p.CallDisplayType);
	if (p.CallTimeout !== undefined && p.CallTimeout !== '') {
		const t = Number(p.CallTimeout);
		if (!Number.isInteger(t) || t < 5 || t > 20) throw new BizError('isv.INVALID_PARAMETERS', 'CallTimeout must be 5-20');
	}
	for (const jsonParam of ['RingConfig', 'DtmfConfig']) {
		if (p[jsonParam]) {
			try {
				JSON.parse(p[jsonParam]);
			} catch {
				throw new BizError('isv.INVALID_PARAMETERS', `${jsonParam} must be a JSON string`);
			}
		}
	}
	let group = null;
	if (kind === 'AXG') {
		group = a.groups.get(Number(p.GroupId));
		if (!/^\d+$/.test(String(p.GroupId)) || !group || group.poolKey !== pool.poolKey) {
			throw new BizError('isv.INVALID_PARAMETERS', `GroupId not exists: ${p.GroupId}`);
		}
		if (!group.numbers.length) throw new BizError('isv.INVALID_PARAMETERS', `group ${p.GroupId} is empty`);
	}
	let extension = null;
	if (kind === 'AXN_EXTENSION' && p.Extension !== undefined && p.Extension !== '') {
		if (!/^\d{1,3}$/.test(p.Extension)) throw new BizError('isv.INVALID_PARAMETERS', 'Extension must be 1-3 digits');
		if (!p.PhoneNoX) throw new BizError('isv.INVALID_PARAMETERS', 'Extension requires PhoneNoX');
		extension = p.Extension;
	}
	const nums = [p.PhoneNoA, p.PhoneNoB].filter(Boolean);
	let x;
	if (p.PhoneNoX) {
		const n = pool.numbers.get(p.PhoneNoX);
		if (!n) throw new BizError('isv.FORBIDDEN_ACTION', `X number ${p.PhoneNoX} does not belong to pool ${pool.poolKey}`);
		if (n.locked) throw new BizError('isv.FORBIDDEN_ACTION', `X number ${p.PhoneNoX} is locked`);
		const c = xConflict(a, p.PhoneNoX, kind, nums, extension, now);
		if (c === 'conflict') throw new BizError('isv.BIND_CONFLICT', `A or B (or the extension) is already bound to X ${p.PhoneNoX}`);
		if (c) throw new BizError('isv.NO_AVAILABLE_NUMBER', `X number ${p.PhoneNoX} has no free capacity`);
		x = p.PhoneNoX;
	} else {
		const all = [...pool.numbers.values()].filter((n) => !n.locked);
		const preferred = p.ExpectCity ? all.filter((n) => n.city === p.ExpectCity) : [];
		const rest = p.ExpectCity ? all.filter((n) => n.city !== p.ExpectCity) : all;
		for (const n of [...preferred, ...rest]) {
			if (!xConflict(a, n.secretNo, kind, nums, null, now)) {
				x = n.secretNo;
				break;
			}
		}
		if (!x) throw new BizError('isv.NO_AVAILABLE_NUMBER', 'no available X number in the pool');
	}
	if (kind === 'AXN_EXTENSION' && !extension) {
		extension = freeExtension(a, x, now);
		if (!extension) throw new BizError('isv.NO_AVAILABLE_NUMBER', 'no free extension');
	}
	const subsId = String(a.nextSubsId++);
	const b = {
		subsId,
		poolKey: pool.poolKey,
		kind,
		phoneA: p.PhoneNoA,
		phoneB: p.PhoneNoB || null,
		phoneX: x,
		extension,
		groupId: group ? group.groupId : null,
		expireAt,
		gmtCreate: now,
		needRecord,
		callRestrict: callRestrict || null,
		callDisplayType: callDisplayType === undefined ? 1 : callDisplayType,
		outId: p.OutId || null,
		outOrderId: p.OutOrderId || null,
		asrStatus,
		asrModelId: p.ASRModelId || null,
		ringConfig: p.RingConfig || null,
		city: pool.numbers.get(x).city,
	};
	a.bindings.set(subsId, b);
	indexAdd(a, b);
	env.recordBind({ outOrderId: b.outOrderId });
	const dto = { SubsId: subsId, SecretNo: x };
	if (extension) dto.Extension = extension;
	return dto;
}

// ---------------------------------------------------------------------------------------------------------------------
// action implementations: (p, env) -> extra response fields (Code/Message/RequestId are added by the caller)

function bindAction(action) {
	return (p, env) => ({ SecretBindDTO: createBinding(env, KIND_BY_ACTION[action], p, getPool(env, p)) });
}

const UPDATE_PARAM = {
	updateNoA: 'PhoneNoA',
	updateNoB: 'PhoneNoB',
	updateExpire: 'Expiration',
	updateAxgGroup: 'GroupId',
	updateCallRestrict: 'CallRestrict',
	updateCallDisplayType: 'CallDisplayType',
	updateOutId: 'OutId',
	updateIsRecordingEnabled: 'IsRecordingEnabled',
};

const impl = {
	BindAxb: bindAction('BindAxb'),
	BindAxn: bindAction('BindAxn'),
	BindAxnExtension: bindAction('BindAxnExtension'),
	BindAxg: bindAction('BindAxg'),

	BindBatchAxg(p, env) {
		const pool = getPool(env, p);
		let list;
		try {
			list = JSON.parse(p.AxgBindList);
		} catch {
			throw new BizError('isv.INVALID_PARAMETERS', 'AxgBindList must be a JSON array');
		}
		if (!Array.isArray(list) || list.length === 0) throw new BizError('isv.INVALID_PARAMETERS', 'AxgBindList must be a non-empty JSON array');
		if (list.length > 100) throw new BizError('isv.INVALID_PARAMETERS', 'AxgBindList holds at most 100 items');
		const out = list.map((raw) => {
			const item = {};
			if (raw && typeof raw === 'object') {
				for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) item[k] = String(v);
			}
			const res = { GroupId: item.GroupId, PhoneNoA: item.PhoneNoA };
			try {
				for (const r of ['GroupId', 'PhoneNoA', 'Expiration']) {
					if (!item[r]) throw new BizError('isv.INVALID_PARAMETERS', `${r} is mandatory`);
				}
				const dto = createBinding(env, 'AXG', { ...item, PoolKey: p.PoolKey }, pool);
				return { Code: 'OK', Message: 'OK', ...res, SecretNo: dto.SecretNo, SubsId: dto.SubsId };
			} catch (e) {
				if (!(e instanceof BizError)) throw e;
				return { Code: e.code, Message: e.message, ...res };
			}
		});
		return { SecretBindList: { SecretBind: out } };
	},

	UpdateSubscription(p, env) {
		getPool(env, p);
		checkPhone(p.PhoneNoX, 'PhoneNoX');
		const b = findBinding(env, p, p.PhoneNoX);
		const param = UPDATE_PARAM[p.OperateType];
		if (!param) throw new BizError('isv.INVALID_PARAMETERS', `OperateType is illegal: ${p.OperateType}`);
		if (p[param] === undefined || p[param] === '') {
			throw new BizError('isv.INVALID_PARAMETERS', `OperateType ${p.OperateType} requires parameter ${param}`);
		}
		if (!isActive(b, env.now)) {
			throw new BizError('isv.FORBIDDEN_ACTION', `subscription expired, updateEndDate|updateNoB|updateNoA not allowed`);
		}
		const a = env.a;
		switch (p.OperateType) {
			case 'updateNoA':
			case 'updateNoB': {
				checkPhone(p[param], param);
				const field = param === 'PhoneNoA' ? 'phoneA' : 'phoneB';
				const other = field === 'phoneA' ? b.phoneB : b.phoneA;
				if (p[param] === other) throw new BizError('isv.INVALID_PARAMETERS', 'PhoneNoA and PhoneNoB must differ');
				if (b.kind === 'AXB' || b.kind === 'AXG') {
					if (xConflict(a, b.phoneX, b.kind, [p[param]], null, env.now, b.subsId)) {
						throw new BizError('isv.BIND_CONFLICT', `${p[param]} is already bound to X ${b.phoneX}`);
					}
				}
				for (const ph of parties(b)) partyDel(a, b.phoneX, ph, b.subsId);
				b[field] = p[param];
				for (const ph of parties(b)) partyAdd(a, b.phoneX, ph, b.subsId);
				break;
			}
			case 'updateExpire':
				b.expireAt = checkExpiration(p.Expiration, env.now);
				break;
			case 'updateAxgGroup': {
				if (b.kind !== 'AXG') throw new BizError('isv.FORBIDDEN_ACTION', 'updateAxgGroup applies to AXG bindings only');
				const g = a.groups.get(Number(p.GroupId));
				if (!g || g.poolKey !== b.poolKey) throw new BizError('isv.INVALID_PARAMETERS', `GroupId not exists: ${p.GroupId}`);
				b.groupId = g.groupId;
				break;
			}
			case 'updateCallRestrict':
				b.callRestrict = checkCallRestrict(p.CallRestrict, true);
				break;
			case 'updateCallDisplayType':
				b.callDisplayType = checkDisplayType(p.CallDisplayType);
				break;
			case 'updateOutId':
				b.outId = p.OutId;
				break;
			case 'updateIsRecordingEnabled':
				b.needRecord = parseBool(p.IsRecordingEnabled, 'IsRecordingEnabled');
				break;
		}
		if (p.ASRStatus !== undefined && p.ASRStatus !== '') b.asrStatus = parseBool(p.ASRStatus, 'ASRStatus');
		if (p.ASRModelId) b.asrModelId = p.ASRModelId;
		if (p.RingConfig) b.ringConfig = p.RingConfig;
		return {};
	},

	UnbindSubscription(p, env) {
		getPool(env, p);
		const b = findBinding(env, p, p.SecretNo);
		env.a.bindings.delete(b.subsId);
		indexDel(env.a, b);
		return { ChargeId: null };
	},

	QuerySubscriptionDetail(p, env) {
		getPool(env, p);
		const b = findBinding(env, p, p.PhoneNoX);
		const dto = {
			SubsId: b.subsId,
			PhoneNoA: b.phoneA,
			PhoneNoB: b.phoneB || '',
			PhoneNoX: b.phoneX,
			Extension: b.extension || '',
			GroupId: b.groupId === null ? undefined : b.groupId,
			ExpireDate: chinaTime(b.expireAt),
			GmtCreate: chinaTime(b.gmtCreate),
			Status: isActive(b, env.now) ? 1 : 0,
			NeedRecord: !!b.needRecord,
			ASRStatus: !!b.asrStatus,
			ASRModelId: b.asrModelId || undefined,
		};
		if (b.callRestrict) dto.CallRestrict = b.callRestrict;
		return { SecretBindDetailDTO: JSON.parse(JSON.stringify(dto)) };
	},

	QuerySubsId(p, env) {
		getPool(env, p);
		checkPhone(p.PhoneNoX, 'PhoneNoX');
		const ids = bindingsOnX(env.a, p.PhoneNoX, env.now)
			.filter((b) => b.poolKey === p.PoolKey)
			.map((b) => b.subsId);
		if (!ids.length) throw new BizError('isv.SUBS_NOT_EXIST', `no subscription on ${p.PhoneNoX}`);
		return { SubsId: ids.join(',') };
	},

	QuerySecretNoDetail(p, env) {
		const pool = getPool(env, p);
		checkPhone(p.SecretNo, 'SecretNo');
		const n = getNumber(pool, p.SecretNo);
		const bound = bindingsOnX(env.a, n.secretNo, env.now).length > 0;
		return {
			SecretNoInfoDTO: {
				SecretStatus: n.locked ? 2 : bound ? 1 : 0,
				CertifyStatus: n.certifyStatus,
				Vendor: n.vendor,
				City: n.city,
				Province: n.province,
				PurchaseTime: chinaTime(n.purchaseTime),
			},
		};
	},

	BuySecretNo(p, env) {
		const pool = getPool(env, p);
		const spec = String(p.SpecId);
		if (!['1', '2', '3'].includes(spec)) throw new BizError('isv.INVALID_PARAMETERS', 'SpecId must be 1, 2 or 3');
		if (p.SecretNo && !/^\d{1,18}$/.test(p.SecretNo)) throw new BizError('isv.MOBILE_NUMBER_ILLEGAL', 'SecretNo prefix must be digits');
		const key = `${spec}|${p.City}`;
		const left = env.a.remain.get(key) || 0;
		if (left <= 0) throw new BizError('isv.NO_AVAILABLE_NUMBER', `no purchasable numbers in ${p.City}`);
		const n = env.a.nextBuy++;
		let no;
		if (spec === '3') no = `95${String(n).padStart(8, '0')}`;
		else if (p.SecretNo && p.SecretNo.length < 11) no = (p.SecretNo + '7' + String(n).padStart(10, '0')).slice(0, 11);
		else no = `1719${String(n).padStart(7, '0')}`;
		while (pool.numbers.has(no) || [...env.a.pools.values()].some((pp) => pp.numbers.has(no))) {
			no = `1719${String(env.a.nextBuy++).padStart(7, '0')}`;
		}
		env.a.remain.set(key, left - 1);
		pool.numbers.set(no, {
			secretNo: no,
			city: p.City,
			province: p.City,
			vendor: spec === '1' ? 1 : 2,
			certifyStatus: 1,
			locked: false,
			purchaseTime: env.now,
		});
		return { SecretBuyInfoDTO: { SecretNo: no } };
	},

	ReleaseSecretNo(p, env) {
		const pool = getPool(env, p);
		const n = getNumber(pool, p.SecretNo);
		if (bindingsOnX(env.a, n.secretNo, env.now).length) {
			throw new BizError('isv.FORBIDDEN_ACTION', `number ${n.secretNo} still has bindings; unbind first`);
		}
		pool.numbers.delete(n.secretNo);
		return {};
	},

	QuerySecretNoRemain(p, env) {
		const spec = String(p.SpecId);
		if (!['1', '2', '3'].includes(spec)) throw new BizError('isv.INVALID_PARAMETERS', 'SpecId must be 1, 2 or 3');
		const entries = [...env.a.remain.entries()]
			.filter(([k]) => k.startsWith(`${spec}|`))
			.map(([k, v]) => ({ City: k.slice(spec.length + 1), Amount: v }));
		if (p.City === '全国' || p.City === '全国列表') {
			const total = entries.reduce((s, e) => s + e.Amount, 0);
			const dto = { Amount: total, City: p.City };
			if (p.City === '全国列表') dto.RemainDTOList = { remainDTO: entries };
			return { SecretRemainDTO: dto };
		}
		const e = entries.find((x) => x.City === p.City);
		return { SecretRemainDTO: { Amount: e ? e.Amount : 0, City: p.City } };
	},

	LockSecretNo(p, env) {
		const n = getNumber(getPool(env, p), p.SecretNo);
		n.locked = true;
		return {};
	},

	UnlockSecretNo(p, env) {
		const n = getNumber(getPool(env, p), p.SecretNo);
		n.locked = false;
		return {};
	},

	CreateAxgGroup(p, env) {
		const pool = getPool(env, p);
		if (pool.type !== 'AXG') throw new BizError('isv.FORBIDDEN_ACTION', 'createAxgGroup: pool is not an AXG pool');
		if (p.Name && p.Name.length > 128) throw new BizError('isv.INVALID_PARAMETERS', 'Name is 1-128 characters');
		if (p.Remark && p.Remark.length > 256) throw new BizError('isv.INVALID_PARAMETERS', 'Remark is at most 256 characters');
		const numbers = parseNumbers(p.Numbers, false);
		const count = [...env.a.groups.values()].filter((g) => g.poolKey === pool.poolKey).length;
		if (count >= 2000) throw new BizError('isv.FORBIDDEN_ACTION', 'at most 2000 groups per pool');
		const groupId = env.a.nextGroupId++;
		env.a.groups.set(groupId, { groupId, poolKey: pool.poolKey, name: p.Name || String(groupId), remark: p.Remark || '', numbers });
		return { GroupId: groupId };
	},

	OperateAxgGroup(p, env) {
		getPool(env, p);
		const g = env.a.groups.get(Number(p.GroupId));
		if (!g || g.poolKey !== p.PoolKey) throw new BizError('isv.INVALID_PARAMETERS', `GroupId not exists: ${p.GroupId}`);
		const numbers = parseNumbers(p.Numbers, true);
		switch (p.OperateType) {
			case 'addNumbers':
				for (const n of numbers) if (!g.numbers.includes(n)) g.numbers.push(n);
				break;
			case 'deleteNumbers':
				g.numbers = g.numbers.filter((n) => !numbers.includes(n));
				break;
			case 'overwriteNumbers':
				g.numbers = [...new Set(numbers)];
				break;
			default:
				throw new BizError('isv.INVALID_PARAMETERS', `OperateType is illegal: ${p.OperateType}`);
		}
		return {};
	},

	DeleteAxgGroup(p, env) {
		getPool(env, p);
		const g = env.a.groups.get(Number(p.GroupId));
		if (!g || g.poolKey !== p.PoolKey) throw new BizError('isv.INVALID_PARAMETERS', `GroupId not exists: ${p.GroupId}`);
		env.a.groups.delete(g.groupId);
		return {};
	},

	AddAxnTrackNo(p, env) {
		getPool(env, p);
		const b = findBinding(env, p, p.PhoneNoX);
		if (!isActive(b, env.now)) throw new BizError('isv.SUBS_NOT_EXIST', 'subscription expired');
		const list = env.a.trackNos.get(p.trackNo) || [];
		if (!list.some((e) => e.subsId === b.subsId)) list.push({ poolKey: b.poolKey, subsId: b.subsId, phoneX: b.phoneX });
		env.a.trackNos.set(p.trackNo, list);
		return {};
	},

	QueryPhoneNoAByTrackNo(p, env) {
		const list = env.a.trackNos.get(p.trackNo) || [];
		const Module = [];
		for (const e of list) {
			const b = env.a.bindings.get(e.subsId);
			const pool = b && env.a.pools.get(b.poolKey);
			if (!b || !pool || pool.owner !== env.account.owner || !isActive(b, env.now)) continue;
			if (p.PhoneNoX && p.PhoneNoX !== b.phoneX) continue;
			Module.push({ PhoneNoA: b.phoneA, PhoneNoX: b.phoneX, Extension: b.extension || '' });
		}
		return { Module };
	},

	AddSecretBlacklist(p, env) {
		getPool(env, p);
		const key = blackKey(p);
		env.a.blacklists.get(p.PoolKey).add(key);
		return {};
	},

	DeleteSecretBlacklist(p, env) {
		getPool(env, p);
		const key = blackKey(p);
		const set = env.a.blacklists.get(p.PoolKey);
		for (const k of [...set]) if (k.startsWith(key.split('|').slice(0, 2).join('|') + '|')) set.delete(k);
		return {};
	},

	OperateBlackNo(p, env) {
		getPool(env, p);
		checkPhone(p.BlackNo, 'BlackNo');
		const set = env.a.blacklists.get(p.PoolKey);
		const key = `PARTNER_GLOBAL_NUMBER_BLACK|${p.BlackNo}|`;
		if (p.OperateType === 'AddBlack') set.add(key);
		else if (p.OperateType === 'DeleteBlack') set.delete(key);
		else throw new BizError('isv.INVALID_PARAMETERS', `OperateType is illegal: ${p.OperateType}`);
		return {};
	},

	QueryRecordFileDownloadUrl(p, env) {
		getPool(env, p);
		const call = findCall(env, p.CallId, p.PoolKey, p.CallTime);
		if (!call.recording) throw new BizError('isv.INVALID_PARAMETERS', `call ${p.CallId} has no recording`);
		return { DownloadUrl: `${env.baseUrl}/__sandbox/recordings/${encodeURIComponent(call.callId)}.mp3?Expires=${Math.floor(env.now / 1000) + 7200}` };
	},

	GetTotalPublicUrl(p, env) {
		parseBool(p.CheckSubs, 'CheckSubs');
		getPool(env, { PoolKey: p.PartnerKey });
		const call = findCall(env, p.CallId, p.PartnerKey, p.CallTime);
		if (p.CheckSubs === 'true' && !env.a.bindings.has(String(call.subsId))) {
			throw new BizError('isv.SUBS_NOT_EXIST', 'subscription of this call no longer exists');
		}
		const base = `${env.baseUrl}/__sandbox/recordings/${encodeURIComponent(call.callId)}`;
		return {
			Data: {
				PhonePublicUrl: call.recording ? `${base}.mp3` : '',
				RingPublicUrl: `${base}-ring.mp3`,
			},
		};
	},

	GetSecretAsrDetail(p, env) {
		getPool(env, p);
		const call = findCall(env, p.CallId, p.PoolKey, p.CallTime);
		const dur = Math.max(0, (call.releaseMs || 0) - (call.startMs || 0));
		return {
			Data: {
				Code: '21050000',
				Msg: 'SUCCESS',
				Type: 'asr',
				BizDuration: dur,
				BusinessId: call.callId,
				BusinessKey: call.poolKey,
				RequestId: aliRequestId(),
				Sentences: call.answered
					? [
							{ BeginTime: 0, EndTime: 2100, ChannelId: 0, Text: '你好，我是快递员。', EmotionValue: 6, SpeechRate: 200, SilenceDuration: 0 },
							{ BeginTime: 2500, EndTime: 4000, ChannelId: 1, Text: '好的，放门口吧。', EmotionValue: 6, SpeechRate: 180, SilenceDuration: 0 },
						]
					: [],
			},
		};
	},
};

function parseNumbers(s, required) {
	const list = String(s || '')
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);
	if (required && !list.length) throw new BizError('isv.INVALID_PARAMETERS', 'Numbers must not be empty');
	if (list.length > 200) throw new BizError('isv.INVALID_PARAMETERS', 'at most 200 numbers per call');
	for (const n of list) checkPhone(n, 'Numbers');
	return list;
}

function blackKey(p) {
	if (p.BlackType === 'POINT_TO_POINT_BLACK') {
		const parts = p.BlackNo.split(':');
		if (parts.length !== 2) throw new BizError('isv.INVALID_PARAMETERS', 'BlackNo must be numA:numB for POINT_TO_POINT_BLACK');
		parts.forEach((x) => checkPhone(x, 'BlackNo'));
		const way = p.WayControl || 'DUPLEX_REJECT';
		if (!['DUPLEX_REJECT', 'PHONEA_REJECT', 'PHONEB_REJECT'].includes(way)) throw new BizError('isv.INVALID_PARAMETERS', 'WayControl is illegal');
		return `POINT_TO_POINT_BLACK|${p.BlackNo}|${way}`;
	}
	if (p.BlackType === 'PARTNER_GLOBAL_NUMBER_BLACK') {
		checkPhone(p.BlackNo, 'BlackNo');
		return `PARTNER_GLOBAL_NUMBER_BLACK|${p.BlackNo}|`;
	}
	throw new BizError('isv.INVALID_PARAMETERS', `BlackType is illegal: ${p.BlackType}`);
}

function findCall(env, callId, poolKey, callTime) {
	const call = env.state.calls.get(callId);
	if (!call || call.provider !== 'aliyun' || call.poolKey !== poolKey) {
		throw new BizError('isv.INVALID_PARAMETERS', `call record not found: ${callId}`);
	}
	if (callTime && parseChinaTime(callTime) === null) throw new BizError('isv.INVALID_PARAMETERS', 'CallTime must be yyyy-MM-dd HH:mm:ss');
	return call;
}

// ---------------------------------------------------------------------------------------------------------------------
// request handling

/**
 * @param env { getState(), nonces: Map, baseUrl(), recordBind(fn), now() }
 * @returns prepared request: { action, account (owner key or null), params, verified, error?: {status, body}, execute(): {status, body} }
 */
function prepare(req, rawBody, env) {
	const prepared = { provider: 'aliyun', action: null, account: null, params: null, verified: false, error: null };
	const fail = (status, code, message) => {
		prepared.error = gatewayResponse(status, code, message);
		return prepared;
	};
	const method = req.method;
	if (method !== 'GET' && method !== 'POST') {
		return fail(400, 'UnsupportedHTTPMethod', `The HTTP method ${method} is not supported; use GET or POST.`);
	}
	const qi = req.url.indexOf('?');
	const rawQuery = qi === -1 ? '' : req.url.slice(qi + 1);
	let params;
	try {
		params = parseForm(rawQuery);
	} catch {
		return fail(400, 'InvalidParameter', 'The query string is malformed (bad percent-encoding).');
	}
	if (rawBody.length) {
		const ct = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
		if (ct !== 'application/x-www-form-urlencoded') {
			prepared.params = params;
			prepared.action = params.Action || null;
			return fail(
				400,
				'InvalidParameter',
				`Unsupported Content-Type "${ct || '(none)'}" for an RPC request body; send parameters in the query string or as application/x-www-form-urlencoded.`,
			);
		}
		let bodyParams;
		try {
			bodyParams = parseForm(rawBody.toString('utf8'));
		} catch {
			return fail(400, 'InvalidParameter', 'The form body is malformed (bad percent-encoding).');
		}
		for (const [k, v] of Object.entries(bodyParams)) if (!(k in params)) params[k] = v;
	}
	params = Object.assign({}, params);
	prepared.params = params;
	prepared.action = params.Action || null;

	const now = env.now();
	// --- common parameters
	if (!params.Action) return fail(400, 'MissingParameter', missing('Action').message);
	if (!params.AccessKeyId) return fail(400, 'MissingParameter', missing('AccessKeyId').message);
	if (!params.Signature) return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: Signature is missing.');
	if (!params.Timestamp) return fail(400, 'MissingParameter', missing('Timestamp').message);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(params.Timestamp) || Number.isNaN(Date.parse(params.Timestamp))) {
		return fail(400, 'InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted: ${params.Timestamp}`);
	}
	if (Math.abs(Date.parse(params.Timestamp) - now) > TIMESTAMP_WINDOW_MS) {
		return fail(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired. Timestamp ${params.Timestamp}, server time ${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}.`);
	}
	if (!params.SignatureNonce) return fail(400, 'MissingParameter', missing('SignatureNonce').message);
	const acct = env.getState().aliyun.accessKeys.get(params.AccessKeyId);
	if (!acct) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
	prepared.account = `aliyun:${acct.owner}`;
	const nonceKey = `${acct.accessKeyId}|${params.SignatureNonce}`;
	const seen = env.nonces.get(nonceKey);
	if (seen && seen > now) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
	if (!params.SignatureMethod) return fail(400, 'MissingParameter', missing('SignatureMethod').message);
	if (params.SignatureMethod !== 'HMAC-SHA1') {
		return fail(400, 'InvalidSignatureMethod', `Specified signature method is not valid: ${params.SignatureMethod}`);
	}
	if (params.SignatureVersion !== undefined && params.SignatureVersion !== '1.0') {
		return fail(400, 'IncompleteSignature', `Specified signature version is not valid: ${params.SignatureVersion}`);
	}
	if (acct.securityToken) {
		if (!params.SecurityToken) return fail(400, 'InvalidSecurityToken.Malformed', 'The SecurityToken is missing or malformed.');
		if (params.SecurityToken !== acct.securityToken) {
			return fail(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'The SecurityToken does not match the AccessKeyId.');
		}
	} else if (params.SecurityToken) {
		return fail(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'A SecurityToken was sent with a permanent AccessKeyId.');
	}
	if (!params.Version) return fail(400, 'MissingParameter', missing('Version').message);
	if (params.Version !== VERSION) return fail(404, 'InvalidVersion', `Specified parameter Version is not valid: ${params.Version}`);
	if (params.Format && !/^json$/i.test(params.Format)) {
		return fail(400, 'InvalidParameter.Format', `The sandbox answers JSON only; Format ${params.Format} is not supported.`);
	}
	const def = ACTIONS[params.Action];
	if (!def) {
		return fail(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method. (Action ${params.Action} is unknown or not emulated by the sandbox)`);
	}
	// --- signature (verified with @alicloud/openapi-util, independent of the project's signer)
	const signed = Object.assign({}, params);
	delete signed.Signature;
	let expected;
	try {
		expected = OpenApiUtil.getRPCSignature(signed, method, acct.secret);
	} catch {
		expected = null;
	}
	if (!expected || expected !== params.Signature) {
		env.signatureFailure();
		return fail(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(signed, method)}`);
	}
	prepared.verified = true;
	env.nonces.set(nonceKey, now + NONCE_TTL_MS);
	// --- required parameters
	for (const r of def.req) {
		if (params[r] === undefined || params[r] === '') return fail(400, 'MissingParameter', missing(r).message);
	}

	prepared.execute = () => {
		const state = env.getState();
		const requestId = aliRequestId();
		const actionEnv = {
			state,
			a: state.aliyun,
			account: acct,
			now: env.now(),
			baseUrl: env.baseUrl(),
			recordBind: env.recordBind,
		};
		ensureIndex(actionEnv.a);
		try {
			const extra = impl[params.Action](params, actionEnv);
			return { status: 200, body: { RequestId: requestId, Code: 'OK', Message: 'OK', ...extra } };
		} catch (e) {
			if (e instanceof BizError) return { status: 200, body: { RequestId: requestId, Code: e.code, Message: e.message } };
			if (e instanceof GatewayError) return { status: e.status, body: gatewayBody(e.code, e.message, requestId) };
			return { status: 500, body: gatewayBody('InternalError', `The request processing has failed due to some unknown error. (${e && e.message})`, requestId) };
		}
	};
	return prepared;
}

function faultBody(kind) {
	switch (kind) {
		case 'throttle':
			return { status: 400, body: gatewayBody('Throttling.User', 'Request was denied due to user flow control.') };
		case 'http500':
			return { status: 500, body: gatewayBody('InternalError', 'The request processing has failed due to some unknown error, exception or failure.') };
		case 'http503':
			return { status: 503, body: gatewayBody('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.') };
		default:
			return null;
	}
}

module.exports = { prepare, faultBody, gatewayBody, ACTIONS, DEFAULT_QPS, rebuildIndex, isActive, VERSION, HOST_ID };
