/**
 * Errors and retries in real workflows: code ≠ 0 → NodeApiError with code/msg/requestId; continueOnFail error items
 * with exact
 * pairedItem; 1004 (stale timestamp) and throttling re-sent with a fresh ts and signature; unknown outcomes of binds
 * handled
 * without duplicates; Unbind's 10013-as-success option.
 *
 * Faults are injected by wrapping the sandbox's own NXCloud request handler (sandbox/nxcloud.js `prepare`) for one
 * request.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import {
	headerOf,
	jsonOf,
	pairedOf,
	recomputedSign,
	runNode,
	withFreshSandbox,
	X_UK,
} from './helpers';

interface Prepared {
	error: { status: number; body: unknown } | null;
	execute?: () => { status: number; body: unknown };
	[key: string]: unknown;
}
type Prepare = (
	req: unknown,
	raw: Buffer,
	env: { now(): number; [key: string]: unknown },
	path: string,
) => Prepared;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nxSandbox = require('../../sandbox/nxcloud') as {
	prepare: Prepare;
	envelope(code: number, msg: string, data?: unknown): IDataObject;
};
const originalPrepare = nxSandbox.prepare;

/** The next `times` NXCloud requests go through `wrap` instead of the plain handler. */
function injectOnce(wrap: (...args: Parameters<Prepare>) => Prepared, times = 1) {
	const spy = jest.spyOn(nxSandbox, 'prepare');
	for (let i = 0; i < times; i++) spy.mockImplementationOnce(wrap);
	return spy;
}

/** the sandbox's clock runs 2 minutes ahead for one request: its own check answers 1004 "timestamp expired" */
const staleTimestamp: Parameters<typeof injectOnce>[0] = (req, raw, env, path) =>
	originalPrepare(req, raw, { ...env, now: () => env.now() + 120_000 }, path);

/** the answer the sandbox gives when its QPS cap is hit: HTTP 429, code 1006 */
const throttled: Parameters<typeof injectOnce>[0] = (...args) => ({
	...originalPrepare(...args),
	error: { status: 429, body: nxSandbox.envelope(1006, 'rate limited') },
});

/** the request is carried out, but the answer is lost in an HTTP 500 */
const appliedThen500: Parameters<typeof injectOnce>[0] = (...args) => {
	const prepared = originalPrepare(...args);
	const execute = prepared.execute;
	return {
		...prepared,
		execute: () => {
			execute?.();
			return { status: 500, body: nxSandbox.envelope(500, 'internal server error') };
		},
	};
};

/** refused with an HTML gateway page before doing anything */
const html502: Parameters<typeof injectOnce>[0] = (...args) => ({
	...originalPrepare(...args),
	execute: () => ({ status: 502, body: '<html><body>502 Bad Gateway</body></html>' }),
});

let sb: Sandbox;
withFreshSandbox((started) => (sb = started));
afterEach(() => jest.restoreAllMocks());

const bindAxb = (a: string, b: string, extra: IDataObject = {}) => ({
	resource: 'binding',
	operation: 'bindAxb',
	phoneA: a,
	phoneB: b,
	expiry: 'seconds',
	expireSeconds: 3600,
	...extra,
});
const responses = (
	requests: Array<{ response: { status: number | null; body: unknown } | null }>,
) =>
	requests.map((req) => ({
		status: req.response?.status,
		code: (req.response?.body as IDataObject | null)?.code,
	}));

describe('API errors', () => {
	test(
		'code ≠ 0 becomes a NodeApiError with code, msg and requestId, sent once ' +
			'(no retry for a definite answer)',
		async () => {
			const r = await runNode(sb, {
				resource: 'binding',
				operation: 'unbind',
				unbindBy: 'bindId',
				bindId: 'f6e24ebdaf64ef91adb0b60e3b582db0',
			});
			expect(r.requests).toHaveLength(1);
			const requestId = (r.requests[0].response?.body as IDataObject).requestId as string;
			expect(r.error?.name).toBe('NodeApiError');
			expect(r.error?.message).toBe('10013: binding not exist');
			expect(r.error?.description).toBe(`Code: 10013 · RequestId: ${requestId} · HTTP 200`);
		},
	);

	test('a wrong secret (1003) fails at once, naming the code', async () => {
		const r = await runNode(sb, bindAxb('85261234500', '85291234500'), [{}], {
			credentials: { accessSecret: 'wrong' },
		});
		expect(r.requests).toHaveLength(1);
		expect(r.requests[0].verified).toBe(false);
		expect(r.error?.message).toBe('1003: invalid signature');
	});

	test('continueOnFail: error items carry code and requestId, every item paired to its input in order', async () => {
		const bound = await runNode(sb, bindAxb('85261234501', '85291234501'));
		const bindId = bound.items[0].json.bindId as string;
		const r = await runNode(
			sb,
			{ resource: 'binding', operation: 'unbind', unbindBy: 'bindId', bindId: '={{$json.id}}' },
			[{ id: bindId }, { id: '' }, { id: 'f6e24ebdaf64ef91adb0b60e3b582db0' }],
			{ continueOnFail: true },
		);
		expect(r.error).toBeUndefined();
		expect(r.requests.map((req) => req.body)).toEqual([
			`{"bindId":"${bindId}"}`,
			'{"bindId":"f6e24ebdaf64ef91adb0b60e3b582db0"}',
		]);
		const requestId = (r.requests[1].response?.body as IDataObject).requestId as string;
		expect(jsonOf(r.items)).toEqual([
			{ unbound: true, bindId, requestId: expect.any(String) },
			{
				error: 'Invalid Bind ID (bindId): is required [item 1]',
				description: 'Field "Bind ID" (sent as bindId) of item 1. Nothing was sent for this item.',
			},
			{
				error: '10013: binding not exist',
				description: `Code: 10013 · RequestId: ${requestId} · HTTP 200`,
				code: '10013',
				requestId,
				httpCode: 200,
			},
		]);
		expect(pairedOf(r.items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe("Unbind: treat 'binding not exist' (10013) as success", () => {
	test('with the option, a missing binding gives an item instead of an error', async () => {
		const r = await runNode(
			sb,
			{
				resource: 'binding',
				operation: 'unbind',
				unbindBy: 'customerBindId',
				customerBindId: 'gone-1',
				options: { notExistAsSuccess: true },
			},
			[{}],
		);
		expect(r.error).toBeUndefined();
		expect(r.requests.map((req) => req.body)).toEqual(['{"customerBindId":"gone-1"}']);
		expect(jsonOf(r.items)).toEqual([
			{
				unbound: true,
				customerBindId: 'gone-1',
				alreadyGone: true,
				code: 10013,
				requestId: (r.requests[0].response?.body as IDataObject).requestId,
			},
		]);
	});

	test('without it, the same call fails', async () => {
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'unbind',
			unbindBy: 'customerBindId',
			customerBindId: 'gone-1',
		});
		expect(r.error?.message).toBe('10013: binding not exist');
	});

	test('an unbind whose answer was lost and whose re-send finds nothing counts as done', async () => {
		const bound = await runNode(sb, bindAxb('85261234502', '85291234502'));
		const bindId = bound.items[0].json.bindId as string;
		injectOnce(appliedThen500);
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'unbind',
			unbindBy: 'bindId',
			bindId,
			options: { retries: 2 },
		});
		expect(r.error).toBeUndefined();
		expect(responses(r.requests)).toEqual([
			{ status: 500, code: 500 },
			{ status: 200, code: 10013 },
		]);
		expect(jsonOf(r.items)).toEqual([
			{ unbound: true, bindId, alreadyGone: true, requestId: expect.any(String) },
		]);
	});
});

describe('retries', () => {
	test('1004 (stale timestamp) is re-sent once with a fresh ts and signature, same body, even for a bind', async () => {
		injectOnce(staleTimestamp);
		const r = await runNode(sb, bindAxb('85261234503', '85291234503'));
		expect(r.error).toBeUndefined();
		expect(responses(r.requests)).toEqual([
			{ status: 200, code: 1004 },
			{ status: 200, code: 0 },
		]);
		const [first, second] = r.requests;
		expect(second.body).toBe(first.body);
		// the sandbox rejects the stale ts before checking the signature; recompute it to show both were signed correctly
		expect(headerOf(first, 'sign')).toBe(
			recomputedSign(first, sb.credentials.nxcloud.accessSecret),
		);
		expect(second.verified).toBe(true);
		expect(headerOf(second, 'ts')).not.toBe(headerOf(first, 'ts'));
		expect(headerOf(second, 'sign')).not.toBe(headerOf(first, 'sign'));
		expect(sb.stats().binds.total).toBe(1);
		expect(r.items[0].json.bindId).toEqual(expect.any(String));
	});

	test('1004 with Retries = 0 surfaces the error', async () => {
		injectOnce(staleTimestamp);
		const r = await runNode(sb, bindAxb('85261234504', '85291234504', { options: { retries: 0 } }));
		expect(r.requests).toHaveLength(1);
		expect(r.error?.message).toBe('1004: timestamp expired');
	});

	test('throttling (HTTP 429, code 1006) is re-sent', async () => {
		injectOnce(throttled, 2);
		const r = await runNode(sb, bindAxb('85261234505', '85291234505'));
		expect(r.error).toBeUndefined();
		expect(responses(r.requests)).toEqual([
			{ status: 429, code: 1006 },
			{ status: 429, code: 1006 },
			{ status: 200, code: 0 },
		]);
		expect(sb.stats().binds.total).toBe(1);
	});

	test("the rate cap keeps a run under the sandbox's QPS limit", async () => {
		sb.configure({ qps: { getAXBList: 2 } });
		try {
			const started = Date.now();
			const r = await runNode(
				sb,
				{
					resource: 'binding',
					operation: 'list',
					returnAll: false,
					limit: 1,
					options: { maxRequestsPerSecond: 1 },
				},
				[{}, {}, {}, {}],
			);
			expect(r.error).toBeUndefined();
			expect(r.requests).toHaveLength(4);
			expect(sb.stats().throttled).toBe(0);
			expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
		} finally {
			sb.configure({ qps: { getAXBList: null } });
		}
	});

	test('an unreadable answer (HTML 502) to a read is re-sent', async () => {
		injectOnce(html502);
		const r = await runNode(sb, { resource: 'group', operation: 'list', returnAll: true });
		expect(r.error).toBeUndefined();
		expect(responses(r.requests).map((x) => x.status)).toEqual([502, 200]);
		expect(r.items).toHaveLength(1);
	});
});

describe('binds whose outcome is unknown (HTTP 500)', () => {
	test('with a Customer Bind ID: re-sent, and the server de-duplicates', async () => {
		injectOnce(appliedThen500);
		const r = await runNode(
			sb,
			bindAxb('85261234506', '85291234506', { additionalFields: { customerBindId: 'order-6' } }),
		);
		expect(r.error).toBeUndefined();
		expect(r.requests.map((req) => req.action)).toEqual(['bindAXB', 'bindAXB']);
		expect(r.requests[1].body).toBe(r.requests[0].body);
		expect(sb.stats().binds).toMatchObject({ total: 1, idempotentReplays: { 'order-6': 1 } });
		expect(r.items[0].json).toMatchObject({
			bindId: expect.any(String),
			customerBindId: 'order-6',
		});
	});

	test('without one: not re-sent when the binding may exist; the item fails with "may have been created"', async () => {
		injectOnce(appliedThen500);
		const r = await runNode(sb, bindAxb('85261234507', '85291234507'), [{}], {
			continueOnFail: true,
		});
		expect(r.requests.map((req) => req.action)).toEqual(['bindAXB', 'getAXBList']);
		expect(sb.stats().binds.total).toBe(1);
		const [item] = jsonOf(r.items);
		expect(item.error).toContain('may have been created anyway and was not re-sent');
		expect(item.error).toContain('of these numbers exist');
		expect(item.code).toBe('500');
		expect(pairedOf(r.items)).toEqual([{ item: 0 }]);
	});

	test('without one: looked up, and re-sent when nothing was created', async () => {
		injectOnce((...args) => ({
			...originalPrepare(...args),
			execute: () => ({ status: 500, body: nxSandbox.envelope(500, 'internal server error') }),
		}));
		const r = await runNode(sb, bindAxb('85261234508', '85291234508'));
		expect(r.error).toBeUndefined();
		expect(r.requests.map((req) => req.action)).toEqual(['bindAXB', 'getAXBList', 'bindAXB']);
		expect(sb.stats().binds.total).toBe(1);
	});

	test('extension bind without one: found by X + extension and returned as recovered', async () => {
		injectOnce(appliedThen500);
		const r = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxbExtension',
			phoneA: '447700900200',
			phoneX: X_UK,
			extension: '300',
			expiry: 'never',
		});
		expect(r.error).toBeUndefined();
		expect(r.requests.map((req) => req.action)).toEqual(['bindAXBExtension', 'getAXBList']);
		expect(sb.stats().binds.total).toBe(1);
		const [created] = [...sb.state.nxcloud.bindings.values()] as IDataObject[];
		expect(jsonOf(r.items)).toEqual([
			{
				bindId: created.bindId,
				did: X_UK,
				extension: '300',
				requestId: expect.any(String),
				recovered: true,
			},
		]);
	});

	test('REST bind without one: never re-sent', async () => {
		injectOnce(appliedThen500);
		const r = await runNode(sb, {
			resource: 'bindingRest',
			operation: 'bindAxe',
			businessId: 'sandboxBusiness01',
			phoneA: '85263000020',
			expiry: 'seconds',
			expireSeconds: 600,
		});
		expect(r.requests.map((req) => req.action)).toEqual(['bindAXE']);
		expect(r.error?.message).toContain('may have been created anyway');
		expect(r.error?.message).toContain('Customer Bind ID');
	});
});
