/**
 * Refund part of a UnionPay card payment and wait for the final result (spec §2: sync `00` is "accepted";
 * `waitForFinal` runs the official query schedule).
 *
 *   pnpm example unionpay-refund.ts
 *
 * Against the simulator by default (it first takes a payment through the front form). With the variables of
 * examples/src/unionpay/unionpay-connection.ts and UNIONPAY_ORIGINAL_QUERY_ID (a paid order's queryId) it refunds
 * UNIONPAY_REFUND_AMOUNT fen (default 100) of that order on UnionPay's test gateway.
 */
import { connectUnionPay, exampleOrderId, simulatePaidOrder } from './src/unionpay/unionpay-connection.js';

const connection = await connectUnionPay();
try {
  let originalQueryId = process.env.UNIONPAY_ORIGINAL_QUERY_ID;
  if (connection.simulator) {
    const paid = await simulatePaidOrder(connection, 10_000);
    originalQueryId = paid.queryId;
    console.log(`paid 100.00 CNY on ${connection.target}, queryId ${paid.queryId}`);
  }
  if (!originalQueryId) throw new Error('set UNIONPAY_ORIGINAL_QUERY_ID to the queryId of a paid order');
  const refund = await connection.client.payments.refund(
    {
      orderId: exampleOrderId('REF'),
      originalQueryId,
      amount: Number(process.env.UNIONPAY_REFUND_AMOUNT ?? 2_500),
      currency: 'CNY',
      passthrough: 'example-refund',
    },
    { waitForFinal: true },
  );
  console.log(
    `refund ${refund.orderId}: ${refund.status} (${refund.vendorCode}), queryId ${refund.queryId ?? '-'}`,
  );
} finally {
  await connection.close();
}
