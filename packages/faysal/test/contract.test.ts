import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReplayMismatchError, withNockFixture } from '@wirebridge/core/testing/nock';
import { describe, expect, it } from 'vitest';
import { createMemoryStanSource, FaysalClient, rsaSha256Signer } from '../src/index.js';
import { startFaysalSimulator } from '../src/testing/index.js';
import { creditInput, testPartnerKey } from './support/faysal-bench.js';

// DESIGN §9 contract tests: JSON-RPC exchanges recorded from the simulator (WIREBRIDGE_NOCK_MODE=record), scrubbed,
// committed under test/fixtures, and replayed in lockdown (the default, and always in CI).
const fixturesDirectory = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureOrigin = 'http://faysal.invalid';
// Fixed instant (2025-02-01 12:00 PKT) so rrn, txnDate/txnTime and the bank's timestamps are the recorded ones.
const fixedNow = new Date('2025-02-01T12:00:00+05:00');
const scrubbing = {
  fixturesDirectory,
  fixtureOrigin,
  // Personal data and account numbers of the request are stored as [REDACTED] and compared scrubbed on replay.
  secretNames: ['name', 'title', 'idNumber', 'account', 'dateOfBirth', 'cnic', 'mobile', 'address'],
  // The bank signs its exact response bytes (with spec §10's public throwaway key), so the response must be
  // stored verbatim: its 14-digit timestamps would otherwise be masked as card numbers and break the signature.
  preserve: [
    'x-api-signature',
    'x-api-key',
    'creditedAt',
    'serverTime',
    'accountNumberHelp',
    'accountNumberREGEX',
  ],
};

function deterministicClient(baseUrl: string) {
  const key = testPartnerKey();
  let serial = 0;
  return new FaysalClient({
    environment: 'sandbox',
    baseUrls: { sandbox: baseUrl },
    allowInsecureHttp: true,
    partnerId: 'WIREBRIDGE01',
    // The simulator signs with the same throwaway key in recordings, so the fixture holds no other key.
    signer: rsaSha256Signer({ privateKey: key.privateKeyPem, bankPublicKeys: [key.publicKeyPem] }),
    clock: () => fixedNow,
    stanSource: createMemoryStanSource(),
    requestId: () => {
      serial += 1;
      return `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
    },
    timeouts: { default: 10_000 },
  });
}

async function run<T>(
  name: string,
  flow: (client: FaysalClient) => Promise<T>,
  options: { requestIdOffset?: number } = {},
) {
  return withNockFixture(
    name,
    async ({ recording }) => {
      const key = testPartnerKey();
      const simulator = recording
        ? await startFaysalSimulator({
            partnerPublicKeyPem: key.publicKeyPem,
            bankPrivateKeyPem: key.privateKeyPem,
            clock: () => fixedNow,
          })
        : undefined;
      const client = deterministicClient(simulator?.baseUrl ?? fixtureOrigin);
      for (let index = 0; index < (options.requestIdOffset ?? 0); index++)
        await client.referenceData.purposeCodes();
      try {
        return await flow(client);
      } finally {
        await client.close();
        await simulator?.close();
      }
    },
    scrubbing,
  );
}

const creditFlow = async (client: FaysalClient) => {
  // The simulator's first account is the active Faysal one (deterministic numbers).
  const account = { iban: 'PK', bankImd: '990001', title: 'MUHAMMAD ALI' };
  const { pakistanIbanFor } = await import('../src/domain/iban.js');
  account.iban = pakistanIbanFor('FAYS', '0000001000000001');
  const input = creditInput(account, { partnerReference: 'WB-CONTRACT-0001' });
  const credit = await client.remittances.credit(input);
  const state = await client.transactions.inquire({ partnerReference: input.partnerReference });
  return { credit, state };
};

describe('contract fixtures (nock replay)', () => {
  it('replays ping and the bank list, verifying the recorded bank signatures', async () => {
    const result = await run('faysal-reference.json', async (client) => ({
      pong: await client.health.ping(),
      banks: await client.referenceData.banks(),
    }));
    expect(result.pong.serverTime.toISOString()).toBe(fixedNow.toISOString());
    expect(result.banks.map((bank) => bank.shortBic)).toEqual(['FAYSPKKA', 'OTHRPKKA', 'RAASPKKA']);
  });

  it('replays a credit and its inquiry', async () => {
    const { credit, state } = await run('faysal-credit.json', creditFlow);
    expect(credit).toMatchObject({ status: 'completed', rail: 'BOOK', rrn: '503212000001', stan: '000001' });
    expect(state).toMatchObject({ status: 'completed', bankReference: credit.bankReference });
  });

  it('the committed fixtures hold no full account number, name or passport number', () => {
    const text = ['faysal-credit.json', 'faysal-reference.json']
      .map((name) => readFileSync(resolve(fixturesDirectory, name), 'utf8'))
      .join('\n');
    expect(text).not.toContain('0000001000000001');
    expect(text).not.toContain('MUHAMMAD ALI');
    expect(text).not.toContain('KIM MINJI');
    expect(text).not.toContain('M12345678');
  });

  it('a changed request byte fails the replay', async () => {
    // The recording starts with ping id …0001; this client sends the same call with one byte changed (the id).
    const changed = withNockFixture(
      'faysal-reference.json',
      async () => {
        let serial = 0;
        const client = new FaysalClient({
          environment: 'sandbox',
          baseUrls: { sandbox: fixtureOrigin },
          allowInsecureHttp: true,
          partnerId: 'WIREBRIDGE01',
          signer: rsaSha256Signer({
            privateKey: testPartnerKey().privateKeyPem,
            bankPublicKeys: [testPartnerKey().publicKeyPem],
          }),
          clock: () => fixedNow,
          stanSource: createMemoryStanSource(),
          requestId: () => {
            serial += 1;
            return `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`.replace(/1$/, '9');
          },
          maxRetries: 0,
        });
        try {
          await client.health.ping();
          await client.referenceData.banks();
        } finally {
          await client.close();
        }
      },
      scrubbing,
    );
    const error = await changed.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplayMismatchError);
    expect((error as ReplayMismatchError).reason).toBe('request-differs');
  });
});
