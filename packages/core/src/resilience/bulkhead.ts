import { type BulkheadPolicy, bulkhead, isBulkheadRejectedError } from 'cockatiel';
import { BulkheadRejectedError } from '../errors/families.js';

/** Concurrency limit of one vendor within one service instance (DESIGN §5). */
export interface BulkheadOptions {
  /** Calls allowed in flight at once. @default 30 */
  limit?: number;
  /** Calls allowed to wait for a slot; more are rejected at once. @default 100 */
  queue?: number;
  /** Name reported in errors, usually the vendor. */
  name?: string;
}

/** A concurrency limiter that rejects with {@link BulkheadRejectedError} past its queue bound. */
export class Bulkhead {
  readonly #policy: BulkheadPolicy;
  readonly #name: string;

  constructor(options: BulkheadOptions = {}) {
    this.#policy = bulkhead(options.limit ?? 30, options.queue ?? 100);
    this.#name = options.name ?? 'bulkhead';
  }

  /** Free execution slots right now. */
  get availableSlots(): number {
    return this.#policy.executionSlots;
  }

  /** Free queue slots right now. */
  get availableQueueSlots(): number {
    return this.#policy.queueSlots;
  }

  /** Runs `action` when a slot is free; fails fast when the queue is full. */
  async execute<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await this.#policy.execute(() => action());
    } catch (error) {
      if (isBulkheadRejectedError(error)) {
        throw new BulkheadRejectedError({
          message: `${this.#name}: concurrency limit and queue are full; the call was not sent`,
          details: { name: this.#name },
        });
      }
      throw error;
    }
  }
}
