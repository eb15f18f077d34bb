import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Field checks shared by the two credentials, run in `authenticate` before any request exists. Every error names
 * the credential and the field: `<credential> credential: "<label>" <problem>`.
 */

/** A credential field that cannot be used: a configuration problem, never retried. */
export class CredentialConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigError';
	}
}

export function credentialError(
	credential: string,
	label: string,
	problem: string,
): CredentialConfigError {
	return new CredentialConfigError(`${credential} credential: "${label}" ${problem}`);
}

/** The field's trimmed value; a missing or blank one is an error. */
export function requireField(
	credential: string,
	credentials: ICredentialDataDecryptedObject,
	name: string,
	label: string,
): string {
	const value = String(credentials[name] ?? '').trim();
	if (!value) throw credentialError(credential, label, 'is empty');
	return value;
}

export interface UrlErrorText {
	/** how the value is quoted when it is not a URL (default: as given) */
	shown?: string;
	/** whether the error for another protocol names it (`…, got ftp:`) */
	namesProtocol?: boolean;
}

/** `raw` parsed as an http(s) URL; anything else is an error. */
export function httpUrl(
	credential: string,
	label: string,
	raw: string,
	text: UrlErrorText = {},
): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw credentialError(credential, label, `is not a URL: ${text.shown ?? raw}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		const got = text.namesProtocol === true ? `, got ${url.protocol}` : '';
		throw credentialError(credential, label, `must be an http(s) URL${got}`);
	}
	return url;
}

/** The URL's path without trailing slashes (`''` for the bare origin). */
export function trimmedPath(url: URL): string {
	return url.pathname.replace(/\/+$/, '');
}

/** Origin and path, always with exactly one trailing slash (query and fragment dropped). */
export function baseUrlWithSlash(url: URL): string {
	return `${url.origin}${trimmedPath(url)}/`;
}
