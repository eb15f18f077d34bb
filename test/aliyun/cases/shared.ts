/* What the workflow cases of every Dyplsapi family share: the one request of a run, its only item, fresh numbers. */
import type { IDataObject } from 'n8n-workflow';
import type { LoggedRequest, Sandbox } from '../../../sandbox';
import { COMMON_PARAMS, type NodeRun } from '../helpers';

/** resource:operation → a workflow run against the sandbox with its assertions */
export type Cases = Record<string, () => Promise<void>>;
/** A family's cases, given the suite's sandbox (started in beforeAll, hence a getter). */
export type CaseFactory = (sandbox: () => Sandbox) => Cases;

export const bodyOf = (req: LoggedRequest) => (req.response?.body ?? {}) as IDataObject;

/** Whether an answer is a success in its family's envelope (classic Code OK, Success, or pickup's Data.Success). */
function answeredSuccess(body: IDataObject): boolean {
	if (typeof body.Success === 'boolean') return body.Success;
	if (typeof body.Code === 'string') return body.Code === 'OK';
	return (body.Data as IDataObject | undefined)?.Success === true;
}

/** One successful request of `action`: returns the request and its answer. */
export function single(run: NodeRun, action: string): { req: LoggedRequest; body: IDataObject } {
	expect(run.error).toBeUndefined();
	expect(run.requests).toHaveLength(1);
	const [req] = run.requests;
	expect(req.action).toBe(action);
	expect(req.verified).toBe(true);
	// a short request goes as POST with everything in the signed query string, like the official SDK
	expect(req.method).toBe('POST');
	expect(req.path.startsWith('/?')).toBe(true);
	// the common signing parameters are all there, and nothing else besides the business ones
	for (const name of COMMON_PARAMS) expect(req.params?.[name]).toBeDefined();
	expect(req.response?.status).toBe(200);
	expect(answeredSuccess(bodyOf(req))).toBe(true);
	return { req, body: bodyOf(req) };
}

export function onlyItem(run: NodeRun): IDataObject {
	expect(run.items).toHaveLength(1);
	expect(run.items[0].pairedItem).toEqual({ item: 0 });
	return run.items[0].json;
}

let phoneSeq = 100;
/** fresh mainland mobile numbers so bindings never collide across cases */
export const nextPhone = (prefix = '138') => `${prefix}${String(phoneSeq++).padStart(8, '0')}`;

/** A bad-input row (test/aliyun/bad-input.test.ts): refused before sending, naming the field and the item. */
export interface BadRow {
	name: string;
	/** node parameters; the value under test comes from the item ($json) */
	params: IDataObject;
	/** two valid items (first and last) */
	good: [IDataObject, IDataObject];
	bad: IDataObject;
	/** the field as the user sees it, and as the API names it */
	display: string;
	wire: string;
	/** part of the reason */
	reason?: RegExp;
}
