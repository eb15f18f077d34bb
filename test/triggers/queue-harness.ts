/*
 * Runs a `trigger()` node the way n8n's ActiveWorkflowManager does, with n8n-core's real TriggerContext (real
 * httpRequest helper, getCredentials, static data, createDeferredPromise), and a stand-in for what the server
 * plugs in: `emit` records each emission and finishes its execution as the test says (done promise resolved with a
 * successful or a failed run, rejected, or never settled), `emitError` records fatal errors. `stop()` calls the
 * node's closeFunction, like deactivation or an n8n shutdown; `start()` again is the next activation with the
 * same workflow (its static data kept, like n8n's saved static data).
 */
import { getExecuteTriggerFunctions } from 'n8n-core';
import {
	Workflow,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require('../helpers/engine') as {
	nodeTypesFrom(map: Record<string, INodeType>): unknown;
	TestCredentialsHelper: new (types: IDataObject, data: IDataObject) => unknown;
	testAdditionalData(helper: unknown, extra: IDataObject): IDataObject;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const credentialTypes = require('../../credentials/AlibabaCloudApi.credentials') as {
	AlibabaCloudApi: new () => IDataObject;
};

type DonePromise = NonNullable<Parameters<ITriggerFunctions['emit']>[2]>;

/** What the execution of an emission does: finish well, finish with an error, fail to start, or hang. */
export type Finish = 'success' | 'error' | 'reject' | 'never';

export interface Emission {
	items: INodeExecutionData[];
	finish: Finish;
	done?: DonePromise;
}

export interface LogLine {
	level: string;
	message: string;
}

const TYPE = 'n8n-nodes-privacy-number.aliyunPhoneNumberProtectionQueueTrigger';

function defaultsOf(nodeType: INodeType): IDataObject {
	const params: IDataObject = {};
	for (const p of nodeType.description.properties) {
		if (p.type === 'notice') continue;
		if (!(p.name in params)) params[p.name] = p.default as IDataObject[string];
	}
	return params;
}

function runOf(finish: Finish): IRun {
	const failed = finish === 'error';
	return {
		data: {
			resultData: {
				runData: {},
				...(failed ? { error: { message: 'node failed', name: 'NodeOperationError' } } : {}),
			},
		},
		finished: !failed,
		mode: 'trigger',
		startedAt: new Date(),
		status: failed ? 'error' : 'success',
	} as unknown as IRun;
}

export class QueueTriggerHarness {
	readonly emissions: Emission[] = [];

	readonly errors: Error[] = [];

	readonly logs: LogLine[] = [];

	/** how the next executions end */
	finish: Finish = 'success';

	private readonly workflow: Workflow;

	private readonly node: INode;

	private response: ITriggerResponse | undefined;

	constructor(
		private readonly nodeType: INodeType,
		parameters: IDataObject,
		private readonly credentials: ICredentialDataDecryptedObject,
	) {
		this.node = {
			id: 'queue-trigger',
			name: 'Queue Trigger',
			type: TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { ...defaultsOf(nodeType), ...parameters },
			credentials: { alibabaCloudApi: { id: '1', name: 'sandbox' } },
		} as INode;
		this.workflow = new Workflow({
			id: 'queue-test',
			name: 'queue test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: engine.nodeTypesFrom({ [TYPE]: nodeType }) as never,
			settings: { timezone: 'Asia/Shanghai' },
			staticData: {},
		});
	}

	/** every emitted item's JSON, oldest first */
	items(): IDataObject[] {
		return this.emissions.flatMap((e) => e.items.map((item) => item.json));
	}

	get staticData(): IDataObject {
		return this.workflow.staticData;
	}

	private context(mode: WorkflowExecuteMode): ITriggerFunctions {
		const helper = new engine.TestCredentialsHelper(
			{ alibabaCloudApi: new credentialTypes.AlibabaCloudApi() },
			{ alibabaCloudApi: this.credentials },
		);
		const additionalData = engine.testAdditionalData(helper, { executionId: '1' });
		const ctx = getExecuteTriggerFunctions(
			this.workflow,
			this.node,
			additionalData as never,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		) as unknown as ITriggerFunctions;
		const record =
			(level: string) =>
			(message: string): void => {
				this.logs.push({ level, message });
			};
		Object.defineProperty(ctx, 'logger', {
			value: {
				debug: record('debug'),
				info: record('info'),
				warn: record('warn'),
				error: record('error'),
			},
		});
		ctx.emit = (data: INodeExecutionData[][], _response?: unknown, done?: DonePromise) => {
			const emission: Emission = { items: data[0] ?? [], finish: this.finish, done };
			this.emissions.push(emission);
			if (!done || emission.finish === 'never') return;
			// the execution runs, then n8n settles the done promise
			void sleep(5).then(() => {
				if (emission.finish === 'reject') done.reject(new Error('the execution could not start'));
				else done.resolve(runOf(emission.finish));
			});
		};
		ctx.emitError = (error: Error) => {
			this.errors.push(error);
		};
		return ctx;
	}

	/** Activation (production mode). */
	async start(): Promise<void> {
		if (this.response) throw new Error('already started');
		const trigger = this.nodeType.trigger as (this: ITriggerFunctions) => Promise<ITriggerResponse>;
		this.response = await trigger.call(this.context('trigger'));
	}

	/** Deactivation or shutdown: the node's closeFunction. */
	async stop(): Promise<void> {
		const response = this.response;
		this.response = undefined;
		if (response?.closeFunction) await response.closeFunction();
	}

	/** "Test step" in the editor: trigger() in manual mode, then its manualTriggerFunction. */
	async manual(): Promise<ITriggerResponse> {
		const trigger = this.nodeType.trigger as (this: ITriggerFunctions) => Promise<ITriggerResponse>;
		const response = await trigger.call(this.context('manual'));
		if (response.manualTriggerFunction) await response.manualTriggerFunction();
		return response;
	}

	/** Waits until `check()` holds (polling every 20 ms), or fails after `timeoutMs`. */
	async until(check: () => boolean, timeoutMs = 10000, what = 'condition'): Promise<void> {
		const start = Date.now();
		while (!check()) {
			if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
			await sleep(20);
		}
	}
}
