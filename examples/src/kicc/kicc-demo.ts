import { isWirebridgeError, OutcomeUnknownError } from '@wirebridge/core';
import { KiccClient, type KiccNotificationEvent } from '@wirebridge/kicc';
import { startKiccSimulator } from '@wirebridge/kicc/testing';
import { maskAccount } from './kicc-example-setup.js';
import { startKiccWebhookEndpoint } from './kicc-webhook-endpoint.js';

/**
 * The KICC section of `pnpm demo`: issue a virtual account, take its deposit webhook (twice, processed once),
 * survive a lost reply without issuing twice, and deactivate a batch with bounded concurrency. Starts and closes
 * its own simulator.
 */
export async function kiccDemo(print: (line: string) => void): Promise<void> {
  const events: KiccNotificationEvent[] = [];
  let client: KiccClient | undefined;
  const endpoint = await startKiccWebhookEndpoint(
    () => client!,
    async (event) => {
      events.push(event);
    },
  );
  const simulator = await startKiccSimulator({ webhookUrl: endpoint.url });
  client = new KiccClient({ ...simulator.clientOptions(), resolverDelaysMs: [0, 20, 40] });
  try {
    print('KICC EasyPay: Korean-won virtual accounts against the KICC simulator');

    const expiresAt = new Date(Date.now() + 3 * 24 * 60 * 60 * 1_000);
    const account = await client.virtualAccounts.issue({
      orderNumber: `DEMO-${Date.now()}`,
      amount: 1_500_000,
      currency: 'KRW',
      bankCode: '088',
      expiresAt,
      itemName: '해외송금 입금',
      holderName: '와이어브릿지',
    });
    print(
      `1. issued VA ${account.bankName} ${maskAccount(account.accountNumber)} for ${account.amount} KRW (msgAuthValue ${account.integrity})`,
    );

    simulator.inject({
      match: { transactionId: account.transactionId },
      fault: { kind: 'duplicate-webhook', copies: 2 },
    });
    await simulator.deposit({ transactionId: account.transactionId });
    await simulator.webhooksSettled();
    const deliveries = simulator
      .webhooks()
      .filter((webhook) => webhook.transactionId === account.transactionId).length;
    print(
      `2. deposit webhook delivered ${deliveries} times, handled ${events.length} time(s): ${events[0]?.type}`,
    );

    simulator.inject({
      match: { path: '/api/trades/approval/virtualAccount' },
      fault: { kind: 'reset-before-response' },
    });
    const lost = await client.virtualAccounts.issue({
      orderNumber: `DEMO-LOST-${Date.now()}`,
      amount: 250_000,
      currency: 'KRW',
      bankCode: '004',
      expiresAt,
      itemName: '해외송금 입금',
    });
    const sameOrder = simulator.accounts().filter((each) => each.orderNumber === lost.orderNumber).length;
    print(
      `3. reply lost after KICC issued the VA; resolved by retrieveTransaction (${lost.integrity}); VAs for that order: ${sameOrder}`,
    );

    try {
      await client.virtualAccounts.cancel({ transactionId: account.transactionId });
    } catch (error) {
      if (!isWirebridgeError(error) || error instanceof OutcomeUnknownError) throw error;
      print(`4. cancelling the deposited VA is refused: ${error.message}`);
    }

    const batch = simulator.seedVirtualAccounts(40);
    const report = await client.virtualAccounts.bulkDeactivate(
      batch.map((transactionId) => ({ transactionId })),
      { runId: 'demo', concurrency: 4, maxRequestsPerSecond: 1_000 },
    );
    print(
      `5. bulk deactivation of ${report.total} VAs: ${report.counts.deactivated} deactivated, peak ${simulator.maxInFlightSeen()} in flight (bound 4)`,
    );
    const rerun = await client.virtualAccounts.bulkDeactivate(
      batch.map((transactionId) => ({ transactionId })),
      { runId: 'demo', concurrency: 4, maxRequestsPerSecond: 1_000 },
    );
    const cancels = simulator.executions().filter((execution) => execution.operation === 'cancel').length;
    print(
      `6. same-day rerun: ${rerun.counts.deactivated} reported deactivated, cancels executed in total: ${cancels}`,
    );
  } finally {
    await client.close();
    await simulator.close();
    await endpoint.close();
  }
}
