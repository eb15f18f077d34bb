export function startFixedServer(
	status: number,
	contentType: string,
	body: string,
): Promise<{ url: string; hits(): number; close(): Promise<void> }>;
