import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cashQuoteInput, type Harness, startHarness } from './support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe('transfers over the wire', () => {
  it('quotes then sends one transfer, and the simulator stores it once', async () => {
    const quote = await harness.client.transfers.quote(cashQuoteInput());
    expect(quote.mtcn).toMatch(/^\d{10}$/);
    expect(quote.newMtcn).toMatch(/^\d{16}$/);
    expect(quote.sendAmount).toEqual({ amount: 20_000, currency: 'USD' });
    expect(quote.receiveAmount).toEqual({ amount: 1_122_400, currency: 'PHP' });
    expect(quote.exchangeRate).toBe('56.1200');
    // spec §9 fee: 2.5% of 200.00 = 5.00, + 3.00.
    expect(quote.fees.charges).toBe(800);
    expect(quote.grossTotal.amount).toBe(20_800);

    const transfer = await harness.client.transfers.send({ commitToken: quote.commitToken });
    expect(transfer.mtcn).toBe(quote.mtcn);
    expect(transfer.newMtcn).toBe(quote.newMtcn);
    expect(transfer.resolvedBy).toBe('reply');
    const stored = harness.simulator.state.transfers().filter((entry) => entry.mtcn === quote.mtcn);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.storeCount).toBe(1);

    const status = await harness.client.transfers.status({ mtcn: quote.mtcn });
    expect(status.status).toBe('available');
    expect(status.rawStatus).toBe('W/C');
  });
});

describe('every operation succeeds over the wire', () => {
  it('cancels an available transfer (Search CANCEL_SEND → CancelSend)', async () => {
    const quote = await harness.client.transfers.quote(cashQuoteInput());
    await harness.client.transfers.send({ commitToken: quote.commitToken });
    const result = await harness.client.transfers.cancel({ mtcn: quote.mtcn, reason: 'WIC' });
    expect(result).toMatchObject({ mtcn: quote.mtcn, status: 'cancelled', resolvedBy: 'reply' });
    const transfer = harness.simulator.state.transfers().find((entry) => entry.mtcn === quote.mtcn);
    expect(transfer?.status).toBe('CAN');
    expect(result.moneyTransferKey).toBe(transfer?.moneyTransferKey);
    expect((await harness.client.transfers.status({ mtcn: quote.mtcn })).status).toBe('cancelled');
  });

  it('refuses to cancel a paid transfer (WU answers with a fault)', async () => {
    const quote = await harness.client.transfers.quote(cashQuoteInput());
    await harness.client.transfers.send({ commitToken: quote.commitToken });
    harness.simulator.state.pay(quote.mtcn);
    expect((await harness.client.transfers.status({ mtcn: quote.mtcn })).status).toBe('paid');
    await expect(harness.client.transfers.cancel({ mtcn: quote.mtcn })).rejects.toMatchObject({
      category: 'declined',
      vendorCode: 'C3100',
    });
  });

  it('requests a refund of an expired transfer (Modelled refund-request)', async () => {
    const quote = await harness.client.transfers.quote(cashQuoteInput());
    await harness.client.transfers.send({ commitToken: quote.commitToken });
    harness.simulator.state.expire(quote.mtcn);
    const result = await harness.client.transfers.refund({ mtcn: quote.mtcn, comments: ['UNCLAIMED'] });
    expect(result).toMatchObject({ mtcn: quote.mtcn, status: 'refund_requested', resolvedBy: 'reply' });
    expect(harness.simulator.state.transfers().find((entry) => entry.mtcn === quote.mtcn)?.refundCount).toBe(
      1,
    );
  });

  it('quotes a fixed receive amount (WMF) for a KRW origin, ×100 on the wire', async () => {
    const krw = await startHarness({ origin: { country: 'KR', currency: 'KRW' } });
    try {
      const quote = await krw.client.transfers.quote({ ...cashQuoteInput(), amount: { send: 10_000 } });
      const sent = krw.simulator.state.requests().find((request) => request.service === 'validation');
      expect(sent?.body).toContain('<originators_principal_amount>1000000</originators_principal_amount>');
      expect(quote.sendAmount).toEqual({ amount: 10_000, currency: 'KRW' });
      const fixed = await krw.client.transfers.quote({ ...cashQuoteInput(), amount: { receive: 421_000 } });
      const fixedRequest = krw.simulator.state
        .requests()
        .filter((request) => request.service === 'validation')
        .at(-1);
      expect(fixedRequest?.body).toContain('<transaction_type>WMF</transaction_type>');
      expect(fixedRequest?.body).toContain(
        '<destination_principal_amount>421000</destination_principal_amount>',
      );
      expect(fixed.receiveAmount).toEqual({ amount: 421_000, currency: 'PHP' });
    } finally {
      await krw.close();
    }
  });

  it('lists countries across every DAS page (DATA_MORE)', async () => {
    const before = harness.simulator.state.requests().filter((request) => request.service === 'das').length;
    const countries = [];
    for await (const country of harness.client.referenceData.countriesCurrencies()) countries.push(country);
    expect(countries.map((country) => country.country)).toEqual(['BD', 'IN', 'NP', 'PK', 'PH', 'LK', 'VN']);
    expect(countries[4]).toMatchObject({ country: 'PH', currency: 'PHP', countryName: 'Philippines' });
    // 7 records, 3 per page.
    expect(
      harness.simulator.state.requests().filter((request) => request.service === 'das').length - before,
    ).toBe(3);
    const origination = [];
    for await (const record of harness.client.referenceData.originationCurrencies()) origination.push(record);
    expect(origination.map((record) => record.CURRENCY_CD)).toEqual(['KRW', 'USD']);
    const destinations = [];
    for await (const record of harness.client.referenceData.destinationCountries()) destinations.push(record);
    expect(destinations).toHaveLength(7);
    const currencies = [];
    for await (const record of harness.client.referenceData.destinationCurrencies({ country: 'PH' }))
      currencies.push(record);
    expect(currencies.map((record) => record.CURRENCY_CD)).toEqual(['PHP']);
  });

  it('turns the wallet delivery template into receiver field requirements and sends a wallet transfer', async () => {
    const services = await harness.client.referenceData.deliveryServices({ country: 'PH', currency: 'PHP' });
    const wallet = services.find((service) => service.code === '800');
    expect(wallet?.templateCode).toBe('WALLET1');
    const template = await harness.client.referenceData.deliveryOptionTemplate({
      country: 'PH',
      currency: 'PHP',
      templateCode: wallet?.templateCode ?? '',
    });
    expect(template.fields.map((field) => [field.xpath, field.inputType, field.required])).toEqual([
      ['wallet_details.service_provider_code', 'COMBO', true],
      ['receiver.mobile_phone.phone_number.country_code', 'DIGIT', true],
      ['receiver.reason_for_sending', 'UPRSTRING', true],
    ]);
    expect(template.fields[0]?.options).toEqual([
      { code: 'GCASH', label: 'GCash' },
      { code: 'PAYMAYA', label: 'PayMaya' },
    ]);
    const quote = await harness.client.transfers.quote({
      ...cashQuoteInput(),
      deliveryService: '800',
      walletProviderCode: 'GCASH',
      template,
      templateFields: { 'receiver.reason_for_sending': 'FAMILY SUPPORT' },
    });
    const transfer = await harness.client.transfers.send({ commitToken: quote.commitToken });
    expect(transfer.mtcn).toBe(quote.mtcn);
  });

  it('reports a healthy heartbeat', async () => {
    const health = await harness.client.health.heartbeat();
    expect(health.ok).toBe(true);
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    const sent = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'heartbeat')
      .at(-1);
    expect(sent?.body).toContain(
      '<partner><id>WGQTEST0001</id><system><id>WGQTEST0001</id><name>WIREBRIDGE</name>',
    );
  });

  it('rejects with RateLimitedError before sending when maxCallsPerHour is used up', async () => {
    const limited = await startHarness({ maxCallsPerHour: 2 });
    try {
      await limited.client.transfers.status({ mtcn: '1234567890' }).catch(() => undefined);
      await limited.client.transfers.status({ mtcn: '1234567890' }).catch(() => undefined);
      const before = limited.simulator.state.requests().length;
      await expect(limited.client.transfers.status({ mtcn: '1234567890' })).rejects.toMatchObject({
        code: 'RATE_LIMITED',
      });
      expect(limited.simulator.state.requests().length).toBe(before);
    } finally {
      await limited.close();
    }
  });
});
