import { generateKeyPairSync, sign } from 'node:crypto';
import { type HttpResponse, type HttpTransport, ProtocolError, SignatureError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import { FaysalClient, FaysalError, rsaSha256Signer } from '../src/index.js';
import { testPartnerKey } from './support/faysal-bench.js';

// spec §3: the envelope is validated after the signature — id echoed, result.info.rrn echoed for financial methods.
const bank = generateKeyPairSync('rsa', { modulusLength: 1024 });
const bankPublicKeyPem = bank.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const { apiKeyIdFor } = await import('../src/index.js');

/** A transport that answers each request with `answer(request)`, signed by the test bank key. */
function fakeBank(
  answer: (request: { id: string; params: Record<string, unknown> }) => unknown,
): HttpTransport & {
  calls: number;
} {
  const transport = {
    calls: 0,
    async send(request: { body?: string | Uint8Array }): Promise<HttpResponse> {
      transport.calls += 1;
      const message = JSON.parse(String(request.body));
      const body = Buffer.from(JSON.stringify(answer(message)));
      return {
        status: 200,
        headers: {
          'x-api-key': apiKeyIdFor(bankPublicKeyPem),
          'x-api-signature': sign('RSA-SHA256', body, bank.privateKey).toString('base64'),
        },
        body,
      };
    },
    close: async () => undefined,
  };
  return transport;
}

function clientOn(transport: HttpTransport) {
  return new FaysalClient({
    environment: 'sandbox',
    baseUrls: { sandbox: 'https://faysal.invalid' },
    partnerId: 'WIREBRIDGE01',
    signer: rsaSha256Signer({
      privateKey: testPartnerKey().privateKeyPem,
      bankPublicKeys: [bankPublicKeyPem],
    }),
    transport,
    maxRetries: 0,
  });
}

const titleFetchInput = {
  account: 'PK36SCBL0000001123456702',
  amount: { amount: 500_000, currency: 'PKR' },
  purposeCode: '0251',
};
const titleResult = (rrn: string) => ({
  response: { responseCode: '0000', responseDesc: 'OK' },
  titleFetchId: 'TF-1',
  account: { title: 'X', accountNumber: '1', status: 'ACTIVE' },
  bank: { bankImd: '100271', bankBic: 'SCBLPKKAXXX', bankName: 'SCB' },
  rail: 'IBFT',
  cnicMatch: 'NOT_CHECKED',
  expiresAt: '20991231235959',
  info: { rrn, stan: '000001' },
});

describe('reply checks', () => {
  it('accepts a signed reply that echoes id and rrn', async () => {
    const transport = fakeBank((request) => ({
      jsonrpc: '2.0',
      id: request.id,
      result: titleResult((request.params.info as { rrn: string }).rrn),
    }));
    await expect(clientOn(transport).accounts.titleFetch(titleFetchInput)).resolves.toMatchObject({
      titleFetchId: 'TF-1',
    });
  });

  it('rejects a signed reply whose result.info.rrn is not ours, like a bad signature', async () => {
    const transport = fakeBank((request) => ({
      jsonrpc: '2.0',
      id: request.id,
      result: titleResult('999999999999'),
    }));
    await expect(clientOn(transport).accounts.titleFetch(titleFetchInput)).rejects.toBeInstanceOf(
      SignatureError,
    );
  });

  it('a pre-dispatch error with id null is the bank refusing this request (not an unknown outcome)', async () => {
    const transport = fakeBank(() => ({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32001,
        message: 'Invalid signature',
        data: { responseCode: '0222', responseDesc: 'Invalid Signature' },
      },
    }));
    const error = await clientOn(transport)
      .accounts.titleFetch(titleFetchInput)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FaysalError);
    expect(error).toMatchObject({ vendorCode: '0222', category: 'authentication' });
  });

  it('any other error with id null is not ours: a protocol failure', async () => {
    const transport = fakeBank(() => ({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32603, message: 'Internal error' },
    }));
    await expect(clientOn(transport).accounts.titleFetch(titleFetchInput)).rejects.toBeInstanceOf(
      ProtocolError,
    );
  });

  it('a reply with both result and error is refused', async () => {
    const transport = fakeBank((request) => ({
      jsonrpc: '2.0',
      id: request.id,
      result: titleResult((request.params.info as { rrn: string }).rrn),
      error: { code: -32603, message: 'x' },
    }));
    await expect(clientOn(transport).accounts.titleFetch(titleFetchInput)).rejects.toBeInstanceOf(
      ProtocolError,
    );
  });
});
