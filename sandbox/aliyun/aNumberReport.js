'use strict';
/*
 * A-number real-name reporting (A号码报备) and its OSS upload policy, plus the emulated OSS bucket the photos are
 * posted to (PostObject, multipart/form-data, V1 policy signature). Reports keep a masked copy of the name and the
 * ID number only. Alibaba's pages:
 * https://help.aliyun.com/zh/pnp/developer-reference/api-dyplsapi-2017-05-25-createphonenoareport (and beside it)
 * https://help.aliyun.com/zh/pnp/api-submit-a-number-mobile-phone-number-personal-real-name-information
 */

const crypto = require('node:crypto');
const { BizError, invalidParameters } = require('./errors');
const { checkPhone } = require('./params');
const { randomHex } = require('../util');

/** The sandbox's A-number whitelist groups (the IDs of Alibaba's examples). */
const A_NUMBER_GROUPS = ['12', '19', '51', '58'];
const OSS_BUCKET = 'alicom-dypls-sandbox';
const OSS_PATH = '/__oss';
/** The bucket's own key pair: the sandbox signs policies with it, the node never sees the secret. */
const OSS_ACCESS_KEY_ID = 'LTAI5tSandboxOss0001';
const OSS_SECRET = 'sandboxOssSecret0001';
const POLICY_TTL_SECONDS = 1800;
/** As in Alibaba's example policy: 0 to 1,048,576,000 bytes. */
const CONTENT_LENGTH_RANGE = [0, 1048576000];
const MAX_OSS_BODY_BYTES = 10 * 1024 * 1024;
const MOBILE = /^1[3-9]\d{9}$/;
const PHOTO_PARAMS = ['IdCardAlivePhoto', 'IdCardFrontPhoto', 'IdCardBackPhoto'];

/** The family's state, created on first use (a reset drops it with the rest of state.aliyun). */
function aNumberState(aliyun) {
	if (!aliyun.aNumber) {
		aliyun.aNumber = {
			/** `${ANoWhiteGroupId}|${number}` -> report (masked name and ID number) */
			reports: new Map(),
			/** object key -> { key, bytes, size, contentType, owner, uploadedAt, fields } */
			objects: new Map(),
			/** account -> StartPath */
			startPaths: new Map(),
			policyTtlSeconds: POLICY_TTL_SECONDS,
		};
	}
	return aliyun.aNumber;
}

const maskNumber = (text) =>
	text.length < 8
		? '*'.repeat(text.length)
		: `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
const maskName = (text) => {
	const chars = [...text];
	return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

function startPathOf(family, account) {
	if (!family.startPaths.has(account))
		family.startPaths.set(account, String(100001 + family.startPaths.size));
	return family.startPaths.get(account);
}

const signPolicy = (policy) =>
	crypto.createHmac('sha1', OSS_SECRET).update(policy, 'utf8').digest('base64');

function checkGroup(params) {
	if (!/^\d+$/.test(String(params.ANoWhiteGroupId)))
		throw invalidParameters('ANoWhiteGroupId is illegal');
	if (!A_NUMBER_GROUPS.includes(String(params.ANoWhiteGroupId)))
		throw invalidParameters('号码组不存在');
}

function checkPhotos(family, params, account) {
	for (const name of PHOTO_PARAMS) {
		const key = params[name];
		if (key === undefined || key === '') continue;
		const object = family.objects.get(key);
		if (!object || object.owner !== account) throw invalidParameters(`${name} 文件不存在: ${key}`);
	}
}

/** Checks and stores a report (masked); an existing one under review or passed is not replaced. */
function createReport(params, ctx, number, noType) {
	const family = aNumberState(ctx.aliyun);
	checkGroup(params);
	if (String(params.DocumentType) !== '1')
		throw invalidParameters('DocumentType 仅支持 1 (身份证)');
	checkPhotos(family, params, ctx.account.owner);
	const key = `${params.ANoWhiteGroupId}|${number}`;
	const existing = family.reports.get(key);
	if (existing && existing.owner === ctx.account.owner && existing.reportStatus !== 'FAIL') {
		const failType = existing.reportStatus === 'PASS' ? -2 : -1;
		const message =
			failType === -2 ? '该号码已报备成功,无需再次报备' : '该号码已经提交报备,无需再次提交报备';
		return { Code: '200', Message: message, Data: { CreateResult: false, FailType: failType } };
	}
	if (existing && existing.owner !== ctx.account.owner) throw invalidParameters('号码组不存在');
	family.reports.set(key, {
		owner: ctx.account.owner,
		aNoWhiteGroupId: String(params.ANoWhiteGroupId),
		phoneNoA: number,
		noType,
		custName: maskName(String(params.CustName)),
		documentType: String(params.DocumentType),
		documentNumber: maskNumber(String(params.DocumentNumber)),
		custType: params.CustType === undefined ? null : String(params.CustType),
		custPhoneNo: params.CustPhoneNo || null,
		fixedLineWorkId: params.FixedLineWorkId || null,
		remark: params.Remark || null,
		photos: Object.fromEntries(
			PHOTO_PARAMS.filter((name) => params[name]).map((name) => [name, params[name]]),
		),
		reportStatus: 'REVIEWING',
		reportResult: [],
		createdAt: ctx.now,
	});
	return { Code: '200', Message: 'OK', Data: { CreateResult: true, FailType: 1 } };
}

function findReport(params, ctx) {
	checkGroup(params);
	checkPhone(params.PhoneNoA, 'PhoneNoA');
	const family = aNumberState(ctx.aliyun);
	const key = `${params.ANoWhiteGroupId}|${params.PhoneNoA}`;
	const report = family.reports.get(key);
	if (!report || report.owner !== ctx.account.owner)
		throw new BizError('isv.NO_NOT_EXIST', 'A号码报备记录不存在');
	return { family, key, report };
}

/** Action → { required, qps, envelope } (see index.js). */
const aNumberReportActions = {
	CreatePhoneNoAReport: {
		required: [
			'PhoneNoA',
			'ANoWhiteGroupId',
			'DocumentType',
			'CustName',
			'DocumentNumber',
			'IdCardAlivePhoto',
		],
		qps: 50,
		envelope: 'success',
	},
	CreateFixedNoAReport: {
		required: [
			'ANoWhiteGroupId',
			'CustName',
			'CustType',
			'DocumentNumber',
			'DocumentType',
			'FixedNoA',
			'IdCardAlivePhoto',
		],
		qps: null,
		envelope: 'success',
	},
	QuerySecretAPhoneNoToCust: {
		required: ['PhoneNoA', 'ANoWhiteGroupId'],
		qps: null,
		envelope: 'success',
	},
	DeleteSecretAPhoneNoToCust: {
		required: ['PhoneNoA', 'ANoWhiteGroupId'],
		qps: null,
		envelope: 'success',
	},
	GetDyplsOSSInfoForUploadFile: { required: ['BizType'], qps: null, envelope: 'success' },
};

/** Action → (params, ctx) → response fields. */
const aNumberReportHandlers = {
	CreatePhoneNoAReport(params, ctx) {
		if (!MOBILE.test(params.PhoneNoA)) {
			throw new BizError(
				'isv.MOBILE_NUMBER_ILLEGAL',
				`PhoneNoA is not a mobile number: ${params.PhoneNoA}`,
			);
		}
		return createReport(params, ctx, params.PhoneNoA, 'Mobile');
	},
	CreateFixedNoAReport(params, ctx) {
		checkPhone(params.FixedNoA, 'FixedNoA');
		checkPhone(params.CustPhoneNo, 'CustPhoneNo');
		if (!['1', '2'].includes(String(params.CustType)))
			throw invalidParameters('CustType must be 1 or 2');
		return createReport(params, ctx, params.FixedNoA, 'Fixed');
	},
	QuerySecretAPhoneNoToCust(params, ctx) {
		const { report } = findReport(params, ctx);
		return {
			Code: '200',
			Data: {
				ANoWhiteGroupId: report.aNoWhiteGroupId,
				PhoneNoA: report.phoneNoA,
				NoType: report.noType,
				CustPhoneNo: report.custPhoneNo ?? '',
				Remark: report.remark ?? '',
				ReportStatus: report.reportStatus,
				// text in the SDK model: a JSON list of reasons
				ReportResult: JSON.stringify(report.reportResult),
			},
		};
	},
	DeleteSecretAPhoneNoToCust(params, ctx) {
		const { family, key, report } = findReport(params, ctx);
		if (report.reportStatus === 'REVIEWING') {
			throw new BizError('isv.FORBIDDEN_ACTION', '审核中的A号码报备信息不支持删除');
		}
		family.reports.delete(key);
		return { Code: '200', Data: true };
	},
	GetDyplsOSSInfoForUploadFile(params, ctx) {
		if (params.BizType !== 'phone_card')
			throw invalidParameters(`BizType must be phone_card: ${params.BizType}`);
		const family = aNumberState(ctx.aliyun);
		const startPath = startPathOf(family, ctx.account.owner);
		const expireAt = ctx.now + family.policyTtlSeconds * 1000;
		const document = {
			expiration: new Date(expireAt).toISOString(),
			conditions: [
				['content-length-range', ...CONTENT_LENGTH_RANGE],
				{ bucket: OSS_BUCKET },
				['starts-with', '$key', `${startPath}/`],
			],
		};
		const policy = Buffer.from(JSON.stringify(document), 'utf8').toString('base64');
		return {
			Data: {
				AccessKeyId: OSS_ACCESS_KEY_ID,
				Policy: policy,
				Signature: signPolicy(policy),
				Host: `${ctx.baseUrl}${OSS_PATH}/${OSS_BUCKET}`,
				StartPath: startPath,
				ExpireTime: String(Math.floor(expireAt / 1000)),
			},
		};
	},
};

/* ---------- the emulated OSS bucket: PostObject ---------- */

const isOssPath = (pathname) => pathname === OSS_PATH || pathname.startsWith(`${OSS_PATH}/`);

const escapeXml = (text) =>
	String(text).replace(
		/[<>&"]/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c],
	);

class OssError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

function sendXml(res, status, xml, requestId, extra = {}) {
	const bytes = Buffer.from(xml, 'utf8');
	const headers = { 'x-oss-request-id': requestId, 'content-length': bytes.length, ...extra };
	if (bytes.length) headers['content-type'] = 'application/xml';
	res.writeHead(status, headers);
	res.end(bytes);
}

function readOssBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_OSS_BODY_BYTES) {
				req.removeAllListeners('data');
				req.resume();
				reject(
					new OssError(
						400,
						'EntityTooLarge',
						'Your proposed upload exceeds the maximum allowed size.',
					),
				);
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The parts of a multipart/form-data body: [{ name, filename, contentType, content }], or null when malformed. */
function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	const separator = Buffer.from(`\r\n--${boundary}`);
	const parts = [];
	let start = body.indexOf(delimiter);
	if (start !== 0) return null;
	start += delimiter.length;
	for (;;) {
		const tail = body.subarray(start, start + 2).toString('latin1');
		if (tail === '--') return parts;
		if (tail !== '\r\n') return null;
		const next = body.indexOf(separator, start + 2);
		if (next === -1) return null;
		const part = body.subarray(start + 2, next);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd === -1) return null;
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
		if (!disposition) return null;
		parts.push({
			name: /\bname="([^"]*)"/i.exec(disposition[1])?.[1] ?? '',
			filename: /\bfilename="([^"]*)"/i.exec(disposition[1])?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
			content: Buffer.from(part.subarray(headerEnd + 4)),
		});
		start = next + separator.length;
	}
}

function policyFailed(condition) {
	return new OssError(
		403,
		'AccessDenied',
		`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
	);
}

/** The policy's expiry and conditions against the form (names case-insensitive) and the file size. */
function checkPolicy(document, form, size, bucket, now) {
	const expiration = Date.parse(document.expiration);
	if (!Number.isFinite(expiration))
		throw new OssError(400, 'InvalidPolicyDocument', 'Invalid Policy: expiration');
	if (expiration <= now)
		throw new OssError(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
	const valueOf = (field) =>
		field === 'bucket' ? bucket : form[String(field).replace(/^\$/, '').toLowerCase()];
	for (const condition of document.conditions || []) {
		if (Array.isArray(condition)) {
			const [op, field, value] = condition;
			const ok =
				op === 'content-length-range'
					? size >= Number(field) && size <= Number(value)
					: op === 'starts-with'
						? String(valueOf(field) ?? '').startsWith(String(value))
						: op === 'eq'
							? String(valueOf(field) ?? '') === String(value)
							: false;
			if (!ok) throw policyFailed(condition);
		} else if (condition && typeof condition === 'object') {
			for (const [field, value] of Object.entries(condition)) {
				if (String(valueOf(field) ?? '') !== String(value)) throw policyFailed(condition);
			}
		}
	}
}

function ownerOf(family, key) {
	for (const [account, startPath] of family.startPaths)
		if (key.startsWith(`${startPath}/`)) return account;
	return null;
}

function storeUpload(internals, pathname, req, body) {
	const bucket = pathname.slice(OSS_PATH.length + 1).replace(/\/+$/, '');
	if (bucket !== OSS_BUCKET)
		throw new OssError(404, 'NoSuchBucket', 'The specified bucket does not exist.');
	if (req.method !== 'POST')
		throw new OssError(405, 'MethodNotAllowed', 'The specified method is not allowed.');
	const boundary = /^multipart\/form-data;.*\bboundary=("?)([^";]+)\1/i.exec(
		String(req.headers['content-type'] || ''),
	);
	if (!boundary)
		throw new OssError(
			400,
			'InvalidArgument',
			'The body of your POST request is not well-formed multipart/form-data.',
		);
	const parts = parseMultipart(body, boundary[2]);
	if (!parts)
		throw new OssError(
			400,
			'MalformedPOSTRequest',
			'The body of your POST request is not well-formed multipart/form-data.',
		);
	const fileIndex = parts.findIndex((part) => part.name === 'file');
	if (fileIndex === -1)
		throw new OssError(
			400,
			'InvalidArgument',
			'The file form field is missing (it must be the last one).',
		);
	const form = {};
	// fields after the file are ignored, as OSS does
	for (const part of parts.slice(0, fileIndex))
		form[part.name.toLowerCase()] = part.content.toString('utf8');
	const file = parts[fileIndex];
	if (!form.key) throw new OssError(400, 'InvalidArgument', 'The key form field is missing.');
	if (!form.policy || !form.ossaccesskeyid || !form.signature) {
		throw new OssError(403, 'AccessDenied', 'Anonymous access is forbidden for this operation.');
	}
	if (form.ossaccesskeyid !== OSS_ACCESS_KEY_ID) {
		throw new OssError(
			403,
			'InvalidAccessKeyId',
			'The OSS Access Key Id you provided does not exist in our records.',
		);
	}
	const expected = Buffer.from(signPolicy(form.policy));
	const given = Buffer.from(form.signature);
	if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
		throw new OssError(
			403,
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided.',
		);
	}
	let document;
	try {
		document = JSON.parse(Buffer.from(form.policy, 'base64').toString('utf8'));
	} catch {
		throw new OssError(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
	}
	const now = Date.now();
	checkPolicy(document, form, file.content.length, bucket, now);
	const family = aNumberState(internals.state.aliyun);
	family.objects.set(form.key, {
		key: form.key,
		bytes: file.content,
		size: file.content.length,
		contentType: file.contentType || null,
		owner: ownerOf(family, form.key),
		uploadedAt: now,
		fields: parts.map((part) => part.name),
	});
	return {
		key: form.key,
		etag: crypto.createHash('md5').update(file.content).digest('hex').toUpperCase(),
		form,
	};
}

/** POST <Host> (= <base>/__oss/<bucket>): PostObject; answers success_action_status (200, 201) or 204. */
async function handleOssRequest(internals, req, res, pathname) {
	const requestId = randomHex(12).toUpperCase();
	try {
		const body = await readOssBody(req);
		const { key, etag, form } = storeUpload(internals, pathname, req, body);
		const status = ['200', '201'].includes(form.success_action_status)
			? Number(form.success_action_status)
			: 204;
		const location = `${internals.baseUrl}${pathname}/${encodeURI(key)}`;
		const xml =
			status === 201
				? `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Bucket>${OSS_BUCKET}</Bucket>` +
					`<Location>${escapeXml(location)}</Location><Key>${escapeXml(key)}</Key><ETag>"${etag}"</ETag></PostResponse>`
				: '';
		sendXml(res, status, xml, requestId, { etag: `"${etag}"` });
	} catch (error) {
		if (!(error instanceof OssError)) throw error;
		const xml =
			`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${error.code}</Code>\n` +
			`  <Message>${escapeXml(error.message)}</Message>\n  <RequestId>${requestId}</RequestId>\n` +
			`  <HostId>${OSS_BUCKET}.oss-sandbox.local</HostId>\n</Error>\n`;
		sendXml(res, error.status, xml, requestId);
	}
}

module.exports = {
	aNumberReportActions,
	aNumberReportHandlers,
	isOssPath,
	handleOssRequest,
	A_NUMBER_GROUPS,
	OSS_BUCKET,
};
