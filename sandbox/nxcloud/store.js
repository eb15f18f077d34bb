'use strict';
/*
 * NXCloud bindings in state.nxcloud.bindings and their indexes (`idx`: by X number, by
 * "X|party" and by "owner|customerBindId"). The indexes are rebuilt when bindings were added or
 * removed behind the sandbox's back (tests, seeding).
 */

const { randomHex } = require('../util');
const { NxError } = require('./envelope');
const { text } = require('./fields');

/** expireAt 0 never expires. */
function isActive(binding, now) {
	return binding && (binding.expireAt === 0 || binding.expireAt * 1000 > now);
}

function addToSet(map, key, value) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(value);
}

function partyKeys(binding) {
	return [binding.phoneA, binding.phoneB].filter(Boolean).map((phone) => `${binding.did}|${phone}`);
}

function indexBinding(index, binding) {
	if (index.all.has(binding.bindId)) return;
	index.all.add(binding.bindId);
	addToSet(index.did, binding.did, binding.bindId);
	for (const key of partyKeys(binding)) addToSet(index.party, key, binding.bindId);
	if (binding.customerBindId) {
		addToSet(index.cbid, `${binding.owner}|${binding.customerBindId}`, binding.bindId);
	}
}

function bindingIndex(nxcloud) {
	if (!nxcloud.idx || nxcloud.idx.all.size !== nxcloud.bindings.size) {
		nxcloud.idx = { all: new Set(), did: new Map(), party: new Map(), cbid: new Map() };
		for (const binding of nxcloud.bindings.values()) indexBinding(nxcloud.idx, binding);
	}
	return nxcloud.idx;
}

function removeBinding(nxcloud, binding) {
	const index = bindingIndex(nxcloud);
	const { bindId } = binding;
	nxcloud.bindings.delete(bindId);
	index.all.delete(bindId);
	const onX = index.did.get(binding.did);
	if (onX) onX.delete(bindId);
	for (const key of partyKeys(binding)) {
		const withParty = index.party.get(key);
		if (withParty) withParty.delete(bindId);
	}
	const withCustomerBindId =
		binding.customerBindId && index.cbid.get(`${binding.owner}|${binding.customerBindId}`);
	if (withCustomerBindId) withCustomerBindId.delete(bindId);
}

function activeOf(nxcloud, bindIds, owner, now) {
	const found = [];
	for (const bindId of bindIds || []) {
		const binding = nxcloud.bindings.get(bindId);
		if (binding && binding.owner === owner && isActive(binding, now)) found.push(binding);
	}
	return found;
}

/** Every active binding of the owner. */
function activeBindings(nxcloud, owner, now) {
	return activeOf(nxcloud, nxcloud.bindings.keys(), owner, now);
}

/** Active bindings of the owner on X. */
function bindingsOnDid(nxcloud, did, owner, now) {
	return activeOf(nxcloud, bindingIndex(nxcloud).did.get(did), owner, now);
}

/** Is `phone` a party of an active binding of the owner on X? */
function partyActive(nxcloud, did, phone, owner, now) {
	const bindIds = bindingIndex(nxcloud).party.get(`${did}|${phone}`);
	return activeOf(nxcloud, bindIds, owner, now).some(
		(binding) => binding.did === did && (binding.phoneA === phone || binding.phoneB === phone),
	);
}

/** How many bindings (active or not) X carries. */
function didLoad(nxcloud, did) {
	const onX = bindingIndex(nxcloud).did.get(did);
	return onX ? onX.size : 0;
}

function leastLoadedFirst(nxcloud, numbers) {
	return numbers.sort(
		(first, second) => didLoad(nxcloud, first.did) - didLoad(nxcloud, second.did),
	);
}

function findByCustomerBindId(nxcloud, owner, customerBindId, now) {
	if (!customerBindId) return null;
	const bindIds = bindingIndex(nxcloud).cbid.get(`${owner}|${customerBindId}`);
	const found = activeOf(nxcloud, bindIds, owner, now).filter(
		(binding) => binding.customerBindId === customerBindId,
	);
	return found[0] || null;
}

/** An X number of the caller's account (else 1002 naming the field). */
function accountNumber(ctx, did, field) {
	const number = ctx.account.numbers.find((candidate) => candidate.did === did);
	if (!number) throw new NxError(1002, `${field} ${did} is not a virtual number of this account`);
	return number;
}

/** An X of the account with country code `code` on which none of `parties` is bound yet. */
function pickX(ctx, code, parties, preferLeastLoaded) {
	const { nxcloud, account, now } = ctx;
	if (!account.numbers.length) throw new NxError(10008, 'user has no virtual numbers');
	const sameCountry = account.numbers.filter((number) => number.cc === code);
	if (!sameCountry.length) {
		throw new NxError(
			10004,
			`A/B lacks the virtual number's country prefix (no X with country code ${code})`,
		);
	}
	let free = sameCountry.filter(
		(number) =>
			!parties.some((phone) => partyActive(nxcloud, number.did, phone, account.accessKey, now)),
	);
	if (preferLeastLoaded) free = leastLoadedFirst(nxcloud, free);
	if (!free.length) throw new NxError(10010, 'virtual numbers exhausted');
	return free[0].did;
}

/**
 * customerBindId is idempotent: a repeated bind while a binding of that id is active answers that
 * binding (in the action's response shape) instead of creating another. Returns null otherwise.
 */
function replayOf(ctx, body, responseShape) {
	const customerBindId = text(body.customerBindId);
	const existing = findByCustomerBindId(
		ctx.nxcloud,
		ctx.account.accessKey,
		customerBindId,
		ctx.now,
	);
	if (!existing) return null;
	ctx.recordReplay(customerBindId);
	return responseShape(existing);
}

/** Store and index a binding of the caller's account; `fields` override the defaults. */
function newBinding(ctx, fields) {
	const { nxcloud, account, now } = ctx;
	const binding = Object.assign(
		{
			bindId: randomHex(16),
			owner: account.accessKey,
			customerId: account.customerId,
			businessId: account.businessId,
			customerBindId: '',
			phoneA: '',
			phoneB: '',
			did: '',
			flag: 0,
			extension: '',
			groupId: '',
			createdAt: now,
		},
		fields,
	);
	bindingIndex(nxcloud);
	nxcloud.bindings.set(binding.bindId, binding);
	indexBinding(nxcloud.idx, binding);
	ctx.recordBind({ customerBindId: binding.customerBindId || null });
	return binding;
}

module.exports = {
	isActive,
	removeBinding,
	activeBindings,
	bindingsOnDid,
	partyActive,
	leastLoadedFirst,
	findByCustomerBindId,
	accountNumber,
	pickX,
	replayOf,
	newBinding,
};
