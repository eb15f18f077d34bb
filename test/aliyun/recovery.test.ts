import type { IDataObject } from 'n8n-workflow';
import { ProviderCallError } from '../../nodes/shared/provider';
import type { ProviderRequest } from '../../nodes/shared/spec';
import { aliyunProvider } from '../../nodes/AliyunPhoneNumberProtection/transport';

const AXB_POOL = ['FC', '100000000000001'].join('');

/** What the bind recovery concludes from the lookups it makes after a bind whose answer was lost. */
const bind: ProviderRequest = {
	action: 'BindAxb',
	kind: 'create',
	params: {
		PoolKey: AXB_POOL,
		PhoneNoA: '13800000001',
		PhoneNoB: '13900000001',
		PhoneNoX: '17001000000',
	},
};

const recover = async (call: (request: ProviderRequest) => Promise<IDataObject>) =>
	await aliyunProvider.recoverCreate!(call, bind);

/** A call answered with `code`, as the executor's sender does it: a look-up's "not found" codes resolve. */
const fail = (code: string) => async (request: ProviderRequest) => {
	if (request.notFoundCodes?.includes(code)) return { notFound: code };
	throw new ProviderCallError({ code, message: code, retry: 'never' });
};

test(
	'no binding at all on X (isv.SUBS_NOT_EXIST) means the lost bind was ' +
		'not created: safe to send again',
	async () => {
		expect(await recover(fail('isv.SUBS_NOT_EXIST'))).toEqual({ state: 'notCreated' });
	},
);

test('any other lookup failure leaves the outcome unknown', async () => {
	expect(await recover(fail('Throttling.User'))).toMatchObject({ state: 'unknown' });
});

test('a live binding of the same A and B on X is the lost bind', async () => {
	const call = async (request: ProviderRequest): Promise<IDataObject> =>
		request.action === 'QuerySubsId'
			? { SubsId: '1000000000000009' }
			: {
					RequestId: 'R',
					SecretBindDetailDTO: {
						SubsId: '1000000000000009',
						PhoneNoA: '13800000001',
						PhoneNoB: '13900000001',
						Status: 1,
					},
				};
	expect(await recover(call)).toMatchObject({
		state: 'created',
		body: { SecretBindDTO: { SubsId: '1000000000000009', SecretNo: '17001000000' } },
	});
});

test('bindings of other numbers on X mean it was not created', async () => {
	const call = async (request: ProviderRequest): Promise<IDataObject> =>
		request.action === 'QuerySubsId'
			? { SubsId: '1000000000000009' }
			: {
					SecretBindDetailDTO: {
						SubsId: '1000000000000009',
						PhoneNoA: '13800000777',
						PhoneNoB: '13900000777',
						Status: 1,
					},
				};
	expect(await recover(call)).toEqual({ state: 'notCreated' });
});
