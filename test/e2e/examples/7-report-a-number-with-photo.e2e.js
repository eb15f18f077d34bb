'use strict';
/*
 * Example 7 in a real n8n: a courier's photo (base64) → n8n's Convert to File → A-Number Report: Create Mobile Report
 * (the node uploads the binary to the OSS bucket of GetDyplsOSSInfoForUploadFile, then reports) → Get Status.
 */
const fs = require('node:fs');
const path = require('node:path');
const { signedRequests } = require('./_util');

const workflow = JSON.parse(
	fs.readFileSync(path.join(__dirname, '../../../examples/7-report-a-number-with-photo.json'), 'utf8'),
);
const courier = JSON.parse(workflow.nodes.find((node) => node.name === 'New Courier').parameters.jsonOutput);

module.exports = {
	mode: 'execute',

	async assert({ assert, error, output, requests, sandbox, log }) {
		assert.equal(error, null, `workflow error: ${error && error.message}`);
		assert.deepEqual(
			requests.filter((r) => r.provider === 'aliyun').map((r) => r.action),
			['GetDyplsOSSInfoForUploadFile', 'CreatePhoneNoAReport', 'QuerySecretAPhoneNoToCust'],
		);
		const [report] = signedRequests(assert, requests, 'CreatePhoneNoAReport');
		assert.equal(report.params.PhoneNoA, courier.phoneNoA);
		assert.equal(report.params.DocumentNumber, courier.idNumber, 'the ID number is sent as given');
		const key = report.params.IdCardAlivePhoto;
		assert.match(String(key), /\.png$/, `object key of the photo: ${key}`);

		// the bucket holds the photo n8n's Convert to File made, byte for byte
		const stored = sandbox.state.aliyun.aNumber.objects.get(key);
		assert.ok(stored, `the sandbox bucket has no object ${key}`);
		assert.ok(stored.bytes.equals(Buffer.from(courier.photo, 'base64')), 'uploaded bytes differ from the photo');

		const [created] = output('Report A Number');
		assert.ok(created, 'Report A Number gave no item');
		const text = JSON.stringify([created, ...output('Get Status')]);
		assert.ok(!text.includes(courier.idNumber), `an output carries the full ID number: ${text}`);
		assert.ok(!text.includes(courier.photo.slice(0, 40)), 'an output carries the photo');
		const [status] = output('Get Status');
		assert.equal(status && status.phoneNoA, courier.phoneNoA, `Get Status output: ${JSON.stringify(status)}`);
		log(`report of ${courier.phoneNoA}: photo uploaded as ${key}, status ${status.reportStatus}`);
	},
};
