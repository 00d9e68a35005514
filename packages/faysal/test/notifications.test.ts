import { createPublicKey, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaysalClient, FaysalNotificationEvent } from '../src/index.js';
import {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  startBench,
  testPartnerKey,
} from './support/faysal-bench.js';

/** A partner endpoint: hands each push to `client.notifications.process` and records the events. */
async function startPartnerEndpoint(client: () => FaysalClient) {
  const events: FaysalNotificationEvent[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = await client().notifications.process(
      {
        rawBody: Buffer.concat(chunks),
        headers: request.headers,
        remoteAddress: request.socket.remoteAddress ?? '',
      },
      async (event) => {
        events.push(event);
      },
    );
    response.writeHead(reply.status, reply.headers).end(reply.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/faysal/notifications`,
    events,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

const partnerSignatureValid = (reply: { body: string | Uint8Array; headers: Record<string, string> }) =>
  verify(
    'RSA-SHA256',
    Buffer.from(reply.body),
    createPublicKey(testPartnerKey().publicKeyPem),
    Buffer.from(reply.headers['x-api-signature'] ?? '', 'base64'),
  );

// spec §7: verified on raw bytes, rejected with the spec's replies, deduplicated through process().
describe.each(['none', 'aes-256-gcm'] as const)('inbound notifications (%s)', (encryption) => {
  let bench: FaysalBench;
  let current: FaysalClient;
  let endpoint: Awaited<ReturnType<typeof startPartnerEndpoint>>;
  let partnerReference: string;

  beforeAll(async () => {
    bench = await startBench({ simulator: { encryption } });
    current = bench.client;
    endpoint = await startPartnerEndpoint(() => current);
    const input = creditInput(activeFaysalAccount(bench.simulator));
    await bench.client.remittances.credit(input);
    partnerReference = input.partnerReference;
  });
  afterAll(async () => {
    await endpoint.close();
    await bench.close();
  });

  it('a signed push is acknowledged with a signed ack and becomes one event', async () => {
    current = bench.client;
    const before = endpoint.events.length;
    const reply = await bench.simulator.notify({ url: endpoint.url, partnerReference, status: 'COMPLETED' });
    expect(reply.status).toBe(200);
    const ack = JSON.parse(String(reply.body));
    expect(ack).toMatchObject({ jsonrpc: '2.0', result: { acknowledged: true } });
    expect(typeof ack.id).toBe('string');
    expect(partnerSignatureValid(reply)).toBe(true);
    expect(endpoint.events.length - before).toBe(1);
    const event = endpoint.events.at(-1)!;
    expect(event).toMatchObject({
      type: 'remittance.completed',
      partnerReference,
      vendorCode: '0000',
      amount: { amount: 500_000, currency: 'PKR' },
    });
    expect(event.dedupeKey).toBe(`faysal:${event.eventId}`);
  });

  it('a duplicate push: same dedupe key, onEvent once, both copies acknowledged', async () => {
    current = bench.client;
    const before = endpoint.events.length;
    const eventId = '6f9d3a55-8b4e-4c1f-9a2d-1e3b5c7d9f01';
    const reply = await bench.simulator.notify({
      url: endpoint.url,
      partnerReference,
      status: 'COMPLETED',
      eventId,
      duplicate: true,
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(String(reply.body)).result.acknowledged).toBe(true);
    expect(endpoint.events.length - before).toBe(1);
    const again = await bench.simulator.notify({
      url: endpoint.url,
      partnerReference,
      status: 'COMPLETED',
      eventId,
    });
    expect(again.status).toBe(200);
    expect(endpoint.events.length - before).toBe(1);
    expect(endpoint.events.at(-1)!.dedupeKey).toBe(`faysal:${eventId}`);
  });

  it('a tampered signature: 401 with -32001 and no event', async () => {
    current = bench.client;
    const before = endpoint.events.length;
    const reply = await bench.simulator.notify({
      url: endpoint.url,
      partnerReference,
      status: 'FAILED',
      badSignature: true,
    });
    expect(reply.status).toBe(401);
    expect(JSON.parse(String(reply.body)).error.code).toBe(-32001);
    expect(endpoint.events.length).toBe(before);
  });

  it('a source address outside the allow-list: 403 and no event', async () => {
    current = bench.clientWith({ notifications: { allowedIps: ['203.0.113.0/24'] } });
    const before = endpoint.events.length;
    const reply = await bench.simulator.notify({ url: endpoint.url, partnerReference, status: 'COMPLETED' });
    expect(reply.status).toBe(403);
    expect(endpoint.events.length).toBe(before);
    current = bench.clientWith({ notifications: { allowedIps: ['127.0.0.0/8'] } });
    const allowed = await bench.simulator.notify({
      url: endpoint.url,
      partnerReference,
      status: 'COMPLETED',
    });
    expect(allowed.status).toBe(200);
    current = bench.client;
  });

  it('an unknown bank key (bad credentials): 401 with -32002 and no event', async () => {
    const { rsaSha256Signer } = await import('../src/index.js');
    const { generateKeyPairSync } = await import('node:crypto');
    const otherBankKey = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const other = await startBench({ simulator: { bankPrivateKeyPem: otherBankKey } });
    try {
      // A client that trusts another bank's key only.
      current = bench.clientWith({
        signer: rsaSha256Signer({
          privateKey: testPartnerKey().privateKeyPem,
          bankPublicKeys: [other.simulator.bankPublicKeyPem],
        }),
      });
      const before = endpoint.events.length;
      const handled = await current.notifications.handle({
        rawBody: '{"jsonrpc":"2.0","id":"1","method":"remittance.statusChanged","params":{}}',
        headers: { 'x-api-key': 'nope', 'x-api-signature': 'AAAA' },
        remoteAddress: '127.0.0.1',
      });
      expect(handled).toMatchObject({
        accepted: false,
        event: null,
        rejection: { reason: 'unauthenticated' },
      });
      const reply = await bench.simulator.notify({
        url: endpoint.url,
        partnerReference,
        status: 'COMPLETED',
      });
      expect(reply.status).toBe(401);
      expect(JSON.parse(String(reply.body)).error.code).toBe(-32002);
      expect(endpoint.events.length).toBe(before);
    } finally {
      current = bench.client;
      await other.close();
    }
  });

  it('onEvent failing → signed 500 (-32603) so the bank resends; the resend is processed', async () => {
    const eventId =
      encryption === 'none' ? '0f2c1d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' : '1f2c1d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
    let calls = 0;
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const reply = await bench.client.notifications.process(
        { rawBody: Buffer.concat(chunks), headers: request.headers, remoteAddress: '127.0.0.1' },
        async () => {
          calls += 1;
          if (calls === 1) throw new Error('database down');
        },
      );
      response.writeHead(reply.status, reply.headers).end(reply.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const first = await bench.simulator.notify({ url, partnerReference, status: 'COMPLETED', eventId });
      expect(first.status).toBe(500);
      expect(JSON.parse(String(first.body)).error.code).toBe(-32603);
      expect(partnerSignatureValid(first)).toBe(true);
      const second = await bench.simulator.notify({ url, partnerReference, status: 'COMPLETED', eventId });
      expect(second.status).toBe(200);
      expect(calls).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a malformed push (signed, but not the contract) is 400 with -32600 and no event', async () => {
    const { rsaSha256Signer } = await import('../src/index.js');
    // Sign as the bank would, with a key the client trusts: build a client trusting the partner test key as "bank".
    const key = testPartnerKey();
    const client = bench.clientWith({
      signer: rsaSha256Signer({ privateKey: key.privateKeyPem, bankPublicKeys: [key.publicKeyPem] }),
    });
    const signer = rsaSha256Signer({ privateKey: key.privateKeyPem, bankPublicKeys: [key.publicKeyPem] });
    const body = Buffer.from(
      '{"jsonrpc":"2.0","id":"9","method":"remittance.statusChanged","params":{"eventId":"x"}}',
    );
    const result = await client.notifications.handle({
      rawBody: body,
      headers: signer.sign(body),
      remoteAddress: '127.0.0.1',
    });
    expect(result).toMatchObject({
      accepted: false,
      rejection: { reason: 'malformed' },
      reply: { status: 400 },
    });
    expect(JSON.parse(String(result.reply.body)).error.code).toBe(-32600);
  });
});
