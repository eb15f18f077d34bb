/**
 * Dyplsapi's two answer envelopes: the classic `Code: "OK"`, and `Success` + `Code` + `Data` of the newer families
 * (700, fixed line, work number), where `Success: false` is a failure with its Code and Message whatever the HTTP
 * status says.
 */
import { interpretAliyun } from '../../nodes/AliyunPhoneNumberProtection/transport';

const data = { SubsId: '1000000000000001', SecretNo: '700123456789012' };

test('classic envelope: Code OK is a success, another Code a failure with Message and RequestId', () => {
	expect(interpretAliyun(200, { Code: 'OK', Message: 'OK', RequestId: 'r1' })).toMatchObject({
		ok: true,
	});
	expect(
		interpretAliyun(200, { Code: 'isv.NO_AVAILABLE_NUMBER', Message: 'none', RequestId: 'r2' }),
	).toEqual({
		ok: false,
		failure: expect.objectContaining({
			code: 'isv.NO_AVAILABLE_NUMBER',
			message: 'none',
			requestId: 'r2',
			retry: 'never',
		}),
	});
});

test.each(['OK', '200', '0000'])(
	'Success true (Code %s) with HTTP 200 is a success with Data',
	(code) => {
		const outcome = interpretAliyun(200, {
			Success: true,
			Code: code,
			Message: 'OK',
			Data: data,
			RequestId: 'r3',
		});
		expect(outcome).toEqual({ ok: true, body: expect.objectContaining({ Data: data }) });
	},
);

test.each([
	['no Code at all', 200, { Success: false, Message: 'no code' }, 'Unsuccessful'],
	[
		'HTTP 200, a business Code',
		200,
		{ Success: false, Code: 'isv.SUBS_NOT_EXIST', Message: 'gone' },
		'isv.SUBS_NOT_EXIST',
	],
	[
		'HTTP 200, Code OK but Success false',
		200,
		{ Success: false, Code: 'OK', Message: 'refused' },
		'Unsuccessful',
	],
	[
		'Success given as text',
		200,
		{ Success: 'false', Code: 'isv.INVALID', Message: 'bad' },
		'isv.INVALID',
	],
	[
		'HTTP 400 with Success true is still a failure',
		400,
		{ Success: true, Code: 'OK', Message: 'odd' },
		'Unsuccessful',
	],
])('%s: a failure with its Code and Message', (_what, status, body, code) => {
	const outcome = interpretAliyun(status, { ...body, RequestId: 'r4', AccessDeniedDetail: '' });
	expect(outcome.ok).toBe(false);
	if (outcome.ok) return;
	expect(outcome.failure).toMatchObject({
		code,
		message: body.Message,
		requestId: 'r4',
		httpCode: status,
	});
});

describe('logistics pickup: no top-level Code, Data.Success decides', () => {
	test('Data.Success true is a success', () => {
		const body = {
			RequestId: 'r5',
			HttpStatusCode: 200,
			Message: 'OK',
			Data: { Success: true, MailNo: 'SF100' },
		};
		expect(interpretAliyun(200, body)).toEqual({ ok: true, body });
	});

	test('Data.Success false is a failure with Data.ErrorCode and Data.ErrorMsg', () => {
		const outcome = interpretAliyun(200, {
			RequestId: 'r6',
			HttpStatusCode: 200,
			Data: { Success: false, ErrorCode: 'B0001', ErrorMsg: 'no courier in range' },
		});
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.failure).toMatchObject({
			code: 'B0001',
			message: 'no courier in range',
			requestId: 'r6',
		});
	});

	test('Data.Success as text, as the SDK types it: "true" succeeds, "false" fails', () => {
		const ok = { RequestId: 'r8', Data: { Success: 'true', MailNo: 'SF1' } };
		expect(interpretAliyun(200, ok)).toEqual({ ok: true, body: ok });
		const outcome = interpretAliyun(200, {
			RequestId: 'r9',
			Data: { Success: 'false', ErrorCode: 'B0002', ErrorMsg: 'no slot' },
		});
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.failure).toMatchObject({ code: 'B0002', message: 'no slot' });
	});

	test('Code OK beside Data.Success false (CancelPickUpWaybill) is a failure with Data’s error', () => {
		const outcome = interpretAliyun(200, {
			RequestId: 'r10',
			Code: 'OK',
			Message: 'OK',
			Data: { Success: false, ErrorCode: 'B0003', ErrorMsg: 'already collected' },
		});
		expect(outcome.ok).toBe(false);
		if (!outcome.ok)
			expect(outcome.failure).toMatchObject({
				code: 'B0003',
				message: 'already collected',
				requestId: 'r10',
			});
	});

	test('the work-number envelope: top-level Success decides over Data.Success', () => {
		const body = { Code: '0000', Success: true, Data: { Success: false, Code: 'x' } };
		expect(interpretAliyun(200, body).ok).toBe(true);
	});

	test('neither Code, Success nor Data.Success: unreadable', () => {
		const outcome = interpretAliyun(200, { RequestId: 'r7', Data: { MailNo: 'x' } });
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.failure.code).toBe('UnreadableResponse');
	});
});
