import type { IHookFunctions } from 'n8n-workflow';

/**
 * Webhook lifecycle for push URLs that the user pastes into the provider's console (Alibaba) or hands to the
 * provider (NXCloud): neither offers an API to register a URL, so there is nothing to create or delete remotely.
 * The lifecycle only records which URL the active trigger listens on (static data `webhookUrl`) and forgets it
 * on deactivation. (The lint rule webhook-lifecycle-complete wants all three methods on webhook triggers.)
 */

export async function urlRecorded(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	return data.webhookUrl !== undefined && data.webhookUrl === this.getNodeWebhookUrl('default');
}

export async function recordUrl(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	data.webhookUrl = this.getNodeWebhookUrl('default');
	return true;
}

export async function forgetUrl(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	delete data.webhookUrl;
	return true;
}

/** The `default` webhook's lifecycle (`webhookMethods.default`) of both receipt triggers. */
export const pushUrlLifecycle = { checkExists: urlRecorded, create: recordUrl, delete: forgetUrl };
