import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newOrderId, paidOrder, startHarness, TEST_PAN } from './support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

describe('every operation succeeds over the wire against the simulator', () => {
  it('payments.createFrontForm signs a form the simulator accepts; query reports it succeeded', async () => {
    const paid = await paidOrder(harness, 12_345);
    const transaction = await harness.client.payments.query({
      orderId: paid.orderId,
      orderTime: paid.orderTime,
    });
    expect(transaction).toMatchObject({
      status: 'succeeded',
      amount: 12_345,
      currency: 'CNY',
      queryId: paid.queryId,
    });
    expect(transaction.settlementDate).toBeInstanceOf(Date);
  });

  it('payments.refund is accepted, then reads succeeded with waitForFinal', async () => {
    const paid = await paidOrder(harness, 10_000);
    const refund = await harness.client.payments.refund({
      orderId: newOrderId('R'),
      originalQueryId: paid.queryId,
      amount: 4_000,
      currency: 'CNY',
    });
    expect(refund).toMatchObject({ status: 'accepted', vendorCode: '00' });
    expect(refund.queryId).toMatch(/^\d{21}$/);
    const final = await harness.client.payments.refund(
      { orderId: newOrderId('R'), originalQueryId: paid.queryId, amount: 6_000, currency: 'CNY' },
      { waitForFinal: true },
    );
    expect(final.status).toBe('succeeded');
    const original = harness.simulator.transactions().find((entry) => entry.queryId === paid.queryId);
    expect(original?.refundedAmount).toBe(10_000);
  });

  it('payments.void voids a same-day payment in full', async () => {
    const paid = await paidOrder(harness, 777);
    const result = await harness.client.payments.void({
      orderId: newOrderId('V'),
      originalQueryId: paid.queryId,
      amount: 777,
      currency: 'CNY',
    });
    expect(result.status).toBe('accepted');
  });

  it('payouts.create sends an encrypted PAN the simulator decrypts, and payouts.query reads it', async () => {
    const orderId = newOrderId('D');
    const result = await harness.client.payouts.create({
      orderId,
      amount: 50_000,
      currency: 'CNY',
      pan: TEST_PAN,
      holder: { name: '张三', idType: '01', idNumber: '110101199001011234' },
      memo: 'remittance',
    });
    expect(result.status).toBe('accepted');
    const request = harness.simulator.requests().find((entry) => entry.fields.orderId === orderId)!;
    expect(request.fields.accNo).not.toContain(TEST_PAN);
    expect(harness.simulator.decryptSensitive(request.fields.accNo!)).toBe(TEST_PAN);
    const transaction = await harness.client.payouts.query({ orderId, orderTime: result.orderTime });
    expect(['pending', 'succeeded']).toContain(transaction.status);
  });

  it('cards.verify verifies holder data; cards.lookup returns the issuer code', async () => {
    const verified = await harness.client.cards.verify({
      orderId: newOrderId('K'),
      pan: TEST_PAN,
      holder: {
        name: '张三',
        idType: '01',
        idNumber: '110101199001011234',
        phone: '13800000000',
        cvn2: '123',
        expiry: '2912',
      },
    });
    expect(verified).toMatchObject({ verified: true, vendorCode: '00' });
    const info = await harness.client.cards.lookup({ pan: TEST_PAN });
    expect(info.issuerCode).toBe('06216261');
    expect(info.attributes.cardType).toBe('01');
  });

  it('encryptionCertificate.refresh reports no change, then the rotated certificate', async () => {
    const same = await harness.client.encryptionCertificate.refresh();
    expect(same).toMatchObject({ changed: false, certificateId: harness.simulator.encryptionCertificateId });
    const rotated = harness.simulator.rotateEncryptionCertificate();
    const changed = await harness.client.encryptionCertificate.refresh();
    expect(changed).toMatchObject({ changed: true, certificateId: rotated.encryptionCertificateId });
    // The next payout uses the new certificate.
    const orderId = newOrderId('D');
    await harness.client.payouts.create({
      orderId,
      amount: 100,
      currency: 'CNY',
      pan: TEST_PAN,
      holder: { name: 'Kim' },
    });
    const request = harness.simulator.requests().find((entry) => entry.fields.orderId === orderId)!;
    expect(request.fields.encryptCertId).toBe(rotated.encryptionCertificateId);
  });

  it('ping proves reachability and returns the encryption certificate id', async () => {
    const pong = await harness.client.ping();
    expect(pong.encryptionCertificateId).toBe(harness.simulator.encryptionCertificateId);
    expect(pong.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('settlement.downloadFile of a day without a file is not_found (Modelled code 98)', async () => {
    const error = await harness.client.settlement
      .downloadFile({ settlementDate: '20150101' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'UnionPayError', category: 'not_found', vendorCode: '98' });
  });

  it('settlement.fetchDaily downloads the simulator-generated file of today and totals it', async () => {
    const paid = await paidOrder(harness, 20_000);
    const daily = await harness.client.settlement.fetchDaily({ settlementDate: new Date() });
    const record = daily.zm.find((entry) => entry.orderId === paid.orderId);
    expect(record).toMatchObject({
      amount: 20_000,
      queryId: paid.queryId,
      merchantFee: -120,
      settlementAmount: 19_880,
    });
    expect(daily.totals.count).toBe(daily.zm.length);
    expect(daily.csv.split('\n')[0]).toMatch(/^tradeCode,acquirerInstitutionCode,/);
  });
});
