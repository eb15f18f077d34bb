'use strict';
/**
 * The floor any n8n node pays: a node that reads each item's parameters (the same expressions as ours) and only calls
 * n8n's request helper, one Bind AXB per item (httpRequestWithAuthentication with the Alibaba Cloud API credential,
 * which reads the credential and signs each request), 50 at a time. No validation, no retries, no masking.
 * Dependency-free: it is loaded by n8n-core in the benchmark and copied into a real n8n for the real-n8n run.
 */
const CONCURRENCY = 50;

/** Expiration two hours from now, in China time, as Dyplsapi wants it. */
function expiration() {
	return new Date(Date.now() + 10 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');
}

class BareHelper {
	constructor() {
		this.description = {
			displayName: 'Bare Helper (benchmark)',
			name: 'bareHelper',
			group: ['transform'],
			version: 1,
			description: 'Bind AXB per item through httpRequestWithAuthentication only',
			defaults: { name: 'Bare Helper' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'alibabaCloudApi', required: true }],
			properties: [
				{ displayName: 'Pool Key', name: 'poolKey', type: 'string', default: '' },
				{ displayName: 'Phone No. A', name: 'phoneNoA', type: 'string', default: '' },
				{ displayName: 'Phone No. B', name: 'phoneNoB', type: 'string', default: '' },
				{ displayName: 'Out Order ID', name: 'outOrderId', type: 'string', default: '' },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const results = new Array(items.length);
		let cursor = 0;
		const lane = async () => {
			while (cursor < items.length) {
				const index = cursor++;
				const body = await this.helpers.httpRequestWithAuthentication.call(
					this,
					'alibabaCloudApi',
					{
						method: 'POST',
						url: '/',
						qs: {
							Action: 'BindAxb',
							PoolKey: this.getNodeParameter('poolKey', index),
							PhoneNoA: this.getNodeParameter('phoneNoA', index),
							PhoneNoB: this.getNodeParameter('phoneNoB', index),
							Expiration: expiration(),
							OutOrderId: this.getNodeParameter('outOrderId', index),
						},
						json: true,
						ignoreHttpStatusErrors: true,
						disableFollowRedirect: true,
					},
				);
				results[index] = { json: body, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, lane));
		return [results];
	}
}

module.exports = { BareHelper };
