'use strict';
/* NXCloud number groups for AXG bindings: createGroup, listGroup, updateGroup and deleteGroup. */

const { NxError } = require('./envelope');
const { text, isAbsent, pageArgs, parsePhones } = require('./fields');

/** updateGroup operateType → how it changes the group's phones. */
const GROUP_OPERATIONS = {
	0(group, phones) {
		for (const phone of phones) if (!group.phones.includes(phone)) group.phones.push(phone);
	},
	1(group, phones) {
		group.phones = group.phones.filter((phone) => !phones.includes(phone));
	},
	2(group, phones) {
		group.phones = [...new Set(phones)];
	},
};

/** The group named by groupId, if the caller's account owns it (else 1002). */
function groupOf(body, ctx) {
	const groupId = text(body.groupId);
	if (!groupId) throw new NxError(1002, 'groupId is required');
	const group = ctx.nxcloud.groups.get(groupId);
	if (!group || group.owner !== ctx.account.accessKey) {
		throw new NxError(1002, `group ${groupId} does not exist`);
	}
	return group;
}

const groupActions = {
	/** groupId is answered at the top level and in data. */
	createGroup(body, ctx) {
		const phones = parsePhones(body.phones);
		const groupId = `g${String(ctx.nxcloud.nextGroup++).padStart(10, '0')}`;
		ctx.nxcloud.groups.set(groupId, {
			groupId,
			owner: ctx.account.accessKey,
			groupName: text(body.groupName) || groupId,
			phones,
			remark: text(body.remark),
		});
		return { extra: { groupId }, data: { groupId } };
	},

	listGroup(body, ctx) {
		const { limit, offset } = pageArgs(body);
		const owned = [...ctx.nxcloud.groups.values()].filter(
			(group) => group.owner === ctx.account.accessKey,
		);
		const groups = owned.slice(offset, offset + limit).map((group) => ({
			customerId: ctx.account.customerId,
			groupName: group.groupName,
			groupId: group.groupId,
			phones: group.phones.join(','),
			remark: group.remark,
		}));
		return { data: { groups, total: owned.length } };
	},

	/** operateType 0 adds, 1 deletes, 2 replaces the phones. */
	updateGroup(body, ctx) {
		const group = groupOf(body, ctx);
		const operation = !isAbsent(body.operateType) && GROUP_OPERATIONS[Number(body.operateType)];
		if (!operation) {
			throw new NxError(1002, 'operateType must be 0 (add), 1 (delete) or 2 (replace)');
		}
		operation(group, parsePhones(body.phones));
		return {};
	},

	deleteGroup(body, ctx) {
		ctx.nxcloud.groups.delete(groupOf(body, ctx).groupId);
		return {};
	},
};

module.exports = { groupActions };
