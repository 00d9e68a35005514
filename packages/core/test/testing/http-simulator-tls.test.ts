import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { createFaultSwitchboard, startHttpSimulatorServer } from '../../src/testing/index.js';
import { createTestPki } from '../http/support/test-certificates.js';

type Outcome = { ok: true; status: number; body: string } | { ok: false };

function sendHttps(url: string, tls: https.RequestOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = https.request(`${url}/status`, { ...tls, method: 'GET', agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ ok: true, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', () => resolve({ ok: false }));
    });
    request.on('error', () => resolve({ ok: false }));
    request.end();
  });
}

describe('HTTP simulator base over mutual TLS', () => {
  it('serves https with a required client certificate and still applies socket faults', async () => {
    const pki = createTestPki();
    const faults = createFaultSwitchboard();
    const server = await startHttpSimulatorServer({
      tls: {
        key: pki.server.privateKeyPem,
        cert: pki.server.certificatePem,
        ca: pki.ca.certificatePem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      handle: () => ({ status: 200, body: 'x'.repeat(64), fault: faults.take({}) }),
    });
    const clientTls = {
      ca: pki.ca.certificatePem,
      key: pki.client.privateKeyPem,
      cert: pki.client.certificatePem,
    };
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await sendHttps(server.url, clientTls)).toEqual({ ok: true, status: 200, body: 'x'.repeat(64) });
      expect(await sendHttps(server.url, { ca: pki.ca.certificatePem })).toEqual({ ok: false });

      faults.inject({ fault: { kind: 'reset-mid-response', afterBytes: 20 } });
      expect(await sendHttps(server.url, clientTls)).toEqual({ ok: false });
      expect(await sendHttps(server.url, clientTls)).toMatchObject({ ok: true, status: 200 });
    } finally {
      await server.close();
    }
  });
});
