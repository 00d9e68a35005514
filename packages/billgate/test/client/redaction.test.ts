import { type Logger, redact } from '@wirebridge/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chargeOutput } from '../../src/operations/charge.js';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { clientFor, ORDER_DATE, prepare, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

function serializeError(error: unknown, depth = 0): string {
  if (depth > 5 || error === null || typeof error !== 'object') return String(error);
  const record = error as { message?: unknown; cause?: unknown; toJSON?: () => unknown };
  const json = typeof record.toJSON === 'function' ? JSON.stringify(record.toJSON()) : JSON.stringify(error);
  return `${String(record.message)} ${json} ${serializeError(record.cause, depth + 1)}`;
}

it('a full flow with faults logs and throws no key, IV, phone number, MESSAGE, CHECK_SUM or HASH_DATA', async () => {
  const lines: string[] = [];
  const capture = (level: string) => (object: object, message?: string) =>
    lines.push(`${level} ${JSON.stringify(object)} ${message ?? ''}`);
  const logger: Logger = {
    debug: capture('debug'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
  };
  const client = clientFor(simulator, { logger });
  const errors: unknown[] = [];
  const collect = (promise: Promise<unknown>) => promise.catch((error: unknown) => errors.push(error));

  const secrets: string[] = [
    'QkZJRlBDRTI4T0c1OUtBMw==',
    'BFIFPCE28OG59KA3',
    'PRJ59Q2GHPT844TQ',
    '01012345678',
  ];

  // Happy path: window, return, charge, partial cancel, status, full cancel.
  const prepared = prepare(client, simulator, 5000);
  secrets.push(prepared.authorization.slice(38, 80));
  const form = simulator.preparePayment({ orderId: 'ORDER-LOG2', orderDate: ORDER_DATE, amount: 1000 });
  secrets.push(form.fields.CHECK_SUM!, form.fields.HASH_DATA!);
  const approval = await client.mobile.charge(prepared);
  // A service logging the approval through core's redactor with the declared schema leaks no phone number.
  lines.push(JSON.stringify(redact(approval, chargeOutput)));
  expect(approval.mobileNumber).toBe('01012345678');
  const reference = {
    orderId: prepared.orderId,
    orderDate: prepared.orderDate,
    transactionId: prepared.transactionId,
  };
  const partial = await client.mobile.cancel({ ...reference, currency: 'KRW', amount: 1000 });
  await client.mobile.getStatus(reference);
  await collect(
    client.mobile.cancel({ ...reference, transactionId: partial.remainingTransactionId!, currency: 'KRW' }),
  );

  // Faults: a charge compensated, a charge left unknown, a tampered MESSAGE, a bad return post.
  const second = prepare(client, simulator, 2000);
  simulator.inject('resetAfterRequest', { command: '3000' });
  await collect(client.mobile.charge(second));
  const third = prepare(client, simulator, 3000);
  simulator.inject('badPadding', { command: '3000' });
  simulator.inject('wrongKey', { command: '9100', times: 3 });
  await collect(client.mobile.charge(third));
  const fourth = prepare(client, simulator, 4000);
  await collect(
    client.mobile.charge({ ...fourth, authorization: `${fourth.authorization.slice(0, -8)}AAAAAAA=` }),
  );
  await collect(client.mobile.charge({ ...fourth, amount: 4001 }));
  await collect(
    Promise.resolve().then(() =>
      client.mobile.parseReturn({
        rawBody: form.toFormBody(),
        expected: { orderId: 'ORDER-LOG2', amount: 999, currency: 'KRW' },
      }),
    ),
  );
  await client.close();

  expect(lines.length).toBeGreaterThan(5);
  expect(errors.length).toBeGreaterThanOrEqual(5);
  const everything = [...lines, ...errors.map((error) => serializeError(error))].join('\n');
  for (const secret of secrets) expect(everything).not.toContain(secret);
});
