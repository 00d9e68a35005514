import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VentajaClient, VentajaError } from '../../src/index.js';
import { startVentajaSimulator, type VentajaSimulator } from '../../src/testing/index.js';
import { c15Bill, clientOptionsFor, tenAmManila } from '../support.js';

let simulator: VentajaSimulator;
let client: VentajaClient;
beforeAll(async () => {
  simulator = await startVentajaSimulator({ clock: tenAmManila });
  client = new VentajaClient(clientOptionsFor(simulator));
});
afterAll(async () => {
  await client.close();
  await simulator.close();
});

describe('bills over the wire', () => {
  it('validates a bill without moving money', async () => {
    const before = simulator.state.credit();
    const validation = await client.bills.validate(c15Bill('WBVALIDATE0001'));
    expect(validation.agentRefNo).toBe('WBVALIDATE0001');
    expect(validation.details).toMatchObject({ billerCode: 'C15', valid: true });
    expect(simulator.state.credit()).toBe(before);
  });

  it('pays a bill once, debits the outlet, and returns the record with a Manila dateEntry', async () => {
    const before = simulator.state.credit();
    const payment = await client.bills.pay(c15Bill('WBPAY0000000001'));
    expect(payment).toMatchObject({ agentRefNo: 'WBPAY0000000001', status: 'posted', resolvedBy: 'reply' });
    expect(payment.transactionNumber).toMatch(/^PRT-13\d{6}-\d{6}$/);
    expect(payment.enteredAt.toISOString()).toBe('2025-02-01T02:00:00.000Z');
    expect(simulator.state.credit()).toBe(before - 12_050);
    expect(
      simulator.state.transactions().filter((entry) => entry.agentRefNo === 'WBPAY0000000001'),
    ).toHaveLength(1);
  });

  it('generates an agentRefNo when the caller gives none, and returns it', async () => {
    const payment = await client.bills.pay(c15Bill());
    expect(payment.agentRefNo).toMatch(/^WB[0-9A-Z]{13}$/);
    const wire = JSON.parse(simulator.requests.at(-1)!.body.toString('utf8')) as {
      data: { agentRefNo: string };
    };
    expect(wire.data.agentRefNo).toBe(payment.agentRefNo);
  });

  it('inquires a payment, and reports an unknown ref as not_found (129)', async () => {
    const payment = await client.bills.pay(c15Bill('WBINQUIRE000001'));
    const found = await client.bills.inquire({ agentRefNo: 'WBINQUIRE000001' });
    expect(found).toMatchObject({ transactionNumber: payment.transactionNumber, status: 'posted' });
    const missing = await client.bills
      .inquire({ agentRefNo: 'WBNOSUCHREF0001' })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(VentajaError);
    expect(missing).toMatchObject({ category: 'not_found', vendorCode: '129', retryable: false });
  });

  it('cancels a G01 payment before the cut-off, refunds it, and treats a repeat (125) as already cancelled', async () => {
    const paid = await client.bills.pay({
      ...c15Bill('WBCANCEL0000001'),
      billerCode: 'G01',
      accountNumber: 'G01-778899',
    });
    const afterPay = simulator.state.credit();
    const cancel = {
      agentRefNo: paid.agentRefNo,
      transactionNumber: paid.transactionNumber,
      referenceNumber: paid.referenceNumber,
      billerCode: 'G01',
    };
    const first = await client.bills.cancel(cancel);
    expect(first.alreadyCancelled).toBe(false);
    expect(simulator.state.credit()).toBe(afterPay + 12_050);
    const again = await client.bills.cancel(cancel);
    expect(again.alreadyCancelled).toBe(true);
    expect((await client.bills.inquire({ agentRefNo: paid.agentRefNo })).status).toBe('cancelled');
  });

  it('pulls bill data of a pull-data biller', async () => {
    const data = await client.bills.pullData({ billerCode: 'P02', accountNumber: '1234567890' });
    expect(data.details).toMatchObject({ amountDue: 1234.5, dueDate: '2025-02-28' });
  });

  it('fetches the receipt of a payment', async () => {
    const paid = await client.bills.pay(c15Bill('WBRECEIPT000001'));
    const receipt = await client.bills.receipt({
      agentRefNo: paid.agentRefNo,
      transactionNumber: paid.transactionNumber,
    });
    expect(receipt.details.receipt).toContain(paid.referenceNumber);
  });

  it('reads the outlet balance in centavos', async () => {
    simulator.state.setCredit(123_456_78);
    expect(await client.outlet.balance()).toEqual({ amount: 123_456_78, currency: 'PHP' });
  });
});

describe('e-load over the wire', () => {
  it('lists products (filtered by telco), prefixes and telco status', async () => {
    const products = await client.eload.products();
    expect(products.map((product) => product.productCode)).toEqual([
      'GLOBE50',
      'GLOBE100',
      'SMART100',
      'SMARTOPEN',
    ]);
    expect(products.find((product) => product.productCode === 'SMARTOPEN')?.range).toEqual({
      min: { amount: 1_000, currency: 'PHP' },
      max: { amount: 100_000, currency: 'PHP' },
    });
    const smart = await client.eload.products({ telco: 'SMART' });
    expect(smart.every((product) => product.telco === 'SMART')).toBe(true);
    expect(await client.eload.prefixes()).toContainEqual({ prefix: '0917', telco: 'GLOBE' });
    expect(await client.eload.telcoStatus()).toContainEqual({ telco: 'GLOBE', status: 'up' });
  });

  it('caches products and prefixes per client', async () => {
    const before = simulator.state.requestCount('/prefix-list');
    await client.eload.prefixes();
    await client.eload.prefixes();
    expect(simulator.state.requestCount('/prefix-list') - before).toBeLessThanOrEqual(1);
    const productsBefore = simulator.state.requestCount('/product-list');
    await client.eload.products({ telco: 'GLOBE' });
    await client.eload.products({ telco: 'GLOBE' });
    expect(simulator.state.requestCount('/product-list') - productsBefore).toBe(1);
  });

  it('tops a mobile up, sending the local MSISDN form, and inquires it', async () => {
    const topup = await client.eload.topup({
      msisdn: '+639171234567',
      productCode: 'GLOBE100',
      amount: { amount: 10_000, currency: 'PHP' },
      agentRefNo: 'WBTOPUP00000001',
    });
    expect(topup).toMatchObject({ agentRefNo: 'WBTOPUP00000001', status: 'succeeded', resolvedBy: 'reply' });
    const wire = JSON.parse(simulator.requests.at(-1)!.body.toString('utf8')) as {
      data: Record<string, unknown>;
    };
    expect(wire.data).toEqual({
      productCode: 'GLOBE100',
      mobileNumber: '09171234567',
      amount: 100,
      agentRefNo: 'WBTOPUP00000001',
    });
    const inquired = await client.eload.inquire({ agentRefNo: 'WBTOPUP00000001' });
    expect(inquired).toMatchObject({ status: 'succeeded', transactionNumber: topup.transactionNumber });
  });

  it('reads the e-load balance', async () => {
    simulator.state.setCredit(5_000_00);
    expect(await client.eload.balance()).toEqual({ amount: 5_000_00, currency: 'PHP' });
  });

  it('answers 997 for a top-up while the telco is down', async () => {
    simulator.state.setCredit(5_000_00);
    simulator.state.setTelco('SMART', 'DOWN');
    const error = await client.eload
      .topup({
        msisdn: '+639181234567',
        productCode: 'SMART100',
        amount: { amount: 10_000, currency: 'PHP' },
      })
      .catch((caught: unknown) => caught);
    simulator.state.setTelco('SMART', 'UP');
    expect(error).toMatchObject({ category: 'unavailable', vendorCode: '997' });
    expect(simulator.state.transactions().filter((entry) => entry.productCode === 'SMART100')).toHaveLength(
      0,
    );
  });
});

describe('health and v4', () => {
  it('checks both hosts', async () => {
    expect(await client.health.check()).toEqual({ bills: true, eload: true });
  });

  it('reports a host with bad credentials as unhealthy', async () => {
    const wrong = new VentajaClient(
      clientOptionsFor(simulator, { credentials: { ...simulator.credentials, password: 'wrong-password' } }),
    );
    expect(await wrong.health.check()).toEqual({ bills: false, eload: false });
    await wrong.close();
  });

  it('speaks the v4 envelope: code and countryCode, balance as code 100 to /process with data null', async () => {
    const v4 = new VentajaClient(
      clientOptionsFor(simulator, { wireGeneration: 'v4', hosts: { bills: simulator.v4Url } }),
    );
    simulator.state.setCredit(777_00);
    expect(await v4.outlet.balance()).toEqual({ amount: 777_00, currency: 'PHP' });
    const balanceRequest = simulator.requests.at(-1)!;
    expect(balanceRequest.path).toBe('/ventajaapi-v4/api/process');
    expect(balanceRequest.body.toString('utf8')).toMatch(
      /^\{"id":"\d+","uid":"api","pwd":"[^"]+","code":100,"countryCode":"PH","data":null\}$/,
    );
    const payment = await v4.bills.pay(c15Bill('WBV4PAY00000001'));
    expect(payment.status).toBe('posted');
    expect(simulator.requests.at(-1)!.body.toString('utf8')).toContain(
      '"code":118,"countryCode":"PH","data":{"billerCode":"C15"',
    );
    await v4.close();
  });
});
