import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WesternUnionClient, WesternUnionError } from '../src/index.js';
import { startWesternUnionSimulator, type WesternUnionSimulator } from '../src/testing/index.js';
import { cashQuoteInput, clientOptions } from './support/harness.js';

let simulator: WesternUnionSimulator;
beforeAll(async () => {
  simulator = await startWesternUnionSimulator({ tls: 'mtls' });
});
afterAll(async () => {
  await simulator.close();
});

function tlsMaterial() {
  const tls = simulator.tls;
  if (tls === undefined) throw new Error('the simulator was started with mTLS');
  return tls;
}

describe('mutual TLS (spec §3, §5.1)', () => {
  it('serves https endpoints and hands out client material', () => {
    expect(simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.endpoints.store.startsWith('https://')).toBe(true);
    expect(tlsMaterial().clientCertPem).toContain('BEGIN CERTIFICATE');
  });

  it('keeps one TLS session (one handshake) across 10 calls', async () => {
    const tls = tlsMaterial();
    const client = new WesternUnionClient(
      clientOptions(simulator, { tls: { key: tls.clientKeyPem, cert: tls.clientCertPem, ca: tls.caPem } }),
    );
    try {
      const before = simulator.state.connectionCount();
      const handshakesBefore = simulator.state.tlsHandshakeCount();
      const quote = await client.transfers.quote(cashQuoteInput());
      await client.transfers.send({ commitToken: quote.commitToken });
      for (let index = 0; index < 8; index += 1) await client.transfers.status({ mtcn: quote.mtcn });
      expect(simulator.state.connectionCount() - before).toBe(1);
      // Ten calls, one TLS handshake: the client's keep-alive agent reuses its session.
      expect(simulator.state.tlsHandshakeCount() - handshakesBefore).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('presents a PKCS#12 client certificate', async () => {
    const tls = tlsMaterial();
    const client = new WesternUnionClient(
      clientOptions(simulator, { tls: { pfx: tls.clientPfx, passphrase: tls.passphrase, ca: tls.caPem } }),
    );
    try {
      const status = await client.transfers.status({ mtcn: '1234567890' }).catch((error: unknown) => error);
      // Reached WU: a definitive "no such transfer", not a TLS failure.
      expect(status).toMatchObject({ vendorCode: 'NO_MATCH' });
    } finally {
      await client.close();
    }
  });

  it('a call without a client certificate fails with authentication and never reaches the service', async () => {
    const client = new WesternUnionClient(clientOptions(simulator, { tls: { ca: tlsMaterial().caPem } }));
    const before = simulator.state.requests().length;
    try {
      const error = await client.transfers
        .status({ mtcn: '1234567890' })
        .catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(WesternUnionError);
      expect(error).toMatchObject({ category: 'authentication', retryable: false, vendorCode: 'HTTP_AUTH' });
      expect(simulator.state.requests().length).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('a certificate from another CA is refused in the handshake: no request reaches the service', async () => {
    const stranger = await startWesternUnionSimulator({ tls: 'mtls' });
    const strangerTls = stranger.tls as NonNullable<typeof stranger.tls>;
    await stranger.close();
    const client = new WesternUnionClient(
      clientOptions(simulator, {
        tls: { key: strangerTls.clientKeyPem, cert: strangerTls.clientCertPem, ca: tlsMaterial().caPem },
      }),
    );
    const before = simulator.state.requests().length;
    try {
      const quote = await client.transfers.status({ mtcn: '1234567890' }).then(
        () => 'answered',
        () => 'failed',
      );
      expect(quote).toBe('failed');
      // TODO(core): under TLS 1.3 the refusal arrives after the client wrote the request, so core classifies it as
      // a reset after write (unknown outcome), not as `authentication`. Nothing was processed either way.
      expect(simulator.state.requests().length).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('rotates the client certificate: calls keep working on a new agent', async () => {
    const tls = tlsMaterial();
    const client = new WesternUnionClient(
      clientOptions(simulator, { tls: { key: tls.clientKeyPem, cert: tls.clientCertPem, ca: tls.caPem } }),
    );
    try {
      const before = simulator.state.connectionCount();
      await client.transfers.status({ mtcn: '1234567890' }).catch(() => undefined);
      await client.rotateTlsCredentials({ pfx: tls.clientPfx, passphrase: tls.passphrase, ca: tls.caPem });
      const after = await client.transfers.status({ mtcn: '1234567890' }).catch((error: unknown) => error);
      expect(after).toMatchObject({ vendorCode: 'NO_MATCH' });
      // The new agent opened its own connection.
      expect(simulator.state.connectionCount() - before).toBe(2);
    } finally {
      await client.close();
    }
  });
});
