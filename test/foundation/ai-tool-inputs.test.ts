/**
 * What an AI Agent's model sends when it calls the nodes as tools: dates in the forms a model writes ("3 hours",
 * "in 3 hours", ISO 8601 with an offset, ISO durations) are read as the instant meant; a form no parser should
 * guess at is refused with an error that names the forms that work. The tool's auto description (n8n's
 * `<action> in <node>`) and the descriptions of the fields a model is asked to fill say the format, with an example.
 */
import { NodeHelpers, type INode, type INodeProperties } from 'n8n-workflow';
import { AliyunPhoneNumberProtection } from '../../nodes/AliyunPhoneNumberProtection/AliyunPhoneNumberProtection.node';
import { NxCloudPrivacyNumber } from '../../nodes/NxCloudPrivacyNumber/NxCloudPrivacyNumber.node';
import { toEpoch } from '../../nodes/shared/convert/dates';
import type { FieldSpec } from '../../nodes/shared/spec';
import { parsePointInTime } from '../../nodes/shared/time';

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const HOUR = 3600_000;
const SHANGHAI = 'Asia/Shanghai';

describe('dates as a model writes them', () => {
	test.each([
		['3 hours', 3 * HOUR],
		['in 3 hours', 3 * HOUR],
		['In 3 Hours', 3 * HOUR],
		['3 hours from now', 3 * HOUR],
		['in 2 hours later', 2 * HOUR],
		['2 days later', 48 * HOUR],
		['+3h', 3 * HOUR],
		['3h', 3 * HOUR],
		['in 90 minutes', 1.5 * HOUR],
		['90 min', 1.5 * HOUR],
		['1 week', 168 * HOUR],
		['PT3H', 3 * HOUR],
		['pt90m', 1.5 * HOUR],
		['P1DT2H30M', 26.5 * HOUR],
		['P1W', 168 * HOUR],
	])('%s → now + offset', (text, offset) => {
		const got = parsePointInTime(text, SHANGHAI, NOW);
		expect(got === undefined ? undefined : got - NOW).toBe(offset);
	});

	test.each([
		['2026-12-02T21:00:00+08:00', Date.UTC(2026, 11, 2, 13)],
		['2026-12-02T21:00+08:00', Date.UTC(2026, 11, 2, 13)],
		['2026-12-02 21:00:00 +0800', Date.UTC(2026, 11, 2, 13)],
		['2026-12-02T13:00:00.000Z', Date.UTC(2026, 11, 2, 13)],
		['2026-12-02T08:00:00-05:00', Date.UTC(2026, 11, 2, 13)],
		// without an offset: the workflow's time zone
		['2026-12-02T21:00:00', Date.UTC(2026, 11, 2, 13)],
	])('%s is that instant', (text, epoch) => {
		expect(parsePointInTime(text, SHANGHAI, NOW)).toBe(epoch);
	});

	test.each([
		'tomorrow-ish',
		'tomorrow',
		'P',
		'PT',
		'P1DT',
		'in a while',
		'3 fortnights',
		'2026-02-30T10:00:00+08:00',
	])('%s is not guessed at', (text) => {
		expect(parsePointInTime(text, SHANGHAI, NOW)).toBeUndefined();
	});

	test('the refusal names the field and the forms that work', () => {
		const field = {
			name: 'expiration',
			wire: 'Expiration',
			displayName: 'Expiration',
		} as FieldSpec;
		expect(() => toEpoch(field, 'tomorrow-ish', SHANGHAI, NOW)).toThrow(
			'Expiration (Expiration): "tomorrow-ish" is not a date and time: use an ISO 8601 date-time such as ' +
				'2026-12-24T18:00:00+08:00, a duration such as "3 hours" or "in 90 minutes", or the date picker',
		);
	});
});

const nodes = {
	aliyun: new AliyunPhoneNumberProtection().description,
	nxcloud: new NxCloudPrivacyNumber().description,
};

/** The top-level fields n8n shows for this operation (defaults filled, as the editor resolves them). */
function shownFields(which: keyof typeof nodes, values: Record<string, string>): INodeProperties[] {
	const description = nodes[which];
	const version = { typeVersion: 1 };
	const full = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		version,
		description,
	);
	return description.properties.filter(
		(p) => full && NodeHelpers.displayParameter(full, p, version, description),
	);
}

function toolNode(which: keyof typeof nodes, parameters: Record<string, string>): INode {
	return {
		id: '1',
		name: 'Tool',
		type: `n8n-nodes-privacy-number.${nodes[which].name}Tool`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { descriptionType: 'auto', ...parameters },
	};
}

describe('what the model is told about the bind operations', () => {
	test.each([
		['aliyun', 'Bind A and B through X (AXB) in Aliyun Phone Number Protection'],
		['nxcloud', 'Bind A and B through X in NXCloud Privacy Number'],
	] as const)("%s Bind AXB: n8n's auto tool description", (which, expected) => {
		const params = { resource: 'binding', operation: 'bindAxb' };
		const description = NodeHelpers.getToolDescriptionForNode(toolNode(which, params), {
			description: nodes[which],
		} as never);
		expect(description).toBe(expected);
	});

	const phoneExample = {
		aliyun: /(e\.g\.|such as) 1\d{10}\b/,
		nxcloud: /(e\.g\.|such as) 852\d{8}\b/,
	};
	test.each(['aliyun', 'nxcloud'] as const)(
		'%s Bind AXB: every field a model fills has a format and an example',
		(which) => {
			const values = { resource: 'binding', operation: 'bindAxb', expiry: 'until' };
			const fields = shownFields(which, values).filter(
				(p) => !['resource', 'operation', 'options', 'additionalFields', 'expiry'].includes(p.name),
			);
			expect(fields.length).toBeGreaterThanOrEqual(3);
			for (const field of fields) {
				const text = `${field.displayName}: ${field.description ?? ''}`;
				expect(text).toMatch(/e\.g\.|such as/);
				if (/phone/i.test(field.name)) expect(text).toMatch(phoneExample[which]);
				if (field.type === 'dateTime') {
					expect(text).toMatch(
						/ISO 8601 date-time such as \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/,
					);
					expect(text).toMatch(/"3 hours"/);
				}
			}
		},
	);
});
