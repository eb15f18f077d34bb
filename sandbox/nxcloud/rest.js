'use strict';
/*
 * The NXCloud REST-path modes, POST /v1/pns/bind/<mode> with the action header bindAXE, bindAXEYB
 * or bindXYB. All three follow one recipe (REST_MODES describes how each mode fills it in):
 * businessId of the account, the mode's parties, bindExpireSecond (default 7200), customerBindId
 * replay, then X (didX), for two-number modes Y (didY, never X), for extension modes a 4-digit
 * extension on X, and the binding.
 */

const { countryCode } = require('../util');
const { NxError } = require('./envelope');
const { text, phoneField, expireSecond, expireAtOf, checkTwoParties } = require('./fields');
const store = require('./store');

const DEFAULT_EXPIRE_SECONDS = 7200;

function checkExpireStrategies(body) {
	for (const name of ['bindExpireStrategy', 'callInExpireStrategy']) {
		if (body[name] !== undefined && ![0, 1, 2].includes(Number(body[name]))) {
			throw new NxError(1002, `${name} must be 0, 1 or 2`);
		}
	}
}

/**
 * path mode → { action (header), type, parties (required), xFor / yFor (the party whose country
 * picks X / Y; no yFor: no Y), extension (assign one on X), recordingFields (any `true` sets
 * flag 1), checkParties(phones), checkOptions(body) }
 */
const REST_MODES = {
	axe: {
		action: 'bindAXE',
		type: 'AXE',
		parties: ['phoneA'],
		xFor: 'phoneA',
		extension: true,
		recordingFields: ['recording'],
	},
	axeyb: {
		action: 'bindAXEYB',
		type: 'AXEYB',
		parties: ['phoneA', 'phoneB'],
		xFor: 'phoneA',
		yFor: 'phoneB',
		extension: true,
		// the misspelt field is accepted too
		recordingFields: ['recording', 'recoding'],
		checkParties: (phones) => checkTwoParties(phones.phoneA, phones.phoneB),
	},
	xyb: {
		action: 'bindXYB',
		type: 'XYB',
		parties: ['phoneB'],
		xFor: 'phoneB',
		yFor: 'phoneB',
		extension: false,
		recordingFields: ['recording'],
		checkOptions: checkExpireStrategies,
	},
};

/** REST response: { bindId, didX, didY? (two-number modes), extensionX? (extension modes) }. */
function restResponse(binding) {
	const response = { bindId: binding.bindId, didX: binding.did };
	if (binding.didY !== undefined) response.didY = binding.didY;
	if (binding.mode !== 'xyb') response.extensionX = binding.extension;
	return response;
}

function checkBusinessId(body, ctx) {
	const businessId = text(body.businessId);
	if (!businessId) throw new NxError(1002, 'businessId is required');
	if (businessId !== ctx.account.businessId) {
		throw new NxError(10003, `businessId ${businessId} does not exist`);
	}
}

/** The given didX / didY, else the least loaded X of the party's country other than `notThis`. */
function restNumber(body, ctx, party, field, notThis) {
	const given = text(body[field]);
	if (given) return store.accountNumber(ctx, given, field).did;
	const code = countryCode(party);
	if (!code) throw new NxError(10004, 'number lacks a known country prefix');
	const candidates = ctx.account.numbers.filter(
		(number) => number.cc === code && number.did !== notThis,
	);
	if (!candidates.length) throw new NxError(10010, 'virtual numbers exhausted');
	return store.leastLoadedFirst(ctx.nxcloud, candidates)[0].did;
}

/** A 4-digit extension (1000-9999) free on X, searched from a spot that moves with each bind. */
function freeRestExtension(ctx, did) {
	const onX = store.bindingsOnDid(ctx.nxcloud, did, ctx.account.accessKey, ctx.now);
	const used = new Set(onX.map((binding) => binding.extension));
	for (let step = 0; step < 9000; step++) {
		const extension = String(1000 + ((ctx.nxcloud.bindings.size * 7 + step) % 9000));
		if (!used.has(extension)) return extension;
	}
	throw new NxError(10010, 'no free extension on X');
}

/** The shared recipe of the three REST binds. */
function restBind(mode) {
	const recipe = REST_MODES[mode];
	return (body, ctx) => {
		checkBusinessId(body, ctx);
		const phones = {};
		for (const party of recipe.parties) phones[party] = phoneField(body, party, true);
		if (recipe.checkParties) recipe.checkParties(phones);
		const seconds = expireSecond(body, 'bindExpireSecond', false, DEFAULT_EXPIRE_SECONDS);
		if (recipe.checkOptions) recipe.checkOptions(body);
		const replay = store.replayOf(ctx, body, restResponse);
		if (replay) return { data: replay };
		const fields = { type: recipe.type, mode, ...phones };
		fields.did = restNumber(body, ctx, phones[recipe.xFor], 'didX');
		if (recipe.yFor) fields.didY = restNumber(body, ctx, phones[recipe.yFor], 'didY', fields.did);
		if (recipe.extension) fields.extension = freeRestExtension(ctx, fields.did);
		const recorded = recipe.recordingFields.some((name) => body[name] === true);
		Object.assign(fields, {
			flag: recorded ? 1 : 0,
			expireAt: expireAtOf(seconds, ctx.now),
			customerBindId: text(body.customerBindId),
			ext: text(body.ext),
		});
		return { data: restResponse(store.newBinding(ctx, fields)) };
	};
}

/** action header → handler. */
const restActions = Object.fromEntries(
	Object.entries(REST_MODES).map(([mode, recipe]) => [recipe.action, restBind(mode)]),
);

/** path mode → the action header it takes. */
const REST_MODE_ACTIONS = Object.fromEntries(
	Object.entries(REST_MODES).map(([mode, recipe]) => [mode, recipe.action]),
);

module.exports = { restActions, REST_MODE_ACTIONS };
