'use strict';
/*
 * The fixed-line (固话) family: AXB, AXN and AXN-extension bindings on landline X numbers of an AppId (号池ID), each
 * with Bind…FixedLine, Update…BindFixedLine, Delete…BindFixedLine and Query…BindFixedLine. Answers carry Success +
 * Code ("0") + Data; Update and Delete also carry Data{Code, Message, Success}. The landline numbers of an AppId are
 * seeded on its first use. See https://help.aliyun.com/zh/pnp/bindaxbfixedline.
 */

const { BizError, invalidParameters } = require('./errors');
const { checkPhone, isBlank } = require('./params');

/** Area codes (without the 0) whose landline X numbers every AppId gets, three each. */
const AREAS = ['10', '571', '21'];
const MODES = {
	Axb: { tag: 'aliaxb', extra: 'Extra', callbacks: null },
	Axn: { tag: 'aliaxn', extra: 'Extra', callbacks: ['0', '1', '2'] },
	AxnExtension: { tag: 'aliaxnext', extra: 'Extraaxx', callbacks: ['0', '1'] },
};
const COMMON = ['AppId', 'Ts', 'OrderId'];

function familyState(ctx) {
	if (!ctx.aliyun.fixedLine)
		ctx.aliyun.fixedLine = { apps: new Map(), bindings: new Map(), nextId: 1 };
	return ctx.aliyun.fixedLine;
}

/** The AppId's landline numbers (X → area code), seeded on first use. */
function appOf(ctx, params) {
	const state = familyState(ctx);
	const key = `${ctx.account.owner}/${params.AppId}`;
	if (!state.apps.has(key)) {
		const numbers = new Map();
		for (const area of AREAS) {
			for (let i = 1; i <= 3; i++) numbers.set(`0${area}${88000000 + i}`, area);
		}
		state.apps.set(key, { key, numbers });
	}
	return state.apps.get(key);
}

function checkCommon(params) {
	if (!/^\d{17}$/.test(params.Ts))
		throw invalidParameters(`Ts must be yyyyMMddHHmmssSSS: ${params.Ts}`);
	if (!isBlank(params.Subts) && !/^\d{14}$/.test(params.Subts))
		throw invalidParameters(`Subts must be yyyyMMddHHmmss: ${params.Subts}`);
	if (!isBlank(params.Expiration) && !/^\d+$/.test(params.Expiration))
		throw invalidParameters(`Expiration must be a number of seconds: ${params.Expiration}`);
	if (!isBlank(params.Remark) && String(params.Remark).length > 100)
		throw invalidParameters('Remark is longer than 100 characters');
	for (const [name, count] of [
		['Anucode', 3],
		['Anucodecalled', 2],
		['TAnucodeConnect', 2],
	]) {
		if (!isBlank(params[name]) && String(params[name]).split(',').filter(Boolean).length !== count)
			throw invalidParameters(`${name} must hold ${count} comma-separated prompt codes`);
	}
	for (const name of ['TelA', 'TelB', 'TelX', 'Phone']) checkPhone(params[name], name);
}

/** Extra / Extraaxx: a JSON object of Callrecording (0/1) and, for AXN, Callback. */
function parseExtra(mode, params) {
	const text = params[MODES[mode].extra];
	if (isBlank(text)) return undefined;
	let extra;
	try {
		extra = JSON.parse(text);
	} catch {
		throw invalidParameters(`${MODES[mode].extra} must be a JSON object`);
	}
	if (!extra || typeof extra !== 'object' || Array.isArray(extra))
		throw invalidParameters(`${MODES[mode].extra} must be a JSON object`);
	const allowed = { Callrecording: ['0', '1'], Callback: MODES[mode].callbacks };
	for (const [key, value] of Object.entries(extra)) {
		if (!allowed[key] || !allowed[key].includes(String(value)))
			throw invalidParameters(`${MODES[mode].extra}.${key} is illegal: ${value}`);
	}
	return extra;
}

const isActive = (binding, now) => binding.expireAt === null || binding.expireAt > now;
const expiryOf = (seconds, now) => (Number(seconds) === 0 ? null : now + Number(seconds) * 1000);

function activeOn(ctx, app, telX) {
	return [...familyState(ctx).bindings.values()].filter(
		(b) => b.app === app.key && b.telX === telX && isActive(b, ctx.now),
	);
}

/** Whether X takes this binding: AXB — A and B not on X yet; AXN — X is A's alone; extension — a free extension. */
function fits(ctx, app, mode, telX, params) {
	const others = activeOn(ctx, app, telX);
	if (others.some((b) => b.mode !== mode)) return false;
	if (mode === 'Axb')
		return !others.some((b) =>
			[b.telA, b.telB].some((n) => n === params.TelA || n === params.TelB),
		);
	if (mode === 'Axn') return others.length === 0;
	return !others.some((b) => b.telA === params.TelA || b.telXext === params.TelXext);
}

function pickX(ctx, app, mode, params) {
	if (params.BindType === 'mode101') {
		if (isBlank(params.TelX)) throw invalidParameters('TelX is required for mode101');
		if (!app.numbers.has(params.TelX))
			throw new BizError('isv.NO_NOT_EXIST', `TelX not in AppId: ${params.TelX}`);
		if (!fits(ctx, app, mode, params.TelX, params))
			throw new BizError(
				'isv.BIND_CONFLICT',
				`a party or extension is already bound on ${params.TelX}`,
			);
		return params.TelX;
	}
	const inArea = [...app.numbers.entries()].filter(
		([, area]) => isBlank(params.Areacode) || area === params.Areacode,
	);
	const free = inArea.map(([telX]) => telX).find((telX) => fits(ctx, app, mode, telX, params));
	if (!free) throw new BizError('isv.NO_AVAILABLE_NUMBER', 'no landline X number available');
	return free;
}

function bind(mode, params, ctx) {
	checkCommon(params);
	if (!['mode101', 'mode102'].includes(params.BindType))
		throw invalidParameters(`BindType must be mode101 or mode102: ${params.BindType}`);
	if (mode === 'Axb' && params.TelA === params.TelB)
		throw invalidParameters('TelA and TelB are the same');
	const extra = parseExtra(mode, params);
	const app = appOf(ctx, params);
	const state = familyState(ctx);
	if (mode === 'AxnExtension' && params.BindType === 'mode102')
		params = { ...params, TelXext: undefined };
	const telX = pickX(ctx, app, mode, params);
	let telXext = null;
	if (mode === 'AxnExtension') {
		const taken = new Set(activeOn(ctx, app, telX).map((b) => b.telXext));
		telXext =
			params.TelXext ??
			String([...Array(9000).keys()].map((i) => 1000 + i).find((n) => !taken.has(String(n))));
	}
	const subid = `FL${String(state.nextId++).padStart(10, '0')}-${MODES[mode].tag}`;
	state.bindings.set(subid, {
		subid,
		mode,
		app: app.key,
		telA: params.TelA,
		telB: params.TelB ?? null,
		telX,
		telXext,
		areacode: app.numbers.get(telX),
		expiration: String(params.Expiration),
		expireAt: expiryOf(params.Expiration, ctx.now),
		anucode: params.Anucode,
		anucodecalled: params.Anucodecalled ?? null,
		tAnucodeConnect: params.TAnucodeConnect ?? null,
		extra: extra ?? {},
		remark: params.Remark ?? null,
		subts: params.Subts,
		orderId: params.OrderId,
	});
	return {
		Code: '0',
		Message: 'success',
		Data: { Subid: subid, TelX: telX, ...(telXext ? { TelXext: telXext } : {}) },
	};
}

function findBinding(mode, params, ctx) {
	const app = appOf(ctx, params);
	const binding = familyState(ctx).bindings.get(String(params.SubId));
	if (!binding || binding.app !== app.key || binding.mode !== mode || !isActive(binding, ctx.now))
		throw new BizError('isv.SUBS_NOT_EXIST', `subscription not exists: ${params.SubId}`);
	return binding;
}

const DONE = {
	Code: '0',
	Message: 'success',
	Data: { Code: '0', Message: 'success', Success: true },
};

function update(mode, params, ctx) {
	checkCommon(params);
	const binding = findBinding(mode, params, ctx);
	if (mode === 'Axb' && !isBlank(params.TelA) && !isBlank(params.TelB))
		throw invalidParameters('TelA and TelB cannot be updated together');
	const extra = parseExtra(mode, params);
	const changes = {
		TelA: 'telA',
		TelB: 'telB',
		Anucode: 'anucode',
		Anucodecalled: 'anucodecalled',
		TAnucodeConnect: 'tAnucodeConnect',
		Remark: 'remark',
		Subts: 'subts',
	};
	for (const [wire, key] of Object.entries(changes))
		if (!isBlank(params[wire])) binding[key] = params[wire];
	if (!isBlank(params.Expiration)) {
		binding.expiration = String(params.Expiration);
		binding.expireAt = expiryOf(params.Expiration, ctx.now);
	}
	if (extra) binding.extra = { ...binding.extra, ...extra };
	return DONE;
}

function remove(mode, params, ctx) {
	checkCommon(params);
	const binding = findBinding(mode, params, ctx);
	familyState(ctx).bindings.delete(binding.subid);
	return DONE;
}

function view(binding) {
	const base = {
		Subid: binding.subid,
		TelA: binding.telA,
		TelX: binding.telX,
		Areacode: binding.areacode,
		Expiration: binding.expiration,
		Subts: binding.subts,
		Anucode: binding.anucode,
		Anucodecalled: binding.anucodecalled,
		TAnucodeConnect: binding.tAnucodeConnect,
		Remark: binding.remark,
	};
	if (binding.mode === 'AxnExtension')
		return { ...base, TelXext: binding.telXext, Extraaxx: binding.extra };
	return { ...base, TelB: binding.telB, Extra: binding.extra };
}

/** QueryType → the parameters it needs and how it matches a binding, per mode. */
const QUERIES = {
	Axb: {
		0: [['SubId'], (b, p) => b.subid === p.SubId],
		1: [
			['TelX', 'Phone'],
			(b, p) => b.telX === p.TelX && (b.telA === p.Phone || b.telB === p.Phone),
		],
	},
	Axn: {
		0: [['SubId'], (b, p) => b.subid === p.SubId],
		1: [
			['Phone'],
			(b, p) =>
				(b.telA === p.Phone || b.telB === p.Phone) && (isBlank(p.TelX) || b.telX === p.TelX),
		],
		2: [['TelX'], (b, p) => b.telX === p.TelX],
	},
	AxnExtension: {
		0: [['SubId'], (b, p) => b.subid === p.SubId],
		1: [['TelA'], (b, p) => b.telA === p.TelA],
	},
};

function query(mode, params, ctx) {
	checkCommon(params);
	const app = appOf(ctx, params);
	const entry = QUERIES[mode][params.QueryType];
	if (!entry) throw invalidParameters(`QueryType is illegal: ${params.QueryType}`);
	const [needed, matches] = entry;
	for (const name of needed) {
		if (isBlank(params[name]))
			throw invalidParameters(`${name} is required for QueryType ${params.QueryType}`);
	}
	const found = [...familyState(ctx).bindings.values()]
		.filter(
			(b) => b.app === app.key && b.mode === mode && isActive(b, ctx.now) && matches(b, params),
		)
		.map(view);
	if (mode !== 'Axb') return { Code: '0', Message: 'success', Data: found };
	// AXB answers one binding object
	if (!found.length) throw new BizError('isv.SUBS_NOT_EXIST', 'subscription not exists');
	return { Code: '0', Message: 'success', Data: found[0] };
}

const BIND_REQUIRED = [...COMMON, 'BindType', 'TelA', 'Subts', 'Anucode', 'Expiration'];
const success = (required) => ({ required, qps: null, envelope: 'success' });

/** Action → { required, qps, envelope } (see index.js). */
const fixedLineActions = {};
/** Action → (params, ctx) → response fields. */
const fixedLineHandlers = {};
for (const mode of Object.keys(MODES)) {
	fixedLineActions[`Bind${mode}FixedLine`] = success([
		...BIND_REQUIRED,
		...(mode === 'Axb' ? ['TelB'] : []),
	]);
	fixedLineActions[`Update${mode}BindFixedLine`] = success([
		...COMMON,
		'SubId',
		'Subts',
		...(mode === 'AxnExtension' ? ['TelA'] : []),
	]);
	fixedLineActions[`Delete${mode}BindFixedLine`] = success([...COMMON, 'SubId']);
	fixedLineActions[`Query${mode}BindFixedLine`] = success([...COMMON, 'QueryType']);
	fixedLineHandlers[`Bind${mode}FixedLine`] = (params, ctx) => bind(mode, params, ctx);
	fixedLineHandlers[`Update${mode}BindFixedLine`] = (params, ctx) => update(mode, params, ctx);
	fixedLineHandlers[`Delete${mode}BindFixedLine`] = (params, ctx) => remove(mode, params, ctx);
	fixedLineHandlers[`Query${mode}BindFixedLine`] = (params, ctx) => query(mode, params, ctx);
}

module.exports = { fixedLineActions, fixedLineHandlers };
