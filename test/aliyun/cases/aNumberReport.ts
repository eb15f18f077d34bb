/* Workflow cases of the A-number report family: binary photos uploaded to the sandbox's OSS bucket, then reported. */
import type { IDataObject } from 'n8n-workflow';
import { FormData, fetch } from 'undici';
import type { Sandbox } from '../../../sandbox';
import { runNodeAgainst } from '../../helpers/sandbox';
import { aliyunCredentials, businessParams, NODE, runNode } from '../helpers';
import { bodyOf, nextPhone, onlyItem, single, type BadRow, type CaseFactory } from './shared';

/** A test person: the sandbox keeps only masked copies of these. */
export const ID_NUMBER = '370102199001011234';
export const ID_MASKED = '370***********1234';
export const CUST_NAME = '赵小明';
export const NAME_MASKED = '赵**';
export const GROUP = '19';

/** A PNG-signed byte string with every byte value, so a corrupted upload cannot pass for the photo. */
export const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
]);
export const JPEG = Buffer.concat([
	Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
	Buffer.from(Array.from({ length: 300 }, (_, i) => 255 - (i % 256))),
]);

/** An n8n binary property as the Input node emits it. */
export const binaryOf = (bytes: Buffer, mimeType = 'image/png', fileName = 'alive.png') => ({
	data: bytes.toString('base64'),
	mimeType,
	fileName,
});

export const A_NUMBER = { resource: 'aNumberReport' };

interface StoredObject {
	bytes: Buffer;
	contentType: string | null;
	fields: string[];
	owner: string | null;
}

export const aNumberState = (sb: Sandbox) =>
	sb.state.aliyun.aNumber as {
		reports: Map<string, IDataObject>;
		objects: Map<string, StoredObject>;
		policyTtlSeconds: number;
	};

/** Runs the node with binary data on its input items. */
export async function runWithBinary(
	sb: Sandbox,
	parameters: IDataObject,
	items: IDataObject[],
	binary: IDataObject[],
	options: { continueOnFail?: boolean } = {},
) {
	return await runNodeAgainst(sb, NODE, aliyunCredentials(sb), parameters, items, {
		...options,
		binary,
	});
}

/** Uploads like a user of Get Upload Policy would (the test's own PostObject form); returns the object key. */
export async function uploadYourself(
	sb: Sandbox,
	bytes: Buffer,
	name = 'photo.png',
): Promise<string> {
	const run = await runNode(sb, { ...A_NUMBER, operation: 'getUploadPolicy' });
	const policy = onlyItem(run);
	const key = `${String(policy.startPath)}/${Date.now()}-${name}`;
	const form = new FormData();
	form.append('key', key);
	form.append('policy', String(policy.policy));
	form.append('OSSAccessKeyId', String(policy.accessKeyId));
	form.append('Signature', String(policy.signature));
	form.append('file', new Blob([bytes], { type: 'image/png' }), name);
	const response = await fetch(String(policy.host), { method: 'POST', body: form });
	expect(response.status).toBe(204);
	return key;
}

const reportParams = (phoneNoA: string, aliveKey: string): IDataObject => ({
	...A_NUMBER,
	operation: 'createMobileReport',
	phoneNoA,
	aNoWhiteGroupId: GROUP,
	documentType: 1,
	custName: CUST_NAME,
	documentNumber: ID_NUMBER,
	photoSource: 'ossKey',
	idCardAlivePhoto: aliveKey,
});

/** A report under review, made with an uploaded photo; returns its number. */
async function reported(sb: Sandbox): Promise<string> {
	const phoneNoA = nextPhone('136');
	const key = await uploadYourself(sb, PNG);
	const run = await runNode(sb, reportParams(phoneNoA, key));
	expect(onlyItem(run).created).toBe(true);
	return phoneNoA;
}

const KEY_SHAPE = (startPath: string, extension: string) =>
	new RegExp(`^${startPath}/\\d{13}[0-9a-f]{16}\\.${extension}$`);

export const aNumberReportCases: CaseFactory = (sandbox) => ({
	'aNumberReport:createMobileReport': async () => {
		const sb = sandbox();
		const phoneNoA = nextPhone('139');
		const run = await runWithBinary(
			sb,
			{
				...reportParams(phoneNoA, ''),
				photoSource: 'binary',
				alivePhotoBinaryField: 'data',
				additionalFields: { frontPhotoBinaryField: 'front', remark: 'courier onboarding' },
			},
			[{ courier: 7 }],
			[{ data: binaryOf(PNG), front: binaryOf(JPEG, 'image/jpeg', 'front.jpg') }],
		);
		expect(run.error).toBeUndefined();
		// one policy, two uploads (not Dyplsapi requests), one report
		expect(run.requests.map((req) => req.action)).toEqual([
			'GetDyplsOSSInfoForUploadFile',
			'CreatePhoneNoAReport',
		]);
		const [ossInfo, report] = run.requests;
		expect(ossInfo.verified && report.verified).toBe(true);
		expect(businessParams(ossInfo)).toEqual({ BizType: 'phone_card' });
		const startPath = String((bodyOf(ossInfo).Data as IDataObject).StartPath);
		const sent = businessParams(report);
		expect(sent).toEqual({
			PhoneNoA: phoneNoA,
			ANoWhiteGroupId: GROUP,
			DocumentType: '1',
			CustName: CUST_NAME,
			DocumentNumber: ID_NUMBER,
			IdCardFrontPhoto: expect.stringMatching(KEY_SHAPE(startPath, 'jpg')),
			IdCardAlivePhoto: expect.stringMatching(KEY_SHAPE(startPath, 'png')),
			Remark: 'courier onboarding',
		});
		// the bucket holds the photos byte for byte, posted as a PostObject form with the file last
		const objects = aNumberState(sb).objects;
		const alive = objects.get(sent.IdCardAlivePhoto) as StoredObject;
		const front = objects.get(sent.IdCardFrontPhoto) as StoredObject;
		expect(alive.bytes.equals(PNG)).toBe(true);
		expect(front.bytes.equals(JPEG)).toBe(true);
		expect([alive.contentType, front.contentType]).toEqual(['image/png', 'image/jpeg']);
		expect(alive.fields).toEqual([
			'key',
			'policy',
			'OSSAccessKeyId',
			'signature',
			'success_action_status',
			'file',
		]);
		expect(alive.owner).toBe(
			sb.state.aliyun.accessKeys.get(sb.credentials.aliyun.accessKeyId)?.owner,
		);
		expect(onlyItem(run)).toEqual({
			created: true,
			failType: 1,
			result: 'created',
			aNoWhiteGroupId: GROUP,
			phoneNoA,
			custName: NAME_MASKED,
			documentType: 1,
			documentNumber: ID_MASKED,
			idCardAlivePhoto: sent.IdCardAlivePhoto,
			idCardFrontPhoto: sent.IdCardFrontPhoto,
			idCardBackPhoto: null,
			requestId: bodyOf(report).RequestId,
		});
		// nothing personal or binary leaves the node, and the sandbox keeps a masked copy only
		const output = JSON.stringify(run.items);
		for (const secret of [ID_NUMBER, CUST_NAME, PNG.toString('base64'), JPEG.toString('base64')])
			expect(output).not.toContain(secret);
		expect(run.items[0].binary).toBeUndefined();
		const stored = aNumberState(sb).reports.get(`${GROUP}|${phoneNoA}`) as IDataObject;
		expect(stored).toMatchObject({
			documentNumber: ID_MASKED,
			custName: NAME_MASKED,
			noType: 'Mobile',
			reportStatus: 'REVIEWING',
			photos: { IdCardAlivePhoto: sent.IdCardAlivePhoto, IdCardFrontPhoto: sent.IdCardFrontPhoto },
		});
		expect(JSON.stringify(stored)).not.toContain(ID_NUMBER);
	},

	'aNumberReport:createLandlineReport': async () => {
		const sb = sandbox();
		const key = await uploadYourself(sb, PNG, 'agent.png');
		const fixedNoA = `0571${String(Date.now()).slice(-8)}`;
		const run = await runNode(sb, {
			...A_NUMBER,
			operation: 'createLandlineReport',
			aNoWhiteGroupId: '12',
			custName: CUST_NAME,
			custType: 2,
			documentNumber: ID_NUMBER,
			documentType: 1,
			fixedNoA,
			photoSource: 'ossKey',
			idCardAlivePhoto: key,
			additionalFields: { custPhoneNo: '13800000000', fixedLineWorkId: '45123' },
		});
		const { req, body } = single(run, 'CreateFixedNoAReport');
		expect(businessParams(req)).toEqual({
			ANoWhiteGroupId: '12',
			CustName: CUST_NAME,
			CustPhoneNo: '13800000000',
			CustType: '2',
			DocumentNumber: ID_NUMBER,
			DocumentType: '1',
			FixedLineWorkId: '45123',
			FixedNoA: fixedNoA,
			IdCardAlivePhoto: key,
		});
		expect(onlyItem(run)).toMatchObject({
			created: true,
			failType: 1,
			phoneNoA: fixedNoA,
			documentNumber: ID_MASKED,
			custName: NAME_MASKED,
			idCardAlivePhoto: key,
			requestId: body.RequestId,
		});
		expect(aNumberState(sb).reports.get(`12|${fixedNoA}`)).toMatchObject({
			noType: 'Fixed',
			custType: '2',
			documentNumber: ID_MASKED,
		});
		// a second report of the same number is answered "already submitted", not created twice
		const again = await runNode(sb, {
			...A_NUMBER,
			operation: 'createLandlineReport',
			aNoWhiteGroupId: '12',
			custName: CUST_NAME,
			custType: 2,
			documentNumber: ID_NUMBER,
			documentType: 1,
			fixedNoA,
			photoSource: 'ossKey',
			idCardAlivePhoto: key,
		});
		expect(onlyItem(again)).toMatchObject({ created: false, failType: -1 });
	},

	'aNumberReport:getStatus': async () => {
		const sb = sandbox();
		const phoneNoA = await reported(sb);
		const report = aNumberState(sb).reports.get(`${GROUP}|${phoneNoA}`) as IDataObject;
		report.reportStatus = 'FAIL';
		report.reportResult = ['系统判断为不同人'];
		const run = await runNode(sb, {
			...A_NUMBER,
			operation: 'getStatus',
			phoneNoA,
			aNoWhiteGroupId: GROUP,
		});
		const { req, body } = single(run, 'QuerySecretAPhoneNoToCust');
		expect(businessParams(req)).toEqual({ PhoneNoA: phoneNoA, ANoWhiteGroupId: GROUP });
		expect(onlyItem(run)).toEqual({
			aNoWhiteGroupId: GROUP,
			phoneNoA,
			noType: 'Mobile',
			reportStatus: 'FAIL',
			reportResult: ['系统判断为不同人'],
			custPhoneNo: '',
			remark: '',
			requestId: body.RequestId,
		});
	},

	'aNumberReport:delete': async () => {
		const sb = sandbox();
		const phoneNoA = await reported(sb);
		const params = { ...A_NUMBER, operation: 'delete', phoneNoA, aNoWhiteGroupId: GROUP };
		// a report under review cannot be deleted
		const refused = await runNode(sb, params);
		expect(refused.error?.message).toBe('isv.FORBIDDEN_ACTION: 审核中的A号码报备信息不支持删除');
		(aNumberState(sb).reports.get(`${GROUP}|${phoneNoA}`) as IDataObject).reportStatus = 'PASS';
		const run = await runNode(sb, params);
		const { req, body } = single(run, 'DeleteSecretAPhoneNoToCust');
		expect(businessParams(req)).toEqual({ PhoneNoA: phoneNoA, ANoWhiteGroupId: GROUP });
		expect(onlyItem(run)).toEqual({
			deleted: true,
			aNoWhiteGroupId: GROUP,
			phoneNoA,
			requestId: body.RequestId,
		});
		expect(aNumberState(sb).reports.has(`${GROUP}|${phoneNoA}`)).toBe(false);
	},

	'aNumberReport:getUploadPolicy': async () => {
		const sb = sandbox();
		const run = await runNode(sb, { ...A_NUMBER, operation: 'getUploadPolicy' });
		const { req, body } = single(run, 'GetDyplsOSSInfoForUploadFile');
		expect(businessParams(req)).toEqual({ BizType: 'phone_card' });
		const data = body.Data as IDataObject;
		const item = onlyItem(run);
		expect(item).toEqual({
			host: `${sb.url}/__oss/alicom-dypls-sandbox`,
			startPath: data.StartPath,
			accessKeyId: data.AccessKeyId,
			policy: data.Policy,
			signature: data.Signature,
			expireTime: data.ExpireTime,
			expiresAt: new Date(Number(data.ExpireTime) * 1000).toISOString(),
			requestId: body.RequestId,
		});
		const document = JSON.parse(Buffer.from(String(item.policy), 'base64').toString('utf8'));
		expect(document.conditions).toContainEqual([
			'starts-with',
			'$key',
			`${String(item.startPath)}/`,
		]);
		expect(Date.parse(document.expiration)).toBeGreaterThan(Date.now());
	},
});

const ossKeyReport = (extra: IDataObject = {}): IDataObject => ({
	...A_NUMBER,
	operation: 'createMobileReport',
	phoneNoA: '={{ $json.a }}',
	aNoWhiteGroupId: '={{ $json.group }}',
	documentType: 1,
	custName: CUST_NAME,
	documentNumber: '={{ $json.id }}',
	photoSource: 'ossKey',
	idCardAlivePhoto: '100001/none.png',
	...extra,
});
const reportItem = (extra: IDataObject = {}): IDataObject => ({
	a: nextPhone('137'),
	group: GROUP,
	id: ID_NUMBER,
	...extra,
});

export const aNumberReportBadRows: BadRow[] = [
	{
		name: 'Create Mobile Report: a landline as Phone No. A',
		params: ossKeyReport(),
		good: [reportItem(), reportItem()],
		bad: reportItem({ a: '057188992688' }),
		display: 'Phone No. A',
		wire: 'PhoneNoA',
		reason: /mobile number/,
	},
	{
		name: 'Create Mobile Report: A-Number Group ID with letters',
		params: ossKeyReport(),
		good: [reportItem(), reportItem()],
		bad: reportItem({ group: 'g19' }),
		display: 'A-Number Group ID',
		wire: 'ANoWhiteGroupId',
	},
	{
		name: 'Create Mobile Report: Document Number as a list (not quoted back)',
		params: ossKeyReport(),
		good: [reportItem(), reportItem()],
		bad: reportItem({ id: [ID_NUMBER] }),
		display: 'Document Number',
		wire: 'DocumentNumber',
		reason: /not shown: personal data/,
	},
	{
		name: 'Create Mobile Report: an ID front photo both as a binary field and as an OSS key',
		params: ossKeyReport({
			additionalFields: {
				frontPhotoBinaryField: '={{ $json.front }}',
				idCardFrontPhoto: '100001/front.png',
			},
		}),
		good: [reportItem({ front: '' }), reportItem({ front: '' })],
		bad: reportItem({ front: 'data' }),
		display: 'ID Front Photo (OSS Key)',
		wire: 'IdCardFrontPhoto',
		reason: /not both/,
	},
	{
		name: 'Create Landline Report: Customer Type 3',
		params: {
			...A_NUMBER,
			operation: 'createLandlineReport',
			aNoWhiteGroupId: GROUP,
			custName: CUST_NAME,
			custType: '={{ $json.type }}',
			documentNumber: ID_NUMBER,
			documentType: 1,
			fixedNoA: '057188992688',
			photoSource: 'ossKey',
			idCardAlivePhoto: '100001/none.png',
		},
		good: [{ type: 1 }, { type: '2' }],
		bad: { type: 3 },
		display: 'Customer Type',
		wire: 'CustType',
	},
	{
		name: 'Get Status: Phone No. A with letters',
		params: {
			...A_NUMBER,
			operation: 'getStatus',
			phoneNoA: '={{ $json.a }}',
			aNoWhiteGroupId: GROUP,
		},
		good: [{ a: '13800000000' }, { a: '13800000001' }],
		bad: { a: '1380000abcd' },
		display: 'Phone No. A',
		wire: 'PhoneNoA',
	},
];
