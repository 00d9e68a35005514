/**
 * Billgate mobile charge: payment window → RETURN_URL verification → approval (3000) → status (5000).
 *
 *   pnpm example billgate-charge.ts
 *
 * Runs against the simulator. Against Billgate's test host set BILLGATE_SERVICE_ID, BILLGATE_KEY, BILLGATE_IV and,
 * because the window needs a browser, BILLGATE_RETURN_BODY_FILE (the raw RETURN_URL POST body you captured),
 * BILLGATE_ORDER_ID and BILLGATE_AMOUNT.
 */
import { readFile } from 'node:fs/promises';
import { connectBillgate } from './src/billgate/billgate-setup.js';

const setup = await connectBillgate();
const { client, simulator } = setup;
try {
  const orderId = process.env.BILLGATE_ORDER_ID ?? `EX-${Date.now()}`;
  const amount = Number(process.env.BILLGATE_AMOUNT ?? 1_000);
  const orderDate = new Date();
  const window = client.mobile.createPaymentRequest({
    orderId,
    orderDate,
    amount,
    currency: 'KRW',
    itemName: '휴대폰 충전',
    returnUrl: 'https://shop.example/billgate/return',
  });
  console.log(
    `window: load ${window.scriptUrl}, GX_pay(form, 'popup', '${window.protocolType}') with`,
    Object.keys(window.fields).join(', '),
  );

  const rawBody =
    simulator === undefined
      ? await readFile(process.env.BILLGATE_RETURN_BODY_FILE ?? '')
      : simulator.preparePayment({ orderId, orderDate, amount }).toFormBody();
  const prepared = client.mobile.parseReturn({ rawBody, expected: { orderId, amount, currency: 'KRW' } });
  console.log(`return verified: transaction ${prepared.transactionId}`);

  const approval = await client.mobile.charge(prepared);
  console.log(`approved ${approval.amount} KRW at ${approval.approvedAt.toISOString()}`);

  const status = await client.mobile.getStatus(prepared);
  console.log(`status: ${status.state}`);
  const ping = await client.health.ping();
  console.log(`ping: ${ping.latencyMs} ms`);
} finally {
  await setup.close();
}
