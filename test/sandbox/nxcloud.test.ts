import { startSandbox, type Sandbox } from '../../sandbox';
import { nxSign as sandboxNxSign } from '../../sandbox/nxcloud';
import { nxCall, nxSign, rawRequest, type NxBody, type NxCreds } from './client';

let sb: Sandbox;
let creds: NxCreds;

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
	creds = sb.credentials.nxcloud;
});

beforeEach(() => sb.reset());

afterAll(async () => {
	await sb.stop();
});

const OFFICIAL = { accessKey: 'fme2na3kdi3ki', action: 'send', bizType: '1', ts: '1655710885431' };
const SECRET = 'abciiiko2k3';

describe('NXCloud signature and header checks', () => {
	it("the sandbox's own MD5 signer reproduces NXCloud's official vectors", () => {
		const vectors: Array<[string, string]> = [
			['{"name":"牛小信","id":10001}', '87c3560d3331ae23f1021e2025722354'],
			['{"id":10001,"name":"牛小信"}', '7750759da06333f20d0640be09355e34'],
			['{"id": 10001, "name": "牛小信"}', 'd0c24a9886c629330d7f3f2056c65bc2'],
			['', '884afe159e39b6c88a0d6102ca97d704'],
		];
		for (const [body, sign] of vectors) {
			expect(sandboxNxSign(OFFICIAL, body, SECRET)).toBe(sign);
			expect(nxSign(OFFICIAL, body, SECRET)).toBe(sign);
		}
	});

	it("accepts the official vectors' inputs end to end (account fme2na3kdi3ki added via state)", async () => {
		sb.state.nxcloud.accounts.set('fme2na3kdi3ki', {
			accessKey: 'fme2na3kdi3ki',
			secret: SECRET,
			customerId: 7,
			businessId: 'vec',
			numbers: [],
		});
		const vec = { accessKey: 'fme2na3kdi3ki', accessSecret: SECRET };
		for (const body of [
			'{"name":"牛小信","id":10001}',
			'{"id":10001,"name":"牛小信"}',
			'{"id": 10001, "name": "牛小信"}',
		]) {
			const r = await nxCall(sb.url, vec, 'bindAXB', body);
			// the signature passes; the body then fails business validation (no phoneA) - not 1003
			expect(r.status).toBe(200);
			expect(r.body.code).toBe(10001);
			expect(sb.lastRequests(1)[0]).toMatchObject({ provider: 'nxcloud', verified: true, body });
		}
		const list = await nxCall(sb.url, vec, 'getAXBList', { limit: 10, offset: 0 });
		expect(list.body).toMatchObject({ code: 0, data: { bindList: [], total: 0 } });
	});

	it('rejects a body changed after signing with 1003', async () => {
		const before = sb.stats().signatureFailures;
		const r = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ tamper: (raw) => raw.replace('10', '20') },
		);
		expect(r.status).toBe(200);
		expect(r.body.code).toBe(1003);
		const ws = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ tamper: (raw) => raw.replace(',', ', ') },
		);
		expect(ws.body.code).toBe(1003);
		const wrong = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ signSecret: 'nope' },
		);
		expect(wrong.body.code).toBe(1003);
		const ct = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ contentType: 'text/plain' },
		);
		expect(ct.body.code).toBe(1003);
		expect(sb.stats().signatureFailures).toBe(before + 4);
	});

	it('rejects an old or future ts with 1004, an unknown accessKey with 1005, a missing header with 1001', async () => {
		const old = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ ts: String(Date.now() - 61 * 1000) },
		);
		expect(old.body.code).toBe(1004);
		const future = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ ts: String(Date.now() + 61 * 1000) },
		);
		expect(future.body.code).toBe(1004);
		const near = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ ts: String(Date.now() - 50 * 1000) },
		);
		expect(near.body.code).toBe(0);
		const unknown = await nxCall(sb.url, { accessKey: 'nobody', accessSecret: 'x' }, 'getAXBList', {
			limit: 10,
			offset: 0,
		});
		expect(unknown.body.code).toBe(1005);
		for (const h of ['accessKey', 'ts', 'bizType', 'action', 'sign']) {
			const r = await nxCall(
				sb.url,
				creds,
				'getAXBList',
				{ limit: 10, offset: 0 },
				{ omitHeader: h },
			);
			expect([h, r.body.code]).toEqual([h, 1001]);
		}
		const lower = await nxCall(
			sb.url,
			creds,
			'getAXBList',
			{ limit: 10, offset: 0 },
			{ lowerCaseHeaders: true },
		);
		expect(lower.body.code).toBe(0);
	});

	it('answers 1002 for a bad bizType, an unknown action or a non-JSON body, and keeps serving', async () => {
		expect(
			(await nxCall(sb.url, creds, 'getAXBList', { limit: 1, offset: 0 }, { bizType: '3' })).body
				.code,
		).toBe(1002);
		expect((await nxCall(sb.url, creds, 'dropTables', {})).body.code).toBe(1002);
		const nonJson = await nxCall(sb.url, creds, 'getAXBList', 'limit=10&offset=0');
		expect(nonJson.status).toBe(200);
		expect(nonJson.body.code).toBe(1002);
		const arr = await nxCall(sb.url, creds, 'getAXBList', '[1,2]');
		expect(arr.body.code).toBe(1002);
		const get = await rawRequest<NxBody>(`${sb.url}/api/pns/`, { method: 'GET' });
		expect(get.body.code).toBe(1002);
		const ok = await nxCall(sb.url, creds, 'getAXBList', { limit: 1, offset: 0 });
		expect(ok.body.code).toBe(0);
		expect(ok.body.requestId).toMatch(/^\d{19}$/);
	});
});

describe('NXCloud actions and state', () => {
	it('bind -> list -> unbind -> list, on both action-API base paths', async () => {
		for (const path of ['/api/pns/', '/v1/api/pns/']) {
			const bind = await nxCall(
				sb.url,
				creds,
				'bindAXB',
				{ phoneA: '85211111111', phoneB: '85222222222', expireSecond: 3600, flag: 1 },
				{ path },
			);
			expect(bind.body.code).toBe(0);
			expect(bind.body.data?.bindId).toMatch(/^[0-9a-f]{32}$/);
			expect(bind.body.data?.did).toMatch(/^852\d{8}$/);
			const list = await nxCall(sb.url, creds, 'getAXBList', { limit: 100, offset: 0 }, { path });
			expect(list.body.data?.total).toBe(1);
			expect(list.body.data?.bindList?.[0]).toMatchObject({
				bindId: bind.body.data?.bindId,
				phoneA: '85211111111',
				phoneB: '85222222222',
				did: bind.body.data?.did,
				flag: 1,
				customerId: 100001,
			});
			expect(list.body.data?.bindList?.[0].expireAt).toBeGreaterThan(Date.now() / 1000);
			const un = await nxCall(
				sb.url,
				creds,
				'unbindAXB',
				{ bindId: bind.body.data?.bindId },
				{ path },
			);
			expect(un.body.code).toBe(0);
			expect(
				(await nxCall(sb.url, creds, 'getAXBList', { limit: 100, offset: 0 }, { path })).body.data
					?.total,
			).toBe(0);
			expect(
				(await nxCall(sb.url, creds, 'unbindAXB', { bindId: bind.body.data?.bindId }, { path }))
					.body.code,
			).toBe(10013);
		}
		expect((await nxCall(sb.url, creds, 'unbindAXB', {})).body.code).toBe(10013);
	});

	it('customerBindId makes binds idempotent and unbind can use it', async () => {
		const body = {
			phoneA: '85211111111',
			phoneB: '85222222222',
			expireSecond: 0,
			customerBindId: 'order-42',
		};
		const a = await nxCall(sb.url, creds, 'bindAXB', body);
		const b = await nxCall(sb.url, creds, 'bindAXB', body);
		expect(a.body.code).toBe(0);
		expect(b.body.code).toBe(0);
		expect(b.body.data).toEqual(a.body.data);
		expect(
			(await nxCall(sb.url, creds, 'getAXBList', { limit: 0, offset: 0 })).body.data?.total,
		).toBe(1);
		const s = sb.stats();
		expect(s.binds.byCustomerBindId['order-42']).toBe(1);
		expect(s.binds.idempotentReplays['order-42']).toBe(1);
		expect(s.binds.duplicates.customerBindId).toEqual([]);
		expect(
			(await nxCall(sb.url, creds, 'unbindAXB', { customerBindId: 'order-42' })).body.code,
		).toBe(0);
		expect(
			(await nxCall(sb.url, creds, 'unbindAXB', { customerBindId: 'order-42' })).body.code,
		).toBe(10013);
	});

	it('validates numbers and paging', async () => {
		const cases: Array<[string, Record<string, unknown>, number]> = [
			['bindAXB', { phoneB: '85222222222', expireSecond: 60 }, 10001],
			['bindAXB', { phoneA: '85211111111', phoneB: '85211111111', expireSecond: 60 }, 10002],
			['bindAXB', { phoneA: '85211111111', phoneB: '8613800000000', expireSecond: 60 }, 10004],
			['bindAXB', { phoneA: '8613800000000', phoneB: '8613900000000', expireSecond: 60 }, 10004],
			[
				'bindAXBExtension',
				{ phoneA: '85211111111', phoneX: '85230000001', extension: '12', expireSecond: 60 },
				1002,
			],
			['bindAXBExtension', { phoneA: '85211111111', extension: '123', expireSecond: 60 }, 1002],
			['getAXBList', { limit: 1001, offset: 0 }, 10011],
			['getAXBList', { limit: -1, offset: 0 }, 10011],
			['getAXBList', { offset: 0 }, 10011],
			['getAXBList', { limit: 10, offset: -1 }, 10012],
			['listGroup', { limit: 10 }, 10012],
		];
		for (const [action, body, code] of cases) {
			const r = await nxCall(sb.url, creds, action, body);
			expect([action, JSON.stringify(body), r.body.code]).toEqual([
				action,
				JSON.stringify(body),
				code,
			]);
		}
	});

	it('pages through seeded bindings with total = overall count', async () => {
		sb.seedNxBindings(25);
		const p1 = await nxCall(sb.url, creds, 'getAXBList', { limit: 10, offset: 0 });
		const p3 = await nxCall(sb.url, creds, 'getAXBList', { limit: 10, offset: 20 });
		expect(p1.body.data?.bindList?.length).toBe(10);
		expect(p3.body.data?.bindList?.length).toBe(5);
		expect(p1.body.data?.total).toBe(25);
		expect(p3.body.data?.total).toBe(25);
	});

	it('extension and AXG bindings, queryAXB routing and number groups', async () => {
		const ext = await nxCall(sb.url, creds, 'bindAXBExtension', {
			phoneA: '85211111111',
			phoneX: '85230000002',
			extension: '101',
			expireSecond: 600,
		});
		expect(ext.body).toMatchObject({ code: 0, data: { did: '85230000002' } });
		const clash = await nxCall(sb.url, creds, 'bindAXBExtension', {
			phoneA: '85211111112',
			phoneX: '85230000002',
			extension: '101',
			expireSecond: 600,
		});
		expect(clash.body.code).toBe(10006);
		const route = await nxCall(sb.url, creds, 'queryAXB', {
			caller: '85299999999',
			did: '85230000002',
			extension: '101',
		});
		expect(route.body.data).toMatchObject({ callee: '85211111111', bindType: 4, extension: '101' });
		expect(route.body.data?.callId).toMatch(/^\d{19}$/);
		expect(
			(await nxCall(sb.url, creds, 'queryAXB', { caller: '85299999999', did: '85230000009' })).body
				.code,
		).toBe(10013);

		const g = await nxCall(sb.url, creds, 'createGroup', {
			phones: '85261000001,85261000002',
			groupName: 'couriers',
		});
		expect(g.body.code).toBe(0);
		expect(g.body.groupId).toBeTruthy();
		expect(g.body.data?.groupId).toBe(g.body.groupId);
		const gid = g.body.groupId ?? '';
		expect(
			(
				await nxCall(sb.url, creds, 'updateGroup', {
					groupId: gid,
					operateType: 0,
					phones: '85261000003',
				})
			).body.code,
		).toBe(0);
		expect(
			(
				await nxCall(sb.url, creds, 'updateGroup', {
					groupId: gid,
					operateType: 1,
					phones: '85261000001',
				})
			).body.code,
		).toBe(0);
		let groups =
			(await nxCall(sb.url, creds, 'listGroup', { limit: 100, offset: 0 })).body.data?.groups ?? [];
		expect(groups.find((x) => x.groupId === gid)?.phones).toBe('85261000002,85261000003');
		expect(
			(
				await nxCall(sb.url, creds, 'updateGroup', {
					groupId: gid,
					operateType: 2,
					phones: '85261000009',
				})
			).body.code,
		).toBe(0);
		expect(
			(
				await nxCall(sb.url, creds, 'updateGroup', {
					groupId: gid,
					operateType: 5,
					phones: '85261000009',
				})
			).body.code,
		).toBe(1002);

		const axg = await nxCall(sb.url, creds, 'bindAXG', {
			phoneA: '85211111111',
			groupId: gid,
			expireSecond: 600,
		});
		expect(axg.body.code).toBe(0);
		const viaG = await nxCall(sb.url, creds, 'queryAXB', {
			caller: '85261000009',
			did: axg.body.data?.did,
		});
		expect(viaG.body.data?.callee).toBe('85211111111');
		expect(
			(
				await nxCall(sb.url, creds, 'bindAXG', {
					phoneA: '85211111111',
					phoneB: '85200000000',
					groupId: gid,
					expireSecond: 600,
				})
			).body.code,
		).toBe(1002);

		expect((await nxCall(sb.url, creds, 'deleteGroup', { groupId: gid })).body.code).toBe(0);
		groups =
			(await nxCall(sb.url, creds, 'listGroup', { limit: 100, offset: 0 })).body.data?.groups ?? [];
		expect(groups.some((x) => x.groupId === gid)).toBe(false);
	});

	it('REST-path modes AXE, AXEYB and XYB', async () => {
		const businessId = 'sandboxBusiness01';
		const axe = await nxCall(
			sb.url,
			creds,
			'bindAXE',
			{ businessId, phoneA: '85211111111', customerBindId: 'axe-1' },
			{ path: '/v1/pns/bind/axe' },
		);
		expect(axe.body.code).toBe(0);
		expect(axe.body.data).toEqual({
			bindId: expect.any(String),
			didX: expect.stringMatching(/^852/),
			extensionX: expect.stringMatching(/^\d{4}$/),
		});
		const again = await nxCall(
			sb.url,
			creds,
			'bindAXE',
			{ businessId, phoneA: '85211111111', customerBindId: 'axe-1' },
			{ path: '/v1/pns/bind/axe' },
		);
		expect(again.body.data).toEqual(axe.body.data);
		const axeyb = await nxCall(
			sb.url,
			creds,
			'bindAXEYB',
			{ businessId, phoneA: '85211111111', phoneB: '85222222222' },
			{ path: '/v1/pns/bind/axeyb' },
		);
		expect(axeyb.body.data).toMatchObject({
			didX: expect.any(String),
			didY: expect.any(String),
			extensionX: expect.stringMatching(/^\d{4}$/),
		});
		expect(axeyb.body.data?.didX).not.toBe(axeyb.body.data?.didY);
		const xyb = await nxCall(
			sb.url,
			creds,
			'bindXYB',
			{ businessId, phoneB: '85222222222' },
			{ path: '/v1/pns/bind/xyb' },
		);
		expect(xyb.body.data).toMatchObject({
			bindId: expect.any(String),
			didX: expect.any(String),
			didY: expect.any(String),
		});
		const mismatch = await nxCall(
			sb.url,
			creds,
			'bindAXB',
			{ businessId, phoneA: '85211111111' },
			{ path: '/v1/pns/bind/axe' },
		);
		expect(mismatch.body.code).toBe(1002);
		const noBiz = await nxCall(
			sb.url,
			creds,
			'bindAXE',
			{ phoneA: '85211111111' },
			{ path: '/v1/pns/bind/axe' },
		);
		expect(noBiz.body.code).toBe(1002);
	});
});
