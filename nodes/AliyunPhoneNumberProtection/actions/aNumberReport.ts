import type { IDataObject } from 'n8n-workflow';
import { FieldError, type OperationSpec, type WireParams } from '../../shared/spec';
import {
	aNoWhiteGroupId,
	custName,
	custPhoneNo,
	custType,
	documentNumber,
	documentType,
	fixedLineWorkId,
	fixedNoA,
	PHOTOS,
	photoFields,
	photoSource,
	remark,
	reportedMobile,
	reportedNumber,
} from './aNumberReportFields';
import { reasons, reportResult } from './aNumberReportOutput';
import { checkPhotos, readPhotos } from './aNumberReportPhotos';
import { uploadPhoto, uploadPolicy } from './aNumberUpload';
import { NOT_DOCUMENTED } from './output';

/**
 * A-number real-name reports (实际使用人报备): the actual user of an A number is reported with name, ID number and
 * photos; calls of unreported A numbers may be intercepted by the carriers. Alibaba's pages:
 * https://help.aliyun.com/zh/pnp/developer-reference/api-dyplsapi-2017-05-25-createphonenoareport and beside it.
 * Answers carry Success + Code + Data. The ID number and the name leave the node masked.
 */

const resource = 'aNumberReport';

const MOBILE = /^1[3-9]\d{9}$/;

const apiActionOf = (params: WireParams) =>
	params.FixedNoA === undefined ? 'CreatePhoneNoAReport' : 'CreateFixedNoAReport';

const createReport = {
	resource,
	kind: 'create',
	validate: (params, _convert, controls, item) => {
		if (params.PhoneNoA !== undefined && !MOBILE.test(String(params.PhoneNoA))) {
			throw new FieldError(
				reportedMobile.displayName,
				'PhoneNoA',
				'must be a mainland mobile number (11 digits, 1…); report a landline with Create Landline Report',
			);
		}
		for (const photo of PHOTOS) {
			if (controls[photo.control] !== undefined && params[photo.wire] !== undefined) {
				const reason = `give the ${photo.label.toLowerCase()} as a binary field or as an OSS key, not both`;
				throw new FieldError(`${photo.label} (OSS Key)`, photo.wire, reason);
			}
		}
		checkPhotos(controls, item);
	},
	run: async (ctx, params, controls) => {
		const request: WireParams = { ...params };
		const execution = ctx.execution;
		const files = execution ? checkPhotos(controls, { execution, itemIndex: ctx.itemIndex }) : [];
		if (execution && files.length) {
			const buffers = await readPhotos(execution, ctx.itemIndex, files);
			const policy = await uploadPolicy(ctx, execution);
			for (const [index, file] of files.entries()) {
				request[file.wire] = await uploadPhoto(execution, policy, file, buffers[index]);
			}
		}
		for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
		// Not a blind re-send: Alibaba answers a repeated report with FailType -1 (already submitted).
		const body = await ctx.call({
			action: apiActionOf(request),
			params: request,
			kind: 'create',
			idempotent: true,
		});
		return reportResult(body, request);
	},
} satisfies Partial<OperationSpec>;

const QUERY_FIELDS = [reportedNumber, aNoWhiteGroupId];

export const aNumberReportOperations: OperationSpec[] = [
	{
		...createReport,
		value: 'createMobileReport',
		name: 'Create Mobile Report',
		action: 'Report the actual user of a mobile A number',
		description:
			'Submit the real-name report of a mobile A number (CreatePhoneNoAReport): name, ID number and photos, ' +
			'uploaded from binary fields or given as OSS keys',
		apiAction: 'CreatePhoneNoAReport',
		maxRps: 50,
		fields: [
			reportedMobile,
			aNoWhiteGroupId,
			documentType,
			custName,
			documentNumber,
			photoSource,
			...photoFields,
			remark,
		],
	},
	{
		...createReport,
		value: 'createLandlineReport',
		name: 'Create Landline Report',
		action: 'Report the actual user of a landline A number',
		description:
			'Submit the real-name report of a landline A number (CreateFixedNoAReport): legal person or agent, ID ' +
			'number and photos',
		apiAction: 'CreateFixedNoAReport',
		maxRps: 100,
		maxRpsSource: NOT_DOCUMENTED,
		fields: [
			aNoWhiteGroupId,
			custName,
			custPhoneNo,
			custType,
			documentNumber,
			documentType,
			fixedLineWorkId,
			fixedNoA,
			photoSource,
			...photoFields,
			remark,
		],
	},
	{
		resource,
		value: 'getStatus',
		name: 'Get Status',
		action: 'Get the review status of an A-number report',
		description:
			'Read the status of a report (QuerySecretAPhoneNoToCust): REVIEWING, PASS or FAIL, and why',
		apiAction: 'QuerySecretAPhoneNoToCust',
		kind: 'read',
		maxRps: 100,
		maxRpsSource: NOT_DOCUMENTED,
		fields: QUERY_FIELDS,
		output: (body) => {
			const data = (body.Data ?? {}) as IDataObject;
			return {
				aNoWhiteGroupId: data.ANoWhiteGroupId === undefined ? null : String(data.ANoWhiteGroupId),
				phoneNoA: data.PhoneNoA ?? null,
				noType: data.NoType ?? null,
				reportStatus: data.ReportStatus ?? null,
				reportResult: reasons(data.ReportResult),
				custPhoneNo: data.CustPhoneNo ?? null,
				remark: data.Remark ?? null,
				requestId: body.RequestId ?? null,
			};
		},
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete an A-number report',
		description:
			'Delete a passed or failed report (DeleteSecretAPhoneNoToCust); one under review cannot be deleted. The ' +
			'carriers may then block calls of the number.',
		apiAction: 'DeleteSecretAPhoneNoToCust',
		kind: 'idempotent',
		maxRps: 100,
		maxRpsSource: NOT_DOCUMENTED,
		fields: QUERY_FIELDS,
		output: (body, params) => ({
			deleted: body.Data !== false && body.Data !== 'false',
			aNoWhiteGroupId: params.ANoWhiteGroupId ?? null,
			phoneNoA: params.PhoneNoA ?? null,
			requestId: body.RequestId ?? null,
		}),
	},
	{
		resource,
		value: 'getUploadPolicy',
		name: 'Get Upload Policy',
		action: 'Get the OSS upload policy for report photos',
		description:
			'Get the OSS PostObject policy for uploading report photos yourself (GetDyplsOSSInfoForUploadFile); ' +
			'the report operations do this by themselves for binary input',
		apiAction: 'GetDyplsOSSInfoForUploadFile',
		kind: 'read',
		maxRps: 100,
		maxRpsSource: NOT_DOCUMENTED,
		fields: [],
		fixed: { BizType: 'phone_card' },
		output: (body) => {
			const data = (body.Data ?? {}) as IDataObject;
			const seconds = Number(data.ExpireTime);
			return {
				host: data.Host ?? null,
				startPath: data.StartPath === undefined ? null : String(data.StartPath),
				accessKeyId: data.AccessKeyId ?? null,
				policy: data.Policy ?? null,
				signature: data.Signature ?? null,
				expireTime: data.ExpireTime === undefined ? null : String(data.ExpireTime),
				expiresAt: Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null,
				requestId: body.RequestId ?? null,
			};
		},
	},
];
