/**
 * Personal data of A-number reports: the ID number, the name and the photos never leave the node beyond what the
 * user passed in (outputs mask them, refusals do not quote them, photo bytes never reach json), and a photo that is
 * missing or of the wrong kind is refused before anything is sent. One upload policy serves a whole execution.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../sandbox';
import { withFreshSandbox } from '../helpers/sandbox';
import { runNode, type NodeRun } from './helpers';
import {
	A_NUMBER,
	aNumberState,
	binaryOf,
	CUST_NAME,
	GROUP,
	ID_MASKED,
	ID_NUMBER,
	JPEG,
	PNG,
	runWithBinary,
} from './cases/aNumberReport';
import { nextPhone } from './cases/shared';

let sb: Sandbox;
withFreshSandbox((sandbox) => (sb = sandbox));

const binaryReport = (extra: IDataObject = {}): IDataObject => ({
	...A_NUMBER,
	operation: 'createMobileReport',
	phoneNoA: '={{ $json.a }}',
	aNoWhiteGroupId: GROUP,
	documentType: 1,
	custName: CUST_NAME,
	documentNumber: '={{ $json.id }}',
	photoSource: 'binary',
	alivePhotoBinaryField: 'data',
	...extra,
});
const item = (extra: IDataObject = {}): IDataObject => ({
	a: nextPhone('135'),
	id: ID_NUMBER,
	...extra,
});

/** Everything a run shows: its items (json and binary) and its error. */
const shown = (run: NodeRun) =>
	JSON.stringify({
		items: run.items,
		error: run.error && {
			message: run.error.message,
			description: (run.error as { description?: string }).description,
		},
	});

function expectNothingPersonal(run: NodeRun) {
	const text = shown(run);
	// the ID number, also as the digits a JS number would keep, the name and the photo bytes
	for (const secret of [ID_NUMBER, '370102199001', CUST_NAME, PNG.toString('base64')])
		expect(text).not.toContain(secret);
}

const uploads = () => (sb.state.aliyun.aNumber ? aNumberState(sb).objects.size : 0);

describe('a photo that cannot be sent is refused before anything is sent', () => {
	test('a missing binary field names the field and the item; no request, no upload', async () => {
		const run = await runWithBinary(
			sb,
			binaryReport(),
			[item(), item()],
			[{ data: binaryOf(PNG) }],
		);
		expect(run.requests).toEqual([]);
		expect(sb.stats().requests.total).toBe(0);
		expect(uploads()).toBe(0);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(
			'Invalid Alive Photo (Binary Field) (IdCardAlivePhoto): the input item has no binary field "data" [item 1]',
		);
		expectNothingPersonal(run);
	});

	test('an optional photo field naming a missing property is refused too', async () => {
		const run = await runWithBinary(
			sb,
			binaryReport({ additionalFields: { backPhotoBinaryField: 'back' } }),
			[item()],
			[{ data: binaryOf(PNG) }],
		);
		expect(run.requests).toEqual([]);
		expect(run.error?.message).toContain('ID Back Photo (Binary Field) (IdCardBackPhoto)');
		expect(run.error?.message).toContain('"back" [item 0]');
	});

	test('a PDF is refused, PNG and JPEG only', async () => {
		const run = await runWithBinary(
			sb,
			binaryReport(),
			[item()],
			[{ data: binaryOf(PNG, 'application/pdf', 'id.pdf') }],
		);
		expect(run.requests).toEqual([]);
		expect(run.error?.message).toMatch(
			/Alive Photo .*"application\/pdf": PNG or JPEG only \[item 0\]/,
		);
	});

	test('a photo over 2 MB is refused', async () => {
		const big = Buffer.alloc(2 * 1024 * 1024 + 1, 7);
		const run = await runWithBinary(sb, binaryReport(), [item()], [{ data: binaryOf(big) }]);
		expect(run.requests).toEqual([]);
		expect(run.error?.message).toMatch(/has 2097153 bytes; at most 2 MB/);
	});

	test('with continueOnFail the item without a photo becomes an error item; the others are reported', async () => {
		const run = await runWithBinary(
			sb,
			binaryReport(),
			[item(), item(), item()],
			[{ data: binaryOf(PNG) }, {}, { data: binaryOf(JPEG, 'image/jpeg', 'x.jpg') }],
			{ continueOnFail: true },
		);
		expect(run.items.map((out) => out.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(run.items[1].json.error)).toContain('no binary field "data" [item 1]');
		expect([run.items[0].json.created, run.items[2].json.created]).toEqual([true, true]);
		expect(uploads()).toBe(2);
		expectNothingPersonal(run);
	});
});

describe('the ID number and the name', () => {
	test('an ID number given as a JS number is refused without quoting it', async () => {
		const run = await runWithBinary(
			sb,
			binaryReport({ documentNumber: '={{ 370102199001011234 }}' }),
			[item()],
			[{ data: binaryOf(PNG) }],
		);
		expect(run.requests).toEqual([]);
		expect(run.error?.message).toBe(
			'Invalid Document Number (DocumentNumber): is not valid (a number; not shown: personal data) [item 0]',
		);
		expectNothingPersonal(run);
	});

	test('a name given as an object is refused without quoting it', async () => {
		const run = await runWithBinary(
			sb,
			binaryReport({ custName: `={{ { name: "${CUST_NAME}" } }}` }),
			[item()],
			[{ data: binaryOf(PNG) }],
		);
		expect(run.requests).toEqual([]);
		expect(run.error?.message).toContain('Invalid Name (CustName): is not valid (an object');
		expectNothingPersonal(run);
	});

	test('a provider refusal carries no personal data, in errors and error items', async () => {
		const params = binaryReport({ aNoWhiteGroupId: '999' });
		const stopped = await runWithBinary(sb, params, [item()], [{ data: binaryOf(PNG) }]);
		expect(stopped.error?.message).toBe('isv.INVALID_PARAMETERS: 号码组不存在');
		expectNothingPersonal(stopped);
		const continued = await runWithBinary(sb, params, [item()], [{ data: binaryOf(PNG) }], {
			continueOnFail: true,
		});
		expect(continued.items[0].json.code).toBe('isv.INVALID_PARAMETERS');
		expectNothingPersonal(continued);
	});

	test('outputs mask the ID number and the name; the sandbox stores masked copies only', async () => {
		const phoneNoA = nextPhone('135');
		const run = await runWithBinary(
			sb,
			binaryReport(),
			[item({ a: phoneNoA })],
			[{ data: binaryOf(PNG) }],
		);
		expect(run.items[0].json).toMatchObject({ documentNumber: ID_MASKED, custName: '赵**' });
		expectNothingPersonal(run);
		const stored = JSON.stringify(aNumberState(sb).reports.get(`${GROUP}|${phoneNoA}`));
		expect(stored).not.toContain(ID_NUMBER);
		expect(stored).not.toContain(CUST_NAME);
	});

	test('a query answers the status without any personal data', async () => {
		const phoneNoA = nextPhone('135');
		await runWithBinary(sb, binaryReport(), [item({ a: phoneNoA })], [{ data: binaryOf(PNG) }]);
		const run = await runNode(sb, {
			...A_NUMBER,
			operation: 'getStatus',
			phoneNoA,
			aNoWhiteGroupId: GROUP,
		});
		expect(run.items[0].json.reportStatus).toBe('REVIEWING');
		expectNothingPersonal(run);
	});
});

describe('the upload policy', () => {
	test('one GetDyplsOSSInfoForUploadFile serves every item of an execution', async () => {
		const items = [item(), item(), item()];
		const run = await runWithBinary(
			sb,
			binaryReport(),
			items,
			items.map(() => ({ data: binaryOf(PNG) })),
		);
		expect(run.error).toBeUndefined();
		expect(run.requests.map((req) => req.action).sort()).toEqual([
			'CreatePhoneNoAReport',
			'CreatePhoneNoAReport',
			'CreatePhoneNoAReport',
			'GetDyplsOSSInfoForUploadFile',
		]);
		const keys = run.items.map((out) => out.json.idCardAlivePhoto);
		expect(new Set(keys).size).toBe(3);
		for (const key of keys)
			expect(aNumberState(sb).objects.get(String(key))?.bytes.equals(PNG)).toBe(true);
	});

	test('a policy about to expire is fetched anew for the next item', async () => {
		await runNode(sb, { ...A_NUMBER, operation: 'getUploadPolicy' });
		aNumberState(sb).policyTtlSeconds = 30;
		const items = [item(), item()];
		const run = await runWithBinary(sb, binaryReport({ options: { concurrency: 1 } }), items, [
			{ data: binaryOf(PNG) },
			{ data: binaryOf(PNG) },
		]);
		expect(run.error).toBeUndefined();
		expect(run.requests.map((req) => req.action)).toEqual([
			'GetDyplsOSSInfoForUploadFile',
			'CreatePhoneNoAReport',
			'GetDyplsOSSInfoForUploadFile',
			'CreatePhoneNoAReport',
		]);
	});

	test('an upload OSS refuses stops the item before the report is sent, with the OSS code', async () => {
		await runNode(sb, { ...A_NUMBER, operation: 'getUploadPolicy' });
		aNumberState(sb).policyTtlSeconds = 0;
		const run = await runWithBinary(sb, binaryReport(), [item()], [{ data: binaryOf(PNG) }]);
		expect(run.requests.map((req) => req.action)).toEqual(['GetDyplsOSSInfoForUploadFile']);
		expect(run.error?.message).toBe(
			'OSS.AccessDenied: Upload of the alive photo (IdCardAlivePhoto) to OSS failed: ' +
				'Invalid according to Policy: Policy expired.',
		);
		expect(uploads()).toBe(0);
		expectNothingPersonal(run);
	});
});
