/**
 * Units behind the workflow tests: retry classification of NXCloud answers, country codes, the generated properties,
 * and the Group picker's list search (run against the sandbox through the credential's real signing).
 */
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { request } from 'undici';
import { NxCloudApi } from '../../credentials/NxCloudApi.credentials';
import { countryCodeOf } from '../../nodes/NxCloudPrivacyNumber/countryCodes';
import { searchGroups } from '../../nodes/NxCloudPrivacyNumber/listSearch';
import { NxCloudPrivacyNumber } from '../../nodes/NxCloudPrivacyNumber/NxCloudPrivacyNumber.node';
import { classifyNx, interpretNx } from '../../nodes/NxCloudPrivacyNumber/transport';
import type { Sandbox } from '../../sandbox';
import { nxCredentials, SEEDED_GROUP, startSandbox } from './helpers';

describe('retry classification', () => {
	test.each([
		[1004, 200, 'always'],
		[1006, 429, 'always'],
		[undefined, 429, 'always'],
		[10005, 200, 'ifIdempotent'],
		[10006, 200, 'ifIdempotent'],
		[10009, 200, 'ifIdempotent'],
		[500, 500, 'ifIdempotent'],
		[undefined, 503, 'ifIdempotent'],
		[1001, 200, 'never'],
		[1002, 200, 'never'],
		[1003, 200, 'never'],
		[1005, 200, 'never'],
		[10004, 200, 'never'],
		[10010, 200, 'never'],
		[10013, 200, 'never'],
	])('code %p, HTTP %p → %s', (code, http, expected) => {
		expect(classifyNx(code, http)).toBe(expected);
	});

	test('answers given as text (json: false) are parsed', () => {
		expect(
			interpretNx(200, '{"code":0,"msg":"success","requestId":"1","data":{"bindId":"b"}}'),
		).toEqual({
			ok: true,
			body: { code: 0, msg: 'success', requestId: '1', data: { bindId: 'b' } },
		});
		expect(
			interpretNx(200, Buffer.from('{"code":10013,"msg":"binding not exist","requestId":"9"}')),
		).toEqual({
			ok: false,
			failure: {
				code: '10013',
				message: 'binding not exist',
				requestId: '9',
				httpCode: 200,
				retry: 'never',
				body: { code: 10013, msg: 'binding not exist', requestId: '9' },
			},
		});
	});

	test('unreadable answers: 2xx/5xx unknown outcome, 429 always, other 4xx never', () => {
		const failure = (status: number, body: unknown) => {
			const outcome = interpretNx(status, body);
			return outcome.ok ? undefined : { code: outcome.failure.code, retry: outcome.failure.retry };
		};
		expect(failure(200, '{"code":0,"ms')).toEqual({
			code: 'UnreadableResponse',
			retry: 'ifIdempotent',
		});
		expect(failure(502, '<html>')).toEqual({ code: 'HTTP_502', retry: 'ifIdempotent' });
		expect(failure(429, '')).toEqual({ code: 'HTTP_429', retry: 'always' });
		expect(failure(404, 'not found')).toEqual({ code: 'HTTP_404', retry: 'never' });
		expect(failure(200, '{"ok":true}')).toEqual({
			code: 'UnreadableResponse',
			retry: 'ifIdempotent',
		});
		// code 0 with an HTTP error status is not a success
		expect(failure(500, '{"code":0,"msg":"?"}')).toEqual({ code: '0', retry: 'ifIdempotent' });
	});
});

describe('country codes (longest prefix)', () => {
	test.each([
		['85211111114', '852'],
		['85361234567', '853'],
		['447400123456', '44'],
		['12025550123', '1'],
		['79161234567', '7'],
		['8613800000000', '86'],
		['886912345678', '886'],
		['66812345678', '66'],
		['971501234567', '971'],
		['2348012345678', '234'],
		['5511912345678', '55'],
		['84912345678', '84'],
		['8801712345678', '880'],
		['0612345678', undefined],
		['28012345678', undefined],
		['85x', undefined],
	])('%s → %p', (number, code) => {
		expect(countryCodeOf(number)).toBe(code);
	});
});

describe('node description', () => {
	const { description } = new NxCloudPrivacyNumber();
	const props = description.properties;
	const find = (name: string, operation: string) =>
		props.find(
			(p) =>
				p.name === name &&
				(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
		);

	test('identity: name, icons, usable as a tool, credential', () => {
		expect(description).toMatchObject({
			name: 'nxCloudPrivacyNumber',
			displayName: 'NXCloud Privacy Number',
			icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
			usableAsTool: true,
			credentials: [{ name: 'nxCloudApi', required: true }],
		});
	});

	test('resources and operations (saved values)', () => {
		const ops = (resource: string) =>
			(
				props.find(
					(p) =>
						p.name === 'operation' &&
						(p.displayOptions?.show?.resource as string[]).includes(resource),
				)?.options as Array<{ value: string }>
			)
				.map((o) => o.value)
				.sort();
		expect(
			(props.find((p) => p.name === 'resource')?.options as Array<{ value: string }>)
				.map((o) => o.value)
				.sort(),
		).toEqual(['binding', 'bindingRest', 'call', 'group']);
		expect(ops('binding')).toEqual([
			'bindAxb',
			'bindAxbExtension',
			'bindAxg',
			'find',
			'list',
			'lookUpRoute',
			'unbind',
		]);
		expect(ops('bindingRest')).toEqual(['bindAxe', 'bindAxeyb', 'bindXyb']);
		expect(ops('group')).toEqual([
			'addNumbers',
			'create',
			'delete',
			'list',
			'removeNumbers',
			'replaceNumbers',
		]);
	});

	test('Group fields are resource locators: a searchable list backed by listGroup, and an ID mode', () => {
		for (const operation of [
			'bindAxg',
			'addNumbers',
			'removeNumbers',
			'replaceNumbers',
			'delete',
		]) {
			const group = find('groupId', operation) as INodeProperties;
			expect(group.type).toBe('resourceLocator');
			expect(group.default).toEqual({ mode: 'list', value: '' });
			expect(group.modes?.map((m) => [m.name, m.type, m.typeOptions?.searchListMethod])).toEqual([
				['list', 'list', 'searchGroups'],
				['id', 'string', undefined],
			]);
		}
		expect(Object.keys(new NxCloudPrivacyNumber().methods.listSearch)).toEqual(['searchGroups']);
	});

	test('Expiry offers Never only where the API allows 0', () => {
		const values = (operation: string) =>
			(find('expiry', operation)?.options as Array<{ value: string }>).map((o) => o.value);
		expect(values('bindAxb')).toEqual(['seconds', 'until', 'never']);
		expect(values('bindAxbExtension')).toEqual(['seconds', 'until', 'never']);
		expect(values('bindAxe')).toEqual(['seconds', 'until']);
		expect(find('expireUntil', 'bindAxb')?.type).toBe('dateTime');
	});

	test('Unbind offers the 10013-as-success option; the rate cap says it is not a documented limit', () => {
		const options = find('options', 'unbind')?.options as INodeProperties[];
		expect(options.map((o) => o.name)).toContain('notExistAsSuccess');
		expect(options.find((o) => o.name === 'maxRequestsPerSecond')?.description).toContain(
			'NXCloud documents no rate limit',
		);
	});
});

describe('Group picker list search against the sandbox', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.stop());

	/** A load-options context whose HTTP helper signs with the real credential and sends with undici. */
	function loadOptionsContext(sent: string[]): ILoadOptionsFunctions {
		const credential = new NxCloudApi();
		const data = nxCredentials(sb).nxCloudApi;
		const httpRequestWithAuthentication = async (_type: string, options: IHttpRequestOptions) => {
			const signed = await credential.authenticate(data, options);
			sent.push(String(signed.body));
			const response = await request(signed.url, {
				method: 'POST',
				headers: signed.headers as Record<string, string>,
				body: signed.body as string,
			});
			return { statusCode: response.statusCode, body: await response.body.text() };
		};
		return {
			getNode: () => ({ name: 'Node' }),
			helpers: { httpRequestWithAuthentication },
		} as unknown as ILoadOptionsFunctions;
	}

	test('lists the groups by name and ID, filters, and pages with a token', async () => {
		const { groups } = sb.state.nxcloud;
		const owner = groups.get(SEEDED_GROUP)?.owner as string;
		groups.set('g0000000007', {
			groupId: 'g0000000007',
			owner,
			groupName: 'Drivers',
			phones: ['85261000001'],
			remark: '',
		});
		const sent: string[] = [];
		const context = loadOptionsContext(sent);
		const all = await searchGroups.call(context);
		expect(all).toEqual({
			results: [
				{ name: `sandbox-group (${SEEDED_GROUP})`, value: SEEDED_GROUP },
				{ name: 'Drivers (g0000000007)', value: 'g0000000007' },
			],
			paginationToken: undefined,
		});
		expect((await searchGroups.call(context, 'driv')).results).toEqual([
			{ name: 'Drivers (g0000000007)', value: 'g0000000007' },
		]);
		await searchGroups.call(context, undefined, '1000');
		expect(sent).toEqual([
			'{"limit":1000,"offset":0}',
			'{"limit":1000,"offset":0}',
			'{"limit":1000,"offset":1000}',
		]);
		expect(sb.lastRequests(3).every((req) => req.verified && req.action === 'listGroup')).toBe(
			true,
		);
	});

	test('an API error becomes a NodeApiError naming the code', async () => {
		const context = loadOptionsContext([]);
		const data = nxCredentials(sb).nxCloudApi as ICredentialDataDecryptedObject;
		data.accessSecret = 'wrong';
		const credential = new NxCloudApi();
		const failing = {
			...context,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const signed = await credential.authenticate({ ...data }, options);
					const response = await request(signed.url, {
						method: 'POST',
						headers: signed.headers as Record<string, string>,
						body: signed.body as string,
					});
					return { statusCode: response.statusCode, body: await response.body.text() };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		await expect(searchGroups.call(failing)).rejects.toThrow('1003: invalid signature');
	});
});
