import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type OperationSpec } from '../../shared/spec';
import { bindListOf } from '../transport';
import { customerBindId, phoneA, phoneB, phoneX } from './fields';
import { readAllPages } from './list';
import { bindingItem } from './output';
import { DEFAULT_RPS } from './shared';

/**
 * Finding a binding from order data: NXCloud has no search, so the account's bindings are read page by page
 * (getAXBList) and matched on the order's Customer Bind ID, A, B or X.
 */

/** A filter: a control matched against one field of a getAXBList record. */
const filter = (field: FieldSpec, name: string, record: string, description: string) => ({
	field: { ...field, name, wire: undefined, required: false, description },
	record,
});

const FILTERS = [
	filter(
		customerBindId,
		'findCustomerBindId',
		'customerBindId',
		'The ID you gave the binding when binding it',
	),
	filter(phoneA, 'findPhoneA', 'phoneA', 'Number A of the binding, with country code'),
	filter(phoneB, 'findPhoneB', 'phoneB', 'Number B of the binding, with country code'),
	filter(
		{ ...phoneX, displayName: 'X Number (Did)' },
		'findDid',
		'did',
		'The X number of the binding',
	),
];

export const findBindings: OperationSpec = {
	resource: 'binding',
	value: 'find',
	name: 'Find Bindings',
	action: 'Find bindings by customer bind ID or number',
	description:
		'Find the bindings whose Customer Bind ID, A, B or X are the given ones (all pages of getAXBList read and ' +
		'matched); one item per match, none when nothing matches',
	apiAction: 'getAXBList',
	kind: 'read',
	maxRps: DEFAULT_RPS,
	fields: FILTERS.map(({ field }) => field),
	validate: (_params, _convert, controls) => {
		if (FILTERS.every(({ field }) => controls[field.name] === undefined)) {
			throw new FieldError(
				'Customer Bind ID',
				undefined,
				'give it, or Phone A, Phone B or the X number',
			);
		}
	},
	run: async (ctx, _params, controls) => {
		const wanted = FILTERS.filter(({ field }) => controls[field.name] !== undefined);
		const all = await readAllPages(ctx.call, 'getAXBList', bindListOf);
		const matching = (entry: IDataObject) =>
			wanted.every(
				({ field, record }) => String(entry[record] ?? '') === String(controls[field.name]),
			);
		return all.filter(matching).map(bindingItem);
	},
};
