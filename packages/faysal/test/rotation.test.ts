import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aes256GcmCipher, FaysalError, rsaSha256Signer } from '../src/index.js';
import {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  startBench,
  testPartnerKey,
} from './support/faysal-bench.js';

// spec §5 rotation: rotateSigner / rotateCipher swap the strategies for new calls.
describe('key rotation', () => {
  let bench: FaysalBench;
  beforeAll(async () => {
    bench = await startBench({ simulator: { encryption: 'aes-256-gcm' } });
  });
  afterAll(() => bench.close());

  it('a signer with a key the bank does not know is refused (401, -32002 → authentication); rotating back works', async () => {
    const client = bench.clientWith({});
    const stranger = generateKeyPairSync('rsa', { modulusLength: 1024 });
    client.rotateSigner(
      rsaSha256Signer({
        privateKey: stranger.privateKey,
        bankPublicKeys: [bench.simulator.bankPublicKeyPem],
      }),
    );
    const error = await client.pool.balance().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FaysalError);
    expect(error).toMatchObject({ vendorCode: '0221', category: 'authentication', retryable: false });
    client.rotateSigner(
      rsaSha256Signer({
        privateKey: testPartnerKey().privateKeyPem,
        bankPublicKeys: [bench.simulator.bankPublicKeyPem],
      }),
    );
    await expect(client.pool.balance()).resolves.toHaveProperty('available');
  });

  it('a cipher with the wrong key is refused with -32003; rotating to the right key works', async () => {
    const client = bench.clientWith({});
    client.rotateCipher(
      aes256GcmCipher({ key: randomBytes(32), keyId: bench.simulator.encryptionKey!.keyId }),
    );
    await expect(client.pool.balance()).rejects.toMatchObject({
      vendorCode: 'rpc:-32003',
      category: 'authentication',
    });
    client.rotateCipher(aes256GcmCipher(bench.simulator.encryptionKey!));
    await expect(client.pool.balance()).resolves.toHaveProperty('available');
  });

  it('an injected decryption failure on credit is an authentication error and nothing is debited', async () => {
    const input = creditInput(activeFaysalAccount(bench.simulator));
    bench.simulator.inject({ method: 'remittance.credit', kind: 'decryptFail' });
    await expect(bench.client.remittances.credit(input)).rejects.toMatchObject({ vendorCode: 'rpc:-32003' });
    expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(0);
  });

  it('a notification the client cannot decrypt is rejected (bad_signature/decrypt, 401, -32003) with no event', async () => {
    const client = bench.clientWith({ cipher: aes256GcmCipher({ key: randomBytes(32), keyId: 'other' }) });
    const input = creditInput(activeFaysalAccount(bench.simulator));
    await bench.client.remittances.credit(input);
    let events = 0;
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const handled = await client.notifications.handle({
        rawBody: Buffer.concat(chunks),
        headers: request.headers,
        remoteAddress: '127.0.0.1',
      });
      if (handled.accepted) events += 1;
      else expect(handled.rejection).toEqual({ reason: 'bad_signature', detail: 'decrypt' });
      response.writeHead(handled.reply.status, handled.reply.headers).end(handled.reply.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as { port: number }).port;
      const reply = await bench.simulator.notify({
        url: `http://127.0.0.1:${port}/`,
        partnerReference: input.partnerReference,
        status: 'COMPLETED',
      });
      expect(reply.status).toBe(401);
      expect(JSON.parse(String(reply.body)).error.code).toBe(-32003);
      expect(events).toBe(0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a delay before the bank acts makes a safe call time out and retry, and it then succeeds', async () => {
    // The retry must also fit in the per-attempt timeout, so it is generous (1 s) next to the 2.5 s stall.
    const client = bench.clientWith({ timeouts: { ping: 1_000 } });
    bench.simulator.inject({ method: 'system.ping', kind: 'delay', ms: 2_500 });
    await expect(client.health.ping()).resolves.toMatchObject({ ok: true });
  });

  it('rate limiting (-32004) on a safe call is retried', async () => {
    bench.simulator.inject({ method: 'system.ping', kind: 'rateLimit' });
    await expect(bench.client.health.ping()).resolves.toMatchObject({ ok: true });
  });
});
