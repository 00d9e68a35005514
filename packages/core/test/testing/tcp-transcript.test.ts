import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ValidationError } from '../../src/errors/index.js';
import { asciiLengthFramer } from '../../src/tcp/index.js';
import {
  ReplayMismatchError,
  readTcpTranscript,
  recordTcpTranscript,
  replayTcpTranscript,
  type TcpTranscriptEntry,
  type TcpTranscriptReplayer,
  type VolatileRange,
  writeTcpTranscript,
} from '../../src/testing/index.js';
import {
  fourDigitLengthPrefix,
  frame,
  type PlainTcpServer,
  startPlainTcpServer,
} from './support/length-prefixed.js';
import { connectClient } from './support/socket-client.js';

/*
 * A fixed-width charge telegram, framed with a 4-digit length:
 *   frame offset  4  'CHG'   7 timestamp (14)   21 serial (6)   27 account (12)   39 amount (10)   → 49 bytes
 * The answer echoes the serial: 4 'OK '   7 serial (6)   13 approval number (8)               → 21 bytes
 * The host answers once and closes the connection, as one-request-per-connection vendors do.
 */
const account = '110-TEST-001';
function chargeTelegram(options: { timestamp: string; serial: string; amount: number }): Buffer {
  return frame(
    `CHG${options.timestamp}${options.serial}${account}${String(options.amount).padStart(10, '0')}`,
  );
}
const volatile: VolatileRange[] = [
  { direction: 'out', offset: 7, length: 14 }, // timestamp
  { direction: 'out', offset: 21, length: 6 }, // serial
  { direction: 'in', offset: 7, length: 6, sourceOffset: 21 }, // the answer echoes the request's serial
];

let approvals = 0;
function startChargeHost(): Promise<PlainTcpServer> {
  return startPlainTcpServer((socket, accumulated) => {
    if (accumulated.length < 49) return;
    const serial = accumulated.toString('latin1', 21, 27);
    approvals++;
    socket.end(frame(`OK ${serial}${String(40_000_000 + approvals)}`));
  });
}

/** The code under test: sends one telegram on a fresh connection and reads until the host closes. */
async function charge(address: { host: string; port: number }, telegram: Buffer, byteByByte = false) {
  const client = await connectClient(address);
  if (byteByByte) for (const byte of telegram) client.write(Buffer.from([byte]));
  else client.write(telegram);
  await client.closed;
  return { answer: client.bytes, errorCode: client.errorCode };
}

const recorded = { timestamp: '20250101093000', serial: '000001', amount: 15_000 };

/** Billgate-style `LLLL` framing from core, the framer a vendor client would use. */
const coreFramer = asciiLengthFramer({ digits: 4, includesPrefix: false });

async function recordOneCharge(options: { framed: boolean }): Promise<TcpTranscriptEntry[]> {
  const host = await startChargeHost();
  const recorder = await recordTcpTranscript({
    target: host,
    ...(options.framed ? { framer: coreFramer } : {}),
  });
  try {
    const { answer } = await charge(recorder.address, chargeTelegram(recorded));
    expect(answer.toString('latin1', 4, 13)).toBe('OK 000001');
  } finally {
    await host.close();
  }
  return recorder.close();
}

let directory: string;
let replayer: TcpTranscriptReplayer | undefined;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wirebridge-transcript-'));
});
afterEach(async () => {
  await replayer?.close();
  replayer = undefined;
  await rm(directory, { recursive: true, force: true });
});

describe('TCP transcript recorder', () => {
  it('records a loopback exchange frame by frame, with the server closing the connection', async () => {
    const transcript = await recordOneCharge({ framed: true });

    expect(transcript).toHaveLength(3);
    expect(transcript[0]).toEqual({
      direction: 'out',
      connection: 0,
      hex: chargeTelegram(recorded).toString('hex'),
    });
    expect(transcript[1]!.direction).toBe('in');
    expect(Buffer.from(transcript[1]!.hex, 'hex').toString('latin1', 4, 13)).toBe('OK 000001');
    expect(transcript[2]).toEqual({ direction: 'in', connection: 0, hex: '', end: true });
  });

  it('writes a transcript file and reads it back', async () => {
    const transcript = await recordOneCharge({ framed: true });
    const file = join(directory, 'fixtures', 'charge.transcript.json');
    await writeTcpTranscript(file, transcript);
    expect(await readTcpTranscript(file)).toEqual(transcript);
  });

  it('refuses an unreadable or malformed transcript file with a ConfigError naming it', async () => {
    const file = join(directory, 'broken.json');
    await writeFile(file, JSON.stringify([{ direction: 'out', connection: 0, hex: 'zz' }]));
    await expect(readTcpTranscript(file)).rejects.toThrow(ConfigError);
    await expect(readTcpTranscript(file)).rejects.toThrow(file);
    await expect(readTcpTranscript(join(directory, 'missing.json'))).rejects.toThrow(ConfigError);
  });
});

describe('TCP transcript replayer', () => {
  it('replays with the real server stopped, accepting changes inside the volatile ranges', async () => {
    const transcript = await recordOneCharge({ framed: true });
    replayer = await replayTcpTranscript(transcript, { volatile, framer: fourDigitLengthPrefix });

    const replayed = await charge(
      replayer.address,
      chargeTelegram({ timestamp: '20260315120000', serial: '000042', amount: 15_000 }),
    );

    const recordedAnswer = Buffer.from(transcript[1]!.hex, 'hex');
    expect(replayed.errorCode).toBeUndefined();
    // Recorded answer, with the serial echoed from the replayed request.
    expect(replayed.answer.toString('latin1', 7, 13)).toBe('000042');
    expect(replayed.answer.subarray(13)).toEqual(recordedAnswer.subarray(13));
    expect(replayer.mismatches).toEqual([]);
    expect(replayer.complete).toBe(true);
    expect(() => replayer!.verify()).not.toThrow();
  });

  it('fails loudly when the request changes outside the volatile ranges: reset, offset, no frame dump', async () => {
    const transcript = await recordOneCharge({ framed: true });
    replayer = await replayTcpTranscript(transcript, { volatile, framer: fourDigitLengthPrefix });

    const replayed = await charge(
      replayer.address,
      chargeTelegram({ timestamp: '20260315120000', serial: '000042', amount: 15_001 }),
    );

    expect(replayed.answer.length).toBe(0);
    expect(replayed.errorCode).toBe('ECONNRESET');
    expect(replayer.mismatches).toEqual([
      {
        reason: 'request-differs',
        connection: 0,
        entry: 0,
        offset: 48,
        expectedLength: 49,
        actualLength: 49,
      },
    ]);
    let caught: unknown;
    try {
      replayer.verify();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReplayMismatchError);
    expect(caught).toMatchObject({ reason: 'request-differs', code: 'PROTOCOL' });
    const message = (caught as Error).message;
    expect(message).toContain('byte offset 48');
    expect(message).not.toContain(account);
    expect(message).not.toContain('15001');
  });

  it('without volatile ranges, a changed timestamp is a mismatch at the timestamp offset', async () => {
    const transcript = await recordOneCharge({ framed: true });
    replayer = await replayTcpTranscript(transcript, { framer: fourDigitLengthPrefix });

    await charge(replayer.address, chargeTelegram({ ...recorded, timestamp: '20250101093001' }));

    expect(replayer.mismatches[0]).toMatchObject({ reason: 'request-differs', offset: 20 });
  });

  it.each([
    ['core asciiLengthFramer', coreFramer],
    ['frame boundary', fourDigitLengthPrefix],
  ])('fails at once on a request of another length when replaying frames (%s)', async (_name, framer) => {
    const transcript = await recordOneCharge({ framed: true });
    replayer = await replayTcpTranscript(transcript, { volatile, framer });

    const shorter = frame(`CHG${recorded.timestamp}${recorded.serial}${account}150`);
    const replayed = await charge(replayer.address, shorter);

    expect(replayed.errorCode).toBe('ECONNRESET');
    expect(replayer.mismatches[0]).toMatchObject({
      reason: 'request-differs',
      expectedLength: 49,
      actualLength: 42,
    });
  });

  it('replays a per-chunk recording however the client chunks its writes', async () => {
    const transcript = await recordOneCharge({ framed: false });
    expect(transcript.filter((entry) => entry.direction === 'out')).toHaveLength(1);
    replayer = await replayTcpTranscript(transcript, { volatile });

    const replayed = await charge(
      replayer.address,
      chargeTelegram({ timestamp: '20260315120000', serial: '000077', amount: 15_000 }),
      true,
    );

    expect(replayed.answer.toString('latin1', 4, 13)).toBe('OK 000077');
    expect(() => replayer!.verify()).not.toThrow();
  });

  it('reports a client that gives up before sending the whole request', async () => {
    const transcript = await recordOneCharge({ framed: false });
    replayer = await replayTcpTranscript(transcript, { volatile });
    const client = await connectClient(replayer.address);
    client.write(chargeTelegram(recorded).subarray(0, 20));
    client.end();
    await client.closed;

    expect(replayer.mismatches[0]).toMatchObject({
      reason: 'incomplete-request',
      expectedLength: 49,
      actualLength: 20,
    });
    expect(() => replayer!.verify()).toThrow(ReplayMismatchError);
  });

  it('resets connections beyond the recorded ones', async () => {
    const transcript = await recordOneCharge({ framed: true });
    replayer = await replayTcpTranscript(transcript, { volatile, framer: fourDigitLengthPrefix });
    await charge(replayer.address, chargeTelegram(recorded));
    const extra = await charge(replayer.address, chargeTelegram(recorded));

    expect(extra.errorCode).toBe('ECONNRESET');
    expect(replayer.mismatches).toEqual([{ reason: 'unexpected-connection', connection: 1 }]);
  });

  it('verify() reports a transcript that was never played', async () => {
    const transcript = await recordOneCharge({ framed: true });
    replayer = await replayTcpTranscript(transcript, { volatile });
    expect(replayer.complete).toBe(false);
    expect(() => replayer!.verify()).toThrow(expect.objectContaining({ reason: 'unused-recording' }));
    expect(() => replayer!.verify({ requireComplete: false })).not.toThrow();
  });

  it('refuses an invalid transcript or volatile range with a ValidationError naming the field', async () => {
    const invalid = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const badHex = await invalid(replayTcpTranscript([{ direction: 'out', connection: 0, hex: '0g' }]));
    expect(badHex).toBeInstanceOf(ValidationError);
    expect((badHex as ValidationError).issues[0]!.path).toBe('transcript.0.hex');

    const badRange = await invalid(
      replayTcpTranscript([], { volatile: [{ direction: 'out', offset: -1, length: 2 }] }),
    );
    expect(badRange).toBeInstanceOf(ValidationError);
    expect((badRange as ValidationError).issues[0]!.path).toBe('volatile.0.offset');
  });
});
