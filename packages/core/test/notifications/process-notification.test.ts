import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../../src/errors/index.js';
import {
  createNotificationProcessor,
  type InboundRequest,
  type NotificationHandler,
  type NotificationResult,
  processNotification,
  type Reply,
} from '../../src/notifications/index.js';
import { type IdempotencyStore, MemoryIdempotencyStore } from '../../src/store/index.js';
import { CapturingLogger } from '../observability/support/capturing-logger.js';

// A small webhook format for these tests: a JSON body signed with HMAC-SHA256 in `x-test-signature`.
// The handler is a pure function of the request, like a vendor's handler.
interface DepositEvent {
  depositId: string;
  amount: number;
}

const ack: Reply = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' };
const retry: Reply = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'RETRY' };
const unauthorized: Reply = { status: 401, headers: {}, body: 'bad signature' };

function createTestHandler(key: Buffer): NotificationHandler<DepositEvent> {
  return {
    handle(request: InboundRequest): NotificationResult<DepositEvent> {
      const body =
        typeof request.rawBody === 'string' ? request.rawBody : Buffer.from(request.rawBody).toString('utf8');
      const expected = createHmac('sha256', key).update(body).digest();
      const received = Buffer.from(String(request.headers['x-test-signature'] ?? ''), 'hex');
      if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
        return {
          accepted: false,
          event: null,
          rejection: { reason: 'bad_signature', detail: 'mismatch' },
          reply: unauthorized,
        };
      }
      const event = JSON.parse(body) as DepositEvent;
      return { accepted: true, event, dedupeKey: event.depositId, reply: ack, failureReply: retry };
    },
  };
}

function signedRequest(key: Buffer, event: DepositEvent): InboundRequest {
  const body = JSON.stringify(event);
  return {
    rawBody: body,
    headers: { 'x-test-signature': createHmac('sha256', key).update(body).digest('hex') },
  };
}

function setup() {
  const key = randomBytes(32);
  const handler = createTestHandler(key);
  const store = new MemoryIdempotencyStore();
  const processed: DepositEvent[] = [];
  const record = (event: DepositEvent) => {
    processed.push(event);
  };
  const request = (depositId = 'dep-1') => signedRequest(key, { depositId, amount: 50_000 });
  return { key, handler, store, processed, record, request };
}

/** A promise with its resolver, to hold a callback open until the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('processNotification', () => {
  it('processes the same event pushed twice once, and acknowledges both with the same reply', async () => {
    const { handler, store, processed, record, request } = setup();
    const first = await processNotification(handler, request(), record, { store });
    const second = await processNotification(handler, request(), record, { store });
    expect(processed).toEqual([{ depositId: 'dep-1', amount: 50_000 }]);
    expect(first).toEqual(ack);
    expect(second).toEqual(ack);
  });

  it('answers failureReply when onEvent throws, then processes the resend', async () => {
    const { handler, store, request } = setup();
    const calls: string[] = [];
    const failing = async (event: DepositEvent) => {
      calls.push(event.depositId);
      throw new Error('database unavailable');
    };
    await expect(processNotification(handler, request(), failing, { store })).resolves.toEqual(retry);
    const succeeding = (event: DepositEvent) => {
      calls.push(event.depositId);
    };
    await expect(processNotification(handler, request(), succeeding, { store })).resolves.toEqual(ack);
    await expect(processNotification(handler, request(), succeeding, { store })).resolves.toEqual(ack);
    expect(calls).toEqual(['dep-1', 'dep-1']);
  });

  it('with inProgressWaitMs 0, a copy arriving mid-processing gets failureReply at once', async () => {
    const { handler, store, request } = setup();
    const entered = gate();
    const release = gate();
    let calls = 0;
    const slow = async () => {
      calls++;
      entered.open();
      await release.opened;
    };
    const options = { store, inProgressWaitMs: 0 };
    const firstCopy = processNotification(handler, request(), slow, options);
    await entered.opened; // the first copy holds the claim and is inside onEvent
    const secondCopy = await processNotification(handler, request(), slow, options);
    expect(secondCopy).toEqual(retry);
    release.open();
    expect(await firstCopy).toEqual(ack);
    expect(calls).toBe(1);
    // The vendor's resend of the second copy is now acknowledged without processing.
    expect(await processNotification(handler, request(), slow, options)).toEqual(ack);
    expect(calls).toBe(1);
  });

  it('two concurrent copies: onEvent runs once and both get the ack (the second waits for the first)', async () => {
    const { handler, store, request } = setup();
    const entered = gate();
    const release = gate();
    let calls = 0;
    const slow = async () => {
      calls++;
      entered.open();
      await release.opened;
    };
    const options = { store, inProgressPollMs: 5 };
    const firstCopy = processNotification(handler, request(), slow, options);
    await entered.opened;
    const secondCopy = processNotification(handler, request(), slow, options);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the second copy is now waiting on the claim
    release.open();
    expect(await Promise.all([firstCopy, secondCopy])).toEqual([ack, ack]);
    expect(calls).toBe(1);
  });

  it('a waiting copy processes the event itself when the first copy fails, so nothing is lost', async () => {
    const { handler, store, request } = setup();
    const entered = gate();
    const release = gate();
    const outcomes: string[] = [];
    let calls = 0;
    const failsFirst = async () => {
      calls++;
      if (calls === 1) {
        entered.open();
        await release.opened;
        outcomes.push('first failed');
        throw new Error('ledger down');
      }
      outcomes.push('second processed');
    };
    const options = { store, inProgressPollMs: 5 };
    const firstCopy = processNotification(handler, request(), failsFirst, options);
    await entered.opened;
    const secondCopy = processNotification(handler, request(), failsFirst, options);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release.open();
    expect(await Promise.all([firstCopy, secondCopy])).toEqual([retry, ack]);
    expect(outcomes).toEqual(['first failed', 'second processed']);
  });

  it('refuses a negative inProgressWaitMs with a ValidationError naming it', () => {
    const { handler, store } = setup();
    expect(() => createNotificationProcessor(handler, { store, inProgressWaitMs: -1 })).toThrow(
      ValidationError,
    );
  });

  it('returns the rejection reply and never calls onEvent for a message that fails verification', async () => {
    const { handler, store, processed, record } = setup();
    const forged = signedRequest(randomBytes(32), { depositId: 'dep-1', amount: 1 });
    expect(await processNotification(handler, forged, record, { store })).toEqual(unauthorized);
    expect(processed).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('claims keyPrefix + dedupeKey', async () => {
    const { handler, store, record, request } = setup();
    await processNotification(handler, request('dep-7'), record, { store, keyPrefix: 'example:deposit:' });
    expect(await store.claim('example:deposit:dep-7', { ttlMs: 1_000, lockMs: 1_000 })).toEqual({
      state: 'done',
    });
  });

  it('replies failureReply, without calling onEvent, when the store cannot be reached', async () => {
    const { handler, record, processed, request } = setup();
    const unreachable: IdempotencyStore = {
      claim: async () => {
        throw new Error('ECONNREFUSED');
      },
      complete: async () => {},
      release: async () => {},
    };
    const logger = new CapturingLogger();
    expect(await processNotification(handler, request(), record, { store: unreachable, logger })).toEqual(
      retry,
    );
    expect(processed).toEqual([]);
    expect(logger.lines.map((line) => line.level)).toEqual(['warn']);
  });

  it('wraps a handler that throws a non-Wirebridge error in a ProtocolError', async () => {
    const { store, record } = setup();
    const broken: NotificationHandler<DepositEvent> = {
      handle: () => {
        throw new SyntaxError('Unexpected token');
      },
    };
    await expect(
      processNotification(broken, { rawBody: '{', headers: {} }, record, { store }),
    ).rejects.toBeInstanceOf(ProtocolError);
  });

  it('refuses an accepted event without a dedupe key rather than treating every event as a duplicate', async () => {
    const { store, record } = setup();
    const keyless: NotificationHandler<DepositEvent> = {
      handle: () => ({
        accepted: true,
        event: { depositId: '', amount: 1 },
        dedupeKey: '',
        reply: ack,
        failureReply: retry,
      }),
    };
    const process = () =>
      processNotification(keyless, { rawBody: '{}', headers: {} }, record, { store, keyPrefix: 'p:' });
    await expect(process()).rejects.toBeInstanceOf(ProtocolError);
    expect(store.size).toBe(0);
  });

  it('rejects malformed options with a ValidationError naming the option, before verifying anything', async () => {
    const { handler, store, record, request } = setup();
    await expect(processNotification(handler, request(), record, { store, ttlMs: -1 })).rejects.toMatchObject(
      {
        issues: [{ path: 'ttlMs' }],
      },
    );
    await expect(
      processNotification(handler, request(), record, { store: {} as IdempotencyStore }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('createNotificationProcessor', () => {
  it('exposes handle (verify and parse only) and process (exactly once)', async () => {
    const { handler, store, processed, record, request } = setup();
    const notifications = createNotificationProcessor(handler, { store, keyPrefix: 'test:' });
    const handled = await notifications.handle(request());
    expect(handled).toMatchObject({ accepted: true, dedupeKey: 'dep-1', event: { depositId: 'dep-1' } });
    expect(processed).toEqual([]);
    expect(await notifications.process(request(), record)).toEqual(ack);
    expect(await notifications.process(request(), record)).toEqual(ack);
    expect(processed).toHaveLength(1);
  });

  it('validates its options when created', () => {
    const { handler, store } = setup();
    expect(() => createNotificationProcessor(handler, { store, lockMs: 0 })).toThrow(ValidationError);
  });
});
