/**
 * The public VA path: open KICC's payment window, let the payer pick a bank, approve the result.
 *
 *   pnpm example kicc-payment-window.ts
 *
 * Against the simulator by default (the "browser" step is simulated); with KICC_MERCHANT_ID and KICC_SECRET_KEY
 * set it prints the window URL to open, and approves once KICC_AUTHORIZATION_ID and KICC_ORDER_NUMBER are given.
 */
import { exampleOrderNumber, maskAccount, openKiccExample } from './src/kicc/kicc-example-setup.js';

const example = await openKiccExample();
try {
  const orderNumber = process.env.KICC_ORDER_NUMBER ?? exampleOrderNumber('EX-WIN');
  let authorizationId = process.env.KICC_AUTHORIZATION_ID;
  if (!authorizationId) {
    const window = await example.client.virtualAccounts.createPaymentWindow({
      orderNumber,
      amount: 300_000,
      currency: 'KRW',
      returnUrl: 'https://merchant.example/kicc/return',
      device: 'pc',
      itemName: '송금 입금',
    });
    console.log(`payment window for ${window.orderNumber}: ${window.paymentWindowUrl}`);
    if (!example.simulator) {
      console.log(
        'open it, pick a bank, then rerun with KICC_ORDER_NUMBER and KICC_AUTHORIZATION_ID from returnUrl',
      );
    } else {
      const redirect = await fetch(`${window.paymentWindowUrl}?bankCode=004`, { redirect: 'manual' });
      authorizationId =
        new URL(redirect.headers.get('location') ?? '').searchParams.get('authorizationId') ?? undefined;
    }
  }
  if (authorizationId) {
    const account = await example.client.virtualAccounts.approve({ orderNumber, authorizationId });
    console.log(
      `approved: ${account.bankName} ${maskAccount(account.accountNumber)} for ${account.amount} KRW`,
    );
  }
} finally {
  await example.close();
}
