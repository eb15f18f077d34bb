/**
 * The node exposes every action of Alibaba's Dyplsapi SDK 2.5.1 (@alicloud/dyplsapi20170525), one operation each.
 */
import { aliyunOperations } from '../../nodes/AliyunPhoneNumberProtection/actions';
import { ACTIONS } from '../../sandbox/aliyun';

/** The 60 actions of SDK 2.5.1, as its client names them. */
const SDK_ACTIONS = [
	'AddAxnTrackNo',
	'AddSecretBlacklist',
	'BindAXBCall',
	'BindAxb',
	'BindAxb700',
	'BindAxbFixedLine',
	'BindAxg',
	'BindAxn',
	'BindAxnExtension',
	'BindAxnExtensionFixedLine',
	'BindAxnFixedLine',
	'BindBatchAxg',
	'BindGxb700',
	'BindXB',
	'BuySecretNo',
	'CancelPickUpWaybill',
	'ConfigX',
	'CreateAxgGroup',
	'CreateFixedNoAReport',
	'CreatePhoneNoAReport',
	'CreatePickUpWaybill',
	'CreatePickUpWaybillPreQuery',
	'CreateSmsSign',
	'DeleteAxbBindFixedLine',
	'DeleteAxgGroup',
	'DeleteAxnBindFixedLine',
	'DeleteAxnExtensionBindFixedLine',
	'DeleteSecretAPhoneNoToCust',
	'DeleteSecretBlacklist',
	'GetDyplsOSSInfoForUploadFile',
	'GetSecretAsrDetail',
	'GetTotalPublicUrl',
	'GetXConfig',
	'GetXDefaultConfig',
	'ListXTelephones',
	'LockSecretNo',
	'OperateAxgGroup',
	'OperateBlackNo',
	'QueryAxbBindFixedLine',
	'QueryAxnBindFixedLine',
	'QueryAxnExtensionBindFixedLine',
	'QueryPhoneNoAByTrackNo',
	'QueryRecordFileDownloadUrl',
	'QuerySecretAPhoneNoToCust',
	'QuerySecretNoDetail',
	'QuerySecretNoRemain',
	'QuerySoundRecord',
	'QuerySubsId',
	'QuerySubscriptionDetail',
	'ReleaseSecretNo',
	'UnBindAXB',
	'UnBindXB',
	'UnbindSubs700',
	'UnbindSubscription',
	'UnlockSecretNo',
	'UpdateAxbBindFixedLine',
	'UpdateAxnBindFixedLine',
	'UpdateAxnExtensionBindFixedLine',
	'UpdateSubs700',
	'UpdateSubscription',
];

test('the list is the SDK 2.5.1 one: 60 distinct actions', () => {
	expect(new Set(SDK_ACTIONS).size).toBe(60);
});

test.each(SDK_ACTIONS)('%s is an operation of the node', (action) => {
	expect(aliyunOperations.map((op) => op.apiAction)).toContain(action);
});

test.each(SDK_ACTIONS)('%s is emulated by the sandbox', (action) => {
	expect(Object.keys(ACTIONS)).toContain(action);
});

test('no operation calls an action outside the SDK', () => {
	const outside = aliyunOperations.filter((op) => !SDK_ACTIONS.includes(op.apiAction));
	expect(outside.map((op) => op.apiAction)).toEqual([]);
});
