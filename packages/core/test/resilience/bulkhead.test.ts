import { describe, expect, it } from 'vitest';
import { BulkheadRejectedError } from '../../src/index.js';
import { Bulkhead } from '../../src/resilience/index.js';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('Bulkhead', () => {
  it('runs up to the limit, queues up to the bound, and rejects past it without running the action', async () => {
    const bulkhead = new Bulkhead({ limit: 2, queue: 1, name: 'ventaja' });
    const gate = deferred();
    let started = 0;
    const action = async () => {
      started++;
      await gate.promise;
      return started;
    };
    const running = [bulkhead.execute(action), bulkhead.execute(action), bulkhead.execute(action)];
    await Promise.resolve();
    expect(started).toBe(2); // the third waits in the queue
    expect(bulkhead.availableQueueSlots).toBe(0);

    let rejectedActionRan = false;
    const rejected = await bulkhead
      .execute(async () => {
        rejectedActionRan = true;
      })
      .catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(BulkheadRejectedError);
    expect((rejected as BulkheadRejectedError).message).toContain('ventaja');
    expect(rejectedActionRan).toBe(false);

    gate.release();
    await Promise.all(running);
    expect(started).toBe(3);
    expect(bulkhead.availableSlots).toBe(2);
  });
});
