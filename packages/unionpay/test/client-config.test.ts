import { createHash, createPrivateKey } from 'node:crypto';
import { ConfigError, SignatureError } from '@wirebridge/core';
import { rsaSign } from '@wirebridge/core/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSigningString,
  loadSigningCredentials,
  UnionPayClient,
  type UnionPayClientOptions,
} from '../src/index.js';
import { startUnionPaySimulator, type UnionPaySimulator } from '../src/testing/index.js';
import { FIXTURE_CLOCK, fixturePath, readFixture, TEST_PFX_PASSWORD } from './support/fixtures.js';
import {
  executions,
  type Harness,
  MERCHANT_ID,
  newOrderId,
  paidOrder,
  startHarness,
} from './support/harness.js';

const trust = {
  middleCertificate: fixturePath('acp_test_middle.cer'),
  rootCertificate: fixturePath('acp_test_root.cer'),
};
const base: UnionPayClientOptions = {
  environment: 'test',
  merchantId: MERCHANT_ID,
  signing: { pfx: readFixture('acp_test_sign.pfx'), password: TEST_PFX_PASSWORD },
  trust,
};

describe('client options (spec §5.1)', () => {
  it('accepts the public pfx (legacy RC2-40) and file paths with the clock pinned inside its validity', async () => {
    const client = new UnionPayClient({
      ...base,
      signing: { pfx: fixturePath('acp_test_sign.pfx'), password: TEST_PFX_PASSWORD },
      clock: () => FIXTURE_CLOCK,
    });
    await client.close();
  });

  it('refuses a signing certificate that is not valid at clock(), naming the option', () => {
    expect(() => new UnionPayClient({ ...base, clock: () => new Date('2020-01-01T00:00:00Z') })).toThrow(
      ConfigError,
    );
    try {
      new UnionPayClient({ ...base, clock: () => new Date('2020-01-01T00:00:00Z') });
    } catch (error) {
      expect(error).toMatchObject({ details: { option: 'signing', reason: 'certificate_validity' } });
    }
  });

  it('reports a wrong pfx password without echoing it', () => {
    let error: unknown;
    try {
      new UnionPayClient({
        ...base,
        signing: { pfx: readFixture('acp_test_sign.pfx'), password: 'hunter2-secret' },
        clock: () => FIXTURE_CLOCK,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(JSON.stringify(error)).not.toContain('hunter2-secret');
    expect((error as Error).message).not.toContain('hunter2-secret');
  });

  it('requires secureKey for signMethod 11 and signing for 01, and a backUrl without ?query', () => {
    expect(() => new UnionPayClient({ ...base, signMethod: '11', signing: undefined })).toThrow(/secureKey/);
    expect(() => new UnionPayClient({ ...base, signing: undefined })).toThrow(/signing/);
    expect(
      () =>
        new UnionPayClient({ ...base, clock: () => FIXTURE_CLOCK, backUrl: 'https://x.example/back?a=1' }),
    ).toThrow(ConfigError);
  });
});

describe('against the simulator', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('replies from an untrusted chain, an expired certificate or a malformed body on a refund are resolved, never re-sent', async () => {
    for (const kind of ['untrusted-cert', 'expired-cert', 'malformed-body'] as const) {
      const paid = await paidOrder(harness, 1_000);
      const orderId = newOrderId('R');
      harness.simulator.inject({ match: { orderId, endpoint: 'back' }, fault: { kind } });
      const result = await harness.client.payments.refund({
        orderId,
        originalQueryId: paid.queryId,
        amount: 1_000,
        currency: 'CNY',
      });
      expect(result.status).toBe('succeeded');
      expect(executions(harness, orderId)).toHaveLength(1);
    }
  });

  it('a final failure scripted by response-code (final) is reported by waitForFinal as UnionPayError', async () => {
    const paid = await paidOrder(harness, 1_000);
    const orderId = newOrderId('R');
    harness.simulator.inject({
      match: { orderId },
      fault: { kind: 'response-code', responseCode: '61', phase: 'final' },
    });
    const error = await harness.client.payments
      .refund(
        { orderId, originalQueryId: paid.queryId, amount: 500, currency: 'CNY' },
        { waitForFinal: true },
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'UnionPayError', category: 'declined', vendorCode: '61', orderId });
  });

  it('a query answered 03 (communication timeout) is retried, being safe', async () => {
    const paid = await paidOrder(harness, 1_000);
    harness.simulator.inject({
      match: { orderId: paid.orderId },
      fault: { kind: 'response-code', responseCode: '03', phase: 'query' },
    });
    const transaction = await harness.client.payments.query({
      orderId: paid.orderId,
      orderTime: paid.orderTime,
    });
    expect(transaction.status).toBe('succeeded');
    const queries = harness.simulator
      .requests()
      .filter((request) => request.fields.txnType === '00' && request.fields.orderId === paid.orderId);
    expect(queries).toHaveLength(2);
  });

  it('cards.lookup is retried with a fresh orderId per attempt (a repeated orderId would be answered 12)', async () => {
    harness.simulator.inject({
      match: { transactionType: '70' },
      fault: { kind: 'http-status', status: 500 },
    });
    const before = harness.simulator.requests().length;
    await harness.client.cards.lookup({ pan: '6216261000000000018' });
    const lookups = harness.simulator
      .requests()
      .slice(before)
      .filter((request) => request.fields.txnType === '70');
    expect(lookups).toHaveLength(2);
    expect(lookups[0]!.fields.orderId).not.toBe(lookups[1]!.fields.orderId);
  });

  it('a safe call whose reply comes from an untrusted chain fails with SignatureError', async () => {
    harness.simulator.inject({ match: { transactionType: '95' }, fault: { kind: 'untrusted-cert' } });
    const error = await harness.client.ping().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignatureError);
    expect(error).toMatchObject({ details: { reason: 'chain' } });
  });

  it('updateSigningCredentials swaps the key between calls; the simulator refuses the unknown one (11)', async () => {
    const other = await startUnionPaySimulator();
    try {
      const stranger = other.merchantCredentials('777290058110099');
      const client = new UnionPayClient({
        ...(harness.simulator.clientOptions(MERCHANT_ID) as UnionPayClientOptions),
      });
      await client.ping();
      client.updateSigningCredentials({
        privateKeyPem: stranger.privateKeyPem,
        certificatePem: stranger.certificatePem,
      });
      await expect(client.ping()).rejects.toMatchObject({ category: 'authentication', vendorCode: '11' });
      await client.close();
    } finally {
      await other.close();
    }
  });
});

describe('legacy 5.0.0 notifications (spec §5.5, §7)', () => {
  const credentials = loadSigningCredentials(readFixture('acp_test_sign.pfx'), TEST_PFX_PASSWORD);
  const fields: Record<string, string> = {
    version: '5.0.0',
    encoding: 'utf-8',
    certId: credentials.certificateId,
    signMethod: '01',
    txnType: '01',
    txnSubType: '01',
    bizType: '000201',
    accessType: '0',
    merId: MERCHANT_ID,
    orderId: '20160601000000777',
    txnTime: '20160601000000',
    txnAmt: '100',
    currencyCode: '156',
    queryId: '201606010000000000777',
    respCode: '00',
    respMsg: 'success',
  };
  const digest = createHash('sha1').update(buildSigningString(fields)).digest('hex');
  fields.signature = rsaSign(
    Buffer.from(digest, 'ascii'),
    createPrivateKey(credentials.privateKeyPem),
    'sha1',
  ).toString('base64');
  const rawBody = new URLSearchParams(fields).toString();

  it('are verified with legacyVerifyCertificates only when acceptLegacyNotifications is on', async () => {
    const legacy = new UnionPayClient({
      ...base,
      clock: () => FIXTURE_CLOCK,
      acceptLegacyNotifications: true,
      legacyVerifyCertificates: [credentials.certificatePem],
    });
    const accepted = await legacy.notifications.handle({ rawBody, headers: {} });
    expect(accepted).toMatchObject({
      accepted: true,
      event: { kind: 'payment', status: 'succeeded', amount: 100, orderId: '20160601000000777' },
    });
    const tampered = await legacy.notifications.handle({
      rawBody: rawBody.replace('txnAmt=100', 'txnAmt=900'),
      headers: {},
    });
    expect(tampered).toMatchObject({ accepted: false, rejection: { reason: 'bad_signature' } });
    const strict = new UnionPayClient({
      ...base,
      clock: () => FIXTURE_CLOCK,
      legacyVerifyCertificates: [credentials.certificatePem],
    });
    expect(await strict.notifications.handle({ rawBody, headers: {} })).toMatchObject({
      accepted: false,
      rejection: { reason: 'bad_signature' },
    });
    await legacy.close();
    await strict.close();
  });
});

describe('encryption certificate rotation (spec §5.7)', () => {
  it('reports the new certificate through onEncryptionCertificateChange, once', async () => {
    const simulator = await startUnionPaySimulator();
    const changes: string[] = [];
    const client = new UnionPayClient({
      ...(simulator.clientOptions(MERCHANT_ID) as UnionPayClientOptions),
      onEncryptionCertificateChange: (_pem, certificateId) => {
        changes.push(certificateId);
      },
    });
    try {
      await client.encryptionCertificate.refresh();
      const rotated = simulator.rotateEncryptionCertificate();
      await client.encryptionCertificate.refresh();
      await client.encryptionCertificate.refresh();
      expect(changes).toEqual([rotated.encryptionCertificateId]);
    } finally {
      await client.close();
      await simulator.close();
    }
  });
});

describe('signMethod 11 and GBK end to end', () => {
  let simulator: UnionPaySimulator;
  beforeAll(async () => {
    simulator = await startUnionPaySimulator({
      merchants: [{ merchantId: '777290058110011', secureKey: 's3cure-key' }],
    });
  });
  afterAll(async () => simulator.close());

  it('a secure-key merchant queries and refunds in GBK with a Chinese base64 passthrough', async () => {
    const options = simulator.clientOptions('777290058110048') as UnionPayClientOptions;
    const client = new UnionPayClient({
      environment: options.environment,
      trust: options.trust,
      merchantId: '777290058110011',
      signMethod: '11',
      secureKey: 's3cure-key',
      encoding: 'GBK',
      passthroughMode: 'base64',
      backUrl: 'http://127.0.0.1:9/back',
      resolverDelaysMs: [20],
    });
    const missing = await client.payments.query({ orderId: newOrderId('Q'), orderTime: new Date() });
    expect(missing.status).toBe('pending');
    const error = await client.payments
      .refund({
        orderId: newOrderId('R'),
        originalQueryId: '000000000000000000001',
        amount: 1,
        currency: 'CNY',
        passthrough: '退款 {备注}',
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ vendorCode: '35' });
    const sent = simulator.requests().at(-1)!;
    expect(sent.fields.encoding).toBe('GBK');
    expect(Buffer.from(sent.fields.reqReserved!, 'base64').toString('utf8')).toBe('退款 {备注}');
    expect(sent.fields.certId).toBeUndefined();
    await client.close();
  });
});
