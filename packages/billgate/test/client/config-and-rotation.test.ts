import { ConfigError, OutcomeUnknownError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLGATE_TEST_KEY, BillgateClient, encodeBillgateFrame } from '../../src/index.js';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { openFrame, resolveText } from '../../src/wire/billgate-frame.js';
import { createBillgateCipher } from '../../src/wire/billgate-key.js';
import { clientFor, prepare, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

describe('client options', () => {
  it.each([
    ['credentials.current.key', { key: 'c2hvcnQ=', iv: BILLGATE_TEST_KEY.iv }],
    ['credentials.current.iv', { key: BILLGATE_TEST_KEY.key, iv: 'too-short' }],
  ])('bad %s is a ConfigError naming it, never echoing the value', (path, current) => {
    let caught: unknown;
    try {
      new BillgateClient({ environment: 'test', serviceId: 'M2103135', credentials: { current } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toContain(path);
    expect((caught as ConfigError).message).not.toContain(String(current.key));
  });

  it('a serviceId longer than 20 characters is a ConfigError', () => {
    expect(
      () =>
        new BillgateClient({
          environment: 'test',
          serviceId: 'M'.repeat(21),
          credentials: { current: BILLGATE_TEST_KEY },
        }),
    ).toThrow(ConfigError);
  });
});

describe('key rotation (spec §5.1)', () => {
  it('a reply that does not decrypt under current is read under next', () => {
    const nextKey = { key: Buffer.alloc(16, 3), iv: Buffer.alloc(16, 5) };
    const frame = Buffer.from(
      encodeBillgateFrame(
        {
          version: '0100',
          merchantId: 'M2103135',
          serviceCode: '1100',
          command: '0301',
          orderId: 'R-1',
          orderDate: '20240101120000',
          tags: [['1002', ['0000']]],
        },
        nextKey,
      ),
    );
    const ciphers = { current: createBillgateCipher(BILLGATE_TEST_KEY), next: createBillgateCipher(nextKey) };
    expect(openFrame(frame, ciphers, resolveText()).message.tags).toEqual([['1002', ['0000']]]);
  });
});

describe('one approval per order across concurrent calls (spec §2.1 step 2)', () => {
  it('a second charge while the first is in flight is OutcomeUnknownError and sends nothing', async () => {
    simulator.reset();
    const client = clientFor(simulator);
    const prepared = prepare(client, simulator);
    // The simulator holds its reply 2 s (well within the 20 s deadline): the first call is surely still in flight.
    simulator.inject('delay', { command: '3000', value: 2_000 });
    const first = client.mobile.charge(prepared);
    while (simulator.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(client.mobile.charge(prepared)).rejects.toBeInstanceOf(OutcomeUnknownError);
    const approval = await first;
    expect(approval.transactionId).toBe(prepared.transactionId);
    expect(simulator.received.filter((message) => message.command === '3000')).toHaveLength(1);
    await client.close();
  });
});
