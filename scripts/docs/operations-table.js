'use strict';
/*
 * The README's operations table of the Aliyun node, one row per operation, rendered from the operation specs, so the
 * action names and default rate caps there are the ones the node uses. `npm run docs:operations` (after a build)
 * rewrites the part of README.md between the markers; test/foundation/readme.test.ts fails when it is stale.
 */
const fs = require('node:fs');
const path = require('node:path');

const BEGIN = '<!-- operations:aliyun -->';
const END = '<!-- /operations:aliyun -->';

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown table: Resource | Operation | Action | Default cap | What it does. */
function renderAliyunTable(operations, resources) {
	const resourceName = new Map(resources.map((resource) => [resource.value, resource.name]));
	const rows = operations.map((op) => {
		const cap = op.maxRps.toLocaleString('en-US') + (op.maxRpsSource ? ' (none stated)' : '');
		const cells = [resourceName.get(op.resource), op.name, op.apiAction, cap, op.description];
		return `| ${cells.map(cell).join(' | ')} |`;
	});
	return [
		'| Resource | Operation | Action | Default cap (req/s) | What it does |',
		'| --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

/** The README text with the table between the markers replaced. */
function withTable(readme, table) {
	const start = readme.indexOf(BEGIN);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md lacks the ${BEGIN} … ${END} markers`);
	return `${readme.slice(0, start + BEGIN.length)}\n${table}\n${readme.slice(end)}`;
}

/** The table part of the README (between the markers), or null. */
function tableIn(readme) {
	const start = readme.indexOf(BEGIN);
	const end = readme.indexOf(END);
	return start < 0 || end < start ? null : readme.slice(start + BEGIN.length, end).trim();
}

const ROOT = path.join(__dirname, '..', '..');

/** The table part of the repository's README.md. */
const readmeTable = () => tableIn(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

if (require.main === module) {
	const root = ROOT;
	const actions = require(path.join(root, 'dist/nodes/AliyunPhoneNumberProtection/actions'));
	const file = path.join(root, 'README.md');
	const table = renderAliyunTable(actions.aliyunOperations, actions.aliyunResources);
	fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8'), table));
	console.log(`README.md: ${actions.aliyunOperations.length} operations`);
}

module.exports = { renderAliyunTable, withTable, tableIn, readmeTable };
