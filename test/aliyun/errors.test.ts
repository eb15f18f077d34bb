/**
 * Provider errors: business errors (HTTP 200, Code ≠ OK) and gateway errors (HTTP 4xx) become NodeApiErrors that show
 * Code, Message and RequestId, never n8n's generic "Bad request - please check your parameters". With continueOnFail
 * the
 * error item carries code and requestId and is paired to its input item. No secret appears anywhere in the run.
 */
import type { IDataObject } from 'n8n-workflow';
import type { LoggedRequest, Sandbox } from '../../sandbox';
import { AXB_POOL, AXN_POOL, runNode, startSandbox, type NodeRun } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.stop());

/** test values built at run time (not secrets, but they fill secret-like credential fields) */
const made = (...parts: string[]) => parts.join('-');

const GENERIC = /Bad request - please check your parameters/i;
const EXPIRATION = '2030-01-01 10:00:00';

interface ErrorLike {
	name?: string;
	message?: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

const bodyOf = (req: LoggedRequest) => (req.response?.body ?? {}) as IDataObject;

/** JSON of the whole run, errors included (their own enumerable fields plus message/description/stack). */
function wholeRun(run: NodeRun): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(run.run, (_key, value: unknown) => {
		if (value instanceof Error) {
			return {
				...value,
				name: value.name,
				message: value.message,
				stack: value.stack,
				description: (value as ErrorLike).description,
			};
		}
		if (value && typeof value === 'object') {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
		}
		return value;
	});
}

function expectNoSecrets(run: NodeRun, ...secrets: string[]) {
	const text = wholeRun(run);
	for (const secret of [sb.credentials.aliyun.accessKeySecret, ...secrets])
		expect(text).not.toContain(secret);
}

/** The workflow error is a NodeApiError naming the provider's Code, Message and RequestId. */
function expectApiError(run: NodeRun, code: string, message: RegExp | string) {
	const error = run.error as ErrorLike | undefined;
	expect(error).toBeDefined();
	expect(error?.name).toBe('NodeApiError');
	const [req] = run.requests.slice(-1);
	const requestId = String(bodyOf(req).RequestId);
	const shown = `${error?.message ?? ''}\n${error?.description ?? ''}`;
	expect(error?.message).toContain(code);
	expect(shown).toMatch(
		typeof message === 'string'
			? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
			: message,
	);
	expect(shown).toContain(`Code: ${code}`);
	expect(shown).toContain(`RequestId: ${requestId}`);
	expect(shown).not.toMatch(GENERIC);
	return { error: error as ErrorLike, requestId };
}

describe('business errors (HTTP 200, Code ≠ OK)', () => {
	test(
		'unbinding an unknown SubsId → NodeApiError isv.SUBS_NOT_EXIST with ' +
			'Message and RequestId; not retried',
		async () => {
			const run = await runNode(sb, {
				resource: 'binding',
				operation: 'unbind',
				poolKey: AXB_POOL,
				subsId: '999999',
				secretNo: '17001000000',
			});
			expect(run.requests).toHaveLength(1);
			expect(run.requests[0].response?.status).toBe(200);
			expect(bodyOf(run.requests[0]).Code).toBe('isv.SUBS_NOT_EXIST');
			const { error } = expectApiError(run, 'isv.SUBS_NOT_EXIST', 'subscription not exists');
			expect(error.message).toBe('isv.SUBS_NOT_EXIST: subscription not exists');
			expect(run.items).toEqual([]);
			expectNoSecrets(run);
		},
	);

	test('an occupied X on Bind AXN → isv.NO_AVAILABLE_NUMBER', async () => {
		const first = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxn',
			poolKey: AXN_POOL,
			phoneNoA: '13811110001',
			expiration: EXPIRATION,
			additionalFields: { phoneNoX: '17002000000' },
		});
		expect(first.error).toBeUndefined();
		const run = await runNode(sb, {
			resource: 'binding',
			operation: 'bindAxn',
			poolKey: AXN_POOL,
			phoneNoA: '13811110002',
			expiration: EXPIRATION,
			additionalFields: { phoneNoX: '17002000000' },
		});
		expect(run.requests).toHaveLength(1);
		expectApiError(run, 'isv.NO_AVAILABLE_NUMBER', 'has no free capacity');
		expectNoSecrets(run);
	});

	test(
		'with continueOnFail the failing item becomes {error, code, requestId} ' +
			'paired to itself; the others succeed',
		async () => {
			const bindings: IDataObject[] = [];
			for (const a of ['13811110011', '13811110012']) {
				const r = await runNode(sb, {
					resource: 'binding',
					operation: 'bindAxn',
					poolKey: AXN_POOL,
					phoneNoA: a,
					expiration: EXPIRATION,
				});
				bindings.push(r.items[0].json);
			}
			const run = await runNode(
				sb,
				{
					resource: 'binding',
					operation: 'unbind',
					poolKey: AXN_POOL,
					subsId: '={{ $json.id }}',
					secretNo: '={{ $json.x }}',
				},
				[
					{ id: bindings[0].subsId, x: bindings[0].secretNo },
					{ id: '123456789', x: '17002000001' },
					{ id: bindings[1].subsId, x: bindings[1].secretNo },
				],
				{ continueOnFail: true },
			);
			expect(run.error).toBeUndefined();
			expect(run.requests).toHaveLength(3);
			const failed = run.requests.find(
				(req) => req.params?.SubsId === '123456789',
			) as LoggedRequest;
			expect(run.items.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(run.items[0].json).toMatchObject({ unbound: true, subsId: bindings[0].subsId });
			expect(run.items[2].json).toMatchObject({ unbound: true, subsId: bindings[1].subsId });
			expect(run.items[1].json).toEqual({
				error: 'isv.SUBS_NOT_EXIST: subscription not exists',
				description: `Code: isv.SUBS_NOT_EXIST · RequestId: ${String(bodyOf(failed).RequestId)} · HTTP 200`,
				code: 'isv.SUBS_NOT_EXIST',
				requestId: bodyOf(failed).RequestId,
				httpCode: 200,
			});
			expectNoSecrets(run);
		},
	);
});

describe('gateway errors (HTTP 4xx)', () => {
	test(
		'a wrong AccessKey Secret → NodeApiError SignatureDoesNotMatch (HTTP ' +
			'400), sent once, secret nowhere',
		async () => {
			const wrongValue = made('wrong', 'value', '0123456789');
			const run = await runNode(
				sb,
				{ resource: 'number', operation: 'get', poolKey: AXB_POOL, secretNo: '17001000000' },
				[{}],
				{
					credentials: { accessKeySecret: wrongValue },
				},
			);
			expect(run.requests).toHaveLength(1);
			expect(run.requests[0].verified).toBe(false);
			expect(run.requests[0].response?.status).toBe(400);
			const { error } = expectApiError(
				run,
				'SignatureDoesNotMatch',
				'Specified signature is not matched with our calculation',
			);
			expect(error.httpCode).toBe('400');
			// the search below does look at the error: its code is in the serialised run
			expect(wholeRun(run)).toContain('SignatureDoesNotMatch');
			expectNoSecrets(run, wrongValue);
		},
	);

	test('an unknown AccessKey ID → NodeApiError InvalidAccessKeyId.NotFound (HTTP 404)', async () => {
		const run = await runNode(
			sb,
			{ resource: 'number', operation: 'get', poolKey: AXB_POOL, secretNo: '17001000000' },
			[{}],
			{
				credentials: { accessKeyId: made('LTAI5t', 'Unknown', '9999') },
			},
		);
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].response?.status).toBe(404);
		const { error } = expectApiError(
			run,
			'InvalidAccessKeyId.NotFound',
			'Specified access key is not found.',
		);
		expect(error.httpCode).toBe('404');
		expectNoSecrets(run);
	});

	test('with continueOnFail every item gets its own gateway error item with code, requestId and pairing', async () => {
		const wrongValue = made('another', 'wrong', '987654');
		const run = await runNode(
			sb,
			{ resource: 'number', operation: 'get', poolKey: AXB_POOL, secretNo: '={{ $json.x }}' },
			[{ x: '17001000001' }, { x: '17001000002' }],
			{ continueOnFail: true, credentials: { accessKeySecret: wrongValue } },
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
		const idBySecretNo = new Map(
			run.requests.map((req) => [req.params?.SecretNo, bodyOf(req).RequestId]),
		);
		expect(run.items).toHaveLength(2);
		run.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				code: 'SignatureDoesNotMatch',
				httpCode: 400,
				requestId: idBySecretNo.get(index === 0 ? '17001000001' : '17001000002'),
			});
			expect(String(item.json.error)).toMatch(/^SignatureDoesNotMatch: /);
			expect(String(item.json.error)).not.toMatch(GENERIC);
		});
		expectNoSecrets(run, wrongValue);
	});
});

test('a successful run with the real credentials leaks no secret either', async () => {
	const run = await runNode(sb, {
		resource: 'number',
		operation: 'get',
		poolKey: AXB_POOL,
		secretNo: '17001000000',
	});
	expect(run.error).toBeUndefined();
	expectNoSecrets(run);
});
