export function sleep(ms: number): Promise<void>;

export interface ReceivedPush {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	raw: string;
	json: unknown;
}

export function startReceiver(): Promise<{
	url: string;
	received: ReceivedPush[];
	close(): Promise<void>;
}>;
