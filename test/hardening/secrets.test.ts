/**
 * No secret in any encoding: Alibaba's SignatureDoesNotMatch quotes the server's string-to-sign, in which every
 * parameter (the STS SecurityToken among them) is percent-encoded, and the whole query encoded once more. The token,
 * the AccessKey Secret and the NXCloud Access Secret must not appear — raw, percent-encoded once or twice, with `+`
 * for spaces or JSON-escaped — in the items, the errors (message, description, context, cause, stack) or n8n's log.
 */
import { LoggerProxy, type IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { createRedactor, MASK, secretForms } from '../../nodes/shared/redact';
import { AXB_POOL } from '../aliyun/helpers';
import { startFixedServer } from '../foundation/servers';
import { runNodeAgainst, startSandbox, type NodeRun } from '../helpers/sandbox';

let sb: Sandbox;
const logLines: string[] = [];

beforeAll(async () => {
	sb = await startSandbox();
	const record =
		(level: string) =>
		(message: string, meta?: unknown): void => {
			logLines.push(`${level} ${message} ${safeJson(meta)}`);
		};
	LoggerProxy.init({
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	} as never);
});
afterAll(async () => await sb.stop());
beforeEach(() => {
	logLines.length = 0;
});

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, entry: unknown) => {
			if (entry instanceof Error) {
				const fields = entry as unknown as IDataObject;
				return {
					...fields,
					message: entry.message,
					stack: entry.stack,
					description: fields.description,
					cause: fields.cause,
				};
			}
			if (entry && typeof entry === 'object') {
				if (seen.has(entry)) return '[circular]';
				seen.add(entry);
			}
			return entry;
		}) ?? ''
	);
}

/** Spellings computed here, independently of the redactor's own list. */
function spellings(secret: string): string[] {
	const once = encodeURIComponent(secret);
	const rfc = once.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	const plus = once.replace(/%20/g, '+');
	const list = [
		secret,
		once,
		rfc,
		plus,
		encodeURIComponent(once),
		encodeURIComponent(rfc),
		encodeURIComponent(plus),
	];
	return [
		...new Set([
			...list,
			...list.map((s) => JSON.stringify(s).slice(1, -1)),
			...list.map((s) => s.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())),
		]),
	];
}

function expectNowhere(text: string, secrets: string[]) {
	for (const secret of secrets) {
		for (const form of spellings(secret)) {
			expect({ form, found: text.includes(form) }).toEqual({ form, found: false });
		}
	}
}

/** A token as Alibaba's STS issues them (base64: + / =), with a space and a quote to exercise every encoding. */
const TOKEN = ['CAIS+sandbox/Sts', 'Token==x y"z!(0)*'].join('');
const STS_KEY = ['STS', 'NHardeningTest01'].join('.');
const RIGHT_SECRET = ['hardening', 'Sts', 'Secret+/01'].join('');
const WRONG_SECRET = ['wrong', 'Sts', 'Secret "02"'].join('');

function registerStsKey() {
	const accessKeys = (sb.state as { aliyun: { accessKeys: Map<string, IDataObject> } }).aliyun
		.accessKeys;
	accessKeys.set(STS_KEY, {
		accessKeyId: STS_KEY,
		secret: RIGHT_SECRET,
		securityToken: TOKEN,
		owner: 'default',
	});
}

async function runAliyunWithWrongSecret(continueOnFail: boolean): Promise<NodeRun> {
	registerStsKey();
	const credentials = {
		alibabaCloudApi: {
			accessKeyId: STS_KEY,
			accessKeySecret: WRONG_SECRET,
			securityToken: TOKEN,
			endpoint: sb.aliyunEndpoint,
		},
	};
	return await runNodeAgainst(
		sb,
		'aliyunPhoneNumberProtection',
		credentials,
		{
			resource: 'binding',
			operation: 'get',
			poolKey: AXB_POOL,
			subsId: '1000000000000001',
			phoneNoX: '17001000000',
		},
		[{}, {}],
		{ continueOnFail },
	);
}

describe('Alibaba: STS credentials with a wrong secret (SignatureDoesNotMatch echoes the string-to-sign)', () => {
	test('the gateway really echoes the token, encoded twice', async () => {
		const run = await runAliyunWithWrongSecret(true);
		const answer = JSON.stringify(run.requests[0].response?.body ?? {});
		expect(answer).toContain('SignatureDoesNotMatch');
		expect(answer).toContain(
			encodeURIComponent(
				encodeURIComponent(TOKEN).replace(
					/[!'()*]/g,
					(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
				),
			),
		);
	});

	test('continue on fail: the error items show the code but no form of the token or the secret', async () => {
		const run = await runAliyunWithWrongSecret(true);
		expect(run.items).toHaveLength(2);
		for (const item of run.items) {
			expect(item.json.code).toBe('SignatureDoesNotMatch');
			expect(String(item.json.error)).toContain(MASK);
		}
		expectNowhere(safeJson(run.run) + logLines.join('\n'), [TOKEN, WRONG_SECRET]);
	});

	test('stop on fail: the node error, its context and cause, and the log carry no form of them', async () => {
		const run = await runAliyunWithWrongSecret(false);
		expect(run.error?.message).toContain('SignatureDoesNotMatch');
		expectNowhere(safeJson(run.error) + safeJson(run.run) + logLines.join('\n'), [
			TOKEN,
			WRONG_SECRET,
		]);
	});
});

describe('NXCloud: a gateway that quotes the access secret', () => {
	let echo: Awaited<ReturnType<typeof startFixedServer>>;
	let url: string;
	const SECRET = ['nx', 'Echo Secret/+', '"01"'].join('');

	beforeAll(async () => {
		const quoted =
			`sign mismatch: accessSecret=${encodeURIComponent(SECRET)} raw ${SECRET} twice ` +
			`${encodeURIComponent(encodeURIComponent(SECRET))}`;
		echo = await startFixedServer(
			200,
			'application/json',
			JSON.stringify({ code: 1002, msg: quoted, requestId: 'req-echo-1' }),
		);
		url = `${echo.url}/api/pns/`;
	});
	afterAll(async () => await echo.close());

	test.each([true, false])(
		'continueOnFail %s: the secret is masked everywhere',
		async (continueOnFail) => {
			const run = await runNodeAgainst(
				sb,
				'nxCloudPrivacyNumber',
				{
					nxCloudApi: {
						accessKey: 'nxEchoKey',
						accessSecret: SECRET,
						baseUrl: 'custom',
						customBaseUrl: url,
					},
				},
				{ resource: 'binding', operation: 'unbind', unbindBy: 'bindId', bindId: '123' },
				[{}],
				{ continueOnFail },
			);
			const shown = continueOnFail ? String(run.items[0]?.json.error) : String(run.error?.message);
			expect(shown).toContain('1002');
			expect(shown).toContain(MASK);
			expectNowhere(safeJson(run.error) + safeJson(run.run) + logLines.join('\n'), [SECRET]);
		},
	);
});

describe('the redactor', () => {
	const secret = 'a b+c/d="e"';
	const redactor = createRedactor([secret, undefined, '', 'xy']);

	test('every spelling of a secret is masked in text', () => {
		for (const form of spellings(secret))
			expect(redactor.text(`before ${form} after`)).toBe(`before ${MASK} after`);
		expect(secretForms(secret)).toContain(encodeURIComponent(encodeURIComponent(secret)));
		const lowerTwice = encodeURIComponent(encodeURIComponent(secret)).toLowerCase();
		expect(redactor.text(`[${lowerTwice}]`)).toBe(`[${MASK}]`);
	});

	test('values are copied only when they mention a secret; outputs keep signed URLs', () => {
		const clean = {
			url: 'https://oss.example.com/r.mp3?Expires=1&Signature=abc',
			list: [1, 'two'],
		};
		expect(redactor.value(clean)).toBe(clean);
		const dirty = { nested: { list: [`token ${encodeURIComponent(secret)}`] } };
		expect(redactor.value(dirty)).toEqual({ nested: { list: [`token ${MASK}`] } });
		expect(dirty.nested.list[0]).toContain('%20');
	});

	test('errors are masked in message, stack, description, context and cause; signed queries in URLs are dropped', () => {
		const cause = new Error(`inner ${secret}`);
		const error = Object.assign(
			new Error(`outer https://h.example/?Signature=s&SecurityToken=${secret}`),
			{
				description: `desc ${JSON.stringify(secret)}`,
				context: { data: [`ctx ${encodeURIComponent(secret)}`] },
				cause,
			},
		);
		redactor.error(error);
		expect(safeJson(error)).not.toContain(secret);
		expect(error.message).toBe('outer https://h.example/?…');
		expect(error.description).toBe(`desc "${MASK}"`);
		expect(error.context.data[0]).toBe(`ctx ${MASK}`);
		expect(cause.message).toBe(`inner ${MASK}`);
		expect(String(cause.stack)).not.toContain(secret);
	});

	test('secrets shorter than three characters are not masked (they would blank out ordinary text)', () => {
		expect(redactor.text('xy xylophone')).toBe('xy xylophone');
	});
});
