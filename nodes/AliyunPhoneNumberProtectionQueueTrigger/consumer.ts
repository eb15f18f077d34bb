import {
	NodeApiError,
	sleep,
	type IRun,
	type ITriggerFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { buildBatch, rememberKeys, type Batch, type QueueSettings } from './batch';
import { deleteMessages, MnsRequestError, receiveMessages, type MnsTarget } from './mns';
import { TokenCache, TokenError } from './token';

/**
 * The queue consumer: long-polls the receipt queue, emits the new records as one execution per batch, and deletes
 * the messages only once that execution has finished (at-least-once: a message whose execution did not finish
 * becomes visible again after the queue's visibility timeout and is received again). Records whose call ID (+
 * message type) was already processed within the deduplication window are deleted without being emitted.
 */

const MAX_MESSAGES = 16;
const BACKOFF_SECONDS = [1, 2, 5, 10, 30, 60];
const PAUSE_STEP_MS = 250;
const MIN_EMPTY_POLL_MS = 1000;
/** MNS refusals that a fresh token may cure */
const TOKEN_CODES = [
	'InvalidAccessKeyId',
	'SecurityTokenExpired',
	'InvalidSecurityToken',
	'AccessDenied',
];
/** MNS refusals that no retry cures */
const FATAL_CODES = ['QueueNotExist', 'AccessDenied', 'InvalidQueueName'];

function runFailed(run: IRun | undefined): boolean {
	if (!run) return false;
	return (
		run.data?.resultData?.error !== undefined || run.status === 'error' || run.status === 'crashed'
	);
}

export type { Batch, QueueSettings };

export class QueueConsumer {
	private closed = false;

	private stop: () => void = () => {};

	private readonly stopped = new Promise<'stopped'>((resolve) => {
		this.stop = () => resolve('stopped');
	});

	private controller: AbortController | undefined;

	private loop: Promise<void> | undefined;

	constructor(
		private readonly ctx: ITriggerFunctions,
		private readonly settings: QueueSettings,
		private readonly tokens: TokenCache,
		private readonly mnsEndpoint: string,
	) {}

	get isClosed(): boolean {
		return this.closed;
	}

	private async target(): Promise<MnsTarget> {
		const token = await this.tokens.get();
		return { endpoint: this.mnsEndpoint, queueName: this.settings.queueName, credentials: token };
	}

	/** Runs `call` with the current token; once more with a fresh one when MNS refused the token. */
	private async withToken<T>(call: (target: MnsTarget) => Promise<T>): Promise<T> {
		let refused: unknown;
		try {
			return await call(await this.target());
		} catch (error) {
			refused = error;
		}
		const tokenRefused =
			refused instanceof MnsRequestError && TOKEN_CODES.includes(refused.code) && !this.closed;
		if (!tokenRefused) throw refused;
		this.tokens.invalidate();
		return await call(await this.target());
	}

	/** One long-polling receive → the batch (its items may be empty). */
	async receive(): Promise<Batch> {
		this.controller = new AbortController();
		const signal = this.controller.signal;
		const messages = await this.withToken(
			async (target) =>
				await receiveMessages(this.ctx, target, MAX_MESSAGES, this.settings.waitSeconds, signal),
		);
		return buildBatch(this.ctx, this.settings, messages);
	}

	private async remove(handles: string[]): Promise<void> {
		if (handles.length === 0) return;
		const refused = await this.withToken(
			async (target) => await deleteMessages(this.ctx, target, handles),
		);
		if (refused.length > 0) {
			// e.g. ReceiptHandleError: the message became visible again meanwhile; it comes back and is dropped then
			const codes = [...new Set(refused.map((r) => r.code))].join(', ');
			this.ctx.logger.warn(
				`Aliyun receipt queue ${this.settings.queueName}: ${refused.length} message(s) not deleted (${codes})`,
			);
		}
	}

	/** After the execution: remember the keys and delete the messages (or leave them for a retry). */
	async settle(batch: Batch, outcome: { run?: IRun; rejected?: boolean }): Promise<void> {
		const failed = outcome.rejected === true || runFailed(outcome.run);
		if (outcome.rejected === true || (failed && this.settings.deleteWhen === 'succeeded')) {
			this.ctx.logger.warn(
				`Aliyun receipt queue ${this.settings.queueName}: the execution of ${batch.handles.length} message(s) ` +
					'did not finish successfully; they stay in the queue and are received again after its visibility timeout',
			);
			return;
		}
		if (this.settings.deduplicate) rememberKeys(this.ctx, this.settings, batch.keys);
		for (let i = 0; i < batch.handles.length; i += MAX_MESSAGES) {
			await this.remove(batch.handles.slice(i, i + MAX_MESSAGES));
		}
	}

	/** Emits the batch and returns the promise of its execution's outcome. */
	emit(batch: Batch): Promise<{ run?: IRun; rejected?: boolean }> {
		const done = this.ctx.helpers.createDeferredPromise<IRun>();
		this.ctx.emit([batch.items], undefined, done);
		return done.promise.then(
			(run) => ({ run }),
			() => ({ rejected: true }),
		);
	}

	/** Production: receive, emit, wait for the execution, delete; until close(). */
	start(): void {
		this.loop = this.run();
	}

	private async run(): Promise<void> {
		let failures = 0;
		while (!this.closed) {
			try {
				const started = Date.now();
				const batch = await this.receive();
				failures = 0;
				await this.remove(batch.dropped);
				if (batch.items.length === 0) {
					// MNS answers an empty queue only after the wait; never spin on an endpoint that answers at once
					if (batch.dropped.length === 0)
						await this.pause(MIN_EMPTY_POLL_MS - (Date.now() - started));
					continue;
				}
				const outcome = await Promise.race([this.emit(batch), this.stopped]);
				// stopped while the execution ran: the messages stay, and are received again after the restart
				if (outcome === 'stopped') return;
				await this.settle(batch, outcome);
			} catch (error) {
				if (this.closed) return;
				if (this.isFatal(error)) {
					this.ctx.emitError(this.apiError(error));
					return;
				}
				const seconds = BACKOFF_SECONDS[Math.min(failures, BACKOFF_SECONDS.length - 1)];
				failures++;
				this.ctx.logger.warn(
					`Aliyun receipt queue ${this.settings.queueName}: ${(error as Error).message}; retrying in ${seconds} s`,
				);
				await this.pause(seconds * 1000);
			}
		}
	}

	/** Manual run: waits for the first new records, emits them, deletes them once that execution finished. */
	async once(): Promise<void> {
		while (!this.closed) {
			const started = Date.now();
			let batch: Batch;
			try {
				batch = await this.receive();
			} catch (error) {
				if (this.closed) return;
				throw this.apiError(error);
			}
			await this.remove(batch.dropped);
			if (batch.items.length === 0) {
				if (batch.dropped.length === 0)
					await this.pause(MIN_EMPTY_POLL_MS - (Date.now() - started));
				continue;
			}
			void this.emit(batch).then(async (outcome) => await this.settle(batch, outcome));
			return;
		}
	}

	private isFatal(error: unknown): boolean {
		if (error instanceof TokenError) return error.fatal;
		return error instanceof MnsRequestError && FATAL_CODES.includes(error.code);
	}

	apiError(error: unknown): NodeApiError {
		const e = error as { message?: string; code?: string; requestId?: string; status?: number };
		const body: JsonObject = {
			message: e.message ?? String(error),
			code: e.code ?? '',
			requestId: e.requestId ?? '',
		};
		return new NodeApiError(this.ctx.getNode(), body, {
			message: e.message ?? String(error),
			description: e.requestId ? `RequestId ${e.requestId}` : undefined,
			httpCode: e.status ? String(e.status) : undefined,
		});
	}

	private async pause(ms: number): Promise<void> {
		const until = Date.now() + ms;
		while (!this.closed && Date.now() < until) {
			await sleep(Math.min(PAUSE_STEP_MS, until - Date.now()));
		}
	}

	/** Stops the loop: the long poll is aborted, an execution still running is not waited for. */
	async close(): Promise<void> {
		this.closed = true;
		this.stop();
		this.controller?.abort();
		await this.loop;
	}
}
