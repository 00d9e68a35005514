/**
 * Billgate cancels: a partial cancel (9000 + 7043, returns the new transaction id 1041) then a full cancel of the rest.
 *
 *   pnpm example billgate-cancel.ts
 *
 * Runs against the simulator (it approves an order first). Against Billgate's test host set BILLGATE_SERVICE_ID,
 * BILLGATE_KEY, BILLGATE_IV and the approval to cancel: BILLGATE_ORDER_ID, BILLGATE_ORDER_DATE (YYYYMMDDhhmmss KST),
 * BILLGATE_TRANSACTION_ID, BILLGATE_CANCEL_AMOUNT (partial; omit for a full cancel).
 */
import { connectBillgate } from './src/billgate/billgate-setup.js';

const setup = await connectBillgate();
const { client, simulator } = setup;
try {
  let reference: { orderId: string; orderDate: Date; transactionId: string };
  if (simulator) {
    const orderId = `EX-${Date.now()}`;
    const orderDate = new Date();
    const form = simulator.preparePayment({ orderId, orderDate, amount: 10_000 });
    const prepared = client.mobile.parseReturn({
      rawBody: form.toFormBody(),
      expected: { orderId, amount: 10_000, currency: 'KRW' },
    });
    await client.mobile.charge(prepared);
    reference = { orderId, orderDate: prepared.orderDate, transactionId: prepared.transactionId };
    console.log(`approved 10000 KRW as ${reference.transactionId}`);
  } else {
    const kst = process.env.BILLGATE_ORDER_DATE ?? '';
    const orderDate = new Date(
      `${kst.slice(0, 4)}-${kst.slice(4, 6)}-${kst.slice(6, 8)}T${kst.slice(8, 10)}:${kst.slice(10, 12)}:${kst.slice(12, 14)}+09:00`,
    );
    reference = {
      orderId: process.env.BILLGATE_ORDER_ID ?? '',
      orderDate,
      transactionId: process.env.BILLGATE_TRANSACTION_ID ?? '',
    };
  }
  const partialAmount = Number(process.env.BILLGATE_CANCEL_AMOUNT ?? (simulator ? 2_500 : Number.NaN));
  let remaining = reference.transactionId;
  if (!Number.isNaN(partialAmount)) {
    const partial = await client.mobile.cancel({ ...reference, currency: 'KRW', amount: partialAmount });
    console.log(
      `partial cancel: ${partial.cancelledAmount} KRW; the rest lives on as ${partial.remainingTransactionId}`,
    );
    remaining = partial.remainingTransactionId ?? remaining;
  }
  if (simulator) {
    const full = await client.mobile.cancel({ ...reference, transactionId: remaining, currency: 'KRW' });
    console.log(`full cancel of the rest: ${full.cancelledAmount} KRW`);
  }
  console.log('status:', (await client.mobile.getStatus(reference)).state);
} finally {
  await setup.close();
}
