import { startSandbox, type Sandbox } from '../../sandbox';
import { aliCall, chinaTime, type AliBody, type AliCreds, type HttpResult } from './client';

let sb: Sandbox;
let creds: AliCreds;
const AXB = 'FC100000000000001';
const AXN = 'FC100000000000002';
const AXG = 'FC100000000000003';
const NO_POOL = 'FC999999999999999';
const inOneHour = (): string => chinaTime(Date.now() + 3600 * 1000);

async function call(action: string, biz: Record<string, string>): Promise<HttpResult<AliBody>> {
	return aliCall(sb.url, creds, action, biz);
}

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
	creds = sb.credentials.aliyun;
});

beforeEach(() => sb.reset());

afterAll(async () => {
	await sb.stop();
});

describe('Alibaba state transitions', () => {
	it('bind -> update (updateExpire) -> query -> unbind -> query gives isv.SUBS_NOT_EXIST', async () => {
		const bind = await call('BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			Expiration: inOneHour(),
			ExpectCity: '北京',
			IsRecordingEnabled: 'true',
			OutOrderId: 'order-1',
		});
		expect(bind.status).toBe(200);
		expect(bind.body.Code).toBe('OK');
		const dto = bind.body.SecretBindDTO;
		expect(dto?.SubsId).toMatch(/^\d{16}$/);
		expect(typeof dto?.SubsId).toBe('string');
		expect(sb.state.aliyun.pools.get(AXB)?.numbers.get(dto?.SecretNo ?? '').city).toBe('北京');
		const x = dto?.SecretNo ?? '';
		const subs = dto?.SubsId ?? '';

		const newExpiry = chinaTime(Date.now() + 48 * 3600 * 1000);
		const upd = await call('UpdateSubscription', {
			PoolKey: AXB,
			SubsId: subs,
			PhoneNoX: x,
			OperateType: 'updateExpire',
			Expiration: newExpiry,
		});
		expect(upd.body).toEqual({ RequestId: expect.any(String), Code: 'OK', Message: 'OK' });

		const q = await call('QuerySubscriptionDetail', { PoolKey: AXB, SubsId: subs, PhoneNoX: x });
		expect(q.body.Code).toBe('OK');
		expect(q.body.SecretBindDetailDTO).toMatchObject({
			SubsId: subs,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			PhoneNoX: x,
			ExpireDate: newExpiry,
			Status: 1,
			NeedRecord: true,
		});
		expect(q.body.SecretBindDetailDTO?.GmtCreate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(q.body.SecretBindDetailDTO?.CallRestrict).toBeUndefined();

		const wrongX = await call('UnbindSubscription', {
			PoolKey: AXB,
			SubsId: subs,
			SecretNo: '17001000019',
		});
		expect(wrongX.body.Code).toBe('isv.SUBS_NOT_EXIST');
		const un = await call('UnbindSubscription', { PoolKey: AXB, SubsId: subs, SecretNo: x });
		expect(un.body.Code).toBe('OK');
		const gone = await call('QuerySubscriptionDetail', { PoolKey: AXB, SubsId: subs, PhoneNoX: x });
		expect(gone.status).toBe(200);
		expect(gone.body.Code).toBe('isv.SUBS_NOT_EXIST');
		const again = await call('UnbindSubscription', { PoolKey: AXB, SubsId: subs, SecretNo: x });
		expect(again.body.Code).toBe('isv.SUBS_NOT_EXIST');
		expect(sb.stats().binds.byOutOrderId['order-1']).toBe(1);
	});

	it('supports every UpdateSubscription OperateType and requires its parameter', async () => {
		const g = await call('BindAxg', {
			PoolKey: AXG,
			PhoneNoA: '13800000000',
			PhoneNoB: '13800000001',
			GroupId: '1000001',
			Expiration: inOneHour(),
		});
		expect(g.body.Code).toBe('OK');
		const base = {
			PoolKey: AXG,
			SubsId: g.body.SecretBindDTO?.SubsId ?? '',
			PhoneNoX: g.body.SecretBindDTO?.SecretNo ?? '',
		};
		const cases: Array<[string, Record<string, string>]> = [
			['updateNoA', { PhoneNoA: '13700000000' }],
			['updateNoB', { PhoneNoB: '13800000002' }],
			['updateExpire', { Expiration: chinaTime(Date.now() + 7200 * 1000) }],
			['updateAxgGroup', { GroupId: '1000002' }],
			['updateCallRestrict', { CallRestrict: 'CONTROL_BX_DISABLE' }],
			['updateCallDisplayType', { CallDisplayType: '1' }],
			['updateOutId', { OutId: 'new-out-id' }],
			['updateIsRecordingEnabled', { IsRecordingEnabled: 'true' }],
		];
		for (const [op, extra] of cases) {
			const missing = await call('UpdateSubscription', { ...base, OperateType: op });
			expect([op, missing.body.Code]).toEqual([op, 'isv.INVALID_PARAMETERS']);
			const ok = await call('UpdateSubscription', { ...base, OperateType: op, ...extra });
			expect([op, ok.body.Code]).toEqual([op, 'OK']);
		}
		let d = (await call('QuerySubscriptionDetail', base)).body.SecretBindDetailDTO;
		expect(d).toMatchObject({
			PhoneNoA: '13700000000',
			PhoneNoB: '13800000002',
			GroupId: 1000002,
			CallRestrict: 'CONTROL_BX_DISABLE',
			NeedRecord: true,
		});
		expect(sb.state.aliyun.bindings.get(base.SubsId).outId).toBe('new-out-id');
		await call('UpdateSubscription', {
			...base,
			OperateType: 'updateCallRestrict',
			CallRestrict: 'CONTROL_CLEAR_DISABLE',
		});
		d = (await call('QuerySubscriptionDetail', base)).body.SecretBindDetailDTO;
		expect(d?.CallRestrict).toBeUndefined();
		const bogus = await call('UpdateSubscription', { ...base, OperateType: 'updateEverything' });
		expect(bogus.body.Code).toBe('isv.INVALID_PARAMETERS');
		const pastExpiry = await call('UpdateSubscription', {
			...base,
			OperateType: 'updateExpire',
			Expiration: chinaTime(Date.now() + 30 * 1000),
		});
		expect(pastExpiry.body.Code).toBe('isv.EXPIRE_DATE_ILLEGAL');
	});

	it('expired bindings show Status 0 and refuse updates with isv.FORBIDDEN_ACTION', async () => {
		const b = await call('BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			Expiration: inOneHour(),
		});
		const subs = b.body.SecretBindDTO?.SubsId ?? '';
		const x = b.body.SecretBindDTO?.SecretNo ?? '';
		sb.state.aliyun.bindings.get(subs).expireAt = Date.now() - 1000;
		const q = await call('QuerySubscriptionDetail', { PoolKey: AXB, SubsId: subs, PhoneNoX: x });
		expect(q.body.SecretBindDetailDTO?.Status).toBe(0);
		const u = await call('UpdateSubscription', {
			PoolKey: AXB,
			SubsId: subs,
			PhoneNoX: x,
			OperateType: 'updateNoB',
			PhoneNoB: '13900000009',
		});
		expect(u.body.Code).toBe('isv.FORBIDDEN_ACTION');
		// the expired binding no longer blocks the same A/B on that X
		const again = await call('BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			PhoneNoX: x,
			Expiration: inOneHour(),
		});
		expect(again.body.Code).toBe('OK');
	});

	it('validates numbers, expiration, pool key and pool type', async () => {
		const cases: Array<[string, Record<string, string>, string]> = [
			[
				'BindAxb',
				{
					PoolKey: AXB,
					PhoneNoA: '138-0000-0000',
					PhoneNoB: '13900000000',
					Expiration: inOneHour(),
				},
				'isv.MOBILE_NUMBER_ILLEGAL',
			],
			[
				'BindAxb',
				{
					PoolKey: AXB,
					PhoneNoA: '13800000000',
					PhoneNoB: '13900000000',
					Expiration: '2024-13-01 00:00:00',
				},
				'isv.EXPIRE_DATE_ILLEGAL',
			],
			[
				'BindAxb',
				{
					PoolKey: AXB,
					PhoneNoA: '13800000000',
					PhoneNoB: '13900000000',
					Expiration: chinaTime(Date.now() + 20 * 1000),
				},
				'isv.EXPIRE_DATE_ILLEGAL',
			],
			[
				'BindAxb',
				{
					PoolKey: AXB,
					PhoneNoA: '13800000000',
					Expiration: new Date(Date.now() + 7200e3).toISOString(),
				},
				'isv.EXPIRE_DATE_ILLEGAL',
			],
			[
				'BindAxb',
				{ PoolKey: NO_POOL, PhoneNoA: '13800000000', Expiration: inOneHour() },
				'isv.POOLKEY_NOT_EXISTS',
			],
			[
				'BindAxg',
				{ PoolKey: AXB, PhoneNoA: '13800000000', GroupId: '1000001', Expiration: inOneHour() },
				'isv.FORBIDDEN_ACTION',
			],
			[
				'BindAxn',
				{ PoolKey: AXB, PhoneNoA: '13800000000', Expiration: inOneHour() },
				'isv.FORBIDDEN_ACTION',
			],
			[
				'BindAxb',
				{ PoolKey: AXB, PhoneNoA: '13800000000', PhoneNoX: '17002000000', Expiration: inOneHour() },
				'isv.FORBIDDEN_ACTION',
			],
			[
				'BindAxnExtension',
				{ PoolKey: AXN, PhoneNoA: '13800000000', Extension: '12', Expiration: inOneHour() },
				'isv.INVALID_PARAMETERS',
			],
			[
				'BindAxnExtension',
				{
					PoolKey: AXN,
					PhoneNoA: '13800000000',
					PhoneNoX: '17002000005',
					Extension: '1234',
					Expiration: inOneHour(),
				},
				'isv.INVALID_PARAMETERS',
			],
			[
				'BindAxg',
				{ PoolKey: AXG, PhoneNoA: '13800000000', GroupId: '42', Expiration: inOneHour() },
				'isv.INVALID_PARAMETERS',
			],
			['CreateAxgGroup', { PoolKey: AXB, Name: 'x' }, 'isv.FORBIDDEN_ACTION'],
		];
		for (const [action, biz, code] of cases) {
			const r = await call(action, biz);
			expect([action, JSON.stringify(biz), r.status, r.body.Code]).toEqual([
				action,
				JSON.stringify(biz),
				200,
				code,
			]);
			expect(r.body.Message).toBeTruthy();
		}
	});

	it(
		'reports isv.BIND_CONFLICT on a given X and picks another X otherwise; ' +
			'honours ExpectCity and exhaustion',
		async () => {
			const first = await call('BindAxb', {
				PoolKey: AXB,
				PhoneNoA: '13800000000',
				PhoneNoB: '13900000000',
				Expiration: inOneHour(),
				ExpectCity: '上海',
			});
			const x = first.body.SecretBindDTO?.SecretNo ?? '';
			expect(sb.state.aliyun.pools.get(AXB)?.numbers.get(x).city).toBe('上海');
			const conflict = await call('BindAxb', {
				PoolKey: AXB,
				PhoneNoA: '13800000000',
				PhoneNoB: '13700000000',
				PhoneNoX: x,
				Expiration: inOneHour(),
			});
			expect(conflict.body.Code).toBe('isv.BIND_CONFLICT');
			const other = await call('BindAxb', {
				PoolKey: AXB,
				PhoneNoA: '13800000000',
				PhoneNoB: '13700000000',
				Expiration: inOneHour(),
				ExpectCity: '上海',
			});
			expect(other.body.Code).toBe('OK');
			expect(other.body.SecretBindDTO?.SecretNo).not.toBe(x);
			// a different pair can share X
			const share = await call('BindAxb', {
				PoolKey: AXB,
				PhoneNoA: '13500000000',
				PhoneNoB: '13600000000',
				PhoneNoX: x,
				Expiration: inOneHour(),
			});
			expect(share.body.Code).toBe('OK');

			// AXN: X is exclusive to one A -> the 61st binding exhausts the 60-number pool
			for (let i = 0; i < 60; i++) {
				const r = await call('BindAxn', {
					PoolKey: AXN,
					PhoneNoA: `1380000${String(i).padStart(4, '0')}`,
					Expiration: inOneHour(),
				});
				expect(r.body.Code).toBe('OK');
			}
			const none = await call('BindAxn', {
				PoolKey: AXN,
				PhoneNoA: '13899999999',
				Expiration: inOneHour(),
			});
			expect(none.body.Code).toBe('isv.NO_AVAILABLE_NUMBER');
			const remaining = await call('QuerySecretNoDetail', {
				PoolKey: AXN,
				SecretNo: '17002000000',
			});
			expect(remaining.body.SecretNoInfoDTO?.SecretStatus).toBe(1);
			const release = await call('ReleaseSecretNo', { PoolKey: AXN, SecretNo: '17002000000' });
			expect(release.body.Code).toBe('isv.FORBIDDEN_ACTION');
		},
	);

	it('AXN extension bindings share an X with distinct extensions', async () => {
		const e1 = await call('BindAxnExtension', {
			PoolKey: AXN,
			PhoneNoA: '13800000000',
			PhoneNoX: '17002000001',
			Extension: '7',
			Expiration: inOneHour(),
		});
		expect(e1.body.SecretBindDTO).toEqual({
			SubsId: expect.any(String),
			SecretNo: '17002000001',
			Extension: '7',
		});
		const dup = await call('BindAxnExtension', {
			PoolKey: AXN,
			PhoneNoA: '13800000001',
			PhoneNoX: '17002000001',
			Extension: '7',
			Expiration: inOneHour(),
		});
		expect(dup.body.Code).toBe('isv.BIND_CONFLICT');
		const auto = await call('BindAxnExtension', {
			PoolKey: AXN,
			PhoneNoA: '13800000002',
			Expiration: inOneHour(),
		});
		expect(auto.body.SecretBindDTO?.Extension).toMatch(/^\d{1,3}$/);
	});

	it('BindBatchAxg returns per-item results (partial success)', async () => {
		const list = [
			{ GroupId: 1000001, PhoneNoA: '13811111111', Expiration: inOneHour() },
			{ GroupId: '999', PhoneNoA: '13822222222', Expiration: inOneHour() },
			{ GroupId: '1000002', PhoneNoA: 'abc', Expiration: inOneHour() },
		];
		const r = await call('BindBatchAxg', { PoolKey: AXG, AxgBindList: JSON.stringify(list) });
		expect(r.body.Code).toBe('OK');
		const items = r.body.SecretBindList?.SecretBind ?? [];
		expect(items.map((i) => i.Code)).toEqual([
			'OK',
			'isv.INVALID_PARAMETERS',
			'isv.MOBILE_NUMBER_ILLEGAL',
		]);
		expect(items[0].SubsId).toMatch(/^\d+$/);
		const bad = await call('BindBatchAxg', { PoolKey: AXG, AxgBindList: '{not json' });
		expect(bad.body.Code).toBe('isv.INVALID_PARAMETERS');
	});

	it('QuerySubsId, number management, groups, track numbers and blacklists', async () => {
		const b = await call('BindAxn', {
			PoolKey: AXN,
			PhoneNoA: '13800000000',
			PhoneNoX: '17002000003',
			Expiration: inOneHour(),
		});
		const subs = b.body.SecretBindDTO?.SubsId ?? '';
		expect((await call('QuerySubsId', { PoolKey: AXN, PhoneNoX: '17002000003' })).body.SubsId).toBe(
			subs,
		);
		expect((await call('QuerySubsId', { PoolKey: AXN, PhoneNoX: '17002000004' })).body.Code).toBe(
			'isv.SUBS_NOT_EXIST',
		);

		expect(
			(
				await call('AddAxnTrackNo', {
					PoolKey: AXN,
					PhoneNoX: '17002000003',
					SubsId: subs,
					trackNo: 'SF1234567890',
				})
			).body.Code,
		).toBe('OK');
		const t = await call('QueryPhoneNoAByTrackNo', { trackNo: 'SF1234567890' });
		expect(t.body.Module).toEqual([
			{ PhoneNoA: '13800000000', PhoneNoX: '17002000003', Extension: '' },
		]);

		const remain = await call('QuerySecretNoRemain', { SpecId: '1', City: '杭州' });
		const before = remain.body.SecretRemainDTO?.Amount ?? 0;
		const buy = await call('BuySecretNo', { PoolKey: AXB, SpecId: '1', City: '杭州' });
		const bought = buy.body.SecretBuyInfoDTO?.SecretNo ?? '';
		expect(bought).toMatch(/^\d{11}$/);
		expect(
			(await call('QuerySecretNoRemain', { SpecId: '1', City: '杭州' })).body.SecretRemainDTO
				?.Amount,
		).toBe(before - 1);
		const list = await call('QuerySecretNoRemain', { SpecId: '1', City: '全国列表' });
		expect(list.body.SecretRemainDTO?.RemainDTOList?.remainDTO.length).toBeGreaterThan(2);
		expect((await call('LockSecretNo', { PoolKey: AXB, SecretNo: bought })).body.Code).toBe('OK');
		expect(
			(await call('QuerySecretNoDetail', { PoolKey: AXB, SecretNo: bought })).body.SecretNoInfoDTO
				?.SecretStatus,
		).toBe(2);
		const lockedBind = await call('BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			PhoneNoX: bought,
			Expiration: inOneHour(),
		});
		expect(lockedBind.body.Code).toBe('isv.FORBIDDEN_ACTION');
		expect((await call('UnlockSecretNo', { PoolKey: AXB, SecretNo: bought })).body.Code).toBe('OK');
		expect((await call('ReleaseSecretNo', { PoolKey: AXB, SecretNo: bought })).body.Code).toBe(
			'OK',
		);
		expect((await call('QuerySecretNoDetail', { PoolKey: AXB, SecretNo: bought })).body.Code).toBe(
			'isv.NO_NOT_EXIST',
		);

		const g = await call('CreateAxgGroup', {
			PoolKey: AXG,
			Name: 'riders',
			Numbers: '13100000001,13100000002',
		});
		expect(typeof g.body.GroupId).toBe('number');
		const gid = String(g.body.GroupId);
		expect(
			(
				await call('OperateAxgGroup', {
					PoolKey: AXG,
					GroupId: gid,
					OperateType: 'addNumbers',
					Numbers: '13100000003',
				})
			).body.Code,
		).toBe('OK');
		expect(sb.state.aliyun.groups.get(Number(gid))?.numbers).toEqual([
			'13100000001',
			'13100000002',
			'13100000003',
		]);
		expect(
			(
				await call('OperateAxgGroup', {
					PoolKey: AXG,
					GroupId: gid,
					OperateType: 'deleteNumbers',
					Numbers: '13100000001',
				})
			).body.Code,
		).toBe('OK');
		expect(
			(
				await call('OperateAxgGroup', {
					PoolKey: AXG,
					GroupId: gid,
					OperateType: 'overwriteNumbers',
					Numbers: '13100000009',
				})
			).body.Code,
		).toBe('OK');
		expect(sb.state.aliyun.groups.get(Number(gid))?.numbers).toEqual(['13100000009']);
		const tooMany = Array.from({ length: 201 }, (_, i) => `131${String(i).padStart(8, '0')}`).join(
			',',
		);
		expect(
			(
				await call('OperateAxgGroup', {
					PoolKey: AXG,
					GroupId: gid,
					OperateType: 'addNumbers',
					Numbers: tooMany,
				})
			).body.Code,
		).toBe('isv.INVALID_PARAMETERS');
		expect((await call('DeleteAxgGroup', { PoolKey: AXG, GroupId: gid })).body.Code).toBe('OK');
		expect((await call('DeleteAxgGroup', { PoolKey: AXG, GroupId: gid })).body.Code).toBe(
			'isv.INVALID_PARAMETERS',
		);

		expect(
			(
				await call('AddSecretBlacklist', {
					PoolKey: AXB,
					BlackType: 'POINT_TO_POINT_BLACK',
					BlackNo: '13800000000:13900000000',
				})
			).body.Code,
		).toBe('OK');
		expect(
			(
				await call('AddSecretBlacklist', {
					PoolKey: AXB,
					BlackType: 'POINT_TO_POINT_BLACK',
					BlackNo: '13800000000',
				})
			).body.Code,
		).toBe('isv.INVALID_PARAMETERS');
		expect(
			(
				await call('DeleteSecretBlacklist', {
					PoolKey: AXB,
					BlackType: 'POINT_TO_POINT_BLACK',
					BlackNo: '13800000000:13900000000',
				})
			).body.Code,
		).toBe('OK');
		expect(
			(
				await call('OperateBlackNo', {
					PoolKey: AXB,
					BlackNo: '13800000000',
					OperateType: 'AddBlack',
				})
			).body.Code,
		).toBe('OK');
		expect(sb.state.aliyun.blacklists.get(AXB)?.size).toBe(1);
		expect(
			(
				await call('OperateBlackNo', {
					PoolKey: AXB,
					BlackNo: '13800000000',
					OperateType: 'DeleteBlack',
				})
			).body.Code,
		).toBe('OK');
		expect(sb.state.aliyun.blacklists.get(AXB)?.size).toBe(0);
	});

	it('recording URL, public URLs and ASR answer only for known calls', async () => {
		const b = await call('BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13800000000',
			PhoneNoB: '13900000000',
			Expiration: inOneHour(),
			IsRecordingEnabled: 'true',
		});
		const unknown = await call('QueryRecordFileDownloadUrl', {
			PoolKey: AXB,
			CallId: 'nope',
			CallTime: chinaTime(Date.now()),
		});
		expect(unknown.body.Code).toBe('isv.INVALID_PARAMETERS');
		const c = await sb.simulateCall({ provider: 'aliyun', subsId: b.body.SecretBindDTO?.SubsId });
		const callTime = sb.state.calls.get(c.callId).callTime as string;
		const dl = await call('QueryRecordFileDownloadUrl', {
			PoolKey: AXB,
			CallId: c.callId,
			CallTime: callTime,
		});
		expect(dl.body.Code).toBe('OK');
		expect(dl.body.DownloadUrl).toContain(`/__sandbox/recordings/${c.callId}.mp3`);
		const pub = await call('GetTotalPublicUrl', {
			PartnerKey: AXB,
			CallId: c.callId,
			CallTime: callTime,
			CheckSubs: 'true',
		});
		expect(pub.body.Data).toMatchObject({
			PhonePublicUrl: expect.stringContaining('.mp3'),
			RingPublicUrl: expect.stringContaining('-ring.mp3'),
		});
		const asr = await call('GetSecretAsrDetail', {
			PoolKey: AXB,
			CallId: c.callId,
			CallTime: callTime,
		});
		expect(asr.body.Data).toMatchObject({ Code: '21050000' });

		const noRec = await call('BindAxb', {
			PoolKey: AXB,
			PhoneNoA: '13500000000',
			PhoneNoB: '13600000000',
			Expiration: inOneHour(),
		});
		const c2 = await sb.simulateCall({
			provider: 'aliyun',
			subsId: noRec.body.SecretBindDTO?.SubsId,
		});
		const dl2 = await call('QueryRecordFileDownloadUrl', { PoolKey: AXB, CallId: c2.callId });
		expect(dl2.body.Code).toBe('isv.INVALID_PARAMETERS');
	});
});
