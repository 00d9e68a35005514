import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, TransportError, type WirebridgeError } from '../../src/errors/index.js';
import { createSoapClientFactory, type SoapClientFactoryOptions } from '../../src/soap/index.js';
import { createTestPki, type TestPki } from '../http/support/test-certificates.js';
import { type LedgerServer, ledgerWsdlPath, startLedgerServer } from './support/ledger-server.js';

const timeoutMs = 5_000;
let pki: TestPki;
let ledger: LedgerServer;

beforeAll(async () => {
  pki = createTestPki();
  // A ledger that insists on a client certificate from its CA and answers with the certificate's CN.
  ledger = await startLedgerServer({
    tls: {
      key: pki.server.privateKeyPem,
      cert: pki.server.certificatePem,
      ca: pki.ca.certificatePem,
      requestClientCertificate: true,
    },
    GetBalance: (args, _callback, _headers, request) => ({
      account_id: (request.socket as TLSSocket).getPeerCertificate().subject.CN,
      amount: '0',
      currency: String(args.currency ?? 'USD'),
    }),
  });
});

afterAll(async () => {
  await ledger.close();
});

async function withFactory<T>(
  options: SoapClientFactoryOptions,
  use: (call: () => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const factory = createSoapClientFactory(options);
  const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
  try {
    return await use(() => client.call('GetBalance', { account_id: 'A' }, { timeoutMs }));
  } finally {
    await factory.close();
  }
}

describe('SOAP client factory: mutual TLS', () => {
  it('presents the client certificate and keeps one TLS connection for many calls', async () => {
    const before = ledger.received.length;
    const tls = { ca: pki.ca.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem };

    const results = await withFactory({ tls }, async (call) => {
      const collected: unknown[] = [];
      for (let index = 0; index < 5; index += 1) collected.push(await call());
      return collected;
    });

    for (const result of results) {
      expect((result as { result: { account_id: string } }).result.account_id).toBe('wirebridge-test-client');
    }
    // One agent per factory: the five calls rode one handshake's connection.
    expect(new Set(ledger.received.slice(before).map((request) => request.socket)).size).toBe(1);
  });

  it('presents a client certificate from a PKCS#12 file', async () => {
    const pfx = pki.clientPkcs12('test-only-passphrase');
    const result = await withFactory(
      { tls: { ca: pki.ca.certificatePem, pfx, passphrase: 'test-only-passphrase' } },
      (call) => call(),
    );
    expect((result as { result: { account_id: string } }).result.account_id).toBe('wirebridge-test-client');
  });

  it('fails without a client certificate as a TransportError the server never processed', async () => {
    const before = ledger.received.length;
    const error = await withFactory({ tls: { ca: pki.ca.certificatePem } }, (call) =>
      call().then(
        () => expect.fail('the call should have failed'),
        (failure: WirebridgeError) => failure,
      ),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(false);
    expect(ledger.received.length).toBe(before);
  });

  it('refuses an unreadable client key at construction, without echoing the passphrase', () => {
    let error: unknown;
    try {
      createSoapClientFactory({
        tls: { cert: pki.client.certificatePem, key: 'not a key', passphrase: 'test-only-passphrase' },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('tls.key');
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('test-only-passphrase');
  });
});
