import { createPrivateKey } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, TransportError, type WirebridgeError } from '../../src/errors/index.js';
import { createHttpTransport, type HttpTlsOptions } from '../../src/http/index.js';
import { type LoopbackServer, startHttpsServer } from './support/loopback-server.js';
import { createTestPki, type TestPki } from './support/test-certificates.js';

const timeoutMs = 5_000;
let pki: TestPki;
let server: LoopbackServer;

beforeAll(async () => {
  pki = createTestPki();
  // A vendor endpoint that insists on a client certificate from its CA, answering with the certificate's CN.
  server = await startHttpsServer(
    {
      key: pki.server.privateKeyPem,
      cert: pki.server.certificatePem,
      ca: pki.ca.certificatePem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (request, response) => {
      response.end((request.socket as TLSSocket).getPeerCertificate().subject.CN);
    },
  );
});

afterAll(async () => {
  await server.close();
});

async function callWith(tls: HttpTlsOptions): Promise<string> {
  const transport = createHttpTransport({ baseUrl: server.url, tls });
  try {
    const response = await transport.send({ method: 'POST', path: '/transfer', body: '{}' }, { timeoutMs });
    return response.body.toString();
  } finally {
    await transport.close();
  }
}

async function failureWith(tls: HttpTlsOptions): Promise<WirebridgeError> {
  return callWith(tls).then(
    () => expect.fail('the call should have failed'),
    (error: WirebridgeError) => error,
  );
}

function configErrorOf(tls: HttpTlsOptions): ConfigError {
  try {
    createHttpTransport({ baseUrl: 'https://127.0.0.1:9', tls });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  return expect.fail('construction should have failed');
}

describe('createHttpTransport: mutual TLS', () => {
  it('presents a PEM client certificate', async () => {
    const tls = { ca: pki.ca.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem };
    expect(await callWith(tls)).toBe('wirebridge-test-client');
  });

  it('presents a client certificate from a PKCS#12 file', async () => {
    const pfx = pki.clientPkcs12('test-only-passphrase');
    expect(await callWith({ ca: pki.ca.certificatePem, pfx, passphrase: 'test-only-passphrase' })).toBe(
      'wirebridge-test-client',
    );
  });

  it('presents a client certificate whose PEM key is encrypted', async () => {
    const key = createPrivateKey(pki.client.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'test-only-passphrase' })
      .toString();
    const tls = {
      ca: pki.ca.certificatePem,
      cert: pki.client.certificatePem,
      key,
      passphrase: 'test-only-passphrase',
    };
    expect(await callWith(tls)).toBe('wirebridge-test-client');
  });

  // Observed with TLS 1.3: the client completes its handshake (secureConnect fires, the request is written), then
  // the server's alert ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED arrives. The server's TLS layer failed the
  // handshake, so the request never reached its HTTP layer: a non-retryable TransportError, not an unknown outcome.
  it('reports a call without a client certificate as a non-retryable TransportError that reached no handler', async () => {
    const requestsBefore = server.requests.length;
    const error = await failureWith({ ca: pki.ca.certificatePem });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ reason: 'tls_client_certificate_rejected' });
    expect(server.requests).toHaveLength(requestsBefore);
  });

  it('reports an untrusted server certificate as a non-retryable TransportError', async () => {
    const requestsBefore = server.requests.length;
    const error = await failureWith({
      ca: pki.otherCa.certificatePem,
      cert: pki.client.certificatePem,
      key: pki.client.privateKeyPem,
    });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ reason: 'tls_certificate_rejected' });
    expect(server.requests).toHaveLength(requestsBefore);
  });
});

describe('createHttpTransport: TLS versions', () => {
  it('offers TLS 1.2 by default and refuses a TLS 1.2-only server when minVersion is TLSv1.3', async () => {
    const legacyServer = await startHttpsServer(
      { key: pki.server.privateKeyPem, cert: pki.server.certificatePem, maxVersion: 'TLSv1.2' },
      (_request, response) => response.end('ok'),
    );
    const byDefault = createHttpTransport({ baseUrl: legacyServer.url, tls: { ca: pki.ca.certificatePem } });
    const strict = createHttpTransport({
      baseUrl: legacyServer.url,
      tls: { ca: pki.ca.certificatePem, minVersion: 'TLSv1.3' },
    });
    try {
      expect((await byDefault.send({ method: 'GET', path: '/' }, { timeoutMs })).status).toBe(200);
      const error = await strict
        .send({ method: 'GET', path: '/' }, { timeoutMs })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).details).toMatchObject({ reason: 'tls_handshake' });
      expect(legacyServer.requests).toHaveLength(1);
    } finally {
      await byDefault.close();
      await strict.close();
      await legacyServer.close();
    }
  });
});

describe('createHttpTransport: TLS configuration errors at construction', () => {
  it('refuses a wrong PKCS#12 passphrase without echoing it', () => {
    const error = configErrorOf({
      ca: pki.ca.certificatePem,
      pfx: pki.clientPkcs12('test-only-passphrase'),
      passphrase: 'WRONG-PASSPHRASE-42',
    });
    expect(error.message).toMatch(/tls\.passphrase/);
    const everything = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.cause)} ${error.stack}`;
    expect(everything).not.toContain('WRONG-PASSPHRASE-42');
  });

  it('refuses a wrong passphrase for an encrypted PEM key without echoing it', () => {
    const key = createPrivateKey(pki.client.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'test-only-passphrase' })
      .toString();
    const error = configErrorOf({ cert: pki.client.certificatePem, key, passphrase: 'WRONG-PASSPHRASE-42' });
    expect(error.message).toMatch(/tls\.key/);
    expect(`${error.message} ${String(error.cause)}`).not.toContain('WRONG-PASSPHRASE-42');
  });

  it.each([
    ['an unreadable key', () => ({ cert: pki.client.certificatePem, key: 'not a key' }), /tls\.key/],
    [
      'a key that does not match the certificate',
      () => ({ cert: pki.client.certificatePem, key: pki.server.privateKeyPem }),
      /tls\.cert/,
    ],
    ['a CA bundle without certificates', () => ({ ca: 'not a certificate' }), /tls\.ca/],
    [
      'an expired client certificate',
      () => ({ cert: pki.expiredClient.certificatePem, key: pki.expiredClient.privateKeyPem }),
      /tls\.cert expired/,
    ],
    ['a certificate without its key', () => ({ cert: pki.client.certificatePem }), /tls\.cert and tls\.key/],
    ['a PKCS#12 that is not one', () => ({ pfx: Buffer.from('not pkcs12') }), /tls\.pfx/],
    ['TLS below 1.2', () => ({ minVersion: 'TLSv1.1' as 'TLSv1.2' }), /tls\.minVersion/],
  ])('refuses %s', (_label, tls, message) => {
    expect(configErrorOf(tls()).message).toMatch(message);
  });
});
