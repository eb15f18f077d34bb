import type { INodeType } from 'n8n-workflow';

/**
 * Node types that other parts of the package add (NXCloud node, triggers). Registered here so the
 * workflow harness knows every node of the package; each entry is the node class's module path.
 */
const MODULES: Array<[string, string, string]> = [
	['nxCloudPrivacyNumber', '../../nodes/NxCloudPrivacyNumber/NxCloudPrivacyNumber.node', 'NxCloudPrivacyNumber'],
	[
		'aliyunPhoneNumberProtectionTrigger',
		'../../nodes/AliyunPhoneNumberProtectionTrigger/AliyunPhoneNumberProtectionTrigger.node',
		'AliyunPhoneNumberProtectionTrigger',
	],
	['nxCloudPrivacyNumberTrigger', '../../nodes/NxCloudPrivacyNumberTrigger/NxCloudPrivacyNumberTrigger.node', 'NxCloudPrivacyNumberTrigger'],
];

export function optionalNodeTypes(packageName: string): Record<string, INodeType> {
	const map: Record<string, INodeType> = {};
	for (const [name, modulePath, className] of MODULES) {
		let loaded: Record<string, new () => INodeType> | undefined;
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			loaded = require(modulePath) as Record<string, new () => INodeType>;
		} catch {
			loaded = undefined;
		}
		if (loaded?.[className]) map[`${packageName}.${name}`] = new loaded[className]();
	}
	return map;
}
