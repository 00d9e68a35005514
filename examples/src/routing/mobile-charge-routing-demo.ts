import { BILLGATE_TEST_KEY, BILLGATE_TEST_SERVICE_ID, BillgateClient } from '@wirebridge/billgate';
import { startBillgateSimulator } from '@wirebridge/billgate/testing';
import {
  CircuitBreakerRegistry,
  createSuccessRateRouter,
  type MobileChargeResult,
  type ProviderStanding,
} from '@wirebridge/core';
import { generateAgentRefNo, VentajaClient } from '@wirebridge/ventaja';
import { startVentajaSimulator } from '@wirebridge/ventaja/testing';

/** What the routing tour observed, for its test. */
export interface RoutingReport {
  /** Which provider served each charge, per phase. */
  phases: { name: string; servedBy: string[]; stats: ProviderStanding[] }[];
}

const minute = 60_000;

/**
 * Mobile charges routed between Billgate (carrier billing, cheaper) and Ventaja e-load (a flat fee) by success
 * rate (DESIGN §6): Billgate is degraded by injected `unavailable` answers, traffic moves to Ventaja, and comes
 * back once the failures leave the 5-minute window. Time is a virtual clock, so the window passes at once.
 */
export async function mobileChargeRoutingDemo(print: (line: string) => void): Promise<RoutingReport> {
  const billgateSimulator = await startBillgateSimulator();
  const ventajaSimulator = await startVentajaSimulator();
  const breakers = new CircuitBreakerRegistry();
  const billgate = new BillgateClient({
    environment: { host: billgateSimulator.host, backupHost: billgateSimulator.backupHost },
    ports: billgateSimulator.ports,
    serviceId: BILLGATE_TEST_SERVICE_ID,
    credentials: { current: BILLGATE_TEST_KEY },
  });
  const ventaja = new VentajaClient({
    environment: 'production',
    hosts: { bills: ventajaSimulator.billsUrl, eload: ventajaSimulator.eloadUrl },
    allowInsecureHttp: true, // the loopback simulator speaks plain HTTP
    credentials: ventajaSimulator.credentials,
    signing: { privateKeyPem: ventajaSimulator.clientPrivateKeyPem ?? '' },
  });
  let now = Date.UTC(2026, 10, 25, 1, 0, 0);
  const router = createSuccessRateRouter({
    providers: [
      // Fees in KRW for a charge of `amount` KRW: 2.5 % at Billgate, a flat 400 at Ventaja.
      { name: 'billgate', provider: billgate.asMobileChargeProvider(), fee: (amount) => amount * 0.025 },
      { name: 'ventaja', provider: ventaja.asMobileChargeProvider(), fee: 400 },
    ],
    breakers,
    now: () => now,
  });

  let order = 0;
  const chargeOnce = async (): Promise<string> => {
    order += 1;
    const amount = 10_000;
    const orderId = `RT${String(order).padStart(6, '0')}`;
    const routed = await router.run(amount, async (provider, name): Promise<MobileChargeResult> => {
      if (name === 'billgate') {
        // Carrier billing: the customer authorised the charge in Billgate's payment window.
        const orderDate = new Date(now);
        const form = billgateSimulator.preparePayment({ orderId, orderDate, amount });
        const prepared = billgate.mobile.parseReturn({
          rawBody: form.toFormBody(),
          expected: { orderId, amount, currency: 'KRW' },
        });
        return provider.charge({
          orderId,
          orderDate,
          amount,
          currency: 'KRW',
          authorization: prepared.authorization,
        });
      }
      // E-load: the same value as a PHP 100 load to the customer's number (Ventaja's order id is its agentRefNo).
      return provider.charge({
        orderId: generateAgentRefNo(),
        amount: 10_000,
        currency: 'PHP',
        msisdn: '+639171234567',
      });
    });
    return routed.provider;
  };

  const report: RoutingReport = { phases: [] };
  const phase = async (name: string, charges: number) => {
    const servedBy: string[] = [];
    for (let index = 0; index < charges; index++) servedBy.push(await chargeOnce());
    const stats = await router.stats();
    report.phases.push({ name, servedBy, stats });
    print(`${name}: ${servedBy.join(' ')}`);
    for (const standing of stats) {
      print(
        `   ${standing.provider.padEnd(9)} rate ${(standing.rate * 100).toFixed(0).padStart(3)} %  ` +
          `${String(standing.successes).padStart(2)}/${String(standing.total).padEnd(2)}  circuit ${standing.breaker}`,
      );
    }
  };

  try {
    print(
      'Mobile-charge routing: Billgate (2.5 %) and Ventaja e-load (KRW 400 flat) by 5-minute success rate',
    );
    await phase('1. both healthy, the cheaper Billgate serves', 4);
    billgateSimulator.inject('code', { command: '3000' }); // B901: Billgate is unavailable
    await phase(
      '2. Billgate answers "unavailable": that charge fails over, and at 80 % Ventaja is preferred',
      4,
    );
    now += 5 * minute;
    await phase('3. five minutes later the failures left the window: traffic is back on Billgate', 3);
    return report;
  } finally {
    await billgate.close();
    await ventaja.close();
    await billgateSimulator.close();
    await ventajaSimulator.close();
  }
}
