import { sleep } from 'n8n-workflow';

/**
 * Paces request starts at 1000/perSecond ms apart (smooth, as the provider sees them, rather than a burst at the top
 * of every second), and never lets more than `perSecond` actual starts fall in any 1-second window: a ring of the
 * last `perSecond` start times makes a start wait until the oldest is a second old. Late timers catch up, within that
 * cap.
 */
export class RateLimiter {
	private readonly starts: number[];

	private readonly interval: number;

	private ring = 0;

	private nextSlot = 0;

	private queue: Promise<void> = Promise.resolve();

	constructor(perSecond: number) {
		const cap = Math.max(1, Math.floor(perSecond));
		this.starts = new Array<number>(cap).fill(-Infinity);
		this.interval = 1000 / cap;
	}

	/** Resolves when a request may start; callers are served in arrival order. */
	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => {
			const now = Date.now();
			const slot = Math.max(now, this.nextSlot);
			const wait = Math.max(slot, this.starts[this.ring] + 1000) - now;
			if (wait >= 1) await sleep(wait);
			this.starts[this.ring] = Date.now();
			this.ring = (this.ring + 1) % this.starts.length;
			this.nextSlot = slot + this.interval;
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
