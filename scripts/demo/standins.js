'use strict';
/**
 * Stand-ins for the n8n built-in nodes that the example workflows use, so the demo can run them through
 * n8n-core's engine without installing all of n8n. Each mimics only what the examples use; `npm run test:e2e`
 * runs the same workflow files with the real built-in nodes inside a real n8n.
 * - triggers (Manual, Webhook, Schedule) pass on the item the demo starts them with;
 * - Respond to Webhook records the response body it would send;
 * - Edit Fields (raw JSON), Split Out, Convert to File (base64 text to a file), Read/Write Files (write only);
 * - Filter evaluates its conditions with n8n's own filter logic (a `filter` parameter read with extractValue).
 */

const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

function node(name, properties, execute) {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: [1, 1.1, 1.2, 2, 2.1, 2.2, 3, 3.4],
			description: `${name} (demo stand-in)`,
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties,
		},
		execute,
	};
}

const passThrough = async function () {
	return [this.getInputData().map((item, i) => ({ json: item.json, pairedItem: { item: i } }))];
};

/** `filesDir`: where Read/Write Files' relative paths land (the demo's temporary folder). */
function standIns(responses, filesDir) {
	return {
		'n8n-nodes-base.manualTrigger': node('manualTrigger', [], passThrough),
		'n8n-nodes-base.scheduleTrigger': node(
			'scheduleTrigger',
			[{ displayName: 'Rule', name: 'rule', type: 'json', default: {} }],
			passThrough,
		),
		'n8n-nodes-base.webhook': node(
			'webhook',
			['httpMethod', 'path', 'responseMode'].map((name) => ({
				displayName: name,
				name,
				type: 'string',
				default: '',
			})),
			passThrough,
		),
		'n8n-nodes-base.respondToWebhook': node(
			'respondToWebhook',
			[
				{ displayName: 'Respond With', name: 'respondWith', type: 'string', default: 'json' },
				{ displayName: 'Response Body', name: 'responseBody', type: 'json', default: '' },
			],
			async function () {
				const items = this.getInputData();
				const body = this.getNodeParameter('responseBody', 0);
				responses.push(typeof body === 'string' ? JSON.parse(body) : body);
				return [items.map((item, i) => ({ json: item.json, pairedItem: { item: i } }))];
			},
		),
		'n8n-nodes-base.set': node(
			'set',
			[
				{ displayName: 'Mode', name: 'mode', type: 'string', default: 'raw' },
				{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
			],
			async function () {
				return [
					this.getInputData().map((_, i) => {
						const raw = this.getNodeParameter('jsonOutput', i);
						return {
							json: typeof raw === 'string' ? JSON.parse(raw) : raw,
							pairedItem: { item: i },
						};
					}),
				];
			},
		),
		'n8n-nodes-base.convertToFile': node(
			'convertToFile',
			[
				{ displayName: 'Operation', name: 'operation', type: 'string', default: 'toBinary' },
				{ displayName: 'Source', name: 'sourceProperty', type: 'string', default: '' },
				{ displayName: 'Put In', name: 'binaryPropertyName', type: 'string', default: 'data' },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
			// "Move Base64 String to File": the base64 text of a field becomes a binary property
			async function () {
				const items = this.getInputData();
				const out = [];
				for (let i = 0; i < items.length; i++) {
					const { fileName, mimeType } = this.getNodeParameter('options', i, {});
					const source = this.getNodeParameter('sourceProperty', i);
					const bytes = Buffer.from(String(items[i].json[source]), 'base64');
					const data = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
					const field = this.getNodeParameter('binaryPropertyName', i);
					out.push({ json: items[i].json, binary: { [field]: data }, pairedItem: { item: i } });
				}
				return [out];
			},
		),
		'n8n-nodes-base.readWriteFile': node(
			'readWriteFile',
			[
				{ displayName: 'Operation', name: 'operation', type: 'string', default: 'write' },
				{ displayName: 'File', name: 'fileName', type: 'string', default: '' },
				{ displayName: 'Field', name: 'dataPropertyName', type: 'string', default: 'data' },
			],
			// "Write File to Disk": the binary field's bytes to the path (relative to the demo folder)
			async function () {
				const items = this.getInputData();
				const out = [];
				for (let i = 0; i < items.length; i++) {
					const file = resolve(filesDir, this.getNodeParameter('fileName', i));
					const field = this.getNodeParameter('dataPropertyName', i);
					mkdirSync(dirname(file), { recursive: true });
					writeFileSync(file, await this.helpers.getBinaryDataBuffer(i, field));
					out.push({ json: { ...items[i].json, fileName: file }, pairedItem: { item: i } });
				}
				return [out];
			},
		),
		'n8n-nodes-base.splitOut': node(
			'splitOut',
			[{ displayName: 'Field', name: 'fieldToSplitOut', type: 'string', default: '' }],
			async function () {
				return [
					this.getInputData().flatMap((item, i) => {
						const list = item.json[this.getNodeParameter('fieldToSplitOut', i)] ?? [];
						return list.map((json) => ({ json, pairedItem: { item: i } }));
					}),
				];
			},
		),
		'n8n-nodes-base.filter': node(
			'filter',
			[{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} }],
			async function () {
				const kept = [];
				this.getInputData().forEach((item, i) => {
					if (this.getNodeParameter('conditions', i, false, { extractValue: true }) === true) {
						kept.push({ json: item.json, pairedItem: { item: i } });
					}
				});
				return [kept];
			},
		),
	};
}

module.exports = { standIns };
