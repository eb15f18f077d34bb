'use strict';
/*
 * Example 8 in a real n8n: the sandbox simulates a recorded call on example 1's first binding and pushes its
 * SecretRecording receipt; Download Recording fetches the file (QueryRecordFileDownloadUrl, then the file without
 * the credential) into binary data and n8n's own Read/Write Files node writes it to disk.
 */
const fs = require('node:fs');
const path = require('node:path');
const { recordingBytes } = require('../../../sandbox/recording-files');
const { signedRequests, needBindings } = require('./_util');

module.exports = {
	mode: 'trigger',
	expectExecutions: 1,

	async fire({ assert, webhooks, sandboxPost, shared }) {
		const binding = needBindings(shared, 1)[0];
		const [hook] = await webhooks('Recording Ready');
		assert.ok(hook, 'n8n registered no production webhook for "Recording Ready"');
		await sandboxPost('/__sandbox/config', { callbacks: { aliyun: { SecretRecording: hook.url } } });
		// the file appears 3 s after the call: the download waits for it
		const call = await sandboxPost('/__sandbox/calls', {
			provider: 'aliyun',
			subsId: binding.subsId,
			answered: true,
			recording: true,
			recordingDelayMs: 3000,
		});
		const [pushed] = call.pushed.filter((p) => p.type === 'SecretRecording');
		assert.equal(pushed && pushed.status, 200, `SecretRecording push: ${JSON.stringify(call.pushed)}`);
		return { callId: call.callId };
	},

	async assert({ assert, fired, executions, output, requests, sandbox, filesDir, log }) {
		assert.equal(executions[0].status, 'success', `execution: ${executions[0].status}`);
		const [downloaded] = output('Download Recording');
		assert.equal(downloaded && downloaded.callId, fired.callId, `Download Recording: ${JSON.stringify(downloaded)}`);
		const [query] = signedRequests(assert, requests, 'QueryRecordFileDownloadUrl');
		assert.equal(query.params.CallId, fired.callId);

		const file = path.join(filesDir, `recording-${fired.callId}.mp3`);
		assert.ok(fs.existsSync(file), `Read/Write Files wrote no ${file}`);
		const written = fs.readFileSync(file);
		assert.ok(written.equals(recordingBytes(fired.callId)), 'the file on disk differs from the sandbox recording');

		const fetches = (sandbox.state.recordingFetches || []).filter((f) => f.path.includes(fired.callId));
		assert.ok(fetches.length >= 2, `expected a 404 before the file was ready, saw ${fetches.length} fetch(es)`);
		for (const f of fetches) {
			assert.deepEqual(Object.keys(f.query), ['Expires'], 'the file request carries only the URL’s own query');
			assert.equal(f.headers.authorization, undefined);
		}
		log(`recording of ${fired.callId}: ${written.length} bytes on disk, identical; ${fetches.length} fetches`);
	},
};
