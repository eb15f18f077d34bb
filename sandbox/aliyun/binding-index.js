'use strict';
/*
 * Indexes over state.aliyun.bindings so that a bind stays O(1) with a large state:
 * `xIndex` (X number → SubsIds) and `partyIndex` ("X|phone" → SubsIds). `idxSize` counts the
 * indexed bindings; when it differs from bindings.size (a test edited the Map) the indexes are
 * rebuilt.
 */

function isActive(binding, now) {
	return binding && binding.expireAt > now;
}

/** The A and B numbers of a binding (B may be absent). */
function partiesOf(binding) {
	return [binding.phoneA, binding.phoneB].filter(Boolean);
}

function addToSet(map, key, value) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(value);
}

function addParty(aliyun, phoneX, phone, subsId) {
	addToSet(aliyun.partyIndex, `${phoneX}|${phone}`, subsId);
}

function removeParty(aliyun, phoneX, phone, subsId) {
	const set = aliyun.partyIndex && aliyun.partyIndex.get(`${phoneX}|${phone}`);
	if (set) set.delete(subsId);
}

function indexBinding(aliyun, binding) {
	if (!aliyun.xIndex) {
		aliyun.xIndex = new Map();
		aliyun.partyIndex = new Map();
		aliyun.idxSize = 0;
	}
	const onX = aliyun.xIndex.get(binding.phoneX);
	if (!onX || !onX.has(binding.subsId)) aliyun.idxSize++;
	addToSet(aliyun.xIndex, binding.phoneX, binding.subsId);
	for (const phone of partiesOf(binding)) addParty(aliyun, binding.phoneX, phone, binding.subsId);
}

function unindexBinding(aliyun, binding) {
	const onX = aliyun.xIndex && aliyun.xIndex.get(binding.phoneX);
	if (onX && onX.delete(binding.subsId)) aliyun.idxSize--;
	for (const phone of partiesOf(binding))
		removeParty(aliyun, binding.phoneX, phone, binding.subsId);
}

function rebuildIndex(aliyun) {
	aliyun.xIndex = new Map();
	aliyun.partyIndex = new Map();
	aliyun.idxSize = 0;
	for (const binding of aliyun.bindings.values()) indexBinding(aliyun, binding);
}

/** Rebuild the indexes when bindings were added or removed behind the sandbox's back. */
function ensureIndex(aliyun) {
	if (!aliyun.xIndex || aliyun.idxSize !== aliyun.bindings.size) rebuildIndex(aliyun);
}

/** Active bindings carried by X. */
function bindingsOnX(aliyun, phoneX, now) {
	const found = [];
	const onX = aliyun.xIndex && aliyun.xIndex.get(phoneX);
	for (const subsId of onX || []) {
		const binding = aliyun.bindings.get(subsId);
		if (binding && binding.phoneX === phoneX && isActive(binding, now)) found.push(binding);
	}
	return found;
}

/** Is `phone` a party of an active binding on X (other than ignoreSubsId)? */
function partyBusy(aliyun, phoneX, phone, now, ignoreSubsId) {
	const set = aliyun.partyIndex && aliyun.partyIndex.get(`${phoneX}|${phone}`);
	if (!set) return false;
	for (const subsId of set) {
		if (subsId === ignoreSubsId) continue;
		const binding = aliyun.bindings.get(subsId);
		if (!binding || binding.phoneX !== phoneX || !isActive(binding, now)) continue;
		if (binding.phoneA === phone || binding.phoneB === phone) return true;
	}
	return false;
}

/**
 * Can a new binding of `kind` with parties `phones` (and extension) live on X?
 * AXB/AXG: many bindings per X as long as neither party is already bound on it.
 * AXN: one active binding per X. AXN extension: X + extension unique, up to 999 per X.
 * Returns null, 'conflict' or 'occupied'.
 */
function conflictOnX(aliyun, phoneX, kind, phones, extension, now, ignoreSubsId) {
	if (kind === 'AXB' || kind === 'AXG') {
		const busy = phones.some((phone) => partyBusy(aliyun, phoneX, phone, now, ignoreSubsId));
		return busy ? 'conflict' : null;
	}
	const others = bindingsOnX(aliyun, phoneX, now).filter((other) => other.subsId !== ignoreSubsId);
	if (kind === 'AXN') return others.length ? 'occupied' : null;
	if (others.some((other) => other.kind === 'AXN')) return 'occupied';
	if (extension && others.some((other) => other.extension === extension)) return 'conflict';
	if (others.length >= 999) return 'occupied';
	return null;
}

/** The lowest extension from 100 up that is free on X, or null. */
function freeExtension(aliyun, phoneX, now) {
	const used = new Set(bindingsOnX(aliyun, phoneX, now).map((binding) => binding.extension));
	for (let extension = 100; extension <= 999; extension++) {
		if (!used.has(String(extension))) return String(extension);
	}
	return null;
}

module.exports = {
	isActive,
	partiesOf,
	addParty,
	removeParty,
	indexBinding,
	unindexBinding,
	rebuildIndex,
	ensureIndex,
	bindingsOnX,
	conflictOnX,
	freeExtension,
};
