import { OutcomeUnknownError, ValidationError } from '@wirebridge/core';
import { VentajaClient, VentajaError } from '@wirebridge/ventaja';
import { startVentajaSimulator } from '@wirebridge/ventaja/testing';

const peso = (centavos: number) => `PHP ${(centavos / 100).toFixed(2)}`;

/**
 * A short tour of Ventaja against its simulator (started and closed here): a bill paid, a lost reply resolved by
 * inquiry without a second debit, a refused cancel that never left the process, and an e-load top-up.
 */
export async function ventajaDemo(print: (line: string) => void): Promise<void> {
  // 10:00 in Manila, so the 18:00 cancel cut-off never depends on when the demo runs.
  const simulator = await startVentajaSimulator({ clock: () => new Date('2025-02-01T02:00:00Z') });
  const client = new VentajaClient({
    environment: 'production',
    hosts: { bills: simulator.billsUrl, eload: simulator.eloadUrl },
    allowInsecureHttp: true,
    credentials: simulator.credentials,
    signing: { privateKeyPem: simulator.clientPrivateKeyPem ?? '' },
    timeouts: { default: 10_000, billsProcess: 500 },
    resolve: { delaysMs: [0, 200, 500] },
  });
  try {
    print('Ventaja (Philippines): bills payment and e-load, signed RSA-SHA1 over the exact bytes sent');
    const bill = {
      billerCode: 'C15',
      accountNumber: '816218000',
      identifier: 'JUAN DELA CRUZ',
      amount: { amount: 12_050, currency: 'PHP' },
    };
    const payment = await client.bills.pay(bill);
    print(`1. bill paid: ${payment.transactionNumber} (agentRefNo ${payment.agentRefNo}), ${peso(12_050)}`);

    simulator.inject({ path: '/process', kind: 'delay', ms: 3_000, commit: true });
    const resolved = await client.bills.pay(bill);
    const executions = simulator.state
      .transactions()
      .filter((entry) => entry.agentRefNo === resolved.agentRefNo).length;
    print(
      `2. reply lost after Ventaja executed it; resolved by ${resolved.resolvedBy}: ${resolved.transactionNumber}`,
    );
    print(`   ledger executions for ${resolved.agentRefNo}: ${executions}`);

    try {
      await client.bills.cancel({
        agentRefNo: payment.agentRefNo,
        transactionNumber: payment.transactionNumber,
        referenceNumber: payment.referenceNumber,
        billerCode: 'C15',
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      print(
        `3. cancel of biller C15 refused locally (${error.issues.map((issue) => issue.path).join(', ')}); requests sent: ${simulator.state.requestCount('/cancel')}`,
      );
    }

    const topup = await client.eload.topup({
      msisdn: '+639171234567',
      productCode: 'GLOBE100',
      amount: { amount: 10_000, currency: 'PHP' },
    });
    print(`4. e-load top-up ${topup.status}: ${topup.transactionNumber}`);

    const balance = await client.outlet.balance();
    print(`5. outlet credit now ${peso(balance.amount)}`);
  } catch (error) {
    if (error instanceof VentajaError || error instanceof OutcomeUnknownError) {
      print(`Ventaja demo stopped: ${error.message}`);
    }
    throw error;
  } finally {
    await client.close();
    await simulator.close();
  }
}
