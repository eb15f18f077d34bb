import type { IDataObject } from 'n8n-workflow';
import type { WireParams } from '../../shared/spec';

/** Output items of the A-number report family: the ID number and the name masked, the photos as their OSS keys. */

/** 370102199001011234 → 370***********1234 (first 3 and last 4 kept; shorter numbers fully masked) */
export function maskDocumentNumber(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = String(value);
	if (text.length < 8) return '*'.repeat(text.length);
	return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
}

/** 赵某某 → 赵** (as Alibaba writes names in its examples) */
export function maskName(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const chars = [...String(value)];
	return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** FailType of a create answer: 1 created; -1 already submitted; -2 already reported successfully. */
const FAIL_TYPES: Record<string, string> = {
	'1': 'created',
	'-1': 'already submitted: no need to submit it again',
	'-2': 'already reported successfully: no need to report it again',
};

export function reportResult(body: IDataObject, params: WireParams): IDataObject {
	const data = (body.Data ?? {}) as IDataObject;
	const failType =
		data.FailType === undefined || data.FailType === null ? null : Number(data.FailType);
	const result: IDataObject = {
		created: data.CreateResult === true || data.CreateResult === 'true',
		failType,
		result:
			failType === null
				? null
				: (FAIL_TYPES[String(failType)] ?? String(body.Message ?? 'not created')),
		aNoWhiteGroupId: params.ANoWhiteGroupId ?? null,
		phoneNoA: params.PhoneNoA ?? params.FixedNoA ?? null,
		custName: maskName(params.CustName),
		documentType: params.DocumentType ?? null,
		documentNumber: maskDocumentNumber(params.DocumentNumber),
		idCardAlivePhoto: params.IdCardAlivePhoto ?? null,
		idCardFrontPhoto: params.IdCardFrontPhoto ?? null,
		idCardBackPhoto: params.IdCardBackPhoto ?? null,
		requestId: body.RequestId ?? null,
	};
	return result;
}

/** ReportResult is text in the SDK and a JSON list in the page's example: always a list of reasons here. */
export function reasons(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (value === undefined || value === null || value === '') return [];
	try {
		const parsed = JSON.parse(String(value));
		if (Array.isArray(parsed)) return parsed.map(String);
	} catch {
		// plain text
	}
	return [String(value)];
}
