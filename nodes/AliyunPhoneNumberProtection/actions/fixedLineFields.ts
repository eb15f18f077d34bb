import type { IDataObject } from 'n8n-workflow';
import { FieldError, type Controls, type FieldSpec, type WireParams } from '../../shared/spec';
import { telA as telA700, telB as telB700 } from './binding700Fields';

/**
 * The fields of the fixed-line family (固话 AXB, AXN and AXN extension), in the words of Alibaba's SDK models and
 * https://help.aliyun.com/zh/pnp/bindaxbfixedline. Times are China time in digits: Ts `yyyyMMddHHmmssSSS`, Subts
 * `yyyyMMddHHmmss`.
 */

export type FixedMode = 'axb' | 'axn' | 'axnExtension';

export const appId: FieldSpec = {
	name: 'fixedAppId',
	wire: 'AppId',
	displayName: 'App ID',
	kind: 'string',
	required: true,
	placeholder: 'FC100000168480000',
	description: 'ID of the fixed-line number pool (号池ID) that Alibaba assigned to you',
};

export const orderId: FieldSpec = {
	name: 'fixedOrderId',
	wire: 'OrderId',
	displayName: 'Order ID',
	kind: 'string',
	required: true,
	placeholder: 'e.g. {{ $execution.id }}-{{ $itemIndex }}',
	description: 'Unique ID of this request message (消息请求唯一标识): a new one per request',
};

/** China time of `epoch` as 17 digits `yyyyMMddHHmmssSSS`. */
export const chinaDigits = (epoch: number): string =>
	new Date(epoch + 8 * 3600 * 1000).toISOString().replace(/\D/g, '').slice(0, 17);

/** The two clocks the API asks for: the request's timestamp and the binding time. */
const CLOCKS = {
	Ts: { name: 'fixedTs', label: 'Timestamp', digits: 17, format: 'yyyyMMddHHmmssSSS' },
	Subts: { name: 'fixedSubts', label: 'Binding Time', digits: 14, format: 'yyyyMMddHHmmss' },
} as const;
type Clock = keyof typeof CLOCKS;

/**
 * A control for Ts or Subts: empty (the usual case) sends the current China time, computed when the item is
 * validated right before sending. A given value is checked there too, so its errors name the wire parameter.
 */
export const clockField = (wire: Clock): FieldSpec => {
	const clock = CLOCKS[wire];
	return {
		name: clock.name,
		computes: wire,
		displayName: clock.label,
		kind: 'string',
		placeholder: '20161114143116123'.slice(0, clock.digits),
		description: `Leave empty to send the current China time (${clock.format}); set it only to send a given time`,
	};
};

/** Digits of a wall-clock China time that exists (no 30 February, no hour 24). */
function isRealTime(digits: string): boolean {
	const padded = digits.padEnd(17, '0');
	const epoch = Date.parse(
		padded.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d{3})$/, '$1-$2-$3T$4:$5:$6.$7+08:00'),
	);
	return Number.isFinite(epoch) && chinaDigits(epoch) === padded;
}

/** Puts Ts (and Subts where the action takes it) on the wire: the given value, else the China time now. */
export function resolveClocks(params: WireParams, controls: Controls, wires: Clock[]): void {
	const now = Date.now();
	for (const wire of wires) {
		const clock = CLOCKS[wire];
		const given = controls[clock.name] as string | undefined;
		if (
			given !== undefined &&
			!(new RegExp(`^\\d{${clock.digits}}$`).test(given) && isRealTime(given))
		) {
			const reason = `"${given}" must be ${clock.digits} digits of a real China time, ${clock.format}`;
			throw new FieldError(clock.label, wire, reason);
		}
		params[wire] = given ?? chinaDigits(now).slice(0, clock.digits);
	}
}

export const bindType: FieldSpec = {
	name: 'bindType',
	wire: 'BindType',
	displayName: 'Bind Type',
	kind: 'options',
	required: true,
	default: 'mode102',
	options: [
		{ name: 'Platform Assigns X (Mode102)', value: 'mode102' },
		{ name: 'I Give X (Mode101)', value: 'mode101' },
	],
	description:
		'Who picks the fixed-line X number: the platform (mode102, by Area Code) or you (mode101)',
};

export const telX: FieldSpec = {
	name: 'fixedTelX',
	wire: 'TelX',
	displayName: 'Phone No. X',
	kind: 'phone',
	anyNumber: true,
	placeholder: '0571409312',
	description: 'The fixed-line X number (bought in the console), with its area code',
};
/** mode101: the caller's own X is required */
export const telXGiven: FieldSpec = { ...telX, required: true, show: { bindType: ['mode101'] } };

export const telA: FieldSpec = {
	...telA700,
	description: 'Number A: a mobile number, or a landline with area code and no hyphen',
};
export const telB: FieldSpec = { ...telB700, required: false, description: 'Number B' };

export const areaCode: FieldSpec = {
	name: 'areaCode',
	wire: 'Areacode',
	displayName: 'Area Code',
	kind: 'string',
	placeholder: '10',
	pattern: /^[1-9]\d{1,2}$/,
	patternHint:
		'must be the area code without its leading 0, e.g. 10 for Beijing or 571 for Hangzhou',
	description:
		'Area of X when the platform assigns it (mode102), without the leading 0: 10 is Beijing',
};

export const expiration: FieldSpec = {
	name: 'fixedExpiration',
	wire: 'Expiration',
	displayName: 'Expire After (Seconds)',
	kind: 'number',
	required: true,
	min: 0,
	max: Number.MAX_SAFE_INTEGER,
	default: 0,
	description: 'Lifetime of the binding in seconds; 0: it never expires (remove it with Delete)',
};

/** Prompt codes, comma-separated, one per call scene in the documented order. */
const prompts = (name: string, wire: string, displayName: string, scenes: string[]): FieldSpec => ({
	name,
	wire,
	displayName,
	kind: 'string',
	placeholder: scenes.map((_, i) => 10001 + i).join(','),
	pattern: new RegExp(`^[^,\\s]+(,[^,\\s]+){${scenes.length - 1}}$`),
	patternHint: `must be ${scenes.length} prompt codes separated by commas: ${scenes.join(', ')}`,
	description: `Prompt codes from the console, in this order: ${scenes.join(', ')}`,
});
const OTHER = (mode: FixedMode) => (mode === 'axb' ? 'B' : 'another number');
export const anucode: FieldSpec = prompts(
	'anucode',
	'Anucode',
	'Prompts Before Connecting (Anucode)',
	['B calls X', 'A calls X', 'another number calls X'],
);
export const anucodeCalled = (mode: FixedMode): FieldSpec =>
	prompts('anucodeCalled', 'Anucodecalled', 'Prompts to the Callee (Anucodecalled)', [
		'A answers',
		`${OTHER(mode)} answers`,
	]);
export const tAnucodeConnect = (mode: FixedMode): FieldSpec =>
	prompts('tAnucodeConnect', 'TAnucodeConnect', 'Prompts to the Caller Once Connected', [
		'A is called',
		`${OTHER(mode)} is called`,
	]);

export const remark: FieldSpec = {
	name: 'fixedRemark',
	wire: 'Remark',
	displayName: 'Remark',
	kind: 'string',
	maxLength: 100,
	description: 'Your own field, returned in the call records (at most 100 characters)',
};

/** Extra (AXB, AXN) or Extraaxx (AXN extension): recording and, for AXN, what happens when A calls X. */
export const extra = (mode: FixedMode): FieldSpec => {
	const callback =
		mode === 'axb'
			? []
			: [
					{
						name: 'Callback',
						displayName: 'Callback',
						kind: 'options' as const,
						options: [
							{ name: 'A Cannot Call Out (0)', value: '0' },
							{ name: 'A Reaches the Latest Caller (1)', value: '1' },
							...(mode === 'axn' ? [{ name: 'A Reaches Number B (2)', value: '2' }] : []),
						],
						description: 'When A calls X (default 0)',
					},
				];
	return {
		name: 'fixedExtra',
		wire: mode === 'axnExtension' ? 'Extraaxx' : 'Extra',
		displayName: 'Extra',
		kind: 'jsonObject',
		placeholder: 'Add Setting',
		description: 'Recording and call-back settings of the binding',
		keys: [
			{
				name: 'Callrecording',
				displayName: 'Call Recording',
				kind: 'options',
				options: [
					{ name: 'Off (0)', value: '0' },
					{ name: 'Record Calls (1)', value: '1' },
				],
				description: 'Whether calls are recorded (default 0)',
			},
			...callback,
		],
	};
};

export const subId: FieldSpec = {
	name: 'subId',
	wire: 'SubId',
	displayName: 'Binding ID',
	kind: 'string',
	required: true,
	placeholder: 'GHX0534X202504221531579290029-2-1-aliaxn',
	description: 'ID of the binding (Subid), as the bind returned it',
};

/** The prompt codes of AXN extension: B→X and another number→X must be the same code. */
export function checkExtensionPrompts(params: WireParams): void {
	const codes = String(params.Anucode ?? '').split(',');
	if (params.Anucode !== undefined && codes[0] !== codes[2]) {
		const reason = `the codes for "B calls X" and "another number calls X" must be the same (got ${params.Anucode})`;
		throw new FieldError('Prompts Before Connecting (Anucode)', 'Anucode', reason);
	}
}

/** Bind answers: Data{Subid, TelX[, TelXext]}. */
export function fixedBindResult(body: IDataObject): IDataObject {
	const data = (body.Data ?? {}) as IDataObject;
	const result: IDataObject = { subId: data.Subid ?? null, telX: data.TelX ?? null };
	if ('TelXext' in data) result.telXExt = data.TelXext ?? null;
	result.requestId = body.RequestId ?? null;
	return result;
}
