import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReplayMismatchError, withNockFixture } from '@wirebridge/core/testing/nock';
import { describe, expect, it } from 'vitest';
import { loadSigningCredentials, UnionPayClient } from '../src/index.js';
import { startUnionPaySimulator } from '../src/testing/index.js';
import { FIXTURE_CLOCK, readFixture, TEST_PFX_PASSWORD } from './support/fixtures.js';

// Contract tests (DESIGN §9): exchanges recorded once from the simulator with WIREBRIDGE_NOCK_MODE=record, scrubbed,
// committed, and replayed in lockdown (the default, and always in CI). The clock is pinned inside the public test
// certificates' validity and the merchant signs with the public test pfx, so request bytes are identical on every
// run (PKCS#1 v1.5 signatures are deterministic). Only safe operations are recorded: a keyed call whose reply fails
// verification runs its resolver, whose queries are (rightly) not in the recording; 95 (ping) carries a fresh random
// orderId per attempt, so it is covered by the simulator tests instead.
const fixturesDirectory = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const trustFile = resolve(fixturesDirectory, 'unionpay-contract-trust.json');
const FIXTURE_ORIGIN = 'http://unionpay.invalid';
const MERCHANT_ID = '777290058110048';
const pfx = readFixture('acp_test_sign.pfx');
const clock = () => FIXTURE_CLOCK;
const scrubOptions = {
  fixturesDirectory,
  fixtureOrigin: FIXTURE_ORIGIN,
  // The request signature is made with the public test key: keep it, so a changed byte anywhere fails the replay.
  // merId (15 digits) and the settlement fileName that starts with it would otherwise be masked like card numbers.
  preserve: ['signature', 'certId', 'merId', 'fileName'],
};

interface Trust {
  middleCertificate: string;
  rootCertificate: string;
}

async function withContractClient<T>(fixture: string, run: (client: UnionPayClient) => Promise<T>) {
  return withNockFixture(
    fixture,
    async ({ recording }) => {
      const simulator = recording
        ? await startUnionPaySimulator({
            clock,
            merchants: [
              {
                merchantId: MERCHANT_ID,
                signCertificate: loadSigningCredentials(pfx, TEST_PFX_PASSWORD).certificatePem,
              },
            ],
            settlementArchives: { '0905': readFixture('802310048993424_20150905.zip') },
          })
        : undefined;
      if (simulator) {
        // The simulator's trust anchors are public test certificates; the replay verifies against the same ones.
        const trust: Trust = {
          middleCertificate: simulator.trust.middleCertificatePem,
          rootCertificate: simulator.trust.rootCertificatePem,
        };
        writeFileSync(trustFile, `${JSON.stringify(trust, null, 2)}\n`);
      }
      const trust = JSON.parse(readFileSync(trustFile, 'utf8')) as Trust;
      const base = simulator?.url ?? FIXTURE_ORIGIN;
      const client = new UnionPayClient({
        environment: { gatewayBaseUrl: `${base}/gateway/api/`, fileDownloadUrl: `${base}/filedownload/` },
        merchantId: MERCHANT_ID,
        signing: { pfx, password: TEST_PFX_PASSWORD },
        trust,
        clock,
        backUrl: 'https://merchant.example/unionpay/back',
      });
      try {
        return { recording, result: await run(client) };
      } finally {
        await client.close();
        await simulator?.close();
      }
    },
    scrubOptions,
  );
}

const queryReference = { orderId: '20160601000000001', orderTime: FIXTURE_CLOCK };

describe('contract replay (recorded from the simulator)', () => {
  it('replays the recorded exchanges; request bytes match the recording', async () => {
    const { recording, result: outcomes } = await withContractClient(
      'unionpay-contract.json',
      async (client) => {
        const settle = async <T>(call: () => Promise<T>) => {
          try {
            return { value: await call() };
          } catch (error) {
            return { error };
          }
        };
        return {
          query: await settle(() => client.payments.query(queryReference)),
          download: await settle(() => client.settlement.downloadFile({ settlementDate: '20160905' })),
        };
      },
    );
    if (recording) {
      expect(outcomes.query.value).toMatchObject({ status: 'pending' });
      expect(outcomes.download.value).toMatchObject({ fileName: expect.stringMatching(/_20160905\.zip$/) });
      return;
    }
    // The replies are signed `name=value` text (a PEM with CRLFs inside, so not a strict form): `preserve` keeps the
    // signature, certId and merId byte for byte while the rest is scrubbed, so a replayed reply still verifies.
    expect(outcomes.query).toMatchObject({ value: { status: 'pending' } });
    expect(outcomes.download).toMatchObject({
      value: { fileName: expect.stringMatching(/_20160905\.zip$/) },
    });
  });

  it('a changed request byte fails the replay', async () => {
    for (const changed of [
      { ...queryReference, orderId: '20160601000000009' },
      { ...queryReference, orderTime: new Date(FIXTURE_CLOCK.getTime() + 1_000) },
    ]) {
      const error = await withContractClient('unionpay-contract.json', async (client) => {
        await client.payments.query(changed).catch(() => undefined);
        await client.settlement.downloadFile({ settlementDate: '20160905' }).catch(() => undefined);
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ReplayMismatchError);
    }
  });
});
