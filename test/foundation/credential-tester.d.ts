import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
} from 'n8n-workflow';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export function testCredentials(
	credentialTypes: Record<string, ICredentialType>,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
	options?: {
		onAuthenticated?(requestOptions: IHttpRequestOptions): void;
		onError?(error: unknown): void;
	},
): Promise<CredentialTestResult>;
