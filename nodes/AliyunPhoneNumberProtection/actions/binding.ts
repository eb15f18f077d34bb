import type { IDataObject } from 'n8n-workflow';
import { FieldError, type FieldSpec, type OperationSpec, type WireParams } from '../../shared/spec';
import { bindAxgInBatch } from './batchAxg';
import { bindExtras, callTimeout, dtmfConfig } from './callSettings';
import {
	expiration,
	groupId,
	phoneNoA,
	phoneNoB,
	phoneNoBRequired,
	phoneNoX,
	phoneNoXRequired,
	poolKey,
	subsId,
} from './fields';
import { findOperations } from './findBindings';
import { bindingDetail, bindResult, done, NOT_DOCUMENTED } from './output';
import { withReuse } from './reuse';
import { update } from './update';

export { BATCH_AXG_CHUNK } from './batchAxg';
export { operateTypeField } from './update';

const resource = 'binding';

const extension: FieldSpec = {
	name: 'extension',
	wire: 'Extension',
	displayName: 'Extension',
	kind: 'digits',
	min: 1,
	max: 3,
	description: 'Extension on X, 1–3 digits. When given, Phone No. X is required too.',
};

const trackNo: FieldSpec = {
	name: 'trackNo',
	wire: 'trackNo',
	displayName: 'Tracking No.',
	kind: 'string',
	required: true,
	description: 'Logistics tracking number (sent as trackNo)',
};

const requireXWithExtension = (params: WireParams) => {
	if (params.Extension !== undefined && params.PhoneNoX === undefined) {
		throw new FieldError('Phone No. X', 'PhoneNoX', 'is required when an Extension is given');
	}
};

const bindFields = (extra: FieldSpec[]): FieldSpec[] => [poolKey, phoneNoA, ...extra, expiration];

export const bindingOperations: OperationSpec[] = withReuse([
	{
		resource,
		value: 'bindAxb',
		name: 'Bind AXB',
		action: 'Bind A and B through X (AXB)',
		description: 'Create an AXB binding: A and B reach each other by calling X (BindAxb)',
		apiAction: 'BindAxb',
		kind: 'create',
		maxRps: 5000,
		fields: [
			...bindFields([phoneNoBRequired]),
			phoneNoX,
			...bindExtras('AXB'),
			callTimeout,
			dtmfConfig,
		],
		output: bindResult,
	},
	{
		resource,
		value: 'bindAxn',
		name: 'Bind AXN',
		action: 'Bind A to X for anyone (AXN)',
		description:
			'Create an AXN binding: anyone calling X reaches A; A calling X reaches the default B (BindAxn)',
		apiAction: 'BindAxn',
		kind: 'create',
		maxRps: 5000,
		fields: [...bindFields([]), phoneNoB, phoneNoX, ...bindExtras('AXN'), callTimeout],
		output: bindResult,
	},
	{
		resource,
		value: 'bindAxnExtension',
		name: 'Bind AXN Extension',
		action: 'Bind A to X with an extension (AXN extension)',
		description:
			'Create an AXN extension binding: callers dial X then the extension to reach A (BindAxnExtension)',
		apiAction: 'BindAxnExtension',
		kind: 'create',
		maxRps: 5000,
		fields: [...bindFields([]), extension, phoneNoB, phoneNoX, ...bindExtras('AXN')],
		validate: requireXWithExtension,
		output: bindResult,
	},
	{
		resource,
		value: 'bindAxg',
		name: 'Bind AXG',
		action: 'Bind A to a number group through X (AXG)',
		description: 'Create an AXG binding: only numbers of group G reach A through X (BindAxg)',
		apiAction: 'BindAxg',
		kind: 'create',
		maxRps: 5000,
		fields: [
			...bindFields([
				groupId(true, 'ID of a non-empty number group G (from Number Group → Create)'),
			]),
			phoneNoB,
			phoneNoX,
			...bindExtras('AXG'),
		],
		output: bindResult,
	},
	bindAxgInBatch,
	update,
	{
		resource,
		value: 'unbind',
		name: 'Unbind',
		action: 'Unbind a binding',
		description: "Delete a binding (UnbindSubscription). X must be the binding's own X.",
		apiAction: 'UnbindSubscription',
		kind: 'idempotent',
		maxRps: 5000,
		fields: [
			poolKey,
			subsId,
			{ ...phoneNoXRequired, name: 'secretNo', wire: 'SecretNo', displayName: 'Secret No. (X)' },
		],
		output: done('unbound', 'SubsId', 'SecretNo'),
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a binding',
		description: 'Read one binding: numbers, expiry, status, recording (QuerySubscriptionDetail)',
		apiAction: 'QuerySubscriptionDetail',
		kind: 'read',
		maxRps: 5000,
		fields: [poolKey, subsId, phoneNoXRequired],
		output: bindingDetail,
	},
	{
		resource,
		value: 'findByX',
		name: 'Find by X Number',
		action: 'Find bindings by X number',
		description: 'Get the binding ID(s) on an X number (QuerySubsId)',
		apiAction: 'QuerySubsId',
		maxRpsSource: NOT_DOCUMENTED,
		kind: 'read',
		maxRps: 1000,
		fields: [poolKey, phoneNoXRequired],
		output: (body, params) => {
			const ids = String(body.SubsId ?? '')
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean);
			return {
				phoneNoX: params.PhoneNoX,
				subsId: ids[0] ?? null,
				subsIds: ids,
				requestId: body.RequestId ?? null,
			};
		},
	},
	{
		resource,
		value: 'addTrackNo',
		name: 'Add Track Number',
		action: 'Add a tracking number to a binding',
		description: 'Attach a logistics tracking number to an AXN binding (AddAxnTrackNo)',
		apiAction: 'AddAxnTrackNo',
		kind: 'idempotent',
		maxRps: 5000,
		fields: [poolKey, phoneNoXRequired, subsId, trackNo],
		output: done('added', 'SubsId', 'trackNo'),
	},
	{
		resource,
		value: 'findAByTrackNo',
		name: 'Find A by Track Number',
		action: 'Find number A by tracking number',
		description:
			'Look up A (and X, extension) from a logistics tracking number (QueryPhoneNoAByTrackNo); one item per match',
		apiAction: 'QueryPhoneNoAByTrackNo',
		kind: 'read',
		maxRps: 5000,
		fields: [
			trackNo,
			phoneNoX,
			{
				name: 'cabinetNo',
				wire: 'CabinetNo',
				displayName: 'Cabinet No.',
				kind: 'string',
				description: 'Parcel locker number',
			},
		],
		output: (body) => {
			const modules = (Array.isArray(body.Module) ? body.Module : []) as IDataObject[];
			return modules.map((entry) => ({ ...entry, requestId: body.RequestId ?? null }));
		},
	},
	...findOperations,
]);
