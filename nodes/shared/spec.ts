import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * An operation is data: its fields with their wire names, how it is sent and how its answer becomes items.
 * The shared executor (executor.ts) does validation, concurrency, rate limiting, retries, errors and pairedItem.
 */

export type FieldKind =
	/** free text */
	| 'string'
	/** digits only after removing spaces/dashes; `phoneStyle` decides about a leading + */
	| 'phone'
	/** comma-separated phone numbers */
	| 'phoneList'
	/** a string of digits with a fixed or bounded length (extensions, group ids) */
	| 'digits'
	| 'number'
	| 'boolean'
	| 'options'
	/** a point in time: date picker, ISO string, Luxon DateTime or "in 2 hours"; sent in China time */
	| 'chinaDateTime'
	/** an object with known keys, shown as named sub-fields and sent as one JSON string */
	| 'jsonObject'
	/** a JSON array/object given as JSON text or an expression, sent as one JSON string */
	| 'jsonText'
	/** a point in time (date picker, ISO string, Luxon DateTime, epoch, "in 2 hours") converted to epoch milliseconds */
	| 'pointInTime'
	/** an ID picked from a list (`searchListMethod`) or typed/given by expression; sent as a string */
	| 'resourceLocator';

export interface ConvertContext {
	timeZone: string;
	now: number;
	/** how phone numbers are written: Chinese domestic (Alibaba) or international digits (NXCloud) */
	phoneStyle: 'cn' | 'intl';
	/** non-fatal fixes worth telling the user about (e.g. a stripped "+") */
	notices: string[];
}

export interface SubFieldSpec {
	name: string;
	displayName: string;
	kind: 'string' | 'number' | 'options';
	description?: string;
	options?: INodePropertyOptions[];
	min?: number;
	max?: number;
	/** strings: the most characters, the documented shape, and what to say when it does not match ("must be …") */
	maxLength?: number;
	pattern?: RegExp;
	patternHint?: string;
}

export interface FieldSpec {
	/** n8n parameter name */
	name: string;
	/**
	 * API parameter name. Without one the field is a control: read by the operation (expiry mode, Return All), never
	 * sent.
	 */
	wire?: string;
	displayName: string;
	kind: FieldKind;
	required?: boolean;
	description?: string;
	default?: string | number | boolean;
	placeholder?: string;
	options?: INodePropertyOptions[];
	/** options: values beyond the list that are accepted from an expression (e.g. an ASR model of one's own) */
	otherValues?: { pattern: RegExp; hint: string };
	/** numbers: inclusive bounds; digits: length bounds */
	min?: number;
	max?: number;
	/** string: the most characters the API accepts */
	maxLength?: number;
	/** string: the documented shape of the value, and what to say when it does not match ("must be …") */
	pattern?: RegExp;
	patternHint?: string;
	/** a control from which `validate` computes this wire parameter (expiry mode → expireSecond): it takes its place */
	computes?: string;
	/** phone (Chinese style): an X number, which may be 95/400-style or a virtual operator's: any 5–20 digits */
	anyNumber?: boolean;
	/** phoneList: most numbers accepted in one call */
	maxCount?: number;
	/** jsonObject: the keys the API knows */
	keys?: SubFieldSpec[];
	/** chinaDateTime: must be later than now + 1 minute */
	future?: boolean;
	/**
	 * chinaDateTime: time zone of a date-time written without an offset (default: the workflow's), e.g. Asia/Shanghai
	 * for receipt times
	 */
	naiveZone?: string;
	/** extra display conditions on other top-level parameters, e.g. { operateType: ['updateNoA'] } */
	show?: Record<string, Array<string | number | boolean>>;
	/** NXCloud JSON bodies are typed: how to send the value (default: string for text kinds) */
	sendAs?: 'string' | 'number' | 'boolean';
	/** resourceLocator: name of the node's `methods.listSearch` function behind the "From List" mode */
	searchListMethod?: string;
	/** personal data (an ID number, a name): a refusal never quotes the value */
	sensitive?: boolean;
}

/** What a converted, validated request looks like before signing. */
export type WireParams = IDataObject;

export type OperationKind =
	/** creates something billable (a binding): never re-sent when the outcome is unknown */
	| 'create'
	/** reads: always safe to retry */
	| 'read'
	/** changes that give the same result when repeated (update, unbind, delete) */
	| 'idempotent';

export interface CallContext {
	/** Sends one request through the executor's limiter and retry policy; resolves with the parsed body. */
	call(request: ProviderRequest): Promise<IDataObject>;
	itemIndex: number;
	/** the node's execute functions: the item's binary data and n8n's plain (unsigned) request helper */
	execution?: IExecuteFunctions;
}

/** The item being prepared, for checks beyond its parameters (e.g. that its binary fields exist). */
export interface ItemAccess {
	execution: IExecuteFunctions;
	itemIndex: number;
}

export interface ProviderRequest {
	/** Alibaba: the Action; NXCloud: the action header */
	action: string;
	/** NXCloud REST-path endpoints (e.g. /v1/pns/bind/axe); empty for the action API */
	path?: string;
	params: WireParams;
	kind: OperationKind;
	/** Bind calls that the server de-duplicates (NXCloud customerBindId) may be re-sent safely */
	idempotent?: boolean;
	/** failure codes that mean "nothing found" for a look-up: the call resolves with `{ notFound: <code> }` */
	notFoundCodes?: string[];
}

/** An output item with files: the executor adds them to the input item's own binary data (which it keeps). */
export class ItemWithFiles {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation's `run` gives for one input item. */
export type RunOutput = IDataObject | ItemWithFiles | Array<IDataObject | ItemWithFiles>;

/** Values of an item's control fields (no wire name) and of the operation's own options: read, never sent. */
export type Controls = IDataObject;

/**
 * One operation, in three parts:
 * - wire fields (`fields` with a `wire` name, plus `fixed`): converted, validated and sent;
 * - controls (`fields` without a wire name, and `optionFields`): read by `validate` / `run`, never sent;
 * - output shaping (`output`, or the items `run` returns): the simplified item(s). Return Raw Response, secret masking
 *   and pairedItem belong to the executor alone.
 */
export interface OperationSpec {
	resource: string;
	/** saved value of the operation parameter: never rename */
	value: string;
	name: string;
	/** sentence-cased, shown in the node panel and to AI agents */
	action: string;
	description: string;
	/** API action (Alibaba Action / NXCloud action header) */
	apiAction: string;
	/** NXCloud REST-path endpoint */
	path?: string;
	kind: OperationKind;
	fields: FieldSpec[];
	/** documented per-account requests per second; default of the rate-cap option */
	maxRps: number;
	/**
	 * where the maxRps default comes from, when it is not a documented per-account limit (shown in the option's
	 * description)
	 */
	maxRpsSource?: string;
	/** wire parameters this operation always sends (e.g. OperateType of OperateAxgGroup) */
	fixed?: WireParams;
	/** cross-field checks (and normalisation) of the converted wire parameters; throw FieldError */
	validate?: (
		params: WireParams,
		convert: ConvertContext,
		controls: Controls,
		item: ItemAccess,
	) => void;
	/** shapes the parsed response into output item(s) */
	output?: (body: IDataObject, params: WireParams) => IDataObject | IDataObject[];
	/** replaces the default single call (paging, chunking); returns the output item(s) */
	run?: (ctx: CallContext, params: WireParams, controls: Controls) => Promise<RunOutput>;
	/** true when the request can be re-sent after an unknown outcome (e.g. carries an idempotency key) */
	idempotentWhen?: (params: WireParams) => boolean;
	/** wire parameters whose values must differ between the items of one execution (documented as unique) */
	uniqueAcrossItems?: string[];
	/** extra options shown only for this operation (e.g. Return All / Limit are fields, this is for behaviour switches) */
	optionFields?: FieldSpec[];
}

/** Required and conditional fields are top-level parameters; the other ones sit under Additional Fields. */
export const isTopLevel = (field: FieldSpec): boolean =>
	field.required === true || field.show !== undefined;

export interface ResourceSpec {
	name: string;
	value: string;
	description?: string;
}

/** A bad parameter value, reported with the field's label, its wire name and (by the executor) the item. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		readonly wire: string | undefined,
		readonly reason: string,
	) {
		super(`${field}${wire ? ` (${wire})` : ''}: ${reason}`);
		this.name = 'FieldError';
	}
}
