import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type NockFixtureContext, ReplayMismatchError, withNockFixture } from '@wirebridge/core/testing/nock';
import { describe, expect, it } from 'vitest';
import { VentajaClient, type VentajaClientOptions } from '../../src/index.js';
import { startVentajaSimulator, type VentajaSimulator } from '../../src/testing/index.js';
import { c15Bill, tenAmManila } from '../support.js';

// Contract fixtures (DESIGN §9): recorded from the simulator with WIREBRIDGE_NOCK_MODE=record, scrubbed, committed,
// replayed in lockdown (the default, and always in CI). Point the client at fixtureOrigin when replaying.
const fixturesDirectory = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');
const fixtureOrigin = 'http://ventaja.invalid';
const fixtureOptions = {
  fixturesDirectory,
  fixtureOrigin,
  recordRequestHeaders: true,
  // Personal data is not kept in fixtures; account numbers are masked by core's scrubber on their own.
  secretNames: ['identifier', 'mobileNumber'],
};
// Every run signs with a fresh throwaway key: the Signature header is scrubbed, so replay never depends on it.
const clientKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const credentials = { outletId: '100000000001', uid: 'api', password: 'contract-password' };

async function withVentaja<T>(
  context: NockFixtureContext,
  run: (client: VentajaClient) => Promise<T>,
): Promise<T> {
  let simulator: VentajaSimulator | undefined;
  let hosts = { bills: `${fixtureOrigin}/unified/api`, eload: `${fixtureOrigin}/eload/api/v1` };
  if (context.recording) {
    const { createPublicKey, createPrivateKey } = await import('node:crypto');
    simulator = await startVentajaSimulator({
      clock: tenAmManila,
      credentials,
      clientPublicKeyPem: createPublicKey(createPrivateKey(clientKeyPem))
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    });
    hosts = { bills: simulator.billsUrl, eload: simulator.eloadUrl };
  }
  const options: VentajaClientOptions = {
    environment: 'production',
    hosts,
    allowInsecureHttp: true,
    credentials,
    signing: { privateKeyPem: clientKeyPem },
    timeouts: { default: 10_000 },
    maxRetries: 0,
  };
  const client = new VentajaClient(options);
  try {
    return await run(client);
  } finally {
    await client.close();
    await simulator?.close();
  }
}

describe('contract fixtures (recorded from the simulator, replayed in lockdown)', () => {
  it('replays the bills flow: validate, pay, inquire, receipt, balance', async () => {
    const result = await withNockFixture(
      'ventaja/bills-flow.json',
      (context) =>
        withVentaja(context, async (client) => {
          const validation = await client.bills.validate(c15Bill('WBCONTRACT00001'));
          const payment = await client.bills.pay(c15Bill('WBCONTRACT00001'));
          const inquiry = await client.bills.inquire({ agentRefNo: 'WBCONTRACT00001' });
          const receipt = await client.bills.receipt({
            agentRefNo: 'WBCONTRACT00001',
            transactionNumber: payment.transactionNumber,
          });
          const balance = await client.outlet.balance();
          return { validation, payment, inquiry, receipt, balance };
        }),
      fixtureOptions,
    );
    expect(result.validation.details).toMatchObject({ valid: true });
    expect(result.payment).toMatchObject({
      agentRefNo: 'WBCONTRACT00001',
      status: 'posted',
      resolvedBy: 'reply',
    });
    expect(result.payment.transactionNumber).toMatch(/^PRT-13\d{6}-\d{6}$/);
    expect(result.payment.enteredAt.toISOString()).toBe('2025-02-01T02:00:00.000Z');
    expect(result.inquiry.transactionNumber).toBe(result.payment.transactionNumber);
    expect(result.receipt.details.receipt).toContain(result.payment.referenceNumber);
    expect(result.balance).toEqual({ amount: 10_000_000 - 12_050, currency: 'PHP' });
  });

  it('replays the e-load flow: products, prefixes, telco status, top-up, inquiry', async () => {
    const result = await withNockFixture(
      'ventaja/eload-flow.json',
      (context) =>
        withVentaja(context, async (client) => {
          const products = await client.eload.products();
          const prefixes = await client.eload.prefixes();
          const status = await client.eload.telcoStatus();
          const topup = await client.eload.topup({
            msisdn: '+639171234567',
            productCode: 'GLOBE100',
            amount: { amount: 10_000, currency: 'PHP' },
            agentRefNo: 'WBCONTRACTLOAD1',
          });
          const inquiry = await client.eload.inquire({ agentRefNo: 'WBCONTRACTLOAD1' });
          return { products, prefixes, status, topup, inquiry };
        }),
      fixtureOptions,
    );
    expect(result.products).toHaveLength(4);
    expect(result.prefixes).toContainEqual({ prefix: '0918', telco: 'SMART' });
    expect(result.status).toContainEqual({ telco: 'SMART', status: 'up' });
    expect(result.topup).toMatchObject({ status: 'succeeded', agentRefNo: 'WBCONTRACTLOAD1' });
    expect(result.inquiry.transactionNumber).toBe(result.topup.transactionNumber);
  });

  it('the committed fixtures hold no password, signature, full account number, name or mobile number', () => {
    for (const name of ['bills-flow.json', 'eload-flow.json']) {
      const text = readFileSync(join(fixturesDirectory, 'ventaja', name), 'utf8');
      expect(text).not.toContain(credentials.password);
      expect(text).not.toContain('816218000');
      expect(text).not.toContain('JUAN DELA CRUZ');
      expect(text).not.toContain('09171234567');
      expect(text).toContain('[REDACTED]');
      expect(text).not.toMatch(/"signature":\s*"[A-Za-z0-9+/]{40,}/i);
    }
  });

  it('a changed request byte fails the replay', async () => {
    const replay = withNockFixture(
      'ventaja/bills-flow.json',
      (context) =>
        withVentaja(context, async (client) => {
          // 120.51 instead of 120.50: one byte differs from the recorded validate request.
          await client.bills.validate({
            ...c15Bill('WBCONTRACT00001'),
            amount: { amount: 12_051, currency: 'PHP' },
          });
        }),
      { ...fixtureOptions, allowUnused: true, env: { WIREBRIDGE_NOCK_MODE: 'lockdown' } },
    );
    await expect(replay).rejects.toBeInstanceOf(ReplayMismatchError);
    await expect(replay).rejects.toMatchObject({ reason: 'request-differs' });
  });
});
