/**
 * Must show #2: the node description, evaluated with n8n-workflow's own display logic, shows for each
 * Operate Type exactly one type-specific field, visible and required; optional fields sit under Additional Fields;
 * Pool Key is required wherever the API takes it; every operation has an action; the node is usable as a tool.
 */
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { AliyunPhoneNumberProtection } from '../../nodes/AliyunPhoneNumberProtection/AliyunPhoneNumberProtection.node';
import { aliyunOperations } from '../../nodes/AliyunPhoneNumberProtection/actions';
import { resolvedParameters, visibleProperties } from '../helpers/panel';

const description = new AliyunPhoneNumberProtection().description;
const properties = description.properties;

const resolved = (values: INodeParameters) => resolvedParameters(properties, values, description);
const visible = (values: INodeParameters) => visibleProperties(properties, values, description);

function issuesFor(values: INodeParameters): string[] {
	const node: INode = {
		id: '1',
		name: 'Node',
		type: 'n8n-nodes-privacy-number.aliyunPhoneNumberProtection',
		typeVersion: 1,
		position: [0, 0],
		parameters: resolved(values),
	};
	const issues = NodeHelpers.getNodeParametersIssues(properties, node, description);
	return Object.keys(issues?.parameters ?? {}).sort();
}

const TYPE_FIELD: Record<string, string> = {
	updateNoA: 'phoneNoA',
	updateNoB: 'phoneNoB',
	updateExpire: 'expiration',
	updateAxgGroup: 'groupId',
	updateCallRestrict: 'callRestrict',
	updateCallDisplayType: 'callDisplayType',
	updateOutId: 'outId',
	updateIsRecordingEnabled: 'isRecordingEnabled',
};
const UPDATE_COMMON = ['resource', 'operation', 'poolKey', 'subsId', 'phoneNoX', 'operateType'];

describe('Update: each Operate Type shows exactly its one field, and requires it', () => {
	const operateType = properties.find((p) => p.name === 'operateType');

	test('Operate Type is a required select with all eight values, named with the API words', () => {
		expect(operateType).toMatchObject({ type: 'options', required: true });
		const options = (operateType?.options ?? []) as INodePropertyOptions[];
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(TYPE_FIELD).sort());
		for (const option of options) expect(option.name).toContain(`(${String(option.value)})`);
	});

	const rows = Object.entries(TYPE_FIELD);
	test.each(rows)('%s → only "%s" is added, and it is required', (type, field) => {
		const shown = visible({ resource: 'binding', operation: 'update', operateType: type });
		const names = shown.map((p) => p.name);
		expect(names).toEqual([...UPDATE_COMMON, field, 'options']);
		// nothing optional to add for an update: every field it sends is on the panel
		expect(names).not.toContain('additionalFields');

		const required = shown.filter((p) => p.required === true).map((p) => p.name);
		const typeProperty = shown.find((p) => p.name === field) as INodeProperties;
		if (typeProperty.type === 'boolean') {
			// a toggle always has a value (true or false), so n8n's required marker does not apply; it is always sent
			expect(required).toEqual(['poolKey', 'subsId', 'phoneNoX', 'operateType']);
			expect(typeof typeProperty.default).toBe('boolean');
		} else {
			expect(required).toEqual(['poolKey', 'subsId', 'phoneNoX', 'operateType', field]);
		}
		// the type-specific field is visible for this type only
		for (const other of Object.keys(TYPE_FIELD).filter((t) => t !== type)) {
			expect(
				visible({ resource: 'binding', operation: 'update', operateType: other }).map(
					(p) => p.name,
				),
			).not.toContain(field);
		}
	});

	test.each(
		rows.filter(([, field]) =>
			['phoneNoA', 'phoneNoB', 'expiration', 'groupId', 'outId'].includes(field),
		),
	)('%s: an empty "%s" is reported by n8n as a missing required parameter', (type, field) => {
		expect(issuesFor({ resource: 'binding', operation: 'update', operateType: type })).toEqual(
			['phoneNoX', 'poolKey', 'subsId', field].sort(),
		);
		expect(
			issuesFor({
				resource: 'binding',
				operation: 'update',
				operateType: type,
				poolKey: 'FC1',
				subsId: '1',
				phoneNoX: '17001000000',
				[field]: 'x',
			}),
		).toEqual([]);
	});

	test('Update Call Restriction offers CONTROL_CLEAR_DISABLE; the binds do not', () => {
		const shown = visible({
			resource: 'binding',
			operation: 'update',
			operateType: 'updateCallRestrict',
		});
		const values = (
			(shown.find((p) => p.name === 'callRestrict')?.options ?? []) as INodePropertyOptions[]
		).map((o) => o.value);
		expect(values).toEqual(['CONTROL_AX_DISABLE', 'CONTROL_BX_DISABLE', 'CONTROL_CLEAR_DISABLE']);
		const bindAxb = visible({ resource: 'binding', operation: 'bindAxb' }).find(
			(p) => p.name === 'additionalFields',
		);
		const restrict = (bindAxb?.options as INodeProperties[]).find((p) => p.name === 'callRestrict');
		expect(((restrict?.options ?? []) as INodePropertyOptions[]).map((o) => o.value)).toEqual([
			'CONTROL_AX_DISABLE',
			'CONTROL_BX_DISABLE',
		]);
	});
});

describe('every operation: required fields at the top, optional ones under Additional Fields', () => {
	const rows = aliyunOperations.map((op) => [`${op.resource}:${op.value}`, op] as const);

	test.each(rows)('%s', (_key, op) => {
		const shown = visible({ resource: op.resource, operation: op.value });
		const names = shown.map((p) => p.name);
		// conditional fields are shown when their condition holds for the defaults (Update: the default Operate Type)
		const defaults = Object.fromEntries(op.fields.map((f) => [f.name, f.default]));
		const shownByDefault = (f: (typeof op.fields)[number]) =>
			!!f.show &&
			Object.entries(f.show).every(([name, values]) => values.includes(defaults[name] as string));
		const topFields = op.fields.filter((f) => (f.required && !f.show) || shownByDefault(f));
		const optional = op.fields.filter((f) => !f.required && !f.show);

		// panel order: resource, operation, the required fields, Additional Fields, Options
		const expected = ['resource', 'operation', ...topFields.map((f) => f.name)];
		if (optional.length) expected.push('additionalFields');
		expected.push('options');
		expect(names).toEqual(expected);

		for (const field of topFields) {
			const property = shown.find((p) => p.name === field.name) as INodeProperties;
			if (property.type === 'boolean' || property.type === 'collection')
				expect(property.required).toBeUndefined();
			else expect(property.required).toBe(true);
		}
		const additional = shown.find((p) => p.name === 'additionalFields');
		if (optional.length) {
			const inside = (additional?.options as INodeProperties[]).map((p) => p.name).sort();
			expect(inside).toEqual(optional.map((f) => f.name).sort());
			for (const p of additional?.options as INodeProperties[]) expect(p.required).toBeFalsy();
		}

		// Pool Key (or PartnerKey, its name in GetTotalPublicUrl) is required whenever the API takes it
		const poolField = op.fields.find((f) => f.wire === 'PoolKey' || f.wire === 'PartnerKey');
		if (poolField) {
			expect(poolField.required).toBe(true);
			expect(shown.find((p) => p.name === poolField.name)?.required).toBe(true);
		}

		// Options: shared behaviour switches incl. Return Raw Response
		const options = (shown.find((p) => p.name === 'options')?.options as INodeProperties[]).map(
			(p) => p.name,
		);
		expect(options).toEqual(
			expect.arrayContaining([
				'rawResponse',
				'concurrency',
				'maxRequestsPerSecond',
				'retries',
				'timeout',
			]),
		);
	});

	test('Pool Key is present and required on every operation whose API action takes it', () => {
		// the work-number, fixed-line, A-number report and pickup families name no PoolKey (CustomerPoolKey, AppId …)
		const ownStyle = ['workNumber', 'fixedLine', 'aNumberReport', 'pickup'];
		const withoutPool = aliyunOperations.filter(
			(op) =>
				!ownStyle.includes(op.resource) &&
				!op.fields.some((f) => f.wire === 'PoolKey' || f.wire === 'PartnerKey'),
		);
		// only the two classic actions whose API has no PoolKey parameter
		expect(withoutPool.map((op) => op.apiAction).sort()).toEqual([
			'QueryPhoneNoAByTrackNo',
			'QuerySecretNoRemain',
		]);
	});

	test(
		'Bind AXN Extension offers Extension, CallDisplayType, CallRestrict, ASR ' +
			'and RingConfig as named AXN keys',
		() => {
			const shown = visible({ resource: 'binding', operation: 'bindAxnExtension' });
			const additional = shown.find((p) => p.name === 'additionalFields')
				?.options as INodeProperties[];
			const names = additional.map((p) => p.name);
			expect(names).toEqual(
				expect.arrayContaining([
					'extension',
					'phoneNoX',
					'phoneNoB',
					'callDisplayType',
					'ringConfig',
					'asrStatus',
					'asrModelId',
					'callRestrict',
				]),
			);
			const ring = additional.find((p) => p.name === 'ringConfig') as INodeProperties;
			expect(ring.type).toBe('collection');
			expect((ring.options as INodeProperties[]).map((p) => p.name)).toEqual([
				'AXNRing_A',
				'AXNRing_AB',
				'AXNRing_N',
			]);
			const asr = additional.find((p) => p.name === 'asrModelId') as INodeProperties;
			expect((asr.options as INodePropertyOptions[]).map((o) => o.value)).toHaveLength(3);
		},
	);
});

describe('node-level description', () => {
	test('usableAsTool is true', () => {
		expect(description.usableAsTool).toBe(true);
	});

	test('every operation option has an action and a description, per resource', () => {
		const operationProps = properties.filter((p) => p.name === 'operation');
		const listed: string[] = [];
		for (const prop of operationProps) {
			const resource = (prop.displayOptions?.show?.resource as string[])[0];
			for (const option of prop.options as INodePropertyOptions[]) {
				expect(typeof option.action).toBe('string');
				expect((option.action ?? '').length).toBeGreaterThan(5);
				expect(option.action?.charAt(0)).toBe(option.action?.charAt(0).toUpperCase());
				expect((option.description ?? '').length).toBeGreaterThan(10);
				listed.push(`${resource}:${String(option.value)}`);
			}
		}
		expect(listed.sort()).toEqual(
			aliyunOperations.map((op) => `${op.resource}:${op.value}`).sort(),
		);
	});
});
