/**
 * Pay out to a UnionPay card (代付, spec §2) and show what happens when the reply is lost after UnionPay executed
 * it: the SDK resolves the outcome by query and never sends a second payout.
 *
 *   pnpm example unionpay-payout.ts
 *
 * Against the simulator by default. With the variables of examples/src/unionpay/unionpay-connection.ts and
 * UNIONPAY_PAYOUT_PAN / UNIONPAY_PAYOUT_NAME it pays 1.00 CNY to that card on UnionPay's test gateway.
 */
import { OutcomeUnknownError } from '@wirebridge/core';
import { UnionPayError } from '@wirebridge/unionpay';
import { connectUnionPay, exampleOrderId } from './src/unionpay/unionpay-connection.js';

const connection = await connectUnionPay();
try {
  const orderId = exampleOrderId('PO');
  if (connection.simulator) {
    connection.simulator.inject({
      match: { orderId, endpoint: 'back' },
      fault: { kind: 'reset-before-response' },
    });
    console.log('the simulator will execute the payout and then reset the connection before replying');
  }
  try {
    const payout = await connection.client.payouts.create(
      {
        orderId,
        amount: 100,
        currency: 'CNY',
        pan: process.env.UNIONPAY_PAYOUT_PAN ?? '6216261000000000018',
        holder: { name: process.env.UNIONPAY_PAYOUT_NAME ?? '张三' },
        memo: 'remittance',
      },
      { waitForFinal: true },
    );
    console.log(`payout ${payout.orderId}: ${payout.status} (${payout.vendorCode}) on ${connection.target}`);
  } catch (error) {
    if (error instanceof UnionPayError)
      console.log(`payout ${orderId}: ${error.category} (${error.vendorCode})`);
    else if (error instanceof OutcomeUnknownError)
      console.log(`payout ${orderId}: outcome unknown, reconcile by ${error.reference}`);
    else throw error;
  }
  if (connection.simulator) {
    const executions = connection.simulator
      .transactions()
      .filter((entry) => entry.orderId === orderId).length;
    console.log(`payouts executed by the simulator for ${orderId}: ${executions}`);
  }
} finally {
  await connection.close();
}
