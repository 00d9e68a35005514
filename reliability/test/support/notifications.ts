// Duplicate and concurrent notification pushes (DESIGN §4, §12): `process()` must call the handler once per
// unique event across instances sharing one IdempotencyStore, and never acknowledge an event whose handler has
// not succeeded (an acked deposit that was never stored is a lost deposit).
import type { InboundRequest, NotificationResult, Reply } from '@wirebridge/core';
import { expect } from 'vitest';
import { count } from './counters.js';

export interface NotificationInstance<E> {
  notifications: {
    handle(request: InboundRequest): Promise<NotificationResult<E>>;
    process(request: InboundRequest, onEvent: (event: E) => Promise<void>): Promise<Reply>;
  };
}

const bodyOf = (reply: Reply) =>
  typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('latin1');
const same = (a: Reply, b: Reply) => a.status === b.status && bodyOf(a) === bodyOf(b);

/**
 * Pushes `copies` copies of one request at once, spread over `instances`, with a handler that takes a while and
 * fails `failFirst` times; then plays the vendor: every copy not acknowledged is resent (bounded) until acked.
 */
export async function pushStorm<E>(options: {
  vendor: string;
  instances: ReadonlyArray<NotificationInstance<E>>;
  request: InboundRequest;
  copies: number;
  failFirst?: number;
  handlerMs?: number;
  maxResends?: number;
  /** The event was already processed by an earlier storm on the same store: ack at once, handler never runs. */
  alreadyDone?: boolean;
}): Promise<{ successes: number; attempts: number; replies: number }> {
  const { instances, request } = options;
  count(options.vendor, {
    cases: 1,
    faultsInjected:
      options.copies - 1 + (options.failFirst ?? 0) + (options.alreadyDone ? options.copies : 0),
  });
  const checked = await instances[0]!.notifications.handle(request);
  expect(checked.accepted, `the captured ${options.vendor} push verifies`).toBe(true);
  if (!checked.accepted) throw new Error('unreachable');
  const ack = checked.reply;
  const failure = checked.failureReply;

  let successes = 0;
  let attempts = 0;
  let failuresLeft = options.failFirst ?? 0;
  const onEvent = async (event: E) => {
    attempts += 1;
    expect(event).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, options.handlerMs ?? 20));
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('ledger unavailable');
    }
    successes += 1;
  };
  let replies = 0;
  const deliver = async (copy: number): Promise<void> => {
    for (let attempt = 0; attempt <= (options.maxResends ?? 20); attempt += 1) {
      const instance = instances[(copy + attempt) % instances.length]!;
      const reply = await instance.notifications.process(request, onEvent);
      replies += 1;
      count(options.vendor, { notificationPushes: 1 });
      if (same(reply, ack)) {
        // Never an ack before the handler stored the event.
        if (!options.alreadyDone) {
          expect(successes, 'an ack is only sent once the handler succeeded').toBeGreaterThanOrEqual(1);
        }
        return;
      }
      expect(
        same(reply, failure),
        `reply is the ack or the failure reply, got ${reply.status} ${bodyOf(reply)}`,
      ).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`copy ${copy} never acknowledged`);
  };
  await Promise.all(Array.from({ length: options.copies }, (_, copy) => deliver(copy)));
  if (options.alreadyDone) {
    expect(attempts, 'a resend of a processed event never reaches the handler').toBe(0);
  } else {
    expect(successes, 'the handler succeeded exactly once').toBe(1);
    expect(attempts, 'handler attempts = failures + one success').toBe((options.failFirst ?? 0) + 1);
  }
  return { successes, attempts, replies };
}
