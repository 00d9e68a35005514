/**
 * Issue a KICC virtual account, receive its deposit webhook, read the VA back.
 *
 *   pnpm example kicc-issue-and-deposit.ts
 *
 * Runs against the KICC simulator by default. With KICC_MERCHANT_ID and KICC_SECRET_KEY (and optionally
 * KICC_ENVIRONMENT=test|production, KICC_CLIENT_IP) it uses KICC instead; the issue endpoint is Modelled
 * (see packages/kicc/README.md), and deposits must then be made with KICC's deposit-simulation page.
 */
import type { KiccNotificationEvent } from '@wirebridge/kicc';
import { exampleOrderNumber, maskAccount, openKiccExample } from './src/kicc/kicc-example-setup.js';
import { startKiccWebhookEndpoint } from './src/kicc/kicc-webhook-endpoint.js';

const events: KiccNotificationEvent[] = [];
let example: Awaited<ReturnType<typeof openKiccExample>> | undefined;
const endpoint = await startKiccWebhookEndpoint(
  () => example!.client,
  async (event) => {
    events.push(event);
    console.log(
      `webhook: ${event.type} ${event.deposit?.amount ?? event.amount ?? ''} KRW (dedupe ${event.dedupeKey})`,
    );
  },
);
example = await openKiccExample({ webhookUrl: endpoint.url });
try {
  const account = await example.client.virtualAccounts.issue({
    orderNumber: exampleOrderNumber('EX-ISSUE'),
    amount: 1_500_000,
    currency: 'KRW',
    bankCode: '088',
    expiresAt: new Date(Date.now() + 2 * 24 * 60 * 60 * 1_000),
    itemName: '해외송금 입금',
    holderName: '와이어브릿지',
  });
  console.log(
    `issued ${account.transactionId}: ${account.bankName} ${maskAccount(account.accountNumber)}, ${account.amount} KRW until ${account.expiresAt.toISOString()} (${account.integrity})`,
  );
  if (example.simulator) {
    await example.simulator.deposit({ transactionId: account.transactionId, depositorName: '홍길동' });
    const fetched = await example.client.virtualAccounts.get({ transactionId: account.transactionId });
    console.log(`after the deposit the VA is ${fetched.status}; webhooks handled: ${events.length}`);
  } else {
    console.log(
      'deposit into the VA with KICC’s deposit-simulation page; the webhook lands on your endpoint',
    );
  }
} finally {
  await example.close();
  await endpoint.close();
}
