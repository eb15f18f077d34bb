'use strict';
/*
 * In-memory state of the sandbox and its seed. Everything lives in plain objects / Maps so tests
 * can inspect and edit it.
 */

const { randomHex } = require('./util');

const DEFAULT_CREDENTIALS = Object.freeze({
	aliyun: Object.freeze({
		accessKeyId: 'LTAI5tSandboxKey0001',
		accessKeySecret: 'sandboxAliyunSecret0001',
	}),
	aliyunSts: Object.freeze({
		accessKeyId: 'STS.SandboxTemp0001',
		accessKeySecret: 'sandboxStsSecret0001',
		securityToken: 'sandbox-sts-token-0001',
	}),
	nxcloud: Object.freeze({
		accessKey: 'nxSandboxAccessKey01',
		accessSecret: 'nxSandboxSecret0001',
	}),
});

const CITIES = [
	{ city: '杭州', province: '浙江' },
	{ city: '北京', province: '北京' },
	{ city: '上海', province: '上海' },
];

/** Pools of 700-segment X numbers (15 digits), bound with BindAxb700 / BindGxb700. */
const POOLS_700 = [
	{ poolKey: 'FC700000000000001', type: 'AXB700' },
	{ poolKey: 'FC700000000000002', type: 'GXB700' },
];
const NUMBERS_700_PER_CITY = 5;

const POOLS = [
	{ poolKey: 'FC100000000000001', type: 'AXB' },
	{ poolKey: 'FC100000000000002', type: 'AXN' },
	{ poolKey: 'FC100000000000003', type: 'AXG' },
];

const NUMBERS_PER_CITY = 20;
const SEED_TIME = Date.UTC(2024, 0, 1, 0, 0, 0);

/** Stock of purchasable numbers per city (BuySecretNo / QuerySecretNoRemain). */
const REMAIN_SEED = { 杭州: 500, 北京: 500, 上海: 500, 广州: 200, 深圳: 200 };

function seedState() {
	const state = {
		aliyun: {
			/** AccessKeyId -> { accessKeyId, secret, securityToken?, owner } */
			accessKeys: new Map(),
			/** PoolKey -> { poolKey, type, owner, numbers: Map<secretNo, {...}> } */
			pools: new Map(),
			/** SubsId (string) -> binding */
			bindings: new Map(),
			/** SubsId (string) -> binding on a 700 number (BindAxb700 / BindGxb700) */
			bindings700: new Map(),
			/** GroupId (number) -> { groupId, poolKey, name, remark, numbers: string[] } */
			groups: new Map(),
			/** poolKey -> Set of 'TYPE|blackNo|wayControl' */
			blacklists: new Map(),
			/** trackNo -> [{ poolKey, subsId, phoneX }] */
			trackNos: new Map(),
			/** SpecId|City -> amount */
			remain: new Map(),
			nextSubsId: 1000000000000001,
			nextGroupId: 2000001,
			nextBuy: 1,
		},
		nxcloud: {
			/** accessKey -> { accessKey, secret, customerId, businessId, numbers: [{did, cc}] } */
			accounts: new Map(),
			/** bindId -> binding */
			bindings: new Map(),
			/** groupId -> { groupId, owner, groupName, phones: string[], remark } */
			groups: new Map(),
			nextGroup: 2,
		},
		/** callId -> { provider, ... } (filled by POST /__sandbox/calls and NX queryAXB) */
		calls: new Map(),
	};

	const aliyun = state.aliyun;
	aliyun.accessKeys.set(DEFAULT_CREDENTIALS.aliyun.accessKeyId, {
		accessKeyId: DEFAULT_CREDENTIALS.aliyun.accessKeyId,
		secret: DEFAULT_CREDENTIALS.aliyun.accessKeySecret,
		owner: 'default',
	});
	aliyun.accessKeys.set(DEFAULT_CREDENTIALS.aliyunSts.accessKeyId, {
		accessKeyId: DEFAULT_CREDENTIALS.aliyunSts.accessKeyId,
		secret: DEFAULT_CREDENTIALS.aliyunSts.accessKeySecret,
		securityToken: DEFAULT_CREDENTIALS.aliyunSts.securityToken,
		owner: 'default',
	});
	POOLS.forEach((pool, poolIndex) => {
		const numbers = new Map();
		CITIES.forEach((place, cityIndex) => {
			for (let i = 0; i < NUMBERS_PER_CITY; i++) {
				// 11 digits: 1700 + pool(1) + city(1) + index(5), e.g. 17001000000
				const secretNo = `1700${poolIndex + 1}${cityIndex}${String(i).padStart(5, '0')}`;
				numbers.set(secretNo, {
					secretNo,
					city: place.city,
					province: place.province,
					vendor: (i % 3) + 1,
					certifyStatus: 1,
					locked: false,
					purchaseTime: SEED_TIME,
				});
			}
		});
		aliyun.pools.set(pool.poolKey, {
			poolKey: pool.poolKey,
			type: pool.type,
			owner: 'default',
			numbers,
		});
		aliyun.blacklists.set(pool.poolKey, new Set());
	});
	POOLS_700.forEach((pool, poolIndex) => {
		const numbers = new Map();
		CITIES.forEach((place, cityIndex) => {
			for (let i = 0; i < NUMBERS_700_PER_CITY; i++) {
				// 15 digits of the 700 segment: 700 + pool(1) + city(1) + index(10), e.g. 700100000000000
				const secretNo = `700${poolIndex + 1}${cityIndex}${String(i).padStart(10, '0')}`;
				numbers.set(secretNo, { secretNo, city: place.city, province: place.province });
			}
		});
		aliyun.pools.set(pool.poolKey, {
			poolKey: pool.poolKey,
			type: pool.type,
			owner: 'default',
			numbers,
		});
	});
	aliyun.groups.set(1000001, {
		groupId: 1000001,
		poolKey: 'FC100000000000003',
		name: 'sandbox-group-1',
		remark: 'seeded',
		numbers: ['13800000001', '13800000002', '13800000003'],
	});
	aliyun.groups.set(1000002, {
		groupId: 1000002,
		poolKey: 'FC100000000000003',
		name: 'sandbox-group-2',
		remark: 'seeded',
		numbers: ['13900000001', '13900000002'],
	});
	for (const [city, amount] of Object.entries(REMAIN_SEED)) {
		aliyun.remain.set(`1|${city}`, amount);
		aliyun.remain.set(`2|${city}`, amount);
	}
	aliyun.remain.set('3|全国通用', 100);

	const nxcloud = state.nxcloud;
	const nxNumbers = [];
	for (let i = 1; i <= 20; i++)
		nxNumbers.push({ did: `8523000${String(i).padStart(4, '0')}`, cc: '852' });
	for (let i = 1; i <= 5; i++)
		nxNumbers.push({ did: `44740000${String(i).padStart(4, '0')}`, cc: '44' });
	nxcloud.accounts.set(DEFAULT_CREDENTIALS.nxcloud.accessKey, {
		accessKey: DEFAULT_CREDENTIALS.nxcloud.accessKey,
		secret: DEFAULT_CREDENTIALS.nxcloud.accessSecret,
		customerId: 100001,
		businessId: 'sandboxBusiness01',
		numbers: nxNumbers,
	});
	nxcloud.groups.set('g0000000001', {
		groupId: 'g0000000001',
		owner: DEFAULT_CREDENTIALS.nxcloud.accessKey,
		groupName: 'sandbox-group',
		phones: ['85261000001', '85261000002', '85261000003'],
		remark: 'seeded',
	});
	return state;
}

/** The seed without pools, numbers or groups (`seed: false`): accounts only. */
function accountsOnlyState() {
	const state = seedState();
	state.aliyun.pools.clear();
	state.aliyun.groups.clear();
	state.aliyun.blacklists.clear();
	for (const account of state.nxcloud.accounts.values()) account.numbers = [];
	state.nxcloud.groups.clear();
	return state;
}

/**
 * Create `count` NXCloud AXB bindings for the default account (phoneA 8526xxxxxxx, phoneB
 * 8529xxxxxxx, customerBindId seed-<i>), spread over its 852 numbers.
 */
function seedNxBindings(state, count) {
	const account = state.nxcloud.accounts.get(DEFAULT_CREDENTIALS.nxcloud.accessKey);
	const numbers = account.numbers.filter((number) => number.cc === '852');
	if (!numbers.length) {
		throw new Error('the default NXCloud account has no 852 numbers (seed: false?)');
	}
	const created = [];
	const now = Date.now();
	const start = state.nxcloud.bindings.size;
	for (let i = 0; i < count; i++) {
		const serial = start + i;
		const binding = {
			bindId: randomHex(16),
			owner: account.accessKey,
			customerId: account.customerId,
			businessId: account.businessId,
			customerBindId: `seed-${serial}`,
			type: 'AXB',
			phoneA: `8526${String(serial).padStart(7, '0')}`,
			phoneB: `8529${String(serial).padStart(7, '0')}`,
			did: numbers[serial % numbers.length].did,
			flag: 0,
			extension: '',
			groupId: '',
			expireAt: Math.floor(now / 1000) + 86400,
			createdAt: now + i / 1000,
		};
		state.nxcloud.bindings.set(binding.bindId, binding);
		created.push(binding);
	}
	return created;
}

module.exports = {
	seedState,
	accountsOnlyState,
	seedNxBindings,
	DEFAULT_CREDENTIALS,
	POOLS,
	POOLS_700,
	CITIES,
	NUMBERS_PER_CITY,
};
