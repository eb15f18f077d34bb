/* The README's Aliyun operations table is the one rendered from the specs: every action, its default cap. */
import { aliyunOperations, aliyunResources } from '../../nodes/AliyunPhoneNumberProtection/actions';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderAliyunTable, readmeTable } = require('../../scripts/docs/operations-table.js');

test('the operations table is current (npm run build && npm run docs:operations)', () => {
	expect(readmeTable()).toBe(renderAliyunTable(aliyunOperations, aliyunResources));
});

test('every operation has its own row with its action and default cap', () => {
	const rows = String(readmeTable()).split('\n').slice(2);
	expect(rows).toHaveLength(aliyunOperations.length);
	aliyunOperations.forEach((op, index) => {
		const cells = rows[index].split(' | ');
		expect(cells[2]).toBe(op.apiAction);
		expect(cells[3]).toMatch(new RegExp(`^${op.maxRps.toLocaleString('en-US')}( |$)`));
	});
});
