'use strict';
/* AXG number groups (the G of AXG): CreateAxgGroup, OperateAxgGroup and DeleteAxgGroup. */

const { BizError, invalidParameters } = require('./errors');
const { parseNumbers, getPool, findGroup } = require('./params');

const MAX_GROUPS_PER_POOL = 2000;

/** OperateAxgGroup OperateType → how it changes the group's members. */
const GROUP_OPERATIONS = {
	addNumbers(group, numbers) {
		for (const number of numbers) if (!group.numbers.includes(number)) group.numbers.push(number);
	},
	deleteNumbers(group, numbers) {
		group.numbers = group.numbers.filter((number) => !numbers.includes(number));
	},
	overwriteNumbers(group, numbers) {
		group.numbers = [...new Set(numbers)];
	},
};

const groupHandlers = {
	CreateAxgGroup(params, ctx) {
		const pool = getPool(ctx, params);
		if (pool.type !== 'AXG') {
			throw new BizError('isv.FORBIDDEN_ACTION', 'createAxgGroup: pool is not an AXG pool');
		}
		if (params.Name && params.Name.length > 128)
			throw invalidParameters('Name is 1-128 characters');
		if (params.Remark && params.Remark.length > 256) {
			throw invalidParameters('Remark is at most 256 characters');
		}
		const numbers = parseNumbers(params.Numbers, false);
		const groups = [...ctx.aliyun.groups.values()];
		if (groups.filter((group) => group.poolKey === pool.poolKey).length >= MAX_GROUPS_PER_POOL) {
			throw new BizError('isv.FORBIDDEN_ACTION', 'at most 2000 groups per pool');
		}
		const groupId = ctx.aliyun.nextGroupId++;
		ctx.aliyun.groups.set(groupId, {
			groupId,
			poolKey: pool.poolKey,
			name: params.Name || String(groupId),
			remark: params.Remark || '',
			numbers,
		});
		return { GroupId: groupId };
	},

	OperateAxgGroup(params, ctx) {
		getPool(ctx, params);
		const group = findGroup(ctx, params.GroupId, params.PoolKey);
		const numbers = parseNumbers(params.Numbers, true);
		const operation = GROUP_OPERATIONS[params.OperateType];
		if (!operation) throw invalidParameters(`OperateType is illegal: ${params.OperateType}`);
		operation(group, numbers);
		return {};
	},

	DeleteAxgGroup(params, ctx) {
		getPool(ctx, params);
		const group = findGroup(ctx, params.GroupId, params.PoolKey);
		ctx.aliyun.groups.delete(group.groupId);
		return {};
	},
};

module.exports = { groupHandlers };
