/*
 * Type declarations for the sandbox (plain CommonJS in index.js) so that TypeScript tests and tools
 * can import it.
 */

export type FaultKind =
	'throttle' | 'http500' | 'http503' | 'reset' | 'hang' | 'html' | 'truncated';

export interface FaultOptions {
	/** probability 0..1 per API request */
	rate: number;
	/** default: every kind except 'hang' */
	kinds?: FaultKind[];
}

export interface CallbackOptions {
	aliyun?: Partial<
		Record<
			| 'SecretReport'
			| 'SecretStartReport'
			| 'SecretRingReport'
			| 'SecretPickUpReport'
			| 'SecretRecording',
			string
		>
	>;
	nxcloud?: string | null;
	nxcloudFormat?: 'flat' | 'legs';
	/**
	 * Alibaba message types also (or only) delivered to their MNS queue `Alicom-Queue-<aliUid>-<type>`
	 * (aliUid SANDBOX_ALI_UID): true = the record's JSON as the message body, 'base64' = Base64 of it
	 */
	aliyunQueues?: Partial<Record<string, boolean | 'base64'>>;
}

/** MNS endpoint knobs: how long a received message stays invisible, how long a queue token lives */
export interface MnsOptions {
	visibilityTimeoutMs?: number;
	tokenTtlMs?: number;
}

export interface MnsQueueSnapshot {
	/** queue name -> its messages, oldest first */
	queues: Record<
		string,
		Array<{ messageId: string; body: string; dequeueCount: number; visible: boolean }>
	>;
	/** QueryTokenForMnsQueue calls answered with a token */
	tokenRequests: number;
	tokens: number;
	/** the MNS requests: op ReceiveMessage | BatchReceiveMessage | DeleteMessage | BatchDeleteMessage */
	log: Array<{
		at: number;
		op: string | null;
		queue: string | null;
		status: number | null;
		code?: string;
		count?: number;
	}>;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	latencyMs?: number;
	jitterMs?: number;
	faults?: FaultOptions | null;
	/**
	 * per-action caps merged over the documented defaults; null for an action removes its cap;
	 * false disables all caps
	 */
	qps?: Record<string, number | null> | boolean;
	seed?: boolean;
	quiet?: boolean;
	verbose?: boolean;
	callbacks?: CallbackOptions;
	mns?: MnsOptions;
	/** also serve HTTPS on another port: true generates a self-signed certificate (openssl), or give one */
	https?: boolean | { key: string | Buffer; cert: string | Buffer };
	httpsPort?: number;
}

export interface SandboxStats {
	requests: { total: number; byAction: Record<string, number> };
	maxPerSecond: { overall: number; byAction: Record<string, number> };
	signatureFailures: number;
	throttled: number;
	faultsInjected: Partial<Record<FaultKind, number>>;
	faultsApplied: Partial<Record<FaultKind, number>>;
	binds: {
		total: number;
		byOutOrderId: Record<string, number>;
		byCustomerBindId: Record<string, number>;
		idempotentReplays: Record<string, number>;
		duplicates: { outOrderId: string[]; customerBindId: string[] };
	};
}

export interface LoggedRequest {
	at: number;
	provider: 'aliyun' | 'nxcloud';
	action: string | null;
	method: string;
	path: string;
	/** Aliyun: merged query + form params */
	params?: Record<string, string>;
	/** NXCloud: exact raw body */
	body?: string;
	headers: Record<string, string | string[] | undefined>;
	verified: boolean;
	response: { status: number | null; body: unknown; fault?: FaultKind; applied?: boolean } | null;
}

export interface PushResult {
	type?: string;
	url: string;
	status: number;
	body: unknown;
	response?: string;
	error?: string;
}

export interface CallRequest {
	provider: 'aliyun' | 'nxcloud';
	subsId?: string | number;
	bindId?: string;
	caller?: string;
	answered?: boolean;
	recording?: boolean;
	noBinding?: boolean;
	secretNo?: string;
	did?: string;
}

export interface SandboxCredentials {
	aliyun: { accessKeyId: string; accessKeySecret: string };
	aliyunSts: { accessKeyId: string; accessKeySecret: string; securityToken: string };
	nxcloud: { accessKey: string; accessSecret: string };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SandboxState {
	aliyun: {
		accessKeys: Map<
			string,
			{ accessKeyId: string; secret: string; securityToken?: string; owner: string }
		>;
		pools: Map<
			string,
			{ poolKey: string; type: 'AXB' | 'AXN' | 'AXG'; owner: string; numbers: Map<string, any> }
		>;
		bindings: Map<string, any>;
		groups: Map<
			number,
			{ groupId: number; poolKey: string; name: string; remark: string; numbers: string[] }
		>;
		blacklists: Map<string, Set<string>>;
		trackNos: Map<string, any[]>;
		remain: Map<string, number>;
		[k: string]: any;
	};
	nxcloud: {
		accounts: Map<
			string,
			{
				accessKey: string;
				secret: string;
				customerId: number;
				businessId: string;
				numbers: Array<{ did: string; cc: string }>;
			}
		>;
		bindings: Map<string, any>;
		groups: Map<
			string,
			{ groupId: string; owner: string; groupName: string; phones: string[]; remark: string }
		>;
		[k: string]: any;
	};
	calls: Map<string, any>;
}

export interface Sandbox {
	url: string;
	port: number;
	aliyunEndpoint: string;
	nxBaseUrl: string;
	/** with `https`: the HTTPS front's base URL (same APIs and state as `url`) */
	httpsUrl?: string;
	/** with `https`: its certificate (PEM), to trust as a CA, and the file holding it when generated */
	httpsCertificate?: string;
	httpsCertificatePath?: string;
	credentials: SandboxCredentials;
	readonly state: SandboxState;
	stats(): SandboxStats;
	resetStats(): void;
	configure(partial: Omit<SandboxOptions, 'port' | 'host' | 'seed'>): unknown;
	getConfig(): unknown;
	reset(): void;
	stop(): Promise<void>;
	seedNxBindings(
		n: number,
	): Array<{ bindId: string; customerBindId: string; phoneA: string; phoneB: string; did: string }>;
	lastRequests(n?: number): LoggedRequest[];
	simulateCall(req: CallRequest): Promise<{
		callId: string;
		pushed: PushResult[];
		queued: Array<{ type: string; queue: string; messageId: string }>;
	}>;
	/** the MNS queues, tokens and queue requests (a copy) */
	mnsQueues(): MnsQueueSnapshot;
	/** put a message (body text) in an MNS queue as Alibaba would; returns its MessageId */
	enqueueMns(queueName: string, body: string): string;
}

/** the sandbox account's Alibaba Cloud account id in queue names */
export const SANDBOX_ALI_UID: string;

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
export const DEFAULT_CREDENTIALS: SandboxCredentials;
export const FAULT_KINDS: FaultKind[];
