import {
  BILLGATE_TEST_KEY,
  BILLGATE_TEST_SERVICE_ID,
  BillgateClient,
  BillgateError,
} from '@wirebridge/billgate';
import { startBillgateSimulator } from '@wirebridge/billgate/testing';

/**
 * A short tour of Billgate mobile payment against its simulator: window → return → charge, a partial cancel,
 * a lost approval reversed by a network cancel (nothing charged), and a refused input. Starts and closes the
 * simulator itself.
 */
export async function billgateDemo(print: (line: string) => void): Promise<void> {
  const simulator = await startBillgateSimulator();
  const client = new BillgateClient({
    environment: { host: simulator.host, backupHost: simulator.backupHost },
    ports: simulator.ports,
    serviceId: BILLGATE_TEST_SERVICE_ID,
    credentials: { current: BILLGATE_TEST_KEY },
    unknownOutcome: { backoffMs: [50, 100] },
  });
  try {
    print('Billgate: mobile-phone payment over TCP with SEED-CBC (simulator)');
    const orderDate = new Date();
    const window = client.mobile.createPaymentRequest({
      orderId: 'DEMO-BG-1',
      orderDate,
      amount: 10_000,
      currency: 'KRW',
      itemName: '휴대폰 충전',
      returnUrl: 'https://shop.example/billgate/return',
    });
    print(`  window form built for ${window.fields.ORDER_ID} (${window.fields.AMOUNT} KRW, CHECK_SUM set)`);

    const form = simulator.preparePayment({ orderId: 'DEMO-BG-1', orderDate, amount: 10_000 });
    const prepared = client.mobile.parseReturn({
      rawBody: form.toFormBody(),
      expected: { orderId: 'DEMO-BG-1', amount: 10_000, currency: 'KRW' },
    });
    print(`  return verified (HASH_DATA ok), transaction ${prepared.transactionId}`);

    const approval = await client.mobile.charge(prepared);
    print(`  charged ${approval.amount} KRW, transaction ${approval.transactionId}`);

    const reference = {
      orderId: prepared.orderId,
      orderDate: prepared.orderDate,
      transactionId: prepared.transactionId,
    };
    const partial = await client.mobile.cancel({ ...reference, currency: 'KRW', amount: 3_000 });
    print(
      `  partial cancel of ${partial.cancelledAmount} KRW; the rest lives on as ${partial.remainingTransactionId}`,
    );
    const status = await client.mobile.getStatus(reference);
    print(`  status: ${status.state}, ${status.cancelledAmount} KRW cancelled`);

    const lostForm = simulator.preparePayment({ orderId: 'DEMO-BG-2', orderDate, amount: 5_000 });
    const lost = client.mobile.parseReturn({
      rawBody: lostForm.toFormBody(),
      expected: { orderId: 'DEMO-BG-2', amount: 5_000, currency: 'KRW' },
    });
    simulator.inject('resetAfterRequest', { command: '3000' });
    try {
      await client.mobile.charge(lost);
    } catch (error) {
      if (!(error instanceof BillgateError) || !error.compensated) throw error;
      print(
        `  approval reply lost: network cancel 9100 sent, nothing charged (compensated, ${error.vendorCode}/${error.detailCode})`,
      );
    }
    const reversed = simulator.state.transactions.get(lost.transactionId)?.state;
    print(`  simulator ledger: ${simulator.ledger.length} movements, lost approval ${reversed}`);

    try {
      await client.mobile.cancel({ ...reference, currency: 'KRW', amount: 0 });
    } catch (error) {
      const fields = (error as { issues?: Array<{ path: string }> }).issues?.map((issue) => issue.path) ?? [];
      print(`  partial cancel of 0 KRW refused before sending: ${fields.join(', ')}`);
    }
  } finally {
    await client.close();
    await simulator.close();
  }
}
