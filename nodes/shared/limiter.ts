import { sleep } from 'n8n-workflow';

/**
 * At most `perSecond` starts in any 1-second window: a ring of the last `perSecond` start times;
 * a new start waits until the oldest of them is a second old. No bursts beyond the cap, no idle spacing below it.
 */
export class RateLimiter {
	private readonly starts: number[];

	private next = 0;

	private queue: Promise<void> = Promise.resolve();

	constructor(perSecond: number) {
		this.starts = new Array<number>(Math.max(1, Math.floor(perSecond))).fill(-Infinity);
	}

	/** Resolves when a request may start; callers are served in arrival order. */
	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => {
			const oldest = this.starts[this.next];
			const wait = oldest + 1000 - Date.now();
			if (wait > 0) await sleep(wait);
			this.starts[this.next] = Date.now();
			this.next = (this.next + 1) % this.starts.length;
		});
		this.queue = turn;
		return await turn;
	}
}

/** Runs `worker` over `items` with at most `limit` in flight; stops taking new items once `shouldStop()` is true. */
export async function forEachConcurrent<T>(
	items: T[],
	limit: number,
	worker: (item: T) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	let cursor = 0;
	const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (cursor < items.length && !shouldStop()) {
			const item = items[cursor++];
			await worker(item);
		}
	});
	await Promise.all(lanes);
}
