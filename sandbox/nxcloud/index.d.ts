/* Types for the sandbox's own NXCloud signer (tests check it against the official vectors). */
export function nxSign(
	h: { accessKey: string; action: string; bizType: string; ts: string },
	rawBody: string,
	secret: string,
): string;
export function isNxPath(pathname: string): boolean;
export const ACTION_API: string[];
export const REST_MODES: Record<string, string>;
