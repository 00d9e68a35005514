import type { Logger } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CooconEvent } from '../src/index.js';
import { type Harness, issueInput, startHarness, testKey } from './support.js';

let harness: Harness;
afterEach(async () => harness?.close());

/** Everything a logger received, serialised as a log shipper would. */
function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (object: unknown, message?: string) =>
    lines.push(
      JSON.stringify({ level, message, object }, (_key, value) =>
        value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
      ),
    );
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function serialiseError(error: unknown): string {
  const value = error as { toJSON?: () => unknown; message?: string; stack?: string };
  return JSON.stringify({
    json: value?.toJSON?.(),
    message: value?.message,
    stack: value?.stack,
    details: (value as { details?: unknown })?.details,
  });
}

describe('no secret, key, full account number or name in logs and error details', () => {
  it('over a full flow with failures', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    harness = await startHarness(
      { logger: capturingLogger(lines) },
      { retry: { attempts: 1, intervalMs: 20 } },
    );
    const { client, simulator } = harness;
    const holderName = '위브릿지';
    const account = await client.virtualAccounts.issue(issueInput('VA-LOG-1', { customerId: 'CUST-778899' }));
    const accountNumber = account.virtualAccountNumber;
    const depositAccount = await client.virtualAccounts.issue(
      issueInput('VA-LOG-4', { accountType: 'fixed', amountRule: 'any', expectedAmount: undefined }),
    );
    // An unknown outcome, a vendor refusal, bad input and a lost reply, all logged and thrown.
    // The issue and each of its 3 inquiries lose their reply.
    simulator.inject('resetAfterRequest', { times: 4 });
    errors.push(
      serialiseError(await client.virtualAccounts.issue(issueInput('VA-LOG-2')).catch((error) => error)),
    );
    errors.push(
      serialiseError(await client.virtualAccounts.issue(issueInput('VA-LOG-1')).catch((error) => error)),
    );
    errors.push(
      serialiseError(
        await client.virtualAccounts
          .issue(issueInput('VA-LOG-3', { holderName: `${holderName}${holderName}${holderName}` }))
          .catch((error) => error),
      ),
    );
    errors.push(
      serialiseError(
        await client.virtualAccounts
          .terminate({
            virtualAccountNumber: `${accountNumber}X`,
            merchantReference: 'VA-LOG-1',
            reason: 'other',
          })
          .catch((error) => error),
      ),
    );
    // A terminate whose every reply is lost (the call and its 3 resends): neither its OutcomeUnknownError
    // nor the call events may carry the account number. The breaker opened on the failures above.
    await client.breakers.reset('coocon:jeonbuk');
    simulator.inject('resetAfterRequest', { times: 4 });
    errors.push(
      serialiseError(
        await client.virtualAccounts
          .terminate({ virtualAccountNumber: accountNumber, merchantReference: 'VA-LOG-1', reason: 'other' })
          .catch((error) => error),
      ),
    );
    await client.breakers.reset('coocon:jeonbuk');
    simulator.inject('delay', { value: 1_000 });
    errors.push(
      serialiseError(
        await client.virtualAccounts
          .get({ virtualAccountNumber: accountNumber }, { timeoutMs: 300, maxAttempts: 1 })
          .catch((error) => error),
      ),
    );

    // Deposits through the receiver, including a failing handler and a refused telegram.
    let failOnce = true;
    const events: CooconEvent[] = [];
    const receiver = client.notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1', '::1'],
      onEvent: async (event) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('store failed');
        }
        events.push(event);
      },
      onError: (error) => errors.push(serialiseError(error)),
    });
    simulator.setPushTarget(await receiver.listen());
    await simulator.deposit({
      virtualAccountNumber: depositAccount.virtualAccountNumber,
      amount: 150_000,
      depositorName: '홍길동',
    });
    simulator.inject('wrongKey');
    await simulator
      .deposit({
        virtualAccountNumber: depositAccount.virtualAccountNumber,
        amount: 150_000,
        depositorName: '홍길동',
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await receiver.close();

    const output = [...lines, ...errors].join('\n');
    expect(output).toContain('OUTCOME_UNKNOWN');
    expect(output).toContain('coocon.virtualAccounts.terminate');
    expect(output).toContain('VA-LOG-2'); // references do appear: the details really were captured
    expect(lines.length).toBeGreaterThan(5); // the flow really logged
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const secret of [
      testKey,
      Buffer.from(testKey).toString('hex'),
      accountNumber,
      depositAccount.virtualAccountNumber,
      holderName,
      '홍길동',
      'CUST-778899',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
