'use strict';
/**
 * The package's entry point ("main") for programmatic use and tests: `require('n8n-nodes-privacy-number')` gives the
 * built node and credential classes, the files listed in package.json's "n8n" section. n8n itself loads those files
 * through the "n8n" section, not through this one. Plain CommonJS without dependencies; it needs the build
 * (`npm run build`, which writes dist/).
 */

function load(file) {
	try {
		return require(`./${file}`);
	} catch (error) {
		if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(file)) {
			throw new Error(
				`n8n-nodes-privacy-number: ${file} is missing; run \`npm run build\` first (index.js exports the built classes ` +
					`of dist/)`,
			);
		}
		throw error;
	}
}

const { AliyunPhoneNumberProtection } = load(
	'dist/nodes/AliyunPhoneNumberProtection/AliyunPhoneNumberProtection.node.js',
);
const { NxCloudPrivacyNumber } = load(
	'dist/nodes/NxCloudPrivacyNumber/NxCloudPrivacyNumber.node.js',
);
const { AliyunPhoneNumberProtectionTrigger } = load(
	'dist/nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node.js',
);
const { AliyunPhoneNumberProtectionQueueTrigger } = load(
	'dist/nodes/AliyunPhoneNumberProtectionQueueTrigger/AliyunPhoneNumberProtectionQueueTrigger.node.js',
);
const { NxCloudPrivacyNumberTrigger } = load(
	'dist/nodes/NxCloudPrivacyNumberTrigger/NxCloudPrivacyNumberTrigger.node.js',
);
const { AlibabaCloudApi } = load('dist/credentials/AlibabaCloudApi.credentials.js');
const { NxCloudApi } = load('dist/credentials/NxCloudApi.credentials.js');

module.exports = {
	AliyunPhoneNumberProtection,
	NxCloudPrivacyNumber,
	AliyunPhoneNumberProtectionTrigger,
	AliyunPhoneNumberProtectionQueueTrigger,
	NxCloudPrivacyNumberTrigger,
	AlibabaCloudApi,
	NxCloudApi,
};
