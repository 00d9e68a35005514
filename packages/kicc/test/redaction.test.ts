import { createHmac } from 'node:crypto';
import { isWirebridgeError, type Logger } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { formatKst, type KiccNotificationEvent } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

let harness: Harness | undefined;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  await harness?.close();
  await receiver?.close();
});

describe('no secret, key, MAC, full account number or personal data in logs and errors (spec §5, DESIGN §7)', () => {
  it('captures every log line and error over a full flow and finds none of them', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (object: object, message?: string) => {
      lines.push(`${level} ${message ?? ''} ${JSON.stringify(object)}`);
    };
    const logger: Logger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    const errors: unknown[] = [];
    const events: KiccNotificationEvent[] = [];
    let kicc: Harness['client'] | undefined;
    receiver = await startWebhookReceiver(
      () => kicc!,
      async (event) => {
        events.push(event);
      },
    );
    harness = await startHarness({ simulator: { webhookUrl: receiver.url } });
    kicc = harness.newClient({
      logger,
      secretKeys: {
        current: harness.simulator.clientOptions().secretKey!,
        previous: 'old-rotated-secret-77',
      },
    });
    const secret = harness.simulator.clientOptions().secretKey!;

    // Issue with a reply whose MAC is tampered (a warning is logged), deposit via webhook, refund, a failing
    // cancel, a lost reply resolved by inquiry, and an unresolvable one.
    harness.simulator.inject({
      match: { path: '/api/trades/approval/virtualAccount' },
      fault: { kind: 'bad-msg-auth' },
    });
    const account = await kicc.virtualAccounts.issue(issueInput({ amount: 40_000 }));
    await harness.simulator.deposit({ transactionId: account.transactionId, depositorName: '김입금' });
    await kicc.virtualAccounts
      .cancel({ transactionId: account.transactionId })
      .catch((error: unknown) => errors.push(error));
    await kicc.virtualAccounts.refund({
      transactionId: account.transactionId,
      mode: 'realtime_verified',
      refundAccount: { bankCode: '004', accountNumber: '98765432109876', holderName: '박환불' },
    });
    const second = await kicc.virtualAccounts.issue(issueInput());
    harness.simulator.inject({
      match: { path: '/api/trades/revise' },
      fault: { kind: 'reset-before-response' },
    });
    harness.simulator.inject({
      match: { path: '/api/trades/revise' },
      fault: { kind: 'reset-before-response' },
    });
    harness.simulator.inject({
      match: { path: '/api/trades/retrieveTransaction' },
      times: 3,
      fault: { kind: 'http-status', status: 502 },
    });
    await kicc.virtualAccounts
      .cancel({ transactionId: second.transactionId })
      .catch((error: unknown) => errors.push(error));
    await kicc.virtualAccounts
      .issue(issueInput({ amount: -1, customer: { name: '홍길동', phone: '01012345678' } }))
      .catch((error: unknown) => errors.push(error));
    await harness.simulator.webhooksSettled();

    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual([
      'VENDOR',
      'OUTCOME_UNKNOWN',
      'VALIDATION',
    ]);
    expect(lines.some((line) => line.startsWith('warn') && line.includes('integrity'))).toBe(true);
    expect(lines.length).toBeGreaterThan(5);

    const errorText = errors
      .map((error) =>
        isWirebridgeError(error)
          ? JSON.stringify(error.toJSON()) + error.message + String(error.stack)
          : String(error),
      )
      .join('\n');
    const everything = `${lines.join('\n')}\n${errorText}`;
    // Every MAC sent (revise requests) and received (issue responses, recomputed with the oracle).
    const macs = harness.simulator
      .requests()
      .map((request) => (request.body as { msgAuthValue?: string }).msgAuthValue)
      .filter((mac): mac is string => typeof mac === 'string');
    for (const issued of [account, second]) {
      const input = `${issued.transactionId}|${issued.amount}|${formatKst(issued.transactionDate, 'yyyyMMddHHmmss')}`;
      macs.push(createHmac('sha256', secret).update(input).digest('hex'));
    }
    const forbidden = [
      secret,
      'old-rotated-secret-77',
      ...macs,
      account.accountNumber,
      second.accountNumber,
      '98765432109876',
      '01012345678',
      '홍길동',
      '김입금',
      '박환불',
    ];
    for (const value of forbidden) expect(everything, `leaked ${value.slice(0, 4)}…`).not.toContain(value);
  });
});
