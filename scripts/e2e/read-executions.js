'use strict';
/*
 * Reads executions of one workflow from a running (or stopped) n8n's sqlite database and prints them as JSON.
 * Runs under the cached Node 24 (node:sqlite is built in there), never under the repository's Node.
 *
 * Usage: <node24> read-executions.js <database.sqlite> <n8n install dir> <workflowId> [afterExecutionId]
 * Prints: [{ id, workflowId, status, mode, finished, startedAt, stoppedAt, data: <IRunExecutionData> | null }]
 *    or: <node24> read-executions.js <database.sqlite> <n8n install dir> --webhooks
 * Prints: the production webhooks n8n registered: [{ workflowId, webhookPath, method, node, webhookId }]
 */
const path = require('node:path');
const { DatabaseSync } = require('node:sqlite');

const [dbPath, n8nDir, workflowId, after = '0'] = process.argv.slice(2);
const flatted = require(
	require.resolve('flatted', {
		paths: [path.join(n8nDir, 'node_modules', 'n8n'), path.join(n8nDir, 'node_modules')],
	}),
);

const db = new DatabaseSync(dbPath, { readOnly: true });
try {
	db.exec('PRAGMA busy_timeout = 5000');
} catch {
	/* read-only connections may refuse pragmas; the default timeout is fine */
}
if (workflowId === '--webhooks') {
	const hooks = db
		.prepare(
			'SELECT workflowId, webhookPath, method, node, webhookId FROM webhook_entity ORDER BY workflowId, node',
		)
		.all();
	db.close();
	process.stdout.write(JSON.stringify(hooks));
	process.exit(0);
}
const rows = db
	.prepare(
		`SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, e.finished AS finished,
		        e.startedAt AS startedAt, e.stoppedAt AS stoppedAt, d.data AS data
		   FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		  WHERE e.workflowId = ? AND CAST(e.id AS INTEGER) > ?
		  ORDER BY CAST(e.id AS INTEGER)`,
	)
	.all(workflowId, Number(after));
db.close();

const out = rows.map((r) => {
	let data = null;
	if (typeof r.data === 'string' && r.data) {
		try {
			data = flatted.parse(r.data);
		} catch {
			try {
				data = JSON.parse(r.data);
			} catch {
				data = { unparsed: r.data.slice(0, 2000) };
			}
		}
	}
	return { ...r, id: String(r.id), finished: Boolean(r.finished), data };
});
process.stdout.write(JSON.stringify(out));
