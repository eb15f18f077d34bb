import { randomUUID } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import {
	rpcTimestamp,
	signedQueryString,
	type RpcParams,
} from '../nodes/shared/signing/aliyunRpcV1';
import { baseUrlWithSlash, httpUrl, requireField } from '../nodes/shared/signing/credentialFields';

export const ALIYUN_DYPLS_VERSION = '2017-05-25';
const DEFAULT_ENDPOINT = 'https://dyplsapi.aliyuncs.com';

/** Business parameters become wire strings; unset optionals are dropped rather than signed as `Key=`. */
function toRpcParams(source: unknown, into: RpcParams): void {
	if (!source || typeof source !== 'object') return;
	for (const [name, value] of Object.entries(source as IDataObject)) {
		if (value === undefined || value === null || value === '') continue;
		into[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
}

const CREDENTIAL = 'Alibaba Cloud API';

/** Checked endpoints by their text: every request is signed with one, so each is parsed once. */
const checkedEndpoints = new Map<string, string>();

export function aliyunEndpoint(credentials: ICredentialDataDecryptedObject): string {
	const endpoint = String(credentials.endpoint || DEFAULT_ENDPOINT).trim();
	let checked = checkedEndpoints.get(endpoint);
	if (checked === undefined) {
		checked = baseUrlWithSlash(httpUrl(CREDENTIAL, 'Endpoint', endpoint, { namesProtocol: true }));
		if (checkedEndpoints.size < 100) checkedEndpoints.set(endpoint, checked);
	}
	return checked;
}

function isFormBody(options: IHttpRequestOptions): boolean {
	const headers = (options.headers ?? {}) as IDataObject;
	const contentType = Object.entries(headers).find(
		([key]) => key.toLowerCase() === 'content-type',
	)?.[1];
	return (
		typeof contentType === 'string' &&
		contentType.includes('application/x-www-form-urlencoded') &&
		typeof options.body === 'object' &&
		options.body !== null
	);
}

export class AlibabaCloudApi implements ICredentialType {
	name = 'alibabaCloudApi';

	displayName = 'Alibaba Cloud API';

	icon = { light: 'file:../icons/aliyun.svg', dark: 'file:../icons/aliyun.dark.svg' } as const;

	documentationUrl = 'https://help.aliyun.com/zh/ram/user-guide/create-an-accesskey-pair';

	properties: INodeProperties[] = [
		{
			displayName: 'AccessKey ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			description:
				'AccessKey ID of an Alibaba Cloud account or RAM user with Dypls (Phone Number Protection) permissions',
		},
		{
			displayName: 'AccessKey Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'STS Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary (STS) credentials; leave empty for a permanent AccessKey',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: DEFAULT_ENDPOINT,
			description: 'Dyplsapi endpoint. Change it only for a proxy or the local sandbox.',
		},
	];

	/**
	 * Adds the RPC V1 common parameters and the Signature over every parameter sent (query and form body),
	 * then puts the signed query in `url` so the HTTP layer cannot re-encode what was signed.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const accessKeyId = requireField(CREDENTIAL, credentials, 'accessKeyId', 'AccessKey ID');
		const accessKeySecret = requireField(
			CREDENTIAL,
			credentials,
			'accessKeySecret',
			'AccessKey Secret',
		);
		const securityToken = String(credentials.securityToken ?? '').trim();
		const endpoint = aliyunEndpoint(credentials);
		const method = (requestOptions.method ?? 'GET').toUpperCase() === 'GET' ? 'GET' : 'POST';
		const formBody = isFormBody(requestOptions);

		const queryParams: RpcParams = {};
		toRpcParams(requestOptions.qs, queryParams);
		const bodyParams: RpcParams = {};
		if (formBody) toRpcParams(requestOptions.body, bodyParams);

		const common: RpcParams = {
			Format: 'JSON',
			Version: ALIYUN_DYPLS_VERSION,
			AccessKeyId: accessKeyId,
			SignatureMethod: 'HMAC-SHA1',
			SignatureVersion: '1.0',
			SignatureNonce: randomUUID(),
			Timestamp: rpcTimestamp(new Date()),
		};
		if (securityToken) common.SecurityToken = securityToken;
		Object.assign(queryParams, common);

		const signed = signedQueryString({ ...queryParams, ...bodyParams }, method, accessKeySecret);
		const signedOptions: IHttpRequestOptions = {
			...requestOptions,
			method,
			baseURL: undefined,
			qs: undefined,
			url: `${endpoint}?${signed}`,
		};
		if (formBody && method === 'POST') {
			// Everything, Signature included, travels in the form body; the URL stays bare.
			signedOptions.url = endpoint;
			signedOptions.body = signed;
		} else if (formBody) {
			// n8n never sends a GET body: the form parameters travel, signed, in the query instead.
			signedOptions.body = undefined;
		}
		return signedOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			qs: { Action: 'QuerySecretNoRemain', SpecId: 1, City: '全国' },
			ignoreHttpStatusErrors: true,
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'InvalidAccessKeyId.NotFound',
					message: 'Unknown AccessKey ID: Alibaba Cloud does not know this AccessKey ID',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'InvalidAccessKeyId.Inactive',
					message: 'This AccessKey ID is disabled in the RAM console',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'SignatureDoesNotMatch',
					message: 'Wrong AccessKey Secret: the signature does not match (SignatureDoesNotMatch)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'InvalidTimeStamp.Expired',
					message: "The machine's clock is off by more than 15 minutes (InvalidTimeStamp.Expired)",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'InvalidSecurityToken.Expired',
					message: 'The STS Security Token has expired',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'InvalidSecurityToken.MismatchWithAccessKey',
					message: 'The STS Security Token does not belong to this AccessKey ID',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'InvalidSecurityToken.Malformed',
					message:
						'The STS Security Token is missing or malformed: temporary (STS.) keys need their token',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: 'Forbidden.RAM',
					message:
						'The keys are valid but this RAM user lacks Dypls (Phone Number Protection) permissions',
				},
			},
			// The request ignores HTTP status errors so that the rules above can read the gateway's Code; without the
			// two catch-alls below any other gateway error, or a server that is not the gateway, would pass the test.
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'HostId',
					value: 'dyplsapi.aliyuncs.com',
					message:
						'Alibaba Cloud refused the test request (gateway error): check the AccessKey, the STS token and the ' +
						'Endpoint, then retry',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Code',
					value: undefined,
					message:
						'The Endpoint did not answer like the Alibaba Cloud Dyplsapi gateway (no "Code" in the response): check the ' +
						'Endpoint',
				},
			},
		],
	};
}
