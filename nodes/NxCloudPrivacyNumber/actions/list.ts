import type { IDataObject } from 'n8n-workflow';
import type { CallContext, FieldSpec, OperationSpec } from '../../shared/spec';
import { PAGE_SIZE } from '../transport';
import { DEFAULT_RPS } from './shared';

/** "Get many" over offset/limit paging (getAXBList, listGroup): Return All pages through in pages of 1000. */

/** Stops a runaway Return All (10 million records). */
const MAX_PAGES = 10_000;

export const listFields = (what: string): FieldSpec[] => [
	{
		name: 'returnAll',
		displayName: 'Return All',
		kind: 'boolean',
		required: true,
		default: false,
		description: `Whether to return all ${what} (read in pages of ${PAGE_SIZE}) or only up to a given limit`,
	},
	{
		name: 'limit',
		wire: 'limit',
		displayName: 'Limit',
		kind: 'number',
		required: true,
		min: 1,
		max: PAGE_SIZE,
		default: 50,
		show: { returnAll: [false] },
		description: `Max number of results to return (1–${PAGE_SIZE})`,
	},
	{
		name: 'offset',
		wire: 'offset',
		displayName: 'Offset',
		kind: 'number',
		min: 0,
		default: 0,
		show: { returnAll: [false] },
		description: 'How many records to skip (0 = from the first)',
	},
];

/** Every record of a paged list action, read in pages of PAGE_SIZE. */
export async function readAllPages(
	call: CallContext['call'],
	apiAction: string,
	itemsOf: (body: IDataObject) => IDataObject[],
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const offset = page * PAGE_SIZE;
		const body = await call({
			action: apiAction,
			params: { limit: PAGE_SIZE, offset },
			kind: 'read',
		});
		const entries = itemsOf(body);
		out.push(...entries);
		if (entries.length < PAGE_SIZE) break;
		// `total` may be the page size or the overall count (undocumented): trust it only when it says more.
		const total = Number((body.data as IDataObject | undefined)?.total);
		if (Number.isFinite(total) && total > entries.length && offset + entries.length >= total) break;
	}
	return out;
}

export function listOperation(
	spec: Pick<
		OperationSpec,
		'resource' | 'value' | 'name' | 'action' | 'description' | 'apiAction'
	> & {
		what: string;
		itemsOf: (body: IDataObject) => IDataObject[];
		toItem: (entry: IDataObject) => IDataObject;
	},
): OperationSpec {
	const { apiAction, itemsOf, toItem } = spec;
	return {
		resource: spec.resource,
		value: spec.value,
		name: spec.name,
		action: spec.action,
		description: spec.description,
		apiAction,
		kind: 'read',
		maxRps: DEFAULT_RPS,
		fields: listFields(spec.what),
		run: async (ctx, params, controls) => {
			if (controls.returnAll !== true) {
				const body = await ctx.call({
					action: apiAction,
					params: { limit: Number(params.limit), offset: Number(params.offset ?? 0) },
					kind: 'read',
				});
				return itemsOf(body).map(toItem);
			}
			return (await readAllPages(ctx.call, apiAction, itemsOf)).map(toItem);
		},
	};
}
