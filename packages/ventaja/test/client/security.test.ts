import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  createHttpTransport,
  type HttpRequest,
  type HttpTransport,
  OutcomeUnknownError,
} from '@wirebridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  serializeVentajaEnvelope,
  signVentajaPayload,
  VentajaClient,
  verifyVentajaSignature,
} from '../../src/index.js';
import type { VentajaSimulator } from '../../src/testing/index.js';
import { c15Bill, capturingLogger, clientOptionsFor, startPair, testKeyPair } from '../support.js';

let simulator: VentajaSimulator;
let client: VentajaClient;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ simulator, client, close } = await startPair());
});
afterEach(async () => {
  await close();
});

/** POSTs raw bytes with a raw Signature header, as an attacker or a buggy client would. */
async function postRaw(path: string, body: string | Buffer, signature: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers.signature = signature;
  const response = await fetch(`${simulator.billsUrl}${path}`, { method: 'POST', headers, body });
  return (await response.json()) as { responseCode: number };
}

function signedEnvelope(data: Record<string, unknown>, password = simulator.credentials.password) {
  const key = createPrivateKey(testKeyPair().privateKeyPem);
  const body = serializeVentajaEnvelope({
    ...simulator.credentials,
    uid: simulator.credentials.uid,
    id: simulator.credentials.outletId,
    pwd: password,
    data,
  });
  return { body, signature: signVentajaPayload(body, key) };
}

describe('the simulator verifies the received bytes first (spec §9)', () => {
  it('accepts a payload with "/" and non-ASCII text signed over its exact bytes', async () => {
    const payment = await client.bills.pay({ ...c15Bill('WBSLASHUTF8001'), identifier: 'JOSÉ D/L PEÑA' });
    expect(payment.status).toBe('posted');
    const received = simulator.requests.at(-1)!;
    expect(received.body.toString('utf8')).toContain('"identifier":"JOSÉ D/L PEÑA"');
  });

  it('rejects the PHP-style "\\/" bytes signed over "/" with 122 and executes nothing', async () => {
    const { body, signature } = signedEnvelope({
      billerCode: 'C15',
      accountNumber: '816218000',
      identifier: 'J/D CRUZ',
      amount: 120.5,
      agentRefNo: 'WBPHPSTYLE0001',
    });
    const escaped = body.toString('utf8').replace('J/D', 'J\\/D');
    expect((await postRaw('/process', escaped, signature)).responseCode).toBe(122);
    expect(simulator.state.transactions()).toHaveLength(0);
  });

  it('rejects a tampered body, a missing signature and a flipped signature with 122', async () => {
    const { body, signature } = signedEnvelope({
      billerCode: 'C15',
      accountNumber: '816218000',
      identifier: 'JUAN',
      amount: 120.5,
      agentRefNo: 'WBTAMPER000001',
    });
    expect(
      (await postRaw('/process', body.toString('utf8').replace('120.5', '12.5'), signature)).responseCode,
    ).toBe(122);
    expect((await postRaw('/process', body, undefined)).responseCode).toBe(122);
    const flipped = Buffer.from(signature, 'base64');
    flipped[10]! ^= 0x01;
    expect((await postRaw('/process', body, flipped.toString('base64'))).responseCode).toBe(122);
    expect((await postRaw('/process', body, signature)).responseCode).toBe(100);
    expect(simulator.state.transactions()).toHaveLength(1);
  });

  it('rejects bad credentials with 102, and the client maps it to authentication', async () => {
    const { body, signature } = signedEnvelope({}, 'wrong-password');
    expect((await postRaw('/balance', body, signature)).responseCode).toBe(102);
    const wrong = new VentajaClient(
      clientOptionsFor(simulator, { credentials: { ...simulator.credentials, uid: 'teller' } }),
    );
    await expect(wrong.outlet.balance()).rejects.toMatchObject({
      vendorCode: '102',
      category: 'authentication',
      retryable: false,
    });
    await wrong.close();
  });

  it('rejects a source address outside allowedIps with 102 and executes nothing', async () => {
    const restricted = await startPair({ allowedIps: ['10.20.30.40'] });
    try {
      await expect(restricted.client.bills.pay(c15Bill('WBWRONGIP00001'))).rejects.toMatchObject({
        vendorCode: '102',
      });
      expect(restricted.simulator.state.transactions()).toHaveLength(0);
    } finally {
      await restricted.close();
    }
    const allowed = await startPair({ allowedIps: ['127.0.0.1'] });
    try {
      expect((await allowed.client.bills.pay(c15Bill('WBRIGHTIP00001'))).status).toBe('posted');
    } finally {
      await allowed.close();
    }
  });

  it('a badSignature fault answers 122 whatever is sent: an authentication VentajaError, not retried', async () => {
    simulator.inject({ path: '/inquiry', kind: 'badSignature' });
    await expect(client.bills.inquire({ agentRefNo: 'WBANY000000001' })).rejects.toMatchObject({
      vendorCode: '122',
      category: 'authentication',
    });
    expect(simulator.state.requestCount('/inquiry')).toBe(1);
  });
});

describe('the client sends exactly the bytes it signed (spec §5, §10)', () => {
  it('the transport receives the signed bytes unchanged, and the simulator receives the same bytes', async () => {
    const seen: HttpRequest[] = [];
    const inner = createHttpTransport({ baseUrl: simulator.billsUrl, vendor: 'ventaja' });
    const spy: HttpTransport = {
      send: (request, options) => {
        seen.push(request);
        return inner.send(request, options);
      },
      close: () => inner.close(),
    };
    const spied = new VentajaClient(clientOptionsFor(simulator, { transport: { bills: spy } }));
    await spied.bills.pay({ ...c15Bill('WBSPYBYTES0001'), identifier: 'MARÍA/ÑINO' });
    await spied.close();
    await inner.close();
    expect(seen).toHaveLength(1);
    const sent = Buffer.from(seen[0]!.body as Uint8Array);
    const signature = seen[0]!.headers!.Signature!;
    const publicKey = createPublicKey(createPrivateKey(testKeyPair().privateKeyPem));
    expect(verifyVentajaSignature(sent, signature, publicKey)).toBe(true);
    expect(simulator.requests.at(-1)!.body.equals(sent)).toBe(true);
    expect(seen[0]!.headers).toMatchObject({
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
    expect(seen[0]!.headers!['User-Agent']).toMatch(/^wirebridge-ventaja\/\d+\.\d+\.\d+$/);
  });

  it('sends the spec headers on the default transport', async () => {
    await client.outlet.balance();
    const headers = simulator.requests.at(-1)!.headers;
    expect(headers['content-type']).toBe('application/json');
    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toMatch(/^wirebridge-ventaja\//);
    expect(headers.signature).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  });
});

describe('key rotation (spec §5)', () => {
  it('swaps the key atomically; a 122 right after a rotation is logged as ventaja.signature_rejected', async () => {
    const logger = capturingLogger();
    const rotating = new VentajaClient(clientOptionsFor(simulator, { logger }));
    await rotating.outlet.balance();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    rotating.rotateSigningKey({
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    await expect(rotating.outlet.balance()).rejects.toMatchObject({ vendorCode: '122' });
    expect(logger.lines.some((line) => line.includes('ventaja.signature_rejected'))).toBe(true);
    rotating.rotateSigningKey({ privateKeyPem: testKeyPair().privateKeyPem }, { host: 'bills' });
    expect((await rotating.outlet.balance()).currency).toBe('PHP');
    await rotating.close();
  });
});

describe('redaction (spec §5, §10; DESIGN §7)', () => {
  it('logs and error details of a full flow, failures included, hold no password, signature, key, or full account/mobile number', async () => {
    const logger = capturingLogger();
    const logged = new VentajaClient(
      clientOptionsFor(simulator, { logger, timeouts: { default: 10_000, billsProcess: 300 } }),
    );
    const errors: unknown[] = [];
    const keep = (error: unknown) => {
      errors.push(error);
    };
    await logged.bills.validate(c15Bill('WBREDACT000001'));
    await logged.bills.pay(c15Bill('WBREDACT000002'));
    simulator.inject({ path: '/process', kind: 'reset', commit: true });
    simulator.inject({ path: '/inquiry', kind: 'http500', times: 20 });
    await logged.bills.pay(c15Bill('WBREDACT000003')).catch(keep);
    await logged.bills.pay(c15Bill('WBREDACT000002')).catch(keep); // 124 duplicate
    await logged.eload.topup({
      msisdn: '+639171234567',
      productCode: 'GLOBE100',
      amount: { amount: 10_000, currency: 'PHP' },
    });
    await logged.eload
      .topup({ msisdn: '+639171234567', productCode: 'GLOBE100', amount: { amount: 1, currency: 'PHP' } })
      .catch(keep);
    await logged.bills.pay({ ...c15Bill(), accountNumber: '816218000x!' }).catch(keep);
    await logged.close();

    expect(errors).toHaveLength(4);
    expect(errors[0]).toBeInstanceOf(OutcomeUnknownError);
    const signatures = simulator.requests.map((request) => String(request.headers.signature));
    // Every error with its whole cause chain, as a log pipeline serializing it would see it.
    const chain = (error: unknown): unknown[] => {
      const cause = (error as { cause?: unknown } | undefined)?.cause;
      return cause === undefined ? [error] : [error, ...chain(cause)];
    };
    const everything = [
      ...logger.lines,
      ...errors
        .flatMap(chain)
        .map((error) => `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`),
      ...errors.map((error) => JSON.stringify(error)),
      ...errors.map((error) => String((error as Error).message)),
      ...errors.map((error) => JSON.stringify((error as { details?: unknown }).details ?? null)),
    ].join('\n');
    expect(logger.lines.length).toBeGreaterThan(5);
    expect(everything).not.toContain(simulator.credentials.password);
    expect(everything).not.toContain('816218000');
    expect(everything).not.toContain('09171234567');
    expect(everything).not.toContain('639171234567');
    expect(everything).not.toContain('JUAN DELA CRUZ');
    expect(everything).not.toContain('PRIVATE KEY');
    for (const signature of signatures) expect(everything).not.toContain(signature.slice(0, 40));
  });
});
