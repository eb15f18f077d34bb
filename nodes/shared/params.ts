import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ReadParameter } from './parameterReader';
import {
	FieldError,
	isTopLevel,
	type Controls,
	type ConvertContext,
	type FieldSpec,
	type OperationSpec,
	type WireParams,
} from './spec';
import { castForJson, convertField, isEmpty } from './values';

/** An item's request as its operation sees it: what is sent, and what only steers the operation. */
export interface PreparedItem {
	itemIndex: number;
	params: WireParams;
	controls: Controls;
}

/** A field shown only for some values of another parameter (e.g. Operate Type) is read, and sent, only then. */
function conditionsHold(
	read: ReadParameter,
	show: NonNullable<FieldSpec['show']>,
	itemIndex: number,
): boolean {
	return Object.entries(show).every(([name, values]) =>
		values.includes(read(name, itemIndex) as string | number | boolean),
	);
}

const EXTRACT_VALUE = { extractValue: true };

function rawValue(
	read: ReadParameter,
	field: FieldSpec,
	itemIndex: number,
	additional: IDataObject,
) {
	if (!isTopLevel(field)) return additional[field.name];
	return read(
		field.name,
		itemIndex,
		undefined,
		field.kind === 'resourceLocator' ? EXTRACT_VALUE : undefined,
	);
}

/** A personal value's refusal says what is wrong without quoting the value. */
function convertSensitive(field: FieldSpec, raw: unknown, convert: ConvertContext) {
	if (!field.sensitive) return convertField(field, raw, convert);
	let refused = false;
	let value: unknown;
	try {
		value = convertField(field, raw, convert);
	} catch {
		refused = true;
	}
	if (refused) {
		const kind = Array.isArray(raw) ? 'list' : typeof raw;
		const what = kind === 'string' ? 'text' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
		throw new FieldError(
			field.displayName,
			field.wire,
			`is not valid (${what}; not shown: personal data)`,
		);
	}
	return value;
}

/** Reads and converts one item's parameters and controls; throws FieldError before anything is sent. */
export function prepareItem(
	ctx: IExecuteFunctions,
	read: ReadParameter,
	op: OperationSpec,
	itemIndex: number,
	convert: ConvertContext,
): PreparedItem {
	const additional = op.fields.some((field) => !isTopLevel(field))
		? (read('additionalFields', itemIndex, {}) as IDataObject)
		: {};
	const params: WireParams = { ...op.fixed };
	const controls: Controls = {};
	for (const field of op.fields) {
		if (field.show && !conditionsHold(read, field.show, itemIndex)) continue;
		// Keeps the computed parameter's place in the request (NXCloud documents its bodies in field order).
		if (field.computes !== undefined) params[field.computes] = undefined;
		const raw = rawValue(read, field, itemIndex, additional);
		if (isEmpty(raw)) {
			if (field.required) throw new FieldError(field.displayName, field.wire, 'is required');
			continue;
		}
		const value = convertSensitive(field, raw, convert);
		if (field.wire === undefined) controls[field.name] = value as IDataObject[string];
		else params[field.wire] = castForJson(field, value) as IDataObject[string];
	}
	if (op.optionFields?.length) {
		const options = read('options', itemIndex, {}) as IDataObject;
		for (const field of op.optionFields) {
			const raw = options[field.name];
			if (!isEmpty(raw))
				controls[field.name] = convertField(field, raw, convert) as IDataObject[string];
		}
	}
	op.validate?.(params, convert, controls, { execution: ctx, itemIndex });
	return { itemIndex, params, controls };
}

/** Refuses a value of `op.uniqueAcrossItems` that an earlier item of this execution already gave. */
export function uniquenessCheck(op: OperationSpec): (item: PreparedItem) => void {
	const firstUse = new Map<string, number>();
	return ({ params, itemIndex }) => {
		for (const wire of op.uniqueAcrossItems ?? []) {
			const value = params[wire];
			if (value === undefined) continue;
			const key = `${wire}=${String(value)}`;
			const first = firstUse.get(key);
			if (first !== undefined) {
				const label = op.fields.find((field) => field.wire === wire)?.displayName ?? wire;
				const reason = `"${String(value)}" is also given to item ${first}; it must differ between items`;
				throw new FieldError(label, wire, reason);
			}
			firstUse.set(key, itemIndex);
		}
	};
}
