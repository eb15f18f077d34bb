import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { AlibabaCloudApi } from '../../credentials/AlibabaCloudApi.credentials';
import { NxCloudApi } from '../../credentials/NxCloudApi.credentials';
import { testCredentials, type CredentialTestResult } from './credential-tester';
import { startFixedServer } from './servers';

let sb: Sandbox;
const types: Record<string, ICredentialType> = {
	alibabaCloudApi: new AlibabaCloudApi(),
	nxCloudApi: new NxCloudApi(),
};

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});

afterAll(async () => {
	await sb.stop();
});

/** Every result and thrown error of the file, checked for secrets at the end. */
const seen: Array<{ result: CredentialTestResult; errors: unknown[] }> = [];

async function run(type: string, data: ICredentialDataDecryptedObject) {
	const sent: IHttpRequestOptions[] = [];
	const errors: unknown[] = [];
	const before = sb.stats().requests.total;
	const result: CredentialTestResult = await testCredentials(types, type, data, {
		onAuthenticated: (options) => sent.push(options),
		onError: (error) => errors.push(error),
	});
	seen.push({ result, errors });
	return { result, sent, errors, reached: sb.stats().requests.total - before };
}

const ali = (extra: ICredentialDataDecryptedObject = {}) => ({
	...sb.credentials.aliyun,
	endpoint: sb.aliyunEndpoint,
	...extra,
});
const sts = (extra: ICredentialDataDecryptedObject = {}) => ({
	...sb.credentials.aliyunSts,
	endpoint: sb.aliyunEndpoint,
	...extra,
});
const nx = (extra: ICredentialDataDecryptedObject = {}) => ({
	...sb.credentials.nxcloud,
	baseUrl: 'custom',
	customBaseUrl: sb.nxBaseUrl,
	...extra,
});

describe('Alibaba Cloud API credential test (n8n CredentialsTester logic, sandbox gateway)', () => {
	it('good keys → Connection successful!, the signed test request was verified by the sandbox', async () => {
		const { result, reached } = await run('alibabaCloudApi', ali());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(reached).toBe(1);
		const [logged] = sb.lastRequests(1);
		expect(logged).toMatchObject({
			provider: 'aliyun',
			action: 'QuerySecretNoRemain',
			method: 'POST',
			verified: true,
		});
		expect(logged.response?.status).toBe(200);
	});

	it('unknown AccessKey ID → the "Unknown AccessKey ID" message', async () => {
		const { result } = await run('alibabaCloudApi', ali({ accessKeyId: 'LTAI5tNoSuchKeyDummy0' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Unknown AccessKey ID/);
		expect(sb.lastRequests(1)[0].response?.body).toMatchObject({
			Code: 'InvalidAccessKeyId.NotFound',
		});
	});

	it('wrong secret → the "Wrong AccessKey Secret" message', async () => {
		const { result } = await run('alibabaCloudApi', ali({ accessKeySecret: 'not-the-secret' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Wrong AccessKey Secret/);
		expect(sb.lastRequests(1)[0].response?.body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
	});

	it('STS keys with the right token → Connection successful!', async () => {
		const { result } = await run('alibabaCloudApi', sts());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sb.lastRequests(1)[0].params?.SecurityToken).toBe(
			sb.credentials.aliyunSts.securityToken,
		);
	});

	it('STS keys with a wrong token → the token mismatch message', async () => {
		const { result } = await run('alibabaCloudApi', sts({ securityToken: 'another-token' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'The STS Security Token does not belong to this AccessKey ID',
		});
	});

	it('STS keys without their token → an error, not "Connection successful!"', async () => {
		const { result } = await run('alibabaCloudApi', sts({ securityToken: '' }));
		expect(sb.lastRequests(1)[0].response?.body).toMatchObject({
			Code: 'InvalidSecurityToken.Malformed',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/STS Security Token/);
	});

	it('a permanent key sent with a token → the token mismatch message', async () => {
		const { result } = await run('alibabaCloudApi', ali({ securityToken: 'stray-token' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'The STS Security Token does not belong to this AccessKey ID',
		});
	});

	it('an endpoint that is not an Alibaba Cloud gateway (JSON without Code) → the Endpoint message', async () => {
		// the sandbox's NXCloud path answers {"code":1001,...} without a Code
		const { result } = await run('alibabaCloudApi', ali({ endpoint: `${sb.url}/api/pns/` }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/Endpoint did not answer like the Alibaba Cloud Dyplsapi gateway/,
		);
	});

	it('an HTML error page (e.g. a proxy 502) → the Endpoint message, not success', async () => {
		sb.configure({ faults: { rate: 1, kinds: ['html'] } });
		try {
			const { result } = await run('alibabaCloudApi', ali());
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Endpoint did not answer like/);
		} finally {
			sb.configure({ faults: null });
		}
	});

	it('a gateway error without its own rule (throttling) → the generic gateway message, not success', async () => {
		sb.configure({ faults: { rate: 1, kinds: ['throttle'] } });
		try {
			const { result } = await run('alibabaCloudApi', ali());
			expect(sb.lastRequests(1)[0].response?.body).toMatchObject({ Code: 'Throttling.User' });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Alibaba Cloud refused the test request/);
		} finally {
			sb.configure({ faults: null });
		}
	});

	it('an endpoint nobody listens on → the connection error code', async () => {
		const { result, sent } = await run('alibabaCloudApi', ali({ endpoint: 'http://127.0.0.1:1/' }));
		expect(sent).toHaveLength(1);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('NXCloud API credential test (n8n CredentialsTester logic, sandbox PNS)', () => {
	it('good keys → Connection successful!, getAXBList verified by the sandbox', async () => {
		const { result, sent, reached } = await run('nxCloudApi', nx());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(reached).toBe(1);
		expect(sent[0].url).toBe(sb.nxBaseUrl);
		const [logged] = sb.lastRequests(1);
		expect(logged).toMatchObject({
			provider: 'nxcloud',
			action: 'getAXBList',
			method: 'POST',
			verified: true,
		});
		expect(JSON.parse(logged.body ?? '')).toEqual({ limit: 1, offset: 0 });
		expect(logged.body).toBe(sent[0].body);
	});

	it('wrong secret → the 1003 message', async () => {
		const { result } = await run('nxCloudApi', nx({ accessSecret: 'not-the-secret' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'Signature rejected (1003): check the Access Secret',
		});
	});

	it('unknown access key → the 1005 message', async () => {
		const { result } = await run('nxCloudApi', nx({ accessKey: 'nxNoSuchKey' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/\(1005\)$/);
	});

	it('a base URL that is not the NXCloud API (HTTP 200, no code) → the Base URL message, not success', async () => {
		const server = await startFixedServer(200, 'text/html', '<html><body>Welcome</body></html>');
		try {
			const { result } = await run('nxCloudApi', nx({ customBaseUrl: `${server.url}/api/pns/` }));
			expect(server.hits()).toBe(1);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Base URL did not answer like the NXCloud PNS API/);
		} finally {
			await server.close();
		}
	});

	it('an HTTP error from the server → its status text', async () => {
		sb.configure({ faults: { rate: 1, kinds: ['http503'] } });
		try {
			const { result } = await run('nxCloudApi', nx());
			expect(result).toEqual({ status: 'Error', message: 'Service Unavailable' });
		} finally {
			sb.configure({ faults: null });
		}
	});
});

describe('bad input is refused before anything is sent, with the field named and no secret in the message', () => {
	it.each([
		['alibabaCloudApi', 'empty AccessKey ID', () => sts({ accessKeyId: '' }), /AccessKey ID/],
		[
			'alibabaCloudApi',
			'empty AccessKey Secret',
			() => sts({ accessKeySecret: '' }),
			/AccessKey Secret/,
		],
		['alibabaCloudApi', 'endpoint ftp://x', () => sts({ endpoint: 'ftp://x' }), /Endpoint/],
		['alibabaCloudApi', 'endpoint "not a url"', () => sts({ endpoint: 'not a url' }), /Endpoint/],
		['nxCloudApi', 'empty Access Key', () => nx({ accessKey: '' }), /Access Key/],
		['nxCloudApi', 'empty Access Secret', () => nx({ accessSecret: '' }), /Access Secret/],
		[
			'nxCloudApi',
			'custom base URL without a path',
			() => nx({ customBaseUrl: sb.url }),
			/Custom Base URL/,
		],
	])('%s: %s', async (type, _label, data, field) => {
		const credentials = data();
		const { result, sent, reached, errors } = await run(type, credentials);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(field);
		expect(result.message).toMatch(/^(Alibaba Cloud|NXCloud) API credential: "[^"]+" /);
		expect(sent).toHaveLength(0);
		expect(reached).toBe(0);
		const secrets = [
			sb.credentials.aliyunSts.accessKeySecret,
			sb.credentials.aliyunSts.securityToken,
			sb.credentials.nxcloud.accessSecret,
		];
		for (const error of errors) {
			const e = error as Error;
			const text = `${result.message}\n${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e)}`;
			for (const secret of secrets) expect(text).not.toContain(secret);
		}
	});
});

// Runs last (jest keeps file order).
describe('no secret in any credential test outcome', () => {
	it(
		'results and thrown errors (message, description, stack, cause message) ' +
			'never contain a secret or STS token',
		() => {
			expect(seen.length).toBeGreaterThan(15);
			expect(seen.some(({ errors }) => errors.length > 0)).toBe(true);
			const secrets = [
				sb.credentials.aliyun.accessKeySecret,
				sb.credentials.aliyunSts.accessKeySecret,
				sb.credentials.aliyunSts.securityToken,
				sb.credentials.nxcloud.accessSecret,
			];
			for (const { result, errors } of seen) {
				const parts = [result.message];
				for (const error of errors) {
					const e = error as Error & { description?: string; cause?: Error };
					parts.push(e.message, String(e.description ?? ''), e.stack ?? '', e.cause?.message ?? '');
				}
				const text = parts.join('\n');
				for (const secret of secrets) expect(text).not.toContain(secret);
			}
		},
	);
});
