'use strict';
/*
 * The recording files behind the recording URLs (/__sandbox/recordings/<callId>[-ring].mp3), as the providers' object
 * storage serves them: 404 NoSuchKey until the file is ready (a call made with `recordingDelayMs` has its recording
 * only that long after the call), 403 AccessDenied once a signed URL's Expires has passed, else the bytes.
 */

const crypto = require('node:crypto');

const MPEG_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x90, 0x64]);
const FILE_BYTES = 2048;

/** The bytes of a call's recording: an MPEG frame header, then bytes derived from the call id (so each differs). */
function recordingBytes(callId, suffix = '') {
	const body = Buffer.alloc(FILE_BYTES - MPEG_FRAME_HEADER.length);
	let block = crypto.createHash('sha256').update(`${callId}${suffix}`).digest();
	for (let offset = 0; offset < body.length; offset += block.length) {
		block.copy(body, offset);
		block = crypto.createHash('sha256').update(block).digest();
	}
	return Buffer.concat([MPEG_FRAME_HEADER, body]);
}

const ossError = (code, message) =>
	'<?xml version="1.0" encoding="UTF-8"?>\n' +
	`<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${crypto.randomUUID()}</RequestId></Error>`;

/** Each fetch of a recording file, for tests (what the downloader sent: query and headers). Capped. */
function logFetch(state, pathname, query, headers) {
	state.recordingFetches = state.recordingFetches || [];
	state.recordingFetches.push({
		path: pathname,
		query: Object.fromEntries(query),
		headers: { ...headers },
	});
	if (state.recordingFetches.length > 1000) state.recordingFetches.shift();
}

/** → { status, contentType, body } for GET /__sandbox/recordings/<file> */
function recordingFile(state, pathname, query, now, headers = {}) {
	logFetch(state, pathname, query, headers);
	const match = /^\/__sandbox\/recordings\/([^/]+?)(-ring)?\.mp3$/.exec(pathname);
	const call = match && state.calls.get(decodeURIComponent(match[1]));
	const xml = (status, code, message) => ({
		status,
		contentType: 'application/xml',
		body: ossError(code, message),
	});
	if (!call || (!match[2] && !call.recording))
		return xml(404, 'NoSuchKey', 'The specified key does not exist.');
	const expires = Number(query.get('Expires'));
	if (query.has('Expires') && (!Number.isFinite(expires) || expires * 1000 < now)) {
		return xml(403, 'AccessDenied', 'Request has expired.');
	}
	if (now < (call.recordingReadyAt || 0))
		return xml(404, 'NoSuchKey', 'The specified key does not exist.');
	return {
		status: 200,
		contentType: 'audio/mpeg',
		body: recordingBytes(call.callId, match[2] || ''),
	};
}

module.exports = { recordingBytes, recordingFile };
