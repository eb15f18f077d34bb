'use strict';
/*
 * NXCloud PNS emulation: the "action" API at /api/pns/ and /v1/api/pns/, and the REST-path modes at /v1/pns/bind/<mode>.
 * Signature check is the sandbox's own MD5 implementation over the exact raw body bytes received.
 */

const { nxRequestId, md5Hex, randomHex, countryCode } = require('./util');

const TS_WINDOW_MS = 60 * 1000;

const ACTION_API = ['bindAXB', 'bindAXBExtension', 'bindAXG', 'unbindAXB', 'getAXBList', 'queryAXB', 'createGroup', 'listGroup', 'updateGroup', 'deleteGroup'];
const REST_MODES = { axe: 'bindAXE', axeyb: 'bindAXEYB', xyb: 'bindXYB' };

class NxError extends Error {
	constructor(code, msg) {
		super(msg);
		this.code = code;
	}
}

function envelope(code, msg, data, extra) {
	const body = { code, msg, requestId: nxRequestId() };
	if (extra) Object.assign(body, extra);
	if (data !== undefined) body.data = data;
	return body;
}

/** Own MD5 signature (nxcloud-pns.md §1.2). */
function nxSign({ accessKey, action, bizType, ts }, rawBody, secret) {
	let s = `accessKey=${accessKey}&action=${action}&bizType=${bizType}&ts=${ts}`;
	if (rawBody) s += `&body=${rawBody}`;
	s += `&accessSecret=${secret}`;
	return md5Hex(s);
}

/** Which NX route a path belongs to: { kind: 'action' } | { kind: 'rest', mode } | null. */
function route(pathname) {
	if (/^\/(v1\/)?api\/pns\/?$/.test(pathname)) return { kind: 'action' };
	const m = /^\/v1\/pns\/bind\/([^/]+)\/?$/.exec(pathname);
	if (m) return { kind: 'rest', mode: m[1].toLowerCase() };
	if (pathname.startsWith('/v1/pns/') || pathname.startsWith('/api/pns') || pathname.startsWith('/v1/api/pns')) return { kind: 'rest', mode: null };
	return null;
}

function isNxPath(pathname) {
	return route(pathname) !== null;
}

// ---------------------------------------------------------------------------------------------------------------------
// helpers over state

function isActive(b, now) {
	return b && (b.expireAt === 0 || b.expireAt * 1000 > now);
}

function activeBindings(n, owner, now) {
	const out = [];
	for (const b of n.bindings.values()) if (b.owner === owner && isActive(b, now)) out.push(b);
	return out;
}

function setAdd(map, k, v) {
	let set = map.get(k);
	if (!set) map.set(k, (set = new Set()));
	set.add(v);
}

function idxAdd(ix, b) {
	if (ix.all.has(b.bindId)) return;
	ix.all.add(b.bindId);
	setAdd(ix.did, b.did, b.bindId);
	for (const p of [b.phoneA, b.phoneB]) if (p) setAdd(ix.party, `${b.did}|${p}`, b.bindId);
	if (b.customerBindId) setAdd(ix.cbid, `${b.owner}|${b.customerBindId}`, b.bindId);
}

/** Indexes over state.nxcloud.bindings; rebuilt when bindings were added/removed behind the sandbox's back (tests, seeding). */
function idx(n) {
	if (!n.idx || n.idx.all.size !== n.bindings.size) {
		n.idx = { all: new Set(), did: new Map(), party: new Map(), cbid: new Map() };
		for (const b of n.bindings.values()) idxAdd(n.idx, b);
	}
	return n.idx;
}

function removeBinding(n, b) {
	const ix = idx(n);
	n.bindings.delete(b.bindId);
	ix.all.delete(b.bindId);
	const d = ix.did.get(b.did);
	if (d) d.delete(b.bindId);
	for (const p of [b.phoneA, b.phoneB]) {
		const s = p && ix.party.get(`${b.did}|${p}`);
		if (s) s.delete(b.bindId);
	}
	const c = b.customerBindId && ix.cbid.get(`${b.owner}|${b.customerBindId}`);
	if (c) c.delete(b.bindId);
}

function activeFrom(n, ids, owner, now) {
	const out = [];
	if (!ids) return out;
	for (const id of ids) {
		const b = n.bindings.get(id);
		if (b && b.owner === owner && isActive(b, now)) out.push(b);
	}
	return out;
}

/** Active bindings of owner on X. */
function bindsOnDid(n, did, owner, now) {
	return activeFrom(n, idx(n).did.get(did), owner, now);
}

function partyActive(n, did, phone, owner, now) {
	return activeFrom(n, idx(n).party.get(`${did}|${phone}`), owner, now).some((b) => b.did === did && (b.phoneA === phone || b.phoneB === phone));
}

function didLoad(n, did) {
	const s = idx(n).did.get(did);
	return s ? s.size : 0;
}

function findByCustomerBindId(n, owner, cbid, now) {
	if (!cbid) return null;
	const list = activeFrom(n, idx(n).cbid.get(`${owner}|${cbid}`), owner, now).filter((b) => b.customerBindId === cbid);
	return list[0] || null;
}

function str(v) {
	return v === undefined || v === null ? '' : String(v);
}

function phoneField(body, name, required) {
	const v = str(body[name]);
	if (!v) {
		if (required) throw new NxError(10001, `${name} is empty`);
		return '';
	}
	if (!/^\d{6,20}$/.test(v)) throw new NxError(1002, `${name} must be digits with country code: ${v}`);
	return v;
}

function expireSecond(body, name, required, dflt) {
	const v = body[name];
	if (v === undefined || v === null || v === '') {
		if (required) throw new NxError(1002, `${name} is required`);
		return dflt;
	}
	const num = Number(v);
	if (!Number.isInteger(num) || num < 0) throw new NxError(1002, `${name} must be a non-negative integer`);
	return num;
}

function flagOf(body) {
	if (body.flag === undefined || body.flag === null || body.flag === '') return 0;
	const f = Number(body.flag);
	if (!Number.isInteger(f) || f < 0) throw new NxError(1002, 'flag must be a non-negative integer');
	return f;
}

function pageArgs(body) {
	const limit = body.limit;
	const offset = body.offset;
	if (limit === undefined || limit === null || !Number.isInteger(Number(limit)) || Number(limit) < 0 || Number(limit) > 1000 || limit === '') {
		throw new NxError(10011, 'limit out of range (0-1000)');
	}
	if (offset === undefined || offset === null || !Number.isInteger(Number(offset)) || Number(offset) < 0 || offset === '') {
		throw new NxError(10012, 'offset out of range');
	}
	const l = Number(limit) === 0 ? 1000 : Number(limit);
	return { limit: l, offset: Number(offset) };
}

function sameCountry(a, b) {
	const ca = countryCode(a);
	const cb = countryCode(b);
	return ca && cb && ca === cb ? ca : null;
}

/** Pick an X of the account for parties with country code cc, such that none of `parties` is already bound on it. */
function pickX(n, acct, cc, parties, now, preferLeastLoaded) {
	if (!acct.numbers.length) throw new NxError(10008, 'user has no virtual numbers');
	const candidates = acct.numbers.filter((x) => x.cc === cc);
	if (!candidates.length) throw new NxError(10004, `A/B lacks the virtual number's country prefix (no X with country code ${cc})`);
	let list = candidates.filter((x) => !parties.some((p) => partyActive(n, x.did, p, acct.accessKey, now)));
	if (preferLeastLoaded) list = list.sort((u, v) => didLoad(n, u.did) - didLoad(n, v.did));
	if (!list.length) throw new NxError(10010, 'virtual numbers exhausted');
	return list[0].did;
}

function newBinding(ctx, fields) {
	const { n, acct, now } = ctx;
	const b = Object.assign(
		{
			bindId: randomHex(16),
			owner: acct.accessKey,
			customerId: acct.customerId,
			businessId: acct.businessId,
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
	idx(n);
	n.bindings.set(b.bindId, b);
	idxAdd(n.idx, b);
	ctx.recordBind({ customerBindId: b.customerBindId || null });
	return b;
}

function expireAtOf(seconds, now) {
	return seconds === 0 ? 0 : Math.floor(now / 1000) + seconds;
}

function idempotent(ctx, body, shape) {
	const cbid = str(body.customerBindId);
	const existing = findByCustomerBindId(ctx.n, ctx.acct.accessKey, cbid, ctx.now);
	if (existing) {
		ctx.recordReplay(cbid);
		return shape(existing);
	}
	return null;
}

const actionShape = (b) => ({ bindId: b.bindId, did: b.did });
const restShape = (b) => {
	const d = { bindId: b.bindId, didX: b.did };
	if (b.didY !== undefined) d.didY = b.didY;
	if (b.mode !== 'xyb') d.extensionX = b.extension;
	return d;
};

// ---------------------------------------------------------------------------------------------------------------------
// actions: (body, ctx) -> { data?, extra? } ; errors thrown as NxError

const actions = {
	bindAXB(body, ctx) {
		const a = phoneField(body, 'phoneA', true);
		const b = phoneField(body, 'phoneB', true);
		if (a === b) throw new NxError(10002, 'phoneA and phoneB are the same');
		const cc = sameCountry(a, b);
		if (!cc) throw new NxError(10004, 'A and B must share a known country code');
		const exp = expireSecond(body, 'expireSecond', true);
		const flag = flagOf(body);
		const replay = idempotent(ctx, body, actionShape);
		if (replay) return { data: replay };
		const did = pickX(ctx.n, ctx.acct, cc, [a, b], ctx.now, false);
		const bind = newBinding(ctx, { type: 'AXB', phoneA: a, phoneB: b, did, flag, expireAt: expireAtOf(exp, ctx.now), customerBindId: str(body.customerBindId) });
		return { data: actionShape(bind) };
	},

	bindAXBExtension(body, ctx) {
		const a = phoneField(body, 'phoneA', true);
		const b = phoneField(body, 'phoneB', false);
		const x = phoneField(body, 'phoneX', false);
		if (!x) throw new NxError(1002, 'phoneX is required');
		const ext = str(body.extension !== undefined ? body.extension : body.Extension);
		if (!/^\d{3}$/.test(ext)) throw new NxError(1002, 'extension must be exactly 3 digits');
		if (b && a === b) throw new NxError(10002, 'phoneA and phoneB are the same');
		const xn = ctx.acct.numbers.find((v) => v.did === x);
		if (!xn) throw new NxError(1002, `phoneX ${x} is not a virtual number of this account`);
		if (countryCode(a) !== xn.cc || (b && countryCode(b) !== xn.cc)) throw new NxError(10004, "A/B lacks the virtual number's country prefix");
		const exp = expireSecond(body, 'expireSecond', true);
		const flag = flagOf(body);
		const replay = idempotent(ctx, body, actionShape);
		if (replay) return { data: replay };
		const clash = bindsOnDid(ctx.n, x, ctx.acct.accessKey, ctx.now).find((v) => v.extension === ext);
		if (clash) throw new NxError(10006, `extension ${ext} is already bound on ${x}`);
		const bind = newBinding(ctx, { type: 'AXB_EXTENSION', phoneA: a, phoneB: b, did: x, extension: ext, flag, expireAt: expireAtOf(exp, ctx.now), customerBindId: str(body.customerBindId) });
		return { data: actionShape(bind) };
	},

	bindAXG(body, ctx) {
		const a = phoneField(body, 'phoneA', true);
		const b = phoneField(body, 'phoneB', false);
		let x = phoneField(body, 'phoneX', false);
		const groupId = str(body.groupId);
		if (!groupId) throw new NxError(1002, 'groupId is required');
		const g = ctx.n.groups.get(groupId);
		if (!g || g.owner !== ctx.acct.accessKey) throw new NxError(1002, `group ${groupId} does not exist`);
		if (b && !g.phones.includes(b)) throw new NxError(1002, 'phoneB must be a member of the group');
		const exp = expireSecond(body, 'expireSecond', true);
		const flag = flagOf(body);
		const cc = countryCode(a);
		if (!cc) throw new NxError(10004, "phoneA lacks a known country prefix");
		const replay = idempotent(ctx, body, actionShape);
		if (replay) return { data: replay };
		if (x) {
			const xn = ctx.acct.numbers.find((v) => v.did === x);
			if (!xn) throw new NxError(1002, `phoneX ${x} is not a virtual number of this account`);
			if (xn.cc !== cc) throw new NxError(10004, "A lacks the virtual number's country prefix");
			const busy = partyActive(ctx.n, x, a, ctx.acct.accessKey, ctx.now) || (b && partyActive(ctx.n, x, b, ctx.acct.accessKey, ctx.now));
			if (busy) throw new NxError(10006, `phoneA is already bound on ${x}`);
		} else {
			x = pickX(ctx.n, ctx.acct, cc, [a], ctx.now, true);
		}
		const bind = newBinding(ctx, { type: 'AXG', phoneA: a, phoneB: b, did: x, groupId, flag, expireAt: expireAtOf(exp, ctx.now), customerBindId: str(body.customerBindId) });
		return { data: actionShape(bind) };
	},

	unbindAXB(body, ctx) {
		const bindId = str(body.bindId);
		const cbid = str(body.customerBindId);
		let b = null;
		if (bindId) {
			b = ctx.n.bindings.get(bindId);
			if (b && b.owner !== ctx.acct.accessKey) b = null;
		} else if (cbid) {
			b = findByCustomerBindId(ctx.n, ctx.acct.accessKey, cbid, ctx.now);
		}
		if (!b) throw new NxError(10013, 'binding not exist');
		removeBinding(ctx.n, b);
		return {};
	},

	getAXBList(body, ctx) {
		const { limit, offset } = pageArgs(body);
		const all = activeBindings(ctx.n, ctx.acct.accessKey, ctx.now).sort((u, v) => u.createdAt - v.createdAt);
		const bindList = all.slice(offset, offset + limit).map((b) => {
			const item = {
				customerId: b.customerId,
				businessId: b.businessId,
				bindId: b.bindId,
				customerBindId: b.customerBindId,
				phoneA: b.phoneA,
				phoneB: b.phoneB,
				did: b.did,
				flag: b.flag,
				expireAt: b.expireAt,
			};
			if (b.extension) item.extension = b.extension;
			return item;
		});
		return { data: { bindList, total: all.length } };
	},

	queryAXB(body, ctx) {
		const caller = str(body.caller);
		const did = str(body.did);
		if (!caller || !did) throw new NxError(1002, 'caller and did are required');
		const ext = str(body.extension);
		const norm = (p) => p.replace(/^\+/, '');
		const c = norm(caller);
		const matches = (p) => p && (p === c || p.endsWith(c) || c.endsWith(p));
		let found = null;
		let callee = '';
		for (const b of bindsOnDid(ctx.n, did, ctx.acct.accessKey, ctx.now)) {
			if (b.type === 'AXB_EXTENSION' || b.mode === 'axe' || b.mode === 'axeyb') {
				if (ext && ext === b.extension) {
					found = b;
					callee = matches(b.phoneA) ? b.phoneB : b.phoneA;
					break;
				}
				continue;
			}
			if (b.type === 'AXG') {
				const g = ctx.n.groups.get(b.groupId);
				if (matches(b.phoneA) && b.phoneB) callee = b.phoneB;
				else if (g && g.phones.some(matches)) callee = b.phoneA;
				else continue;
				found = b;
				break;
			}
			if (matches(b.phoneA)) callee = b.phoneB;
			else if (matches(b.phoneB)) callee = b.phoneA;
			else continue;
			found = b;
			break;
		}
		if (!found) throw new NxError(10013, 'binding not exist');
		const callId = nxRequestId();
		ctx.state.calls.set(callId, { provider: 'nxcloud', callId, bindId: found.bindId, caller, callee, did, viaQuery: true });
		const bindType = found.type === 'AXB_EXTENSION' ? 4 : found.type === 'AXG' ? 3 : 1;
		return {
			data: {
				callee,
				callId,
				flag: found.flag,
				audioWhenCallFail: '',
				bindType,
				audioWhenDtmfNeed: bindType === 4 ? 'https://sandbox.invalid/audio/dtmf-need.wav' : '',
				audioWhenDtmfErr: bindType === 4 ? 'https://sandbox.invalid/audio/dtmf-err.wav' : '',
				extension: found.extension || '',
			},
		};
	},

	createGroup(body, ctx) {
		const phones = parsePhones(body.phones);
		const groupId = `g${String(ctx.n.nextGroup++).padStart(10, '0')}`;
		ctx.n.groups.set(groupId, {
			groupId,
			owner: ctx.acct.accessKey,
			groupName: str(body.groupName) || groupId,
			phones,
			remark: str(body.remark),
		});
		return { extra: { groupId }, data: { groupId } };
	},

	listGroup(body, ctx) {
		const { limit, offset } = pageArgs(body);
		const all = [...ctx.n.groups.values()].filter((g) => g.owner === ctx.acct.accessKey);
		const groups = all.slice(offset, offset + limit).map((g) => ({
			customerId: ctx.acct.customerId,
			groupName: g.groupName,
			groupId: g.groupId,
			phones: g.phones.join(','),
			remark: g.remark,
		}));
		return { data: { groups, total: all.length } };
	},

	updateGroup(body, ctx) {
		const g = groupOf(body, ctx);
		const op = Number(body.operateType);
		if (body.operateType === undefined || body.operateType === null || body.operateType === '' || ![0, 1, 2].includes(op)) {
			throw new NxError(1002, 'operateType must be 0 (add), 1 (delete) or 2 (replace)');
		}
		const phones = parsePhones(body.phones);
		if (op === 0) for (const p of phones) if (!g.phones.includes(p)) g.phones.push(p);
		if (op === 1) g.phones = g.phones.filter((p) => !phones.includes(p));
		if (op === 2) g.phones = [...new Set(phones)];
		return {};
	},

	deleteGroup(body, ctx) {
		const g = groupOf(body, ctx);
		ctx.n.groups.delete(g.groupId);
		return {};
	},

	// ---- REST-path modes (§3)
	bindAXE(body, ctx) {
		checkBusiness(body, ctx);
		const a = phoneField(body, 'phoneA', true);
		const exp = expireSecond(body, 'bindExpireSecond', false, 7200);
		const replay = idempotent(ctx, body, restShape);
		if (replay) return { data: replay };
		const x = restX(body, ctx, a, 'didX');
		const extension = freeRestExtension(ctx, x);
		const bind = newBinding(ctx, {
			type: 'AXE', mode: 'axe', phoneA: a, did: x, extension, flag: body.recording === true ? 1 : 0,
			expireAt: expireAtOf(exp, ctx.now), customerBindId: str(body.customerBindId), ext: str(body.ext),
		});
		return { data: restShape(bind) };
	},

	bindAXEYB(body, ctx) {
		checkBusiness(body, ctx);
		const a = phoneField(body, 'phoneA', true);
		const b = phoneField(body, 'phoneB', true);
		if (a === b) throw new NxError(10002, 'phoneA and phoneB are the same');
		if (!sameCountry(a, b)) throw new NxError(10004, 'A and B must share a known country code');
		const exp = expireSecond(body, 'bindExpireSecond', false, 7200);
		const replay = idempotent(ctx, body, restShape);
		if (replay) return { data: replay };
		const x = restX(body, ctx, a, 'didX');
		const y = restX(body, ctx, b, 'didY', x);
		const extension = freeRestExtension(ctx, x);
		const rec = body.recording === true || body.recoding === true;
		const bind = newBinding(ctx, {
			type: 'AXEYB', mode: 'axeyb', phoneA: a, phoneB: b, did: x, didY: y, extension, flag: rec ? 1 : 0,
			expireAt: expireAtOf(exp, ctx.now), customerBindId: str(body.customerBindId), ext: str(body.ext),
		});
		return { data: restShape(bind) };
	},

	bindXYB(body, ctx) {
		checkBusiness(body, ctx);
		const b = phoneField(body, 'phoneB', true);
		const exp = expireSecond(body, 'bindExpireSecond', false, 7200);
		for (const k of ['bindExpireStrategy', 'callInExpireStrategy']) {
			if (body[k] !== undefined && ![0, 1, 2].includes(Number(body[k]))) throw new NxError(1002, `${k} must be 0, 1 or 2`);
		}
		const replay = idempotent(ctx, body, restShape);
		if (replay) return { data: replay };
		const x = restX(body, ctx, b, 'didX');
		const y = restX(body, ctx, b, 'didY', x);
		const bind = newBinding(ctx, {
			type: 'XYB', mode: 'xyb', phoneB: b, did: x, didY: y, flag: body.recording === true ? 1 : 0,
			expireAt: expireAtOf(exp, ctx.now), customerBindId: str(body.customerBindId), ext: str(body.ext),
		});
		return { data: restShape(bind) };
	},
};

function checkBusiness(body, ctx) {
	const id = str(body.businessId);
	if (!id) throw new NxError(1002, 'businessId is required');
	if (id !== ctx.acct.businessId) throw new NxError(10003, `businessId ${id} does not exist`);
}

function restX(body, ctx, party, field, notThis) {
	const given = str(body[field]);
	if (given) {
		const xn = ctx.acct.numbers.find((v) => v.did === given);
		if (!xn) throw new NxError(1002, `${field} ${given} is not a virtual number of this account`);
		return given;
	}
	const cc = countryCode(party);
	if (!cc) throw new NxError(10004, 'number lacks a known country prefix');
	const list = ctx.acct.numbers.filter((v) => v.cc === cc && v.did !== notThis);
	if (!list.length) throw new NxError(10010, 'virtual numbers exhausted');
	// least loaded
	return list.sort((u, v) => didLoad(ctx.n, u.did) - didLoad(ctx.n, v.did))[0].did;
}

function freeRestExtension(ctx, x) {
	const used = new Set(bindsOnDid(ctx.n, x, ctx.acct.accessKey, ctx.now).map((b) => b.extension));
	for (let i = 0; i < 9000; i++) {
		const e = String(1000 + ((ctx.n.bindings.size * 7 + i) % 9000));
		if (!used.has(e)) return e;
	}
	throw new NxError(10010, 'no free extension on X');
}

function parsePhones(v) {
	const list = str(v)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!list.length) throw new NxError(1002, 'phones is required');
	for (const p of list) if (!/^\d{6,20}$/.test(p)) throw new NxError(1002, `phone ${p} must be digits with country code`);
	return list;
}

function groupOf(body, ctx) {
	const id = str(body.groupId);
	if (!id) throw new NxError(1002, 'groupId is required');
	const g = ctx.n.groups.get(id);
	if (!g || g.owner !== ctx.acct.accessKey) throw new NxError(1002, `group ${id} does not exist`);
	return g;
}

// ---------------------------------------------------------------------------------------------------------------------
// request handling

function header(req, name) {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

function prepare(req, rawBody, env, pathname) {
	const prepared = { provider: 'nxcloud', action: null, account: null, body: rawBody.toString('utf8'), verified: false, error: null };
	const fail = (code, msg, status = 200) => {
		prepared.error = { status, body: envelope(code, msg) };
		return prepared;
	};
	const r = route(pathname);
	const action = header(req, 'action');
	prepared.action = action || (r && r.mode ? REST_MODES[r.mode] : null) || null;
	if (req.method !== 'POST') return fail(1002, `HTTP method ${req.method} not allowed; use POST`, 405);
	for (const h of ['accessKey', 'ts', 'bizType', 'action', 'sign']) {
		if (!header(req, h)) return fail(1001, `missing header: ${h}`);
	}
	const bizType = header(req, 'bizType');
	if (bizType !== '5') return fail(1002, `bizType ${bizType} is not valid for PNS (expected 5)`);
	if (r.kind === 'action') {
		if (!ACTION_API.includes(action)) return fail(1002, `unknown action: ${action}`);
	} else {
		const expected = r.mode && REST_MODES[r.mode];
		if (!expected) return fail(1002, `unknown PNS path: ${pathname}`, 404);
		if (action !== expected) return fail(1002, `action ${action} does not match path (expected ${expected})`);
	}
	const accessKey = header(req, 'accessKey');
	const acct = env.getState().nxcloud.accounts.get(accessKey);
	if (!acct) return fail(1005, 'insufficient permission: unknown accessKey');
	prepared.account = `nxcloud:${acct.accessKey}`;
	const ts = header(req, 'ts');
	const now = env.now();
	if (!/^\d{10,13}$/.test(ts) || Math.abs(Number(ts) - now) > TS_WINDOW_MS) return fail(1004, 'timestamp expired');
	const ct = String(header(req, 'content-type') || '').split(';')[0].trim().toLowerCase();
	if (ct !== 'application/json') {
		env.signatureFailure();
		return fail(1003, `invalid signature: Content-Type must be application/json (got "${ct || '(none)'}")`);
	}
	const sign = String(header(req, 'sign')).toLowerCase();
	const expected = nxSign({ accessKey, action, bizType, ts }, prepared.body, acct.secret);
	if (sign !== expected) {
		env.signatureFailure();
		return fail(1003, 'invalid signature');
	}
	prepared.verified = true;
	let body = {};
	if (prepared.body.trim() !== '') {
		try {
			body = JSON.parse(prepared.body);
		} catch {
			return fail(1002, 'body is not valid JSON');
		}
		if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(1002, 'body must be a JSON object');
	}
	prepared.execute = () => {
		const state = env.getState();
		const ctx = {
			state,
			n: state.nxcloud,
			acct,
			now: env.now(),
			recordBind: env.recordBind,
			recordReplay: env.recordReplay,
		};
		try {
			const res = actions[action](body, ctx);
			return { status: 200, body: envelope(0, 'success', res.data, res.extra) };
		} catch (e) {
			if (e instanceof NxError) return { status: 200, body: envelope(e.code, e.message) };
			return { status: 500, body: envelope(10009, `failed to fetch data: ${e && e.message}`) };
		}
	};
	return prepared;
}

function faultBody(kind) {
	switch (kind) {
		case 'throttle':
			return { status: 429, body: envelope(1006, 'rate limited') };
		case 'http500':
			return { status: 500, body: envelope(500, 'internal server error') };
		case 'http503':
			return { status: 503, body: envelope(503, 'service unavailable') };
		default:
			return null;
	}
}

module.exports = { prepare, faultBody, isNxPath, nxSign, envelope, isActive, REST_MODES, ACTION_API };
