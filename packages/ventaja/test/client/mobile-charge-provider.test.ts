import { type MobileChargeProvider, OutcomeUnknownError, ValidationError } from '@wirebridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VentajaClient, VentajaError } from '../../src/index.js';
import type { VentajaSimulator } from '../../src/testing/index.js';
import { startPair } from '../support.js';

let simulator: VentajaSimulator;
let client: VentajaClient;
let provider: MobileChargeProvider;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ simulator, client, close } = await startPair({}, { timeouts: { default: 10_000, eloadTopup: 300 } }));
  provider = client.asMobileChargeProvider();
});
afterEach(async () => {
  await close();
});

const charge = (orderId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  orderId,
  amount,
  currency: 'PHP',
  msisdn: '+639171234567',
  ...extra,
});

describe('asMobileChargeProvider (spec §11.1)', () => {
  it('is the ventaja provider without cancel', () => {
    expect(provider.provider).toBe('ventaja');
    expect(provider.cancel).toBeUndefined();
  });

  it('charges through eload.topup, picking the operator from the prefix and the fixed-amount product', async () => {
    const result = await provider.charge(charge('WBMCP000000001', 10_000));
    expect(result).toMatchObject({
      provider: 'ventaja',
      orderId: 'WBMCP000000001',
      amount: 10_000,
      currency: 'PHP',
      state: 'approved',
    });
    expect(result.providerTransactionId).toMatch(/^LT-13/);
    const sent = simulator.state.transactions().find((entry) => entry.agentRefNo === 'WBMCP000000001');
    expect(sent?.productCode).toBe('GLOBE100');
  });

  it('uses an open-range product when no fixed amount matches', async () => {
    await provider.charge(charge('WBMCPOPEN00001', 25_000, { msisdn: '+639181234567' }));
    expect(simulator.state.transactions().at(-1)?.productCode).toBe('SMARTOPEN');
  });

  it('honours productCode and operator', async () => {
    await provider.charge(charge('WBMCPCODE00001', 5_000, { productCode: 'GLOBE50' }));
    expect(simulator.state.transactions().at(-1)?.productCode).toBe('GLOBE50');
    await provider.charge(charge('WBMCPOPER00001', 10_000, { operator: 'SMART' }));
    expect(simulator.state.transactions().at(-1)?.productCode).toBe('SMART100');
  });

  it('rejects with ValidationError and sends no top-up when no product, or the wrong currency, or no msisdn', async () => {
    for (const request of [
      charge('WBMCPNONE00001', 7_700),
      charge('WBMCPUSD000001', 10_000, { currency: 'USD' }),
      { orderId: 'WBMCPNOMSISDN1', amount: 10_000, currency: 'PHP' },
      charge('bad order id!', 10_000),
    ]) {
      await expect(provider.charge(request)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(simulator.state.requestCount('/topup-request')).toBe(0);
  });

  it('a pending top-up is pending, then status() reports approved', async () => {
    simulator.inject({ path: '/topup-request', kind: 'pendingTopup' });
    const result = await provider.charge(charge('WBMCPPEND00001', 10_000));
    expect(result.state).toBe('pending');
    expect((await provider.status({ orderId: 'WBMCPPEND00001' })).state).toBe('pending');
    simulator.state.advance(10_000);
    expect(await provider.status({ orderId: 'WBMCPPEND00001' })).toMatchObject({ state: 'approved' });
  });

  it('a definitive failure rejects with VentajaError (113 counts against the provider)', async () => {
    simulator.state.setCredit(0);
    const error = await provider.charge(charge('WBMCPNOFUNDS01', 10_000)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VentajaError);
    expect(error).toMatchObject({ category: 'insufficient_funds', vendorCode: '113' });
  });

  it('an unknown outcome rejects with OutcomeUnknownError, and status() keeps answering', async () => {
    simulator.inject({ path: '/topup-request', kind: 'reset', commit: true });
    simulator.inject({ path: '/topup-inquiry', kind: 'http500', times: 3 });
    const error = await provider.charge(charge('WBMCPUNKNOWN01', 10_000)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
    simulator.inject({ path: '/topup-inquiry', kind: 'http500', times: 3 });
    expect((await provider.status({ orderId: 'WBMCPUNKNOWN01' })).state).toBe('unknown');
    expect(
      simulator.state.transactions().filter((entry) => entry.agentRefNo === 'WBMCPUNKNOWN01'),
    ).toHaveLength(1);
  });

  it('status() is not_found for an order Ventaja never saw', async () => {
    expect(await provider.status({ orderId: 'WBMCPNEVER0001' })).toMatchObject({ state: 'not_found' });
  });
});
