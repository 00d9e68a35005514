import { createHash, createPublicKey, verify } from 'node:crypto';
import { CryptoError, type HttpRequest, type HttpResponse, type HttpTransport } from '@wirebridge/core';
import { encodeJsonRpcRequest } from '@wirebridge/core/json-rpc';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  aes128EcbHexCipher,
  aes256GcmCipher,
  apiKeyIdFor,
  type FaysalClient,
  type FaysalCodec,
  modelledFaysalCodec,
  rsaSha256Signer,
} from '../src/index.js';
import { encryptAes256Gcm } from '../src/wire/payload-ciphers.js';
import { type FaysalBench, startBench, testPartnerKey } from './support/faysal-bench.js';

// spec §10 known-answer vectors: the exact bytes, signature, key id and ciphertexts.
const katBody =
  '{"jsonrpc":"2.0","id":"3f1c2a9e-5b7d-4e21-9c4a-0d8e6f1b2a37","method":"account.titleFetch","params":{"info":{"rrn":"503212000001","stan":"000001","txnDate":"20250201","txnTime":"120000"},"beneficiary":{"account":"PK36SCBL0000001123456702","bankImd":"100271"},"amount":{"value":"5000.00","currency":"PKR"},"purposeCode":"0251"}}';
const katSignature =
  'EAxQZBUXjXE4jPfqY6kZVKr9HlZJv9M6kgvKJ0cMrGv8L68KhK/t+rAEcldj14+dDjIlWP8l3Atz5KIxlocpqlcVCSyZLGWbzYdZmhZLQ5wsMPqMusef25BQYAhqSWbs/1gTEtLIFA6xgX3EGpazyE8I6qgmzARJ4mzcdPUB69qUZJlFyk7gyzW3kI+IGZS3Bschyj0LZJaHgQ4RE4TLyPWpmximizeDpnQW/wYut2e+/J9kqkUhS4BSlCg1AKRTIZPohIS0rnPA8A4n84PcOuKw+dBmKczhrphPKPb3mOt967Y8/yfgXbXXoJZp7jT32XxZZiLaNJPWh3jZOnfBPQ==';
const katId = '3f1c2a9e-5b7d-4e21-9c4a-0d8e6f1b2a37';
const katParams = katBody.slice(katBody.indexOf('{"info"'), -1);

describe('signature known answer (spec §10)', () => {
  const key = testPartnerKey();
  const signer = rsaSha256Signer({ privateKey: key.privateKeyPem, bankPublicKeys: [key.publicKeyPem] });

  it('the body is the 327 bytes the spec hashes', () => {
    expect(Buffer.byteLength(katBody)).toBe(327);
    expect(createHash('sha256').update(katBody).digest('hex')).toBe(
      'f2d1254f34ef50546c5f6537020f7b23da77731ce7c67de779574cab96d061ae',
    );
  });

  it('the modelled codec builds the KAT params byte for byte (jayson orders the envelope keys its own way, spec §4.1)', () => {
    const { method, params } = modelledFaysalCodec.encode(
      'titleFetch',
      {
        account: 'PK36SCBL0000001123456702',
        bankImd: '100271',
        amount: { amount: 500_000, currency: 'PKR' },
        purposeCode: '0251',
      },
      { info: { rrn: '503212000001', stan: '000001', txnDate: '20250201', txnTime: '120000' } },
    );
    expect(JSON.stringify(params)).toBe(katParams);
    expect(JSON.parse(encodeJsonRpcRequest({ method, params, id: katId }).body)).toEqual(JSON.parse(katBody));
  });

  it('signs to the expected X-Api-Signature and X-Api-Key', () => {
    const headers = signer.sign(Buffer.from(katBody));
    expect(headers['X-Api-Signature']).toBe(katSignature);
    expect(headers['X-Api-Key']).toBe('IP/t9YyTJnn/QbIZ5WZZvdpE2BgeYBI1grl5uPOXNsE=');
    expect(apiKeyIdFor(key.publicKeyPem)).toBe('IP/t9YyTJnn/QbIZ5WZZvdpE2BgeYBI1grl5uPOXNsE=');
  });

  it('a flipped bit in the body or in the signature fails verification', () => {
    const headers = signer.sign(Buffer.from(katBody));
    expect(signer.verify(Buffer.from(katBody), headers)).toBe(true);
    const body = Buffer.from(katBody);
    body[100]! ^= 0x01;
    expect(signer.verify(body, headers)).toBe(false);
    const signature = Buffer.from(headers['X-Api-Signature']!, 'base64');
    signature[10]! ^= 0x01;
    expect(
      signer.verify(Buffer.from(katBody), { ...headers, 'X-Api-Signature': signature.toString('base64') }),
    ).toBe(false);
    expect(signer.verify(Buffer.from(katBody), { ...headers, 'X-Api-Key': 'unknown' })).toBe(false);
  });
});

describe('AES-256-GCM known answer (spec §10)', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, index) => index));
  const iv = Buffer.from('000102030405060708090a0b', 'hex');

  it('produces the expected tag, digest and prefix', () => {
    expect(Buffer.byteLength(katParams)).toBe(226);
    const encryptedData = encryptAes256Gcm(key, iv, Buffer.from(katParams), Buffer.from(katId));
    const bytes = Buffer.from(encryptedData, 'base64');
    expect(bytes.subarray(-16).toString('hex')).toBe('db4964b40fa8f6f110306e6ebd7daae9');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '76e20c5ed4e1bbeddac505de516478d85df29217617055bfefb3d0c2525dfb0c',
    );
    expect(encryptedData.startsWith('AAECAwQFBgcICQoLPCC/daOK4CH2')).toBe(true);
    const cipher = aes256GcmCipher({ key, keyId: 'k1' });
    expect(cipher.decrypt(encryptedData, Buffer.from(katId)).toString()).toBe(katParams);
  });

  it('refuses another AAD (any other id) and a flipped tag bit', () => {
    const cipher = aes256GcmCipher({ key, keyId: 'k1' });
    const encryptedData = encryptAes256Gcm(key, iv, Buffer.from(katParams), Buffer.from(katId));
    expect(() => cipher.decrypt(encryptedData, Buffer.from('3f1c2a9e-5b7d-4e21-9c4a-0d8e6f1b2a38'))).toThrow(
      CryptoError,
    );
    const tampered = Buffer.from(encryptedData, 'base64');
    tampered[tampered.length - 1]! ^= 0x01;
    expect(() => cipher.decrypt(tampered.toString('base64'), Buffer.from(katId))).toThrow(CryptoError);
  });

  it('decrypts with a previous key chosen by key id during rotation', () => {
    const previous = Buffer.alloc(32, 7);
    const old = aes256GcmCipher({ key: previous, keyId: 'old' });
    const current = aes256GcmCipher({ key, keyId: 'new', previousKeys: [{ key: previous, keyId: 'old' }] });
    const data = old.encrypt(Buffer.from('{"a":1}'), Buffer.from('id-1'));
    expect(current.decrypt(data, Buffer.from('id-1'), 'old').toString()).toBe('{"a":1}');
    expect(() => current.decrypt(data, Buffer.from('id-1'), 'new')).toThrow(CryptoError);
  });
});

describe('AES-128-ECB-hex known answer (spec §10)', () => {
  it('encrypts {"a":1} to the expected hex and back', () => {
    const cipher = aes128EcbHexCipher({ key: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex') });
    expect(cipher.encrypt(Buffer.from('{"a":1}'), Buffer.alloc(0))).toBe('38fbb9a2d1b576b07a7561467d54f34c');
    expect(cipher.decrypt('38fbb9a2d1b576b07a7561467d54f34c', Buffer.alloc(0)).toString()).toBe('{"a":1}');
  });
});

describe('what goes on the wire (transport spy)', () => {
  let bench: FaysalBench;
  const sent: HttpRequest[] = [];
  let spyClient: FaysalClient;

  beforeAll(async () => {
    bench = await startBench();
    const { createHttpTransport } = await import('@wirebridge/core');
    const real = createHttpTransport({ baseUrl: bench.simulator.baseUrl, vendor: 'faysal' });
    const spy: HttpTransport = {
      send: (request, options): Promise<HttpResponse> => {
        sent.push(request);
        return real.send(request, options);
      },
      close: () => real.close(),
    };
    spyClient = bench.clientWith({ transport: spy });
  });
  afterAll(() => bench.close());

  it('signs exactly the bytes it sends, with the partner key', async () => {
    await spyClient.pool.balance();
    const request = sent.at(-1)!;
    const body = Buffer.from(request.body as string, 'utf8');
    const signature = request.headers?.['X-Api-Signature'];
    expect(signature).toBeDefined();
    expect(
      verify(
        'RSA-SHA256',
        body,
        createPublicKey(testPartnerKey().publicKeyPem),
        Buffer.from(signature!, 'base64'),
      ),
    ).toBe(true);
    expect(request.headers?.['X-Partner-Id']).toBe('WIREBRIDGE01');
    expect(request.path).toBe('/jsonrpc');
  });

  it('never produces positional params, for any operation', async () => {
    await spyClient.health.ping();
    await spyClient.referenceData.banks();
    await spyClient.transactions.inquire({ partnerReference: 'NOPE-1' }).catch(() => undefined);
    for (const request of sent) {
      const message = JSON.parse(request.body as string);
      expect(Array.isArray(message.params)).toBe(false);
      expect(typeof message.params).toBe('object');
    }
    // And at the type level: a codec's params are a record, never an array.
    expectTypeOf<ReturnType<FaysalCodec['encode']>['params']>().toEqualTypeOf<Record<string, unknown>>();
  });
});
