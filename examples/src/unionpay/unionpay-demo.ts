import { OutcomeUnknownError, ValidationError } from '@wirebridge/core';
import { UnionPayError } from '@wirebridge/unionpay';
import { connectUnionPay, exampleOrderId, simulatePaidOrder } from './unionpay-connection.js';

/**
 * A short tour of UnionPay against its simulator (started and closed here): a refund, a payout whose reply is
 * lost and is resolved by query without a second payout, bad input refused before sending, and the daily
 * settlement file.
 */
export async function unionpayDemo(print: (line: string) => void): Promise<void> {
  const connection = await connectUnionPay({}, { settleDelayMs: 20 });
  const simulator = connection.simulator!;
  try {
    const paid = await simulatePaidOrder(connection, 12_000);
    print(`1. paid 120.00 CNY by front form, queryId ${paid.queryId}`);

    const refund = await connection.client.payments.refund(
      { orderId: exampleOrderId('REF'), originalQueryId: paid.queryId, amount: 2_000, currency: 'CNY' },
      { waitForFinal: true },
    );
    print(`2. refunded 20.00 CNY: ${refund.status}`);

    const payoutOrder = exampleOrderId('PO');
    simulator.inject({
      match: { orderId: payoutOrder, endpoint: 'back' },
      fault: { kind: 'reset-before-response' },
    });
    try {
      const payout = await connection.client.payouts.create({
        orderId: payoutOrder,
        amount: 50_000,
        currency: 'CNY',
        pan: '6216261000000000018',
        holder: { name: '张三' },
      });
      const executed = simulator.transactions().filter((entry) => entry.orderId === payoutOrder).length;
      print(
        `3. payout reply lost after execution: resolved by query as ${payout.status}; executions at UnionPay: ${executed}`,
      );
    } catch (error) {
      if (error instanceof OutcomeUnknownError || error instanceof UnionPayError) {
        print(`3. payout outcome not yet known (${error.name}); reconcile by orderId ${payoutOrder}`);
      } else throw error;
    }

    const requestsBefore = simulator.requests().length;
    try {
      await connection.client.payouts.create({
        orderId: exampleOrderId('PO'),
        amount: 0,
        currency: 'CNY',
        pan: '1234',
        holder: {},
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fields = error.issues.map((issue) => issue.path).join(', ');
      print(
        `4. refused before sending: ${fields}; requests sent: ${simulator.requests().length - requestsBefore}`,
      );
    }

    const daily = await connection.client.settlement.fetchDaily({ settlementDate: new Date() });
    print(
      `5. settlement file: ${daily.totals.count} transactions, ${(daily.totals.amount / 100).toFixed(2)} CNY, ${daily.csv.split('\n').length - 2} CSV rows`,
    );
  } finally {
    await connection.close();
  }
}
