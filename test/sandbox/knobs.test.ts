import { Agent } from 'undici';
import { startSandbox, type Sandbox, type SandboxStats } from '../../sandbox';
import {
	aliCall,
	chinaTime,
	nxCall,
	rawRequest,
	type AliBody,
	type AliCreds,
	type HttpResult,
} from './client';
import { sleep, startReceiver } from './helpers';

let sb: Sandbox;
let creds: AliCreds;
const AXB = 'FC100000000000001';
const detail = { PoolKey: AXB, SecretNo: '17001000000' };
const inOneHour = (): string => chinaTime(Date.now() + 3600 * 1000);

async function inBatches<T>(n: number, batch: number, fn: (i: number) => Promise<T>): Promise<T[]> {
	const out: T[] = [];
	for (let i = 0; i < n; i += batch) {
		const chunk = await Promise.all(
			Array.from({ length: Math.min(batch, n - i) }, (_, j) => fn(i + j)),
		);
		out.push(...chunk);
	}
	return out;
}

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
	creds = sb.credentials.aliyun;
});

beforeEach(() => {
	sb.reset();
	sb.resetStats();
	sb.configure({ faults: null, qps: true, latencyMs: 0, jitterMs: 0 });
});

afterAll(async () => {
	await sb.stop();
});

describe('fault injection', () => {
	it('fault rate 0.2 over 1000 requests gives 20% +- 4%', async () => {
		sb.configure({ faults: { rate: 0.2, kinds: ['throttle'] }, qps: false });
		const results = await inBatches(1000, 50, () =>
			aliCall(sb.url, creds, 'QuerySecretNoDetail', detail),
		);
		const throttled = results.filter(
			(r) => r.status === 400 && r.body.Code === 'Throttling.User',
		).length;
		const ok = results.filter((r) => r.status === 200 && r.body.Code === 'OK').length;
		expect(throttled + ok).toBe(1000);
		expect(throttled).toBeGreaterThanOrEqual(160);
		expect(throttled).toBeLessThanOrEqual(240);
		const s = sb.stats();
		expect(s.faultsInjected.throttle).toBe(throttled);
		expect(s.requests.total).toBe(1000);
		expect(s.requests.byAction.QuerySecretNoDetail).toBe(1000);
	});

	it('each fault kind has its documented shape, and the server keeps serving', async () => {
		const once = async (kind: string): Promise<HttpResult<AliBody> | { failed: string }> => {
			sb.configure({ faults: { rate: 1, kinds: [kind as 'throttle'] } });
			const agent = new Agent({ headersTimeout: 400, bodyTimeout: 400 });
			try {
				return await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail, { dispatcher: agent });
			} catch (e) {
				return {
					failed: String((e as { code?: string }).code ?? (e as { message?: string }).message),
				};
			} finally {
				await agent.destroy();
			}
		};
		const asResult = (r: HttpResult<AliBody> | { failed: string }): HttpResult<AliBody> => {
			if ('failed' in r) throw new Error(`request failed: ${r.failed}`);
			return r;
		};
		const t = asResult(await once('throttle'));
		expect([t.status, t.body.Code]).toEqual([400, 'Throttling.User']);
		const e500 = asResult(await once('http500'));
		expect([e500.status, e500.body.Code]).toEqual([500, 'InternalError']);
		const e503 = asResult(await once('http503'));
		expect([e503.status, e503.body.Code]).toEqual([503, 'ServiceUnavailable']);
		const html = asResult(await once('html'));
		expect(html.status).toBe(502);
		expect(html.contentType).toContain('text/html');
		expect(html.text).toContain('<html>');
		const cut = asResult(await once('truncated'));
		expect(cut.status).toBe(200);
		expect(() => JSON.parse(cut.text)).toThrow();
		expect(await once('reset')).toEqual({ failed: expect.any(String) });
		expect(await once('hang')).toEqual({ failed: 'UND_ERR_HEADERS_TIMEOUT' });
		expect(sb.stats().faultsInjected).toEqual({
			throttle: 1,
			http500: 1,
			http503: 1,
			html: 1,
			truncated: 1,
			reset: 1,
			hang: 1,
		});

		sb.configure({ faults: { rate: 1, kinds: ['throttle'] } });
		const nx = await nxCall(sb.url, sb.credentials.nxcloud, 'getAXBList', { limit: 1, offset: 0 });
		expect([nx.status, nx.body.code, nx.body.msg]).toEqual([429, 1006, 'rate limited']);
		// faults never touch /__sandbox
		const stats = await rawRequest<SandboxStats>(`${sb.url}/__sandbox/stats`, { method: 'GET' });
		expect(stats.status).toBe(200);
		sb.configure({ faults: null });
		expect((await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail)).body.Code).toBe('OK');
	});

	it('post-processing faults sometimes apply the bind before failing (so blind retries create duplicates)', async () => {
		sb.configure({ faults: { rate: 1, kinds: ['http500'] } });
		const results = await inBatches(60, 20, (i) =>
			aliCall(sb.url, creds, 'BindAxb', {
				PoolKey: AXB,
				PhoneNoA: `1380000${String(i).padStart(4, '0')}`,
				PhoneNoB: `1390000${String(i).padStart(4, '0')}`,
				Expiration: inOneHour(),
				OutOrderId: `o-${i}`,
			}),
		);
		expect(results.every((r) => r.status === 500)).toBe(true);
		const created = sb.state.aliyun.bindings.size;
		expect(created).toBeGreaterThan(10);
		expect(created).toBeLessThan(50);
		const s = sb.stats();
		expect(s.faultsApplied.http500).toBe(created);
		expect(s.binds.total).toBe(created);
		// a blind retry of an applied bind shows up as a duplicate OutOrderId
		sb.configure({ faults: null });
		const applied = [...sb.state.aliyun.bindings.values()][0] as {
			outOrderId: string;
			phoneA: string;
			phoneB: string;
		};
		const retry = await aliCall(sb.url, creds, 'BindAxb', {
			PoolKey: AXB,
			PhoneNoA: applied.phoneA,
			PhoneNoB: '13700000000',
			Expiration: inOneHour(),
			OutOrderId: applied.outOrderId,
		});
		expect(retry.body.Code).toBe('OK');
		expect(sb.stats().binds.duplicates.outOrderId).toEqual([applied.outOrderId]);
	});

	it('stop() closes hung sockets promptly', async () => {
		const other = await startSandbox({ quiet: true, faults: { rate: 1, kinds: ['hang'] } });
		const pending = aliCall(
			other.url,
			other.credentials.aliyun,
			'QuerySecretNoDetail',
			detail,
		).then(
			() => 'answered',
			() => 'failed',
		);
		await sleep(100);
		const t0 = Date.now();
		await other.stop();
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(await pending).toBe('failed');
	});
});

describe('QPS caps, latency and stats', () => {
	it('caps an action per account and answers Throttling.User (Aliyun) / 429 1006 (NXCloud)', async () => {
		sb.configure({ qps: { QuerySecretNoDetail: 5, getAXBList: 2 } });
		const results = await Promise.all(
			Array.from({ length: 20 }, () => aliCall(sb.url, creds, 'QuerySecretNoDetail', detail)),
		);
		const ok = results.filter((r) => r.body.Code === 'OK').length;
		const throttled = results.filter((r) => r.status === 400 && r.body.Code === 'Throttling.User');
		expect(ok).toBeGreaterThanOrEqual(5);
		expect(ok).toBeLessThanOrEqual(10);
		expect(throttled.length).toBe(20 - ok);
		expect(throttled[0].body.HostId).toBe('dyplsapi.aliyuncs.com');
		expect(sb.stats().throttled).toBe(20 - ok);
		// other actions are not affected
		expect(
			(await aliCall(sb.url, creds, 'QuerySecretNoRemain', { SpecId: '1', City: '杭州' })).body
				.Code,
		).toBe('OK');
		const nx = await Promise.all(
			Array.from({ length: 6 }, () =>
				nxCall(sb.url, sb.credentials.nxcloud, 'getAXBList', { limit: 1, offset: 0 }),
			),
		);
		expect(
			nx.filter((r) => r.status === 429 && r.body.code === 1006).length,
		).toBeGreaterThanOrEqual(3);
		sb.configure({ qps: false });
		const free = await Promise.all(
			Array.from({ length: 20 }, () => aliCall(sb.url, creds, 'QuerySecretNoDetail', detail)),
		);
		expect(free.every((r) => r.body.Code === 'OK')).toBe(true);
	});

	it('adds latency and reports the busiest 1-second window', async () => {
		sb.configure({ latencyMs: 150, jitterMs: 10 });
		const t0 = Date.now();
		await aliCall(sb.url, creds, 'QuerySecretNoDetail', detail);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(135);
		sb.configure({ latencyMs: 0, jitterMs: 0 });
		sb.resetStats();
		await Promise.all(
			Array.from({ length: 30 }, () => aliCall(sb.url, creds, 'QuerySecretNoDetail', detail)),
		);
		await aliCall(
			sb.url,
			{ accessKeyId: creds.accessKeyId, accessKeySecret: 'bad' },
			'QuerySecretNoRemain',
			{ SpecId: '1', City: '杭州' },
		);
		const s = sb.stats();
		expect(s.requests).toEqual({
			total: 31,
			byAction: { QuerySecretNoDetail: 30, QuerySecretNoRemain: 1 },
		});
		expect(s.maxPerSecond.overall).toBe(31);
		expect(s.maxPerSecond.byAction.QuerySecretNoDetail).toBe(30);
		expect(s.signatureFailures).toBe(1);
		const viaHttp = await rawRequest<SandboxStats>(`${sb.url}/__sandbox/stats`, { method: 'GET' });
		expect(viaHttp.body).toEqual(s);
		expect(Object.keys(viaHttp.body).sort()).toEqual([
			'binds',
			'faultsApplied',
			'faultsInjected',
			'maxPerSecond',
			'requests',
			'signatureFailures',
			'throttled',
		]);
		await rawRequest(`${sb.url}/__sandbox/reset-stats`, { method: 'POST' });
		expect(sb.stats().requests.total).toBe(0);
	});

	it('admin endpoints: config, reset, requests log, errors', async () => {
		const cfg = await rawRequest<{ latencyMs: number; faults: { rate: number; kinds: string[] } }>(
			`${sb.url}/__sandbox/config`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ latencyMs: 1, faults: { rate: 0.5, kinds: ['http503'] } }),
			},
		);
		expect(cfg.body).toMatchObject({ latencyMs: 1, faults: { rate: 0.5, kinds: ['http503'] } });
		const bad = await rawRequest<{ error: string }>(`${sb.url}/__sandbox/config`, {
			method: 'POST',
			body: '{nope',
		});
		expect(bad.status).toBe(400);
		const badKind = await rawRequest<{ error: string }>(`${sb.url}/__sandbox/config`, {
			method: 'POST',
			body: JSON.stringify({ faults: { rate: 1, kinds: ['meteor'] } }),
		});
		expect(badKind.status).toBe(400);
		sb.configure({ faults: null, latencyMs: 0 });
		await aliCall(sb.url, creds, 'BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			Expiration: inOneHour(),
		});
		expect(sb.state.aliyun.bindings.size).toBe(1);
		const log = await rawRequest<Array<{ action: string; verified: boolean }>>(
			`${sb.url}/__sandbox/requests?n=1`,
			{ method: 'GET' },
		);
		expect(log.body).toMatchObject([{ action: 'BindAxb', verified: true }]);
		await rawRequest(`${sb.url}/__sandbox/reset`, { method: 'POST' });
		expect(sb.state.aliyun.bindings.size).toBe(0);
		expect((await rawRequest(`${sb.url}/__sandbox/nothing`, { method: 'GET' })).status).toBe(404);
	});
});

interface AliRecord {
	sub_id: number;
	call_id: string;
	call_time: string | number;
	pool_key: string;
	secret_no: string;
	phone_no: string;
	peer_no: string;
	release_time?: string;
	start_time?: string;
	record_url?: string;
	unconnected_cause?: number;
	control_msg?: string;
}

describe('POST /__sandbox/calls pushes receipts', () => {
	it('Alibaba: start / ring / pick-up / report / recording records as JSON arrays', async () => {
		const rx = await startReceiver();
		try {
			const types = [
				'SecretReport',
				'SecretStartReport',
				'SecretRingReport',
				'SecretPickUpReport',
				'SecretRecording',
			];
			const cb = Object.fromEntries(types.map((t) => [t, `${rx.url}/${t}`]));
			await rawRequest(`${sb.url}/__sandbox/config`, {
				method: 'POST',
				body: JSON.stringify({ callbacks: { aliyun: cb } }),
			});
			const bind = await aliCall(sb.url, creds, 'BindAxb', {
				PoolKey: AXB,
				PhoneNoA: '13800000000',
				PhoneNoB: '13900000000',
				Expiration: inOneHour(),
				IsRecordingEnabled: 'true',
				OutId: 'out-7',
			});
			const subsId = bind.body.SecretBindDTO?.SubsId ?? '';
			const res = await rawRequest<{
				callId: string;
				pushed: Array<{ url: string; status: number }>;
			}>(`${sb.url}/__sandbox/calls`, {
				method: 'POST',
				body: JSON.stringify({ provider: 'aliyun', subsId, caller: '13900000000' }),
			});
			expect(res.status).toBe(200);
			expect(res.body.pushed).toHaveLength(5);
			expect(res.body.pushed.every((p) => p.status === 200)).toBe(true);
			expect(rx.received.map((r) => r.path).sort()).toEqual(types.map((t) => `/${t}`).sort());
			const byPath = (p: string): AliRecord[] =>
				rx.received.find((r) => r.path === p)?.json as AliRecord[];
			const report = byPath('/SecretReport');
			expect(Array.isArray(report)).toBe(true);
			expect(report[0]).toMatchObject({
				sub_id: Number(subsId),
				call_id: res.body.callId,
				pool_key: AXB,
				phone_no: '13800000000',
				peer_no: '13900000000',
				out_id: 'out-7',
				call_type: 1,
				unconnected_cause: 0,
			});
			expect(typeof report[0].sub_id).toBe('number');
			expect(report[0].call_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(report[0].record_url).toContain('.mp3');
			expect(typeof byPath('/SecretRecording')[0].call_time).toBe('number');
			const rec = await rawRequest<unknown>(report[0].record_url ?? '', { method: 'GET' });
			expect(rec.status).toBe(200);

			rx.received.length = 0;
			const missed = await sb.simulateCall({ provider: 'aliyun', subsId, answered: false });
			expect(missed.pushed.map((p) => p.type).sort()).toEqual([
				'SecretReport',
				'SecretRingReport',
				'SecretStartReport',
			]);
			const r2 = (rx.received.find((r) => r.path === '/SecretReport')?.json as AliRecord[])[0];
			expect(r2.start_time).toBe(r2.release_time);

			rx.received.length = 0;
			await sb.simulateCall({
				provider: 'aliyun',
				noBinding: true,
				secretNo: '17001000005',
				caller: '13300000000',
			});
			const r3 = (rx.received[0].json as AliRecord[])[0];
			expect(r3).toMatchObject({
				unconnected_cause: 2,
				control_msg: 'NO_SUBS_EXIST',
				secret_no: '17001000005',
			});
		} finally {
			await rx.close();
		}
	});

	it('NXCloud: flat and leg-list call results and the no-binding error push', async () => {
		const rx = await startReceiver();
		try {
			sb.configure({ callbacks: { nxcloud: `${rx.url}/nx`, nxcloudFormat: 'flat' } });
			const nx = sb.credentials.nxcloud;
			const bind = await nxCall(sb.url, nx, 'bindAXB', {
				phoneA: '85211111111',
				phoneB: '85222222222',
				expireSecond: 600,
				flag: 1,
				customerBindId: 'cb-1',
			});
			const bindId = bind.body.data?.bindId ?? '';
			const flat = await sb.simulateCall({ provider: 'nxcloud', bindId });
			expect(flat.pushed[0].status).toBe(200);
			expect(rx.received[0].json).toMatchObject({
				bindId,
				customerBindId: 'cb-1',
				callId: flat.callId,
				did: bind.body.data?.did,
				caller: '85211111111',
				callee: '85222222222',
				callStatus: 1,
				recordFile: expect.stringContaining('.mp3'),
			});

			sb.configure({ callbacks: { nxcloudFormat: 'legs' } });
			await sb.simulateCall({ provider: 'nxcloud', bindId, answered: false });
			const legs = rx.received[1].json as {
				callStatus: string;
				legList: Array<{ callType: number; callAnswerAt: number }>;
			};
			expect(legs.callStatus).toBe('2');
			expect(legs.legList.map((l) => l.callType)).toEqual([1, 2]);
			expect(legs.legList[1].callAnswerAt).toBe(0);

			await sb.simulateCall({
				provider: 'nxcloud',
				noBinding: true,
				did: '85230000003',
				caller: '85299999999',
			});
			expect(rx.received[2].json).toMatchObject({
				code: 10013,
				msg: 'binding not exist',
				data: { action: 'queryAXB', requestParams: { caller: '85299999999', did: '85230000003' } },
			});

			const badReq = await rawRequest<{ error: string }>(`${sb.url}/__sandbox/calls`, {
				method: 'POST',
				body: JSON.stringify({ provider: 'nxcloud', bindId: 'missing' }),
			});
			expect(badReq.status).toBe(404);
		} finally {
			await rx.close();
		}
	});
});
