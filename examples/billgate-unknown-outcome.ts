/**
 * What happens when an approval's reply is lost after Billgate executed it (spec §2.1): the client sends a network
 * cancel (9100) with the same transaction id and reports `BillgateError { compensated: true }`: nothing charged.
 * If every 9100 fails too, `OutcomeUnknownError` carries the pending cancel for a reconciliation job.
 *
 *   pnpm example billgate-unknown-outcome.ts
 *
 * Simulator only: the faults are injected by the simulator.
 */
import { BillgateError, BillgateOutcomeUnknownError } from '@wirebridge/billgate';
import { connectBillgate } from './src/billgate/billgate-setup.js';

const setup = await connectBillgate({});
const { client } = setup;
const simulator = setup.simulator!;
try {
  const orderDate = new Date();
  const charge = async (orderId: string) => {
    const form = simulator.preparePayment({ orderId, orderDate, amount: 5_000 });
    const prepared = client.mobile.parseReturn({
      rawBody: form.toFormBody(),
      expected: { orderId, amount: 5_000, currency: 'KRW' },
    });
    return client.mobile.charge(prepared);
  };

  simulator.inject('resetAfterRequest', { command: '3000' });
  await charge(`EX-LOST-${Date.now()}`).catch((error: unknown) => {
    if (error instanceof BillgateError && error.compensated) {
      console.log(
        `reply lost → 9100 sent → nothing charged (${error.category}, retryable ${error.retryable})`,
      );
      return;
    }
    throw error;
  });

  simulator.inject('resetAfterRequest', { command: '3000' });
  simulator.inject('resetAfterRequest', { command: '9100', times: 3 });
  await charge(`EX-UNKNOWN-${Date.now()}`).catch((error: unknown) => {
    if (error instanceof BillgateOutcomeUnknownError) {
      console.log(
        'reply lost and every 9100 failed → pending compensation:',
        error.pendingCompensation.command,
        error.pendingCompensation.transactionId,
      );
      return;
    }
    throw error;
  });
  console.log(
    'simulator ledger:',
    simulator.ledger.map((entry) => `${entry.command}:${entry.effect}`).join(', '),
  );
} finally {
  await setup.close();
}
