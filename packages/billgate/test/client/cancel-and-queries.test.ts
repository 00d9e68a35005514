import { OutcomeUnknownError, ProtocolError, ValidationError } from '@wirebridge/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BillgateClient } from '../../src/index.js';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { approved, clientFor, ORDER_DATE, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
let client: BillgateClient;

beforeAll(async () => {
  simulator = await startSimulator();
});
beforeEach(() => {
  client = clientFor(simulator);
});
afterEach(async () => {
  await client.close();
  simulator.reset();
});
afterAll(async () => {
  await simulator.close();
});

const commands = () => simulator.received.map((message) => message.command);
const reference = (prepared: { orderId: string; orderDate: Date; transactionId: string }) => ({
  orderId: prepared.orderId,
  orderDate: prepared.orderDate,
  transactionId: prepared.transactionId,
});

describe('mobile.cancel, full (9000 + 1001, keyed)', () => {
  it('cancels the whole amount; 9000 carries 1001 only', async () => {
    const { prepared } = await approved(client, simulator, 1000);
    const result = await client.mobile.cancel({ ...reference(prepared), currency: 'KRW' });
    expect(result).toMatchObject({ cancelledAmount: 1000, alreadyCancelled: false });
    const cancel = simulator.received.at(-1)!;
    expect(cancel.command).toBe('9000');
    expect(cancel.tags).toEqual([['1001', [prepared.transactionId]]]);
    expect(simulator.state.transactions.get(prepared.transactionId)?.state).toBe('cancelled');
  });

  it('reset after execution: re-sent with the same transactionId, B102 ⇒ success, cancelled once', async () => {
    const { prepared } = await approved(client, simulator);
    simulator.inject('resetAfterRequest', { command: '9000' });
    const result = await client.mobile.cancel({ ...reference(prepared), currency: 'KRW' });
    expect(result.alreadyCancelled).toBe(true);
    expect(result.cancelledAmount).toBe(1000);
    const cancels = simulator.received.filter((message) => message.command === '9000');
    expect(cancels).toHaveLength(2);
    expect(cancels.map((message) => message.tags)).toEqual([
      [['1001', [prepared.transactionId]]],
      [['1001', [prepared.transactionId]]],
    ]);
    expect(simulator.ledger.filter((entry) => entry.effect === 'cancel')).toHaveLength(1);
  });

  it('a retryable answer (B901) is retried with the same transactionId', async () => {
    const { prepared } = await approved(client, simulator);
    simulator.inject('code', { command: '9000', value: { code: 'B901' } });
    const result = await client.mobile.cancel({ ...reference(prepared), currency: 'KRW' });
    expect(result.cancelledAmount).toBe(1000);
    expect(commands()).toEqual(['3000', '9000', '9000']);
  });

  it('B102 on the first attempt is not hidden: duplicate', async () => {
    const { prepared } = await approved(client, simulator);
    await client.mobile.cancel({ ...reference(prepared), currency: 'KRW' });
    await expect(client.mobile.cancel({ ...reference(prepared), currency: 'KRW' })).rejects.toMatchObject({
      category: 'duplicate',
      vendorCode: 'B102',
    });
  });
});

describe('mobile.cancel, partial (9000 + 1001 + 7043, unsafe)', () => {
  it('cancels part and returns the new transaction id (1041)', async () => {
    const { prepared } = await approved(client, simulator, 1000);
    const result = await client.mobile.cancel({ ...reference(prepared), currency: 'KRW', amount: 300 });
    expect(result.cancelledAmount).toBe(300);
    expect(result.remainingTransactionId).toMatch(/^TX20240101\d{6}$/);
    expect(result.remainingTransactionId).not.toBe(prepared.transactionId);
    expect(result.cancelTransactionId).toBeDefined();
    expect(simulator.received.at(-1)!.tags).toEqual([
      ['1001', [prepared.transactionId]],
      ['7043', ['300']],
    ]);
    const transaction = simulator.state.transactions.get(prepared.transactionId)!;
    expect(transaction).toMatchObject({ state: 'partially_cancelled', cancelledAmount: 300 });
    expect(transaction.currentTransactionId).toBe(result.remainingTransactionId);
  });

  it('over the remaining amount ⇒ B104 invalid_request', async () => {
    const { prepared } = await approved(client, simulator, 1000);
    await expect(
      client.mobile.cancel({ ...reference(prepared), currency: 'KRW', amount: 5000 }),
    ).rejects.toMatchObject({ category: 'invalid_request', vendorCode: 'B104' });
  });

  it('reset after execution: never re-sent; 5000 cannot prove it did not run ⇒ OutcomeUnknownError', async () => {
    const { prepared } = await approved(client, simulator, 1000);
    simulator.inject('resetAfterRequest', { command: '9000' });
    const error = await client.mobile
      .cancel({ ...reference(prepared), currency: 'KRW', amount: 300 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reference).toBe(prepared.transactionId);
    expect(commands()).toEqual(['3000', '9000', '5000']);
    expect(simulator.ledger.filter((entry) => entry.effect === 'partial_cancel')).toHaveLength(1);
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: -1 }],
    ['amount', { amount: 10.5 }],
    ['amount', { amount: undefined }],
    ['currency', { currency: 'USD', amount: 100 }],
    ['transactionId', { transactionId: '', amount: 100 }],
  ] as const)('invalid %s is named and nothing is sent (never a 9000 without 7043)', async (field, patch) => {
    const { prepared } = await approved(client, simulator, 1000);
    const before = simulator.received.length;
    const error = await client.mobile
      .cancel({ ...reference(prepared), currency: 'KRW', ...patch } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(field);
    expect(simulator.received.length).toBe(before);
  });
});

describe('mobile.networkCancel (9100, keyed)', () => {
  it('reverses an approval', async () => {
    const { prepared } = await approved(client, simulator);
    const result = await client.mobile.networkCancel(reference(prepared));
    expect(result.cancelledAt?.toISOString()).toBe(ORDER_DATE.toISOString());
    expect(simulator.state.transactions.get(prepared.transactionId)?.state).toBe('reversed');
  });

  it('reset after execution: re-sent with the same transactionId, B102 ⇒ success', async () => {
    const { prepared } = await approved(client, simulator);
    simulator.inject('resetAfterRequest', { command: '9100' });
    await client.mobile.networkCancel(reference(prepared));
    const sent = simulator.received.filter((message) => message.command === '9100');
    expect(sent.map((message) => message.tags)).toEqual([
      [['1001', [prepared.transactionId]]],
      [['1001', [prepared.transactionId]]],
    ]);
    expect(simulator.ledger.filter((entry) => entry.effect === 'reverse')).toHaveLength(1);
  });

  it('unknown transaction ⇒ B101 not_found', async () => {
    await expect(
      client.mobile.networkCancel({ orderId: 'ORDER-X', orderDate: ORDER_DATE, transactionId: 'TX-NONE' }),
    ).rejects.toMatchObject({ category: 'not_found', vendorCode: 'B101' });
  });

  it('bad input is named, nothing sent', async () => {
    const error = await client.mobile
      .networkCancel({ orderId: 'ORDER-X', orderDate: new Date(Number.NaN), transactionId: 'TX' })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('orderDate');
    expect(simulator.received).toEqual([]);
  });
});

describe('mobile.getStatus (5000, safe)', () => {
  it('reports approved, partially cancelled and not found', async () => {
    const { prepared } = await approved(client, simulator, 1000);
    expect(await client.mobile.getStatus(reference(prepared))).toMatchObject({
      state: 'approved',
      amount: 1000,
      cancelledAmount: 0,
    });
    await client.mobile.cancel({ ...reference(prepared), currency: 'KRW', amount: 400 });
    expect(await client.mobile.getStatus({ orderId: prepared.orderId, orderDate: ORDER_DATE })).toMatchObject(
      {
        state: 'partially_cancelled',
        cancelledAmount: 400,
      },
    );
    expect(await client.mobile.getStatus({ orderId: 'ORDER-NONE', orderDate: ORDER_DATE })).toEqual({
      state: 'not_found',
    });
  });

  it('is retried after a reset (safe)', async () => {
    const { prepared } = await approved(client, simulator);
    simulator.inject('resetAfterRequest', { command: '5000' });
    const status = await client.mobile.getStatus(reference(prepared));
    expect(status.state).toBe('approved');
    expect(commands().filter((command) => command === '5000')).toHaveLength(2);
  });

  it('bad input is named, nothing sent', async () => {
    const error = await client.mobile
      .getStatus({ orderId: 'x'.repeat(65), orderDate: ORDER_DATE })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('orderId');
    expect(simulator.received).toEqual([]);
  });
});

describe('health.ping (0300, safe)', () => {
  it('answers with a latency and sends 0011 = now', async () => {
    const result = await client.health.ping();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(simulator.received[0]).toMatchObject({ command: '0300', tags: [['0011', ['20240101120000']]] });
  });

  it('is retried after a garbled reply', async () => {
    simulator.inject('badBase64', { command: '0300' });
    await client.health.ping();
    expect(commands()).toEqual(['0300', '0300']);
  });

  it('gives up with a ProtocolError when every attempt is garbled', async () => {
    simulator.inject('mismatchedHeader', { command: '0300', times: 3 });
    await expect(client.health.ping()).rejects.toBeInstanceOf(ProtocolError);
    expect(commands()).toEqual(['0300', '0300', '0300']);
  });

  it('bad call options are named, nothing sent', async () => {
    const error = await client.health.ping({ timeoutMs: -1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(simulator.received).toEqual([]);
  });
});

describe('raw.invoke', () => {
  it('sends any message with the same framing and crypto and returns the decoded response', async () => {
    const response = await client.raw.invoke(
      {
        version: '0100',
        merchantId: 'M2103135',
        serviceCode: '1100',
        command: '0300',
        orderId: 'RAW-1',
        orderDate: '20240101120000',
        tags: [['0011', ['20240101120000']]],
      },
      { idempotency: 'safe' },
    );
    expect(response).toMatchObject({ command: '0301', orderId: 'RAW-1' });
    expect(response.tags[0]).toEqual(['1002', ['0000']]);
  });

  it('unsafe raw calls are not re-sent after a reset', async () => {
    simulator.inject('resetAfterRequest');
    await expect(
      client.raw.invoke(
        {
          version: '0100',
          merchantId: 'M2103135',
          serviceCode: '1100',
          command: '0300',
          orderId: 'RAW-2',
          orderDate: '20240101120000',
          tags: [],
        },
        { idempotency: 'unsafe' },
      ),
    ).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(commands()).toEqual(['0300']);
  });

  it('a response command is refused before sending', async () => {
    const error = await client.raw
      .invoke(
        {
          version: '0100',
          merchantId: 'M2103135',
          serviceCode: '1100',
          command: '0301',
          orderId: 'RAW-3',
          orderDate: '20240101120000',
          tags: [],
        },
        { idempotency: 'safe' },
      )
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('command');
    expect(simulator.received).toEqual([]);
  });
});

describe('raw.invoke options', () => {
  it('a missing idempotency class is a rejected ValidationError, nothing sent', async () => {
    const call = client.raw.invoke(
      {
        version: '0100',
        merchantId: 'M2103135',
        serviceCode: '1100',
        command: '0300',
        orderId: 'RAW-4',
        orderDate: '20240101120000',
        tags: [],
      },
      {} as never,
    );
    const error = await call.catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['options.idempotency']);
    expect(simulator.received).toEqual([]);
  });
});

describe('full cancel and parseReturn validation', () => {
  it('full cancel: a missing orderDate or bad transactionId is named, nothing sent', async () => {
    const error = await client.mobile
      .cancel({ orderId: 'ORDER-V', transactionId: 'TX 1', currency: 'KRW' } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path).sort()).toEqual([
      'orderDate',
      'transactionId',
    ]);
    expect(simulator.received).toEqual([]);
  });

  it('parseReturn: a bad expected amount is named', () => {
    let caught: unknown;
    try {
      client.mobile.parseReturn({
        rawBody: '',
        expected: { orderId: 'ORDER-V', amount: -1, currency: 'KRW' },
      });
    } catch (error) {
      caught = error;
    }
    expect((caught as ValidationError).issues.map((issue) => issue.path)).toEqual(['expected.amount']);
  });
});
