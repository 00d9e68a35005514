import { MemoryIdempotencyStore } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CooconClient,
  type CooconEvent,
  type CooconReceiver,
  type CooconReceiverOptions,
} from '../src/index.js';
import { type Harness, issueInput, startHarness, testKey } from './support.js';

let harness: Harness;
const receivers: CooconReceiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
  await harness?.close();
});

/** Starts a receiver on an ephemeral loopback port and points the simulator's pushes at it. */
async function listen(options: Partial<CooconReceiverOptions> = {}, target = harness) {
  const receiver = target.client.notifications.createReceiver({
    port: 0,
    allowList: ['127.0.0.1', '::1'],
    ...options,
  });
  receivers.push(receiver);
  const address = await receiver.listen();
  target.simulator.setPushTarget(address);
  return receiver;
}

async function issued(reference = 'VA-PUSH-1', overrides: Record<string, unknown> = {}) {
  return harness.client.virtualAccounts.issue(
    issueInput(reference, {
      accountType: 'fixed',
      amountRule: 'any',
      expectedAmount: undefined,
      ...overrides,
    }),
  );
}

function until(condition: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() - started > 15_000) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('deposit receiver: ack only after the handler stored the event', () => {
  it('delivers a deposit to onEvent and acks it (the simulator checks the ack byte for byte)', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    await listen({ onEvent: async (event) => void events.push(event) });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 50_000,
      depositorName: '홍길동',
      method: 'cash',
    });
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'deposit',
      dedupeKey: push.dedupeKey,
      virtualAccountNumber: account.virtualAccountNumber,
      merchantReference: 'VA-PUSH-1',
      amount: 50_000,
      currency: 'KRW',
      depositorName: '홍길동',
      depositMethod: 'cash',
      sendCount: 1,
      transactionSerial: 1,
    });
    expect(push.dedupeKey).toMatch(/^coocon:WB000001:0200:\d{8}:0000001$/);
  });

  it('does not ack when the handler fails, and the resend is delivered again', async () => {
    harness = await startHarness({}, { retry: { attempts: 2, intervalMs: 50 } });
    const account = await issued();
    let calls = 0;
    const stored: CooconEvent[] = [];
    await listen({
      onEvent: async (event) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        stored.push(event);
      },
    });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'KIM',
    });
    expect(push.acked).toBe(false);
    await until(() => harness.simulator.deliveries[0]?.acked === true, 'the resend to be acked');
    expect(calls).toBe(2);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.sendCount).toBe(2);
  });

  it('acks a late-completing handler on the resend without delivering it twice', async () => {
    harness = await startHarness({}, { retry: { attempts: 3, intervalMs: 200 } });
    const account = await issued();
    let calls = 0;
    await listen({
      ackTimeoutMs: 100,
      onEvent: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 250)); // finishes after the ack deadline
      },
    });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'LEE',
    });
    expect(push.acked).toBe(false);
    await until(() => harness.simulator.deliveries[0]?.acked === true, 'the resend to be acked');
    expect(calls).toBe(1);
  });

  it('delivers a duplicate (sequential) once and acks both copies', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    const duplicates: CooconEvent[] = [];
    await listen({
      onEvent: async (event) => void events.push(event),
      onDuplicate: (event) => duplicates.push(event),
    });
    harness.simulator.inject('duplicate');
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 2_000,
      depositorName: 'PARK',
    });
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
    expect(duplicates).toHaveLength(1);
    expect(harness.simulator.deliveries[0]?.ackCount).toBe(2);
  });

  it('delivers concurrent copies on two receivers (two instances) sharing a store once, and acks both', async () => {
    const store = new MemoryIdempotencyStore();
    harness = await startHarness({ idempotencyStore: store }, { retry: { attempts: 0 } });
    const otherInstance = new CooconClient({
      institutionCode: 'WB000001',
      relay: harness.simulator.relay,
      crypto: { key: testKey },
      idempotencyStore: store,
    });
    const account = await issued();
    const events: CooconEvent[] = [];
    const onEvent = async (event: CooconEvent) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // both copies overlap while the first is stored
      events.push(event);
    };
    const second = otherInstance.notifications.createReceiver({ port: 0, allowList: ['127.0.0.1'], onEvent });
    receivers.push(second);
    const secondTarget = await second.listen();
    await listen({ onEvent });
    harness.simulator.inject('duplicate', { value: { concurrent: true, secondTarget } });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 3_000,
      depositorName: 'CHOI',
    });
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
    expect(harness.simulator.deliveries[0]?.ackCount).toBe(2);
    await otherInstance.close();
  });

  it('acks a stored event even when the store cannot mark it done (a resend would deliver it twice)', async () => {
    const memory = new MemoryIdempotencyStore();
    const errors: Error[] = [];
    const failingStore = {
      claim: memory.claim.bind(memory),
      release: memory.release.bind(memory),
      complete: async () => {
        throw new Error('redis unavailable');
      },
    };
    harness = await startHarness({ idempotencyStore: failingStore }, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    await listen({
      onEvent: async (event) => void events.push(event),
      onError: (error) => errors.push(error),
    });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'BAE',
    });
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
    expect(errors.map((error) => error.message)).toContain('redis unavailable');
  });

  it('delivers through the async iterator and acks on ack()', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const receiver = await listen();
    const consumed: CooconEvent[] = [];
    const consumer = (async () => {
      for await (const delivery of receiver) {
        consumed.push(delivery.event);
        await delivery.ack();
        break;
      }
    })();
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 4_000,
      depositorName: 'JUNG',
    });
    await consumer;
    expect(push.acked).toBe(true);
    expect(consumed[0]?.type).toBe('deposit');
  });

  it('delivers a cancellation referencing the original deposit', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    await listen({ onEvent: async (event) => void events.push(event) });
    const deposit = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 5_000,
      depositorName: 'KANG',
    });
    const cancel = await harness.simulator.cancelDeposit({ dedupeKey: deposit.dedupeKey, reason: '01' });
    expect(cancel.acked).toBe(true);
    expect(events[1]).toMatchObject({
      type: 'deposit.cancelled',
      originalDedupeKey: deposit.dedupeKey,
      originalTransactionSerial: 1,
      amount: 5_000,
      cancelReason: '01',
      originalSeen: true,
    });
  });
});

describe('deposit receiver: refusals close silently with no event', () => {
  const refusals = [
    ['wrongKey', 'bad_signature'],
    ['badPadding', 'bad_signature'],
    ['unknownInstitution', 'unauthenticated'],
  ] as const;
  it.each(refusals)('%s ⇒ no ack, no event, onError(%s)', async (fault, reason) => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    const errors: Error[] = [];
    await listen({
      onEvent: async (event) => void events.push(event),
      onError: (error) => errors.push(error),
    });
    harness.simulator.inject(fault);
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'YOON',
    });
    expect(push.acked).toBe(false);
    expect(events).toHaveLength(0);
    await until(() => errors.length > 0, 'onError');
    expect((errors[0] as { details?: { reason?: string } }).details?.reason).toBe(reason);
  });

  it.each(['badPrefix', 'truncate'] as const)('%s ⇒ the connection is closed, no event', async (fault) => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    const errors: Error[] = [];
    await listen({
      onEvent: async (event) => void events.push(event),
      onError: (error) => errors.push(error),
      idleTimeoutMs: 300,
    });
    harness.simulator.inject(fault);
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'HAN',
    });
    expect(push.acked).toBe(false);
    expect(events).toHaveLength(0);
  });

  it('destroys connections from outside the allow-list before reading', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    const errors: Error[] = [];
    await listen({
      allowList: ['10.0.0.0/8'],
      onEvent: async (event) => void events.push(event),
      onError: (error) => errors.push(error),
    });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'OH',
    });
    expect(push.acked).toBe(false);
    expect(events).toHaveLength(0);
    await until(() => errors.length > 0, 'onError');
    expect((errors[0] as { details?: { reason?: string } }).details?.reason).toBe('peer_refused');
  });
});

describe('deposit receiver: transport faults still deliver exactly once', () => {
  it('reassembles a slowloris push (1 byte per interval)', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    await listen({ onEvent: async (event) => void events.push(event) });
    harness.simulator.inject('slowloris', { value: 1 });
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'SEO',
    });
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
  });

  it('handles two frames coalesced in one write once', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    await listen({ onEvent: async (event) => void events.push(event) });
    harness.simulator.inject('coalesce');
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'SHIN',
    });
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
  });

  it('processes a push whose sender gave up early (noAckWait) and acks its resend without redelivery', async () => {
    harness = await startHarness({}, { retry: { attempts: 2, intervalMs: 100 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    const duplicates: CooconEvent[] = [];
    await listen({
      onEvent: async (event) => void events.push(event),
      onDuplicate: (event) => duplicates.push(event),
    });
    harness.simulator.inject('noAckWait');
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'KWON',
    });
    await until(() => harness.simulator.deliveries[0]?.acked === true, 'the resend to be acked');
    expect(events).toHaveLength(1);
    expect(duplicates).toHaveLength(1);
  });
});

describe('gap recovery and day close (spec §7)', () => {
  it('skipSerial ⇒ gap after the grace period ⇒ 결번요구 ⇒ re-push ⇒ delivered once', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const events: CooconEvent[] = [];
    const gaps: Array<{ transactionDate: string; serials: number[] }> = [];
    const receiver = await listen({
      onEvent: async (event) => void events.push(event),
      gap: { graceMs: 50 },
    });
    receiver.on('gap', (info) => gaps.push(info));
    harness.simulator.inject('skipSerial');
    const held = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'A',
    });
    expect(held.acked).toBe(false);
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 2_000,
      depositorName: 'B',
    });
    await until(() => events.length === 2, 'the missing deposit to be re-pushed');
    expect(gaps[0]?.serials).toEqual([1]);
    expect(harness.simulator.requests.filter((request) => request.kind === 'missingSerials')).toHaveLength(1);
    expect(events.map((event) => event.transactionSerial).sort()).toEqual([1, 2]);
    expect(await receiver.missingSerials(events[0]!.transactionDate)).toEqual([]);
  });

  it('reports a serial as gapUnresolved after maxRequests', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const unresolved: number[][] = [];
    const errors: Error[] = [];
    const receiver = await listen({
      onEvent: async () => {},
      onError: (error) => errors.push(error),
      gap: { graceMs: 30, maxRequests: 1 },
    });
    receiver.on('gapUnresolved', (info) => unresolved.push(info.serials));
    // Every 결번요구 fails (relay down), so the hole stays open.
    harness.simulator.inject('code', { value: 'C002', times: 30 });
    harness.simulator.inject('skipSerial');
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1_000,
      depositorName: 'A',
    });
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 2_000,
      depositorName: 'B',
    });
    await until(() => unresolved.length > 0, 'gapUnresolved');
    expect(unresolved).toEqual([[1]]);
    expect(errors.some((error) => (error as { vendorCode?: string }).vendorCode === 'C002')).toBe(true);
  });

  it('compares the 2400 totals with what was acked: matching day', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const closed: Array<{ matches: boolean }> = [];
    const network: string[] = [];
    const receiver = await listen({
      onEvent: async (event) => void (event.type.startsWith('network.') && network.push(event.type)),
    });
    receiver.on('dayClosed', (info) => closed.push(info));
    await harness.simulator.openDay();
    const deposit = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 7_000,
      depositorName: 'A',
    });
    await harness.simulator.cancelDeposit({ dedupeKey: deposit.dedupeKey });
    await harness.simulator.echo();
    await harness.simulator.closeDay();
    await until(() => closed.length === 1, 'dayClosed');
    expect(closed[0]).toMatchObject({
      matches: true,
      expected: { depositCount: 1, depositTotal: 7_000, cancelCount: 1, cancelTotal: 7_000, lastSerial: 2 },
    });
    expect(network).toEqual(['network.open', 'network.echo', 'network.close']);
  });

  it('reports dayClosed.matches = false when a deposit never arrived', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await issued();
    const closed: Array<{ matches: boolean; received: { depositCount: number } }> = [];
    const gaps: number[][] = [];
    const receiver = await listen({ onEvent: async () => {}, gap: { autoRequest: false } });
    receiver.on('dayClosed', (info) => closed.push(info));
    receiver.on('gap', (info) => gaps.push(info.serials));
    harness.simulator.inject('skipSerial');
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 7_000,
      depositorName: 'A',
    });
    await harness.simulator.closeDay();
    await until(() => closed.length === 1, 'dayClosed');
    expect(closed[0]?.matches).toBe(false);
    expect(closed[0]?.received.depositCount).toBe(0);
    expect(gaps).toEqual([[1]]);
  });
});
