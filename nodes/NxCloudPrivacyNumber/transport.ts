import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import type { ProviderFailure, RecoveryResult, RetryClass, SendOutcome } from '../shared/outcome';
import { NxCloudApi } from '../../credentials/NxCloudApi.credentials';
import {
	exchangeOptions,
	parseJsonBody,
	sendThroughHelper,
	type Provider,
} from '../shared/provider';
import type { ProviderRequest, WireParams } from '../shared/spec';

/**
 * NXCloud PNS: every call is a POST of a JSON body; the credential serialises it once, signs that text with a fresh
 * ts (so each retry is signed anew) and sends it unchanged. Answers are {code, msg, requestId, data}, code 0 = success.
 */

export const CREDENTIAL_TYPE = 'nxCloudApi';

/** Largest page of getAXBList / listGroup. */
export const PAGE_SIZE = 1000;

/** Pages of getAXBList read to find out whether a bind with an unknown outcome took effect. */
const RECOVERY_PAGES = 20;

/** rejected before doing anything: stale timestamp, sandbox/gateway throttling */
const ALWAYS = new Set([1004, 1006]);
/** the request may have been (partly) applied: number lookup/bind exceptions, data fetch failures */
const UNKNOWN_OUTCOME = new Set([10005, 10006, 10009]);

export function classifyNx(code: number | undefined, httpCode: number): RetryClass {
	if (httpCode === 429 || (code !== undefined && ALWAYS.has(code))) return 'always';
	if ((code !== undefined && UNKNOWN_OUTCOME.has(code)) || httpCode >= 500) return 'ifIdempotent';
	return 'never';
}

/** One HTTP answer → success, or a failure with its retry class. */
export function interpretNx(statusCode: number, rawBody: unknown): SendOutcome {
	const body = parseJsonBody(rawBody);
	const code =
		body && body.code !== undefined && body.code !== null && body.code !== ''
			? Number(body.code)
			: undefined;
	if (!body || code === undefined || !Number.isFinite(code)) {
		const failure: ProviderFailure = {
			code: statusCode >= 300 ? `HTTP_${statusCode}` : 'UnreadableResponse',
			message: `NXCloud answered HTTP ${statusCode} with ${body ? 'JSON without a code' : 'a body that is not JSON'}`,
			httpCode: statusCode,
			// A 2xx or 5xx without a readable answer may have been processed; other 4xx are definite refusals.
			retry:
				statusCode === 429
					? 'always'
					: statusCode >= 400 && statusCode < 500
						? 'never'
						: 'ifIdempotent',
			body: rawBody,
		};
		return { ok: false, failure };
	}
	if (code === 0 && statusCode >= 200 && statusCode < 300) return { ok: true, body };
	return {
		ok: false,
		failure: {
			code: String(code),
			message: String(body.msg ?? body.message ?? `code ${code}`),
			requestId:
				body.requestId !== undefined && body.requestId !== null
					? String(body.requestId)
					: undefined,
			httpCode: statusCode,
			retry: classifyNx(code, statusCode),
			body,
		},
	};
}

/** The credential's own MD5 signing (its `authenticate`), applied with the credential read once per execution. */
const signer = new NxCloudApi();

/**
 * Sends one signed request (action API when `path` is empty, REST-path API otherwise). With `credentials` (read once
 * per execution) the request is signed here; without them (the Group list search) n8n reads and signs.
 */
export async function nxSend(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	action: string,
	path: string,
	params: WireParams,
	timeoutMs: number,
	credentials?: ICredentialDataDecryptedObject,
): Promise<SendOutcome> {
	const response = (await sendThroughHelper(ctx, CREDENTIAL_TYPE, signer, credentials, {
		method: 'POST',
		url: path,
		headers: { action },
		body: params,
		...exchangeOptions(timeoutMs),
	})) as { statusCode: number; body: unknown };
	return interpretNx(response.statusCode, response.body);
}

export const bindListOf = (body: IDataObject): IDataObject[] => {
	const list = (body.data as IDataObject | undefined)?.bindList;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
};

export const groupsOf = (body: IDataObject): IDataObject[] => {
	const list = (body.data as IDataObject | undefined)?.groups;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
};

/**
 * After a bind whose answer was lost (and that carries no customerBindId), looks for it in getAXBList:
 * nothing matching → not created (safe to send again); the exact extension binding → created;
 * anything else → unknown.
 */
async function recoverBind(
	call: (request: ProviderRequest) => Promise<IDataObject>,
	request: ProviderRequest,
): Promise<RecoveryResult> {
	const p = request.params as Record<string, string | undefined>;
	if (request.path) {
		return {
			state: 'unknown',
			hint:
				'bindings of the REST-path API cannot be looked up; set a Customer Bind ID (the server de-duplicates on ' +
				'it) to make the bind safe to re-send',
		};
	}
	if (request.action === 'createGroup') {
		return { state: 'unknown', hint: 'check Number Group → List before running it again' };
	}
	const matches: IDataObject[] = [];
	let requestId: string | null = null;
	let complete = false;
	for (let page = 0; page < RECOVERY_PAGES; page++) {
		const body = await call({
			action: 'getAXBList',
			params: { limit: PAGE_SIZE, offset: page * PAGE_SIZE },
			kind: 'read',
		});
		requestId =
			body.requestId === undefined || body.requestId === null ? requestId : String(body.requestId);
		const list = bindListOf(body);
		for (const b of list) {
			if (request.action === 'bindAXBExtension') {
				if (b.did === p.phoneX && String(b.extension ?? '') === p.extension) matches.push(b);
			} else if (request.action === 'bindAXB') {
				if (b.phoneA === p.phoneA && b.phoneB === p.phoneB) matches.push(b);
			} else if (b.phoneA === p.phoneA && (!p.phoneX || b.did === p.phoneX)) {
				matches.push(b);
			}
		}
		if (list.length < PAGE_SIZE) {
			complete = true;
			break;
		}
	}
	if (matches.length === 0) {
		return complete
			? { state: 'notCreated' }
			: {
					state: 'unknown',
					hint: `the account holds more than ${RECOVERY_PAGES * PAGE_SIZE} bindings, too many to look through`,
				};
	}
	const ids = matches.map((b) => String(b.bindId)).join(', ');
	if (request.action === 'bindAXBExtension') {
		const [found] = matches;
		if (found.phoneA === p.phoneA && (!p.phoneB || found.phoneB === p.phoneB)) {
			return {
				state: 'created',
				body: {
					code: 0,
					msg: 'success',
					requestId,
					data: { bindId: found.bindId, did: found.did },
				},
			};
		}
		return {
			state: 'unknown',
			hint: `extension ${p.extension ?? ''} on ${p.phoneX ?? ''} is held by binding ${ids} of another number A`,
		};
	}
	return {
		state: 'unknown',
		hint: `binding(s) ${ids} of these numbers exist; check whether one of them is new before running it again`,
	};
}

export const nxProvider: Provider = {
	credentialType: CREDENTIAL_TYPE,
	secretFields: ['accessSecret'],
	phoneStyle: 'intl',
	async send(
		ctx: IExecuteFunctions,
		request: ProviderRequest,
		timeoutMs: number,
		credentials?: ICredentialDataDecryptedObject,
	): Promise<SendOutcome> {
		const path = request.path ?? '';
		return await nxSend(ctx, request.action, path, request.params, timeoutMs, credentials);
	},
	recoverCreate: recoverBind,
	alreadyDoneCodes: {
		unbindAXB: ['10013'],
	},
};
