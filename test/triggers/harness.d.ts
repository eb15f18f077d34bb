import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	IWebhookResponseData,
} from 'n8n-workflow';

export interface HarnessRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** the request body as text */
	body: string;
	/** HTTP status the harness (or the node) answered with */
	status: number;
	/** the answer's body text */
	response: string;
	/** whether the node itself had answered when webhook() returned */
	answeredByNode?: boolean;
	result?: IWebhookResponseData;
	emitted: INodeExecutionData[][] | null;
	error: Error | null;
}

export interface TriggerHarness {
	url: string;
	hookUrl(token?: string): string;
	readonly parameters: IDataObject;
	setParameters(p: IDataObject): void;
	staticData: { node: IDataObject; global: IDataObject };
	requests: HarnessRequest[];
	emitted: INodeExecutionData[][][];
	items(): IDataObject[];
	clear(): void;
	close(): Promise<void>;
}

export function startTriggerHarness(
	nodeType: INodeType,
	opts?: { parameters?: IDataObject; omitRawBody?: boolean },
): Promise<TriggerHarness>;
