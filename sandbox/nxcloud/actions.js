'use strict';
/*
 * The NXCloud PNS action API (POST /api/pns/ with an `action` header): bindAXB, bindAXBExtension,
 * bindAXG, unbindAXB, getAXBList and queryAXB. The group actions are in groups.js.
 */

const { countryCode, nxRequestId } = require('../util');
const { NxError } = require('./envelope');
const {
	text,
	phoneField,
	expireSecond,
	expireAtOf,
	flagOf,
	pageArgs,
	checkTwoParties,
} = require('./fields');
const store = require('./store');
const { groupActions } = require('./groups');

/** bindType of queryAXB. */
const BIND_TYPE = { AXB: 1, AXG: 3, AXB_EXTENSION: 4 };

const bindResponse = (binding) => ({ bindId: binding.bindId, did: binding.did });

/** expireSecond (required), flag and customerBindId, which every bind of the action API takes. */
function readBindTerms(body, ctx) {
	const seconds = expireSecond(body, 'expireSecond', true);
	const flag = flagOf(body);
	return {
		flag,
		expireAt: expireAtOf(seconds, ctx.now),
		customerBindId: text(body.customerBindId),
	};
}

function storeBinding(ctx, fields, terms) {
	return { data: bindResponse(store.newBinding(ctx, { ...fields, ...terms })) };
}

/** A and B of an X must carry X's country code (else 10004). */
function checkCountryOfX(number, phones, message) {
	if (phones.some((phone) => phone && countryCode(phone) !== number.cc)) {
		throw new NxError(10004, message);
	}
}

/** The given X for an AXG bind: of this account, same country as A, A and B not yet bound on it. */
function checkAxgX(ctx, phoneX, phoneA, phoneB) {
	const number = store.accountNumber(ctx, phoneX, 'phoneX');
	checkCountryOfX(number, [phoneA], "A lacks the virtual number's country prefix");
	const busy = (phone) =>
		phone && store.partyActive(ctx.nxcloud, phoneX, phone, ctx.account.accessKey, ctx.now);
	if (busy(phoneA) || busy(phoneB))
		throw new NxError(10006, `phoneA is already bound on ${phoneX}`);
	return phoneX;
}

function listItem(binding) {
	const item = {
		customerId: binding.customerId,
		businessId: binding.businessId,
		bindId: binding.bindId,
		customerBindId: binding.customerBindId,
		phoneA: binding.phoneA,
		phoneB: binding.phoneB,
		did: binding.did,
		flag: binding.flag,
		expireAt: binding.expireAt,
	};
	if (binding.extension) item.extension = binding.extension;
	return item;
}

/**
 * Whom a call from `matches` to X on this binding goes to, or null when the binding does not
 * carry the call: extension bindings need the dialled extension, AXG bindings take any member.
 */
function calleeOf(ctx, binding, matches, extension) {
	if (binding.type === 'AXB_EXTENSION' || binding.mode === 'axe' || binding.mode === 'axeyb') {
		if (!extension || extension !== binding.extension) return null;
		return matches(binding.phoneA) ? binding.phoneB : binding.phoneA;
	}
	if (binding.type === 'AXG') {
		const group = ctx.nxcloud.groups.get(binding.groupId);
		if (matches(binding.phoneA) && binding.phoneB) return binding.phoneB;
		if (group && group.phones.some(matches)) return binding.phoneA;
		return null;
	}
	if (matches(binding.phoneA)) return binding.phoneB;
	if (matches(binding.phoneB)) return binding.phoneA;
	return null;
}

const actionApi = {
	bindAXB(body, ctx) {
		const phoneA = phoneField(body, 'phoneA', true);
		const phoneB = phoneField(body, 'phoneB', true);
		const code = checkTwoParties(phoneA, phoneB);
		const terms = readBindTerms(body, ctx);
		const replay = store.replayOf(ctx, body, bindResponse);
		if (replay) return { data: replay };
		const did = store.pickX(ctx, code, [phoneA, phoneB], false);
		return storeBinding(ctx, { type: 'AXB', phoneA, phoneB, did }, terms);
	},

	/** X and a 3-digit extension are given; X + extension must be free. */
	bindAXBExtension(body, ctx) {
		const phoneA = phoneField(body, 'phoneA', true);
		const phoneB = phoneField(body, 'phoneB', false);
		const did = phoneField(body, 'phoneX', false);
		if (!did) throw new NxError(1002, 'phoneX is required');
		const extension = text(body.extension !== undefined ? body.extension : body.Extension);
		if (!/^\d{3}$/.test(extension)) throw new NxError(1002, 'extension must be exactly 3 digits');
		if (phoneB && phoneA === phoneB) throw new NxError(10002, 'phoneA and phoneB are the same');
		const number = store.accountNumber(ctx, did, 'phoneX');
		checkCountryOfX(number, [phoneA, phoneB], "A/B lacks the virtual number's country prefix");
		const terms = readBindTerms(body, ctx);
		const replay = store.replayOf(ctx, body, bindResponse);
		if (replay) return { data: replay };
		const onX = store.bindingsOnDid(ctx.nxcloud, did, ctx.account.accessKey, ctx.now);
		if (onX.some((binding) => binding.extension === extension)) {
			throw new NxError(10006, `extension ${extension} is already bound on ${did}`);
		}
		const fields = { type: 'AXB_EXTENSION', phoneA, phoneB, did, extension };
		return storeBinding(ctx, fields, terms);
	},

	/** B, when given, must be a member of the group; X is picked least loaded first. */
	bindAXG(body, ctx) {
		const phoneA = phoneField(body, 'phoneA', true);
		const phoneB = phoneField(body, 'phoneB', false);
		const phoneX = phoneField(body, 'phoneX', false);
		const groupId = text(body.groupId);
		if (!groupId) throw new NxError(1002, 'groupId is required');
		const group = ctx.nxcloud.groups.get(groupId);
		if (!group || group.owner !== ctx.account.accessKey) {
			throw new NxError(1002, `group ${groupId} does not exist`);
		}
		if (phoneB && !group.phones.includes(phoneB)) {
			throw new NxError(1002, 'phoneB must be a member of the group');
		}
		const terms = readBindTerms(body, ctx);
		const code = countryCode(phoneA);
		if (!code) throw new NxError(10004, 'phoneA lacks a known country prefix');
		const replay = store.replayOf(ctx, body, bindResponse);
		if (replay) return { data: replay };
		const did = phoneX
			? checkAxgX(ctx, phoneX, phoneA, phoneB)
			: store.pickX(ctx, code, [phoneA], true);
		return storeBinding(ctx, { type: 'AXG', phoneA, phoneB, did, groupId }, terms);
	},

	/** By bindId, else by customerBindId; neither (or no such binding) is 10013. */
	unbindAXB(body, ctx) {
		const bindId = text(body.bindId);
		const customerBindId = text(body.customerBindId);
		const owner = ctx.account.accessKey;
		let binding = null;
		if (bindId) {
			binding = ctx.nxcloud.bindings.get(bindId);
			if (binding && binding.owner !== owner) binding = null;
		} else if (customerBindId) {
			binding = store.findByCustomerBindId(ctx.nxcloud, owner, customerBindId, ctx.now);
		}
		if (!binding) throw new NxError(10013, 'binding not exist');
		store.removeBinding(ctx.nxcloud, binding);
		return {};
	},

	/** Oldest first; `total` counts every active binding. */
	getAXBList(body, ctx) {
		const { limit, offset } = pageArgs(body);
		const active = store.activeBindings(ctx.nxcloud, ctx.account.accessKey, ctx.now);
		active.sort((older, newer) => older.createdAt - newer.createdAt);
		const bindList = active.slice(offset, offset + limit).map(listItem);
		return { data: { bindList, total: active.length } };
	},

	/** The call-control query: which binding carries a call from `caller` to `did`. */
	queryAXB(body, ctx) {
		const caller = text(body.caller);
		const did = text(body.did);
		if (!caller || !did) throw new NxError(1002, 'caller and did are required');
		const extension = text(body.extension);
		const dialled = caller.replace(/^\+/, '');
		const matches = (phone) =>
			phone && (phone === dialled || phone.endsWith(dialled) || dialled.endsWith(phone));
		let found = null;
		let callee = '';
		for (const binding of store.bindingsOnDid(ctx.nxcloud, did, ctx.account.accessKey, ctx.now)) {
			const target = calleeOf(ctx, binding, matches, extension);
			if (target === null) continue;
			found = binding;
			callee = target;
			break;
		}
		if (!found) throw new NxError(10013, 'binding not exist');
		const callId = nxRequestId();
		const call = { provider: 'nxcloud', callId, bindId: found.bindId, caller, callee, did };
		ctx.state.calls.set(callId, { ...call, viaQuery: true });
		const bindType = BIND_TYPE[found.type] || BIND_TYPE.AXB;
		const dtmfAudio = (name) => (bindType === 4 ? `https://sandbox.invalid/audio/${name}.wav` : '');
		return {
			data: {
				callee,
				callId,
				flag: found.flag,
				audioWhenCallFail: '',
				bindType,
				audioWhenDtmfNeed: dtmfAudio('dtmf-need'),
				audioWhenDtmfErr: dtmfAudio('dtmf-err'),
				extension: found.extension || '',
			},
		};
	},

	...groupActions,
};

module.exports = { actionApi, ACTION_API: Object.keys(actionApi) };
