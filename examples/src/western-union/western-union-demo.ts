import { isWirebridgeError, OutcomeUnknownError } from '@wirebridge/core';
import { WesternUnionError } from '@wirebridge/western-union';
import { connectWesternUnion, exampleQuoteInput, formatMoney } from './western-union-connection.js';

/**
 * The Western Union section of `pnpm demo`: a short tour of the main flows against its own mTLS simulator, which
 * it starts and closes. Never touches a sandbox, whatever the environment says.
 */
export async function westernUnionDemo(print: (line: string) => void): Promise<void> {
  const connection = await connectWesternUnion({});
  const { client } = connection;
  const simulator = connection.simulator;
  if (simulator === undefined) throw new Error('the demo runs against the simulator');
  try {
    print('Western Union H2H (SOAP over mutual TLS) against its simulator\n');

    const quote = await client.transfers.quote(exampleQuoteInput('WBDEMO0001'));
    print(
      `1. quote WBDEMO0001: MTCN ${quote.mtcn}, ${formatMoney(quote.sendAmount)} → ${formatMoney(quote.receiveAmount)} at ${quote.exchangeRate}, fee ${formatMoney({ amount: quote.fees.charges, currency: quote.fees.currency })}`,
    );
    const sent = await client.transfers.send({ commitToken: quote.commitToken });
    print(
      `2. sent MTCN ${sent.mtcn} (new MTCN ${sent.newMtcn}), status ${(await client.transfers.status({ mtcn: sent.mtcn })).status}`,
    );

    const second = await client.transfers.quote(exampleQuoteInput('WBDEMO0002'));
    simulator.inject({ operation: 'store', kind: 'reset', commit: true });
    const resolved = await client.transfers.send({ commitToken: second.commitToken });
    const stores = simulator.state
      .executions()
      .filter((execution) => execution.service === 'store' && execution.mtcn === second.mtcn);
    print(
      `3. store reply lost after commit → resolved by ${resolved.resolvedBy}; stores at WU for MTCN ${second.mtcn}: ${stores.length}`,
    );

    try {
      await client.transfers.quote({
        ...exampleQuoteInput('WB-DEMO-0003-TOO-LONG-REFERENCE'),
        deliveryService: '800',
      });
    } catch (error) {
      if (!isWirebridgeError(error)) throw error;
      print(`4. bad input refused before sending: ${error.code} ${error.message}`);
    }

    const cancelled = await client.transfers.cancel({ mtcn: sent.mtcn });
    print(`5. cancel MTCN ${cancelled.mtcn}: ${cancelled.status}`);

    const template = await client.referenceData.deliveryOptionTemplate({
      country: 'PH',
      currency: 'PHP',
      templateCode: 'WALLET1',
    });
    print(
      `6. wallet template requires: ${template.fields
        .filter((field) => field.required)
        .map((field) => field.xpath)
        .join(', ')}`,
    );

    simulator.inject({ operation: 'status', kind: 'fault', code: 'T0440', text: 'INVALID PROMO' });
    try {
      await client.transfers.status({ mtcn: second.mtcn });
    } catch (error) {
      if (!(error instanceof WesternUnionError)) throw error;
      print(`7. SOAP fault ${error.vendorCode}: ${error.category}, retryable ${error.retryable}`);
    }
    const health = await client.health.heartbeat();
    print(`8. heartbeat ok: ${health.ok}`);
  } catch (error) {
    if (error instanceof OutcomeUnknownError)
      print(`outcome unknown for ${error.reference}: reconcile by MTCN`);
    throw error;
  } finally {
    await connection.close();
  }
}
