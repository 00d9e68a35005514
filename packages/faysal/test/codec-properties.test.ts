import { generateKeyPairSync, sign } from 'node:crypto';
import { type HttpResponse, isWirebridgeError, ProtocolError } from '@wirebridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pakistanIbanFor } from '../src/domain/iban.js';
import {
  apiKeyIdFor,
  FaysalClient,
  fromWireAmount,
  modelledFaysalCodec,
  rsaSha256Signer,
} from '../src/index.js';
import { testPartnerKey } from './support/faysal-bench.js';

const info = { rrn: '503212000001', stan: '000001', txnDate: '20250201', txnTime: '120000' };
const iban = fc
  .tuple(fc.constantFrom('FAYS', 'SCBL', 'HABB'), fc.stringMatching(/^\d{16}$/))
  .map(([bank, digits]) => pakistanIbanFor(bank, digits));

// DESIGN §9: property tests for the codec — round trips, and garbled replies rejected with typed errors, never a hang.
describe('modelled codec properties', () => {
  it('credit params carry the amounts exactly, named params only, no undefined or null members', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000_000 }),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        iban,
        fc.option(fc.string({ minLength: 1, maxLength: 140 }), { nil: undefined }),
        (pkr, krw, account, narration) => {
          const { method, params } = modelledFaysalCodec.encode(
            'credit',
            {
              partnerReference: 'WB-1',
              amount: { amount: pkr, currency: 'PKR' },
              source: { amount: { amount: krw, currency: 'KRW' }, fxRate: '0.2' },
              purposeCode: '0251',
              narration,
              remitter: {
                name: 'A',
                country: 'KR',
                nationality: 'KR',
                idType: 'passport',
                idNumber: 'M1',
                dateOfBirth: new Date('1990-01-15T00:00:00Z'),
              },
              beneficiary: { account, bankImd: '990001', title: 'B' },
            },
            { info },
          );
          expect(method).toBe('remittance.credit');
          expect(Array.isArray(params)).toBe(false);
          const json = JSON.stringify(params);
          expect(json).not.toContain('null');
          expect(JSON.parse(json)).toEqual(params);
          const amount = params.amount as { value: string; currency: string };
          const source = params.source as { amount: { value: string; currency: string } };
          expect(fromWireAmount(amount.value, 'PKR')).toBe(pkr);
          expect(fromWireAmount(source.amount.value, 'KRW')).toBe(krw);
          expect((params.remitter as { dateOfBirth: string }).dateOfBirth).toBe('19900115');
          expect('narration' in params).toBe(narration !== undefined);
        },
      ),
    );
  });

  it('a notification decodes to its dedupe key and amount for any event id and amount', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.integer({ min: 0, max: 10_000_000_000 }), (eventId, minor) => {
        const value = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
        const event = modelledFaysalCodec.decodeNotification('remittance.statusChanged', {
          eventId,
          partnerReference: 'WB-1',
          status: 'COMPLETED',
          responseCode: '0000',
          responseDesc: 'OK',
          bankReference: 'FBL1',
          rail: 'BOOK',
          amount: { value, currency: 'PKR' },
          occurredAt: '20250201120000',
        });
        expect(event.dedupeKey).toBe(`faysal:${eventId}`);
        expect(event.amount).toEqual({ amount: minor, currency: 'PKR' });
        expect(event.occurredAt.toISOString()).toBe('2025-02-01T07:00:00.000Z');
      }),
    );
  });

  it('garbled, truncated or foreign signed replies are typed errors, never a hang or a raw exception', async () => {
    const bank = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const bankPem = bank.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    let next = Buffer.alloc(0);
    // A fresh client per reply: a run of failures would otherwise (rightly) open the client's circuit breaker.
    const newClient = () =>
      new FaysalClient({
        environment: 'sandbox',
        baseUrls: { sandbox: 'https://faysal.invalid' },
        partnerId: 'WIREBRIDGE01',
        signer: rsaSha256Signer({ privateKey: testPartnerKey().privateKeyPem, bankPublicKeys: [bankPem] }),
        maxRetries: 0,
        transport: {
          send: async (): Promise<HttpResponse> => ({
            status: 200,
            headers: {
              'x-api-key': apiKeyIdFor(bankPem),
              'x-api-signature': sign('RSA-SHA256', next, bank.privateKey).toString('base64'),
            },
            body: next,
          }),
          close: async () => undefined,
        },
      });
    const valid =
      '{"jsonrpc":"2.0","id":"x","result":{"response":{"responseCode":"0000","responseDesc":"OK"},"serverTime":"20250201120000"}}';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: valid.length - 1 }).map((length) => valid.slice(0, length)),
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.constant('{"jsonrpc":"2.0","id":"x","result":{"response":{"responseCode":"0000"}}}'),
        ),
        async (body) => {
          next = Buffer.from(body);
          const client = newClient();
          const error = await client.health.ping().catch((caught: unknown) => caught);
          expect(isWirebridgeError(error)).toBe(true);
          expect(error).toBeInstanceOf(ProtocolError);
          await client.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
