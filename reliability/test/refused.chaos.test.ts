// Timeout/failure *before* a byte was written (DESIGN §3): the vendor's port refuses connections. Every vendor's
// money-moving call must fail with a typed error (TransportError, or an unknown outcome naming the reference) and
// the simulator must show no execution.
import net from 'node:net';
import type { BillgateClient } from '@wirebridge/billgate';
import { CooconClient } from '@wirebridge/coocon';
import { startCooconSimulator } from '@wirebridge/coocon/testing';
import { VentajaClient } from '@wirebridge/ventaja';
import { WesternUnionClient } from '@wirebridge/western-union';
import { describe, it } from 'vitest';
import { billgateClientFor, prepareBillgate, startBillgate } from './support/billgate.js';
import { activeFaysalAccount, creditInput, startBench } from './support/faysal.js';
import { kiccIssueInput, startKiccRig } from './support/kicc.js';
import { checkMoneyCase } from './support/money.js';
import { newUnionPayOrderId, startUnionPay, UNIONPAY_TEST_PAN, unionPayClient } from './support/unionpay.js';
import { c15Bill, clientOptionsFor, startPair, testKeyPair } from './support/ventaja.js';
import {
  cashQuoteInput,
  startHarness as startWu,
  clientOptions as wuClientOptions,
} from './support/western-union.js';

/** A loopback port with nothing listening: connections are refused before any byte is written. */
async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
const FAULT = 'connection refused (nothing written)';

describe('connection refused before any byte is written', () => {
  it('kicc: virtualAccounts.issue', async () => {
    const rig = await startKiccRig();
    try {
      const port = await refusedPort();
      const client = rig.client({
        environment: { baseUrl: `http://127.0.0.1:${port}` },
        timeouts: { defaultMs: 300 },
      });
      const input = kiccIssueInput();
      await checkMoneyCase({
        vendor: 'kicc',
        operation: 'virtualAccounts.issue',
        fault: FAULT,
        reference: (error) => [input.orderNumber, 'refused-kicc-1'].includes(error.reference ?? ''),
        run: () => client.virtualAccounts.issue(input, { idempotencyKey: 'refused-kicc-1' }),
        executions: () =>
          rig.simulator.executions().filter((each) => each.idempotencyKey === 'refused-kicc-1').length,
      });
    } finally {
      await rig.close();
    }
  });

  it('billgate: mobile.charge', async () => {
    const simulator = await startBillgate();
    const clients: BillgateClient[] = [];
    try {
      const port = await refusedPort();
      const setup = billgateClientFor(simulator);
      const client = billgateClientFor(simulator, {
        environment: { host: '127.0.0.1' },
        ports: Object.fromEntries(Object.keys(simulator.ports).map((key) => [key, port])),
        timeouts: { connectMs: 300, moneyMs: 300, queryMs: 300 },
      });
      clients.push(setup, client);
      const prepared = prepareBillgate(setup, simulator);
      await checkMoneyCase({
        vendor: 'billgate',
        operation: 'mobile.charge',
        fault: FAULT,
        reference: (error) => [prepared.transactionId, prepared.orderId].includes(error.reference ?? ''),
        run: () => client.mobile.charge(prepared),
        executions: () =>
          simulator.ledger.filter((entry) => entry.orderId === prepared.orderId && entry.effect === 'approve')
            .length,
      });
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await simulator.close();
    }
  });

  it('coocon: virtualAccounts.issue', async () => {
    const simulator = await startCooconSimulator();
    const port = await refusedPort();
    const client = new CooconClient({
      institutionCode: 'WB000001',
      relay: { host: '127.0.0.1', port },
      crypto: { key: 'COOCONTEST' },
      resolutionDelaysMs: [0, 20, 50],
      timeouts: { connectMs: 300, callMs: 300 },
    });
    try {
      await checkMoneyCase({
        vendor: 'coocon',
        operation: 'virtualAccounts.issue',
        fault: FAULT,
        reference: 'VA-REFUSED-1',
        run: () =>
          client.virtualAccounts.issue({
            merchantReference: 'VA-REFUSED-1',
            holderName: '위브릿지',
            accountType: 'one_time',
            amountRule: 'exact',
            expectedAmount: 150_000,
            currency: 'KRW',
          }),
        executions: () =>
          simulator.executions.filter((each) => each.merchantReference === 'VA-REFUSED-1').length,
      });
    } finally {
      await client.close();
      await simulator.close();
    }
  });

  it('faysal: remittances.credit', async () => {
    const bench = await startBench();
    try {
      const port = await refusedPort();
      const client = bench.clientWith({
        baseUrls: { sandbox: `http://127.0.0.1:${port}` },
        timeouts: { default: 300, credit: 300 },
      });
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await checkMoneyCase({
        vendor: 'faysal',
        operation: 'remittances.credit',
        fault: FAULT,
        reference: input.partnerReference,
        run: () => client.remittances.credit(input),
        executions: () => bench.simulator.state.debitCount(input.partnerReference),
      });
    } finally {
      await bench.close();
    }
  });

  it('ventaja: bills.pay', async () => {
    const pair = await startPair();
    const port = await refusedPort();
    const client = new VentajaClient(
      clientOptionsFor(pair.simulator, {
        hosts: { bills: `http://127.0.0.1:${port}`, eload: `http://127.0.0.1:${port}` },
        signing: { privateKeyPem: testKeyPair().privateKeyPem },
        timeouts: { default: 300, billsProcess: 300, eloadTopup: 300 },
      }),
    );
    try {
      await checkMoneyCase({
        vendor: 'ventaja',
        operation: 'bills.pay',
        fault: FAULT,
        reference: 'WBREFUSED0001',
        run: () => client.bills.pay(c15Bill('WBREFUSED0001')),
        executions: () =>
          pair.simulator.state.transactions().filter((entry) => entry.agentRefNo === 'WBREFUSED0001').length,
      });
    } finally {
      await client.close();
      await pair.close();
    }
  });

  it('western-union: transfers.send', async () => {
    const harness = await startWu();
    const port = await refusedPort();
    const endpoints = Object.fromEntries(
      Object.entries(harness.simulator.endpoints).map(([service, url]) => {
        const parsed = new URL(url as string);
        parsed.port = String(port);
        return [service, parsed.toString()];
      }),
    ) as typeof harness.simulator.endpoints;
    const client = new WesternUnionClient(
      wuClientOptions(harness.simulator, {
        endpoints,
        timeouts: { default: 300, quote: 300, send: 300, cancel: 300, refund: 300 },
      }),
    );
    try {
      const quote = await harness.client.transfers.quote(cashQuoteInput());
      await checkMoneyCase({
        vendor: 'western-union',
        operation: 'transfers.send',
        fault: FAULT,
        reference: (error) =>
          (error.reference ?? '').includes(quote.mtcn) || error.reference === quote.newMtcn,
        run: () => client.transfers.send({ commitToken: quote.commitToken }),
        executions: () =>
          harness.simulator.state
            .executions()
            .filter((each) => each.service === 'store' && each.mtcn === quote.mtcn).length,
      });
    } finally {
      await client.close();
      await harness.close();
    }
  });

  it('unionpay: payouts.create', async () => {
    const simulator = await startUnionPay();
    const port = await refusedPort();
    const client = unionPayClient(simulator, {
      environment: {
        gatewayBaseUrl: `http://127.0.0.1:${port}/gateway/api/`,
        fileDownloadUrl: `http://127.0.0.1:${port}/filedownload/`,
      },
      timeouts: { defaultMs: 300 },
    } as never);
    const orderId = newUnionPayOrderId('R');
    try {
      await checkMoneyCase({
        vendor: 'unionpay',
        operation: 'payouts.create',
        fault: FAULT,
        reference: orderId,
        run: () =>
          client.payouts.create({
            orderId,
            amount: 9_900,
            currency: 'CNY',
            pan: UNIONPAY_TEST_PAN,
            holder: { name: 'Lee' },
          }),
        executions: () => simulator.transactions().filter((entry) => entry.orderId === orderId).length,
      });
    } finally {
      await client.close();
      await simulator.close();
    }
  });
});
