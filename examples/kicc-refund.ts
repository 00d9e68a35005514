/**
 * Refund a deposited VA (real-time, verified account), including KICC's VTIM answer and its documented
 * `refundQueryFlag=Y` re-query.
 *
 *   pnpm example kicc-refund.ts
 *
 * Against the simulator by default. With KICC_MERCHANT_ID, KICC_SECRET_KEY and KICC_TRANSACTION_ID (a deposited
 * VA's pgCno) it refunds that VA at KICC to KICC_REFUND_BANK / KICC_REFUND_ACCOUNT / KICC_REFUND_HOLDER.
 */
import { exampleOrderNumber, openKiccExample } from './src/kicc/kicc-example-setup.js';

const example = await openKiccExample();
try {
  let transactionId = process.env.KICC_TRANSACTION_ID;
  if (example.simulator) {
    const account = await example.client.virtualAccounts.issue({
      orderNumber: exampleOrderNumber('EX-REFUND'),
      amount: 80_000,
      currency: 'KRW',
      bankCode: '081',
      expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1_000),
      itemName: '해외송금 입금',
    });
    await example.simulator.deposit({ transactionId: account.transactionId });
    example.simulator.inject({ match: { path: '/api/trades/revise' }, fault: { kind: 'vtim' } });
    transactionId = account.transactionId;
    console.log(`deposited VA ${transactionId}; KICC will first answer the refund with VTIM`);
  }
  if (!transactionId) throw new Error('set KICC_TRANSACTION_ID to the pgCno of a deposited VA');
  const refund = await example.client.virtualAccounts.refund({
    transactionId,
    mode: 'realtime_verified',
    refundAccount: {
      bankCode: process.env.KICC_REFUND_BANK ?? '004',
      accountNumber: process.env.KICC_REFUND_ACCOUNT ?? '12345678901234',
      holderName: process.env.KICC_REFUND_HOLDER ?? '홍길동',
    },
    reason: 'customer request',
  });
  console.log(
    `refunded ${refund.cancelAmount} KRW (cancel ${refund.cancelTransactionId}), remaining ${refund.remainingAmount}`,
  );
} finally {
  await example.close();
}
