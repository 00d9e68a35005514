/**
 * Contract tests (DESIGN §9): byte-level TCP transcripts recorded from the simulator (or, with
 * COOCON_RECORD=1 and a relay in the environment, a test system) and replayed with the simulator stopped.
 *
 * Determinism instead of scrubbing: the client's clock and serial store are pinned, so dates, times and
 * serials are the recorded ones. The only volatile bytes are the random userWorkArea (20 bytes at plaintext
 * 137–156, i.e. SEED-ECB blocks 8–9, frame bytes 132–163): not compared in requests, echoed into answers.
 * Every value in the fixture is synthetic (simulator accounts, the public test key `COOCONTEST`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemorySequenceStore, OutcomeUnknownError } from '@wirebridge/core';
import { asciiLengthFramer } from '@wirebridge/core/tcp';
import {
  readTcpTranscript,
  recordTcpTranscript,
  replayTcpTranscript,
  type TcpTranscriptEntry,
  writeTcpTranscript,
} from '@wirebridge/core/testing';
import { describe, expect, it } from 'vitest';
import { CooconClient } from '../src/index.js';
import { startCooconSimulator } from '../src/testing/index.js';
import { issueInput, testKey } from './support.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'virtual-account-lifecycle.json');
const framer = asciiLengthFramer({ digits: 4, includesPrefix: true, maxFrameBytes: 4_096 });
const pinnedNow = new Date('2024-03-15T05:25:01Z'); // 2024-03-15 14:25:01 KST
const userWorkAreaBlocks = { offset: 4 + 128, length: 32 };
const volatile = [
  { direction: 'out' as const, ...userWorkAreaBlocks },
  { direction: 'in' as const, ...userWorkAreaBlocks },
];

function clientFor(relay: { host: string; port: number }) {
  return new CooconClient({
    institutionCode: 'WB000001',
    relay,
    crypto: { key: testKey },
    clock: () => pinnedNow,
    sequenceStore: new MemorySequenceStore({ now: () => pinnedNow.getTime() }),
    resolutionDelaysMs: [0],
  });
}

/** The recorded conversation: issue, inquiry, echo, 결번요구, terminate. */
async function lifecycle(client: CooconClient) {
  const account = await client.virtualAccounts.issue(
    issueInput('VA-CONTRACT-0001', { expiresAt: new Date('2024-03-16T14:59:59Z') }),
    { maxAttempts: 1 },
  );
  const fetched = await client.virtualAccounts.get(
    { merchantReference: 'VA-CONTRACT-0001' },
    { maxAttempts: 1 },
  );
  await client.health.ping({ maxAttempts: 1 });
  const missing = await client.deposits.requestMissing(
    { transactionDate: '20240315', serials: [7] },
    { maxAttempts: 1 },
  );
  const termination = await client.virtualAccounts.terminate(
    {
      virtualAccountNumber: account.virtualAccountNumber,
      merchantReference: 'VA-CONTRACT-0001',
      reason: 'customer_request',
    },
    { maxAttempts: 1 },
  );
  return { account, fetched, missing, termination };
}

async function recordFixture(): Promise<TcpTranscriptEntry[]> {
  const simulator = await startCooconSimulator({ clock: () => pinnedNow });
  const recorder = await recordTcpTranscript({ target: simulator.relay, framer });
  const client = clientFor(recorder.address);
  try {
    await lifecycle(client);
  } finally {
    await client.close();
  }
  const entries = await recorder.close();
  await simulator.close();
  await writeTcpTranscript(fixture, entries);
  return entries;
}

describe('contract: recorded TCP transcript, replayed with the simulator stopped', () => {
  it('replays the lifecycle byte for byte', async () => {
    if (process.env.COOCON_RECORD === '1' || !existsSync(fixture)) await recordFixture();
    const transcript = await readTcpTranscript(fixture);
    expect(transcript.filter((entry) => entry.direction === 'out')).toHaveLength(5);
    const replayer = await replayTcpTranscript(transcript, { framer, volatile });
    const client = clientFor(replayer.address);
    try {
      const result = await lifecycle(client);
      expect(result.account).toMatchObject({
        virtualAccountNumber: '90300000000001',
        status: 'active',
        expectedAmount: 150_000,
      });
      expect(result.fetched.virtualAccountNumber).toBe('90300000000001');
      expect(result.missing.resendCount).toBe(0);
      expect(result.termination.alreadyTerminated).toBe(false);
      replayer.verify();
    } finally {
      await client.close();
      await replayer.close();
    }
  });

  it('fails the replay when one request byte changes (another merchantReference)', async () => {
    const transcript = await readTcpTranscript(fixture);
    const replayer = await replayTcpTranscript(transcript, { framer, volatile });
    const client = clientFor(replayer.address);
    try {
      const failure = await client.virtualAccounts
        .issue(issueInput('VA-CONTRACT-0002', { expiresAt: new Date('2024-03-16T14:59:59Z') }), {
          maxAttempts: 1,
        })
        .catch((error) => error);
      // The replayer resets the connection after the request was written: an unknown outcome, never a success.
      expect(failure).toBeInstanceOf(OutcomeUnknownError);
      expect(replayer.mismatches[0]).toMatchObject({ reason: 'request-differs', connection: 0 });
      expect(() => replayer.verify()).toThrow();
    } finally {
      await client.close();
      await replayer.close();
    }
  });
});
