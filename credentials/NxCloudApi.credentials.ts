import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import {
	baseUrlWithSlash,
	credentialError,
	httpUrl,
	requireField,
	trimmedPath,
} from '../nodes/shared/signing/credentialFields';
import { signNx } from '../nodes/shared/signing/nxcloudMd5';

export const NX_BIZ_TYPE_PNS = '5';

const BASE_URLS = {
	number: 'https://number.nxcloud.com/api/pns/',
	api: 'https://api.nxcloud.com/v1/api/pns/',
};

const CREDENTIAL = 'NXCloud API';

/** The action API's base URL, always with its path and a trailing slash. */
export function nxBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const choice = String(credentials.baseUrl ?? 'number');
	const raw =
		choice === 'custom'
			? String(credentials.customBaseUrl ?? '').trim()
			: (BASE_URLS[choice as keyof typeof BASE_URLS] ?? BASE_URLS.number);
	const label = choice === 'custom' ? 'Custom Base URL' : 'Base URL';
	const url = httpUrl(CREDENTIAL, label, raw, { shown: raw || '(empty)' });
	if (trimmedPath(url) === '') {
		throw credentialError(
			CREDENTIAL,
			label,
			`needs the API path, e.g. ${url.origin}/api/pns/ (got ${raw})`,
		);
	}
	return baseUrlWithSlash(url);
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	const found = Object.entries(headers ?? {}).find(
		([key]) => key.toLowerCase() === name.toLowerCase(),
	);
	return found === undefined ? undefined : String(found[1]);
}

export class NxCloudApi implements ICredentialType {
	name = 'nxCloudApi';

	displayName = 'NXCloud API';

	documentationUrl = 'https://github.com/nxtele/http-api-document/wiki';

	icon = { light: 'file:../icons/nxcloud.svg', dark: 'file:../icons/nxcloud.dark.svg' } as const;

	properties: ICredentialType['properties'] = [
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			required: true,
			default: '',
			description: 'The accessKey from the NXCloud console (Account → API keys)',
		},
		{
			displayName: 'Access Secret',
			name: 'accessSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'options',
			options: [
				{ name: 'number.nxcloud.com (Default)', value: 'number' },
				{ name: 'api.nxcloud.com/v1', value: 'api' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'number',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:18080/api/pns/',
			description:
				'Base URL of the action API including its path, for a proxy or the local sandbox',
			displayOptions: { show: { baseUrl: ['custom'] } },
		},
	];

	/**
	 * Serialises the body once, signs that exact string and sends it unchanged (json: false).
	 * The node names the action in the `action` header; a `url` starting with "/" is a REST-path
	 * endpoint on the same host (e.g. /v1/pns/bind/axe), anything else is relative to the base URL.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const accessKey = requireField(CREDENTIAL, credentials, 'accessKey', 'Access Key');
		const accessSecret = requireField(CREDENTIAL, credentials, 'accessSecret', 'Access Secret');
		const base = nxBaseUrl(credentials);
		const headers = (requestOptions.headers ?? {}) as IDataObject;
		const action = headerValue(headers, 'action');
		if (!action) throw new Error('NXCloud request is missing its "action" header');

		const { body } = requestOptions;
		const bodyText =
			body === undefined || body === null || body === ''
				? ''
				: typeof body === 'string'
					? body
					: JSON.stringify(body);
		const ts = String(Date.now());
		const sign = signNx(
			{ accessKey, action, bizType: NX_BIZ_TYPE_PNS, ts },
			bodyText,
			accessSecret,
		);

		const path = requestOptions.url ?? '';
		const url = path.startsWith('/') ? `${new URL(base).origin}${path}` : `${base}${path}`;
		const otherHeaders = Object.fromEntries(
			Object.entries(headers).filter(
				([key]) =>
					!['action', 'accesskey', 'biztype', 'ts', 'sign', 'content-type'].includes(
						key.toLowerCase(),
					),
			),
		);
		return {
			...requestOptions,
			method: 'POST',
			baseURL: undefined,
			url,
			body: bodyText,
			json: false,
			headers: {
				...otherHeaders,
				'Content-Type': 'application/json',
				accessKey,
				action,
				bizType: NX_BIZ_TYPE_PNS,
				ts,
				sign,
			},
		};
	}

	test: NonNullable<ICredentialType['test']> = {
		request: {
			method: 'POST',
			url: '',
			headers: { action: 'getAXBList' },
			body: { limit: 1, offset: 0 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1003,
					message: 'Signature rejected (1003): check the Access Secret',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1005,
					message:
						'Unknown Access Key or privacy numbers (PNS) not enabled for this account (1005)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1004,
					message: "Timestamp rejected (1004): the machine's clock is off by more than 60 seconds",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1001,
					message: 'A required header is missing (1001)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The Base URL did not answer like the NXCloud PNS API (no "code" in the response): check the Base URL',
				},
			},
		],
	};
}
