import { setTimeout as sleep } from 'node:timers/promises';

/** A token bucket: `ratePerSecond` tokens per second, bursts up to one second's worth. */
export function createTokenBucket(ratePerSecond: number, now: () => number = () => performance.now()) {
  const capacity = Math.max(1, ratePerSecond);
  let tokens = capacity;
  let updatedAt = now();
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const current = now();
    tokens = Math.min(capacity, tokens + ((current - updatedAt) / 1_000) * ratePerSecond);
    updatedAt = current;
  };
  /** Waits for one token; callers are served in order. Rejects only when `signal` aborts while waiting. */
  const take = (signal?: AbortSignal): Promise<void> => {
    const turn = queue.then(async () => {
      refill();
      while (tokens < 1) {
        await sleep(Math.ceil(((1 - tokens) / ratePerSecond) * 1_000), undefined, signal ? { signal } : {});
        refill();
      }
      tokens -= 1;
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
  return { take };
}
