import type { IDataObject } from 'n8n-workflow';

export declare class CountingCredentialsHelper {
	constructor(credentialTypes: IDataObject, data: IDataObject);
	/** credential reads by credential type */
	reads: Record<string, number>;
}
