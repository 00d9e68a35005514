import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ValidationError } from '../../src/errors/index.js';
import { createHttpTransport } from '../../src/http/index.js';
import { type HttpSimulatorServer, startHttpSimulatorServer } from '../../src/testing/index.js';
import {
  type NockFixtureOptions,
  ReplayMismatchError,
  resolveNockFixtureMode,
  withNockFixture,
} from '../../src/testing/nock/index.js';

/*
 * Fake secrets: obviously test values, each distinct so the fixture can be searched for every one of them.
 * 4111 1111 1111 1111 is the standard test Visa number (Luhn-valid, never issued).
 */
const apiKey = 'test-api-key-abc123';
const bearer = 'test-bearer-token-xyz789';
const password = 'test-password-q1w2e3';
const testPan = '4111111111111111';
const responseToken = 'test-session-token-5t6y7u';
const signatureHeader = 'test-response-signature-9i8u';

const fixtureOrigin = 'http://ledger.invalid';
const record = { WIREBRIDGE_NOCK_MODE: 'record' };
const lockdown = {};

/** The vendor under contract: answers a transfer with a session token and a signed header. */
function startLedger(): Promise<HttpSimulatorServer> {
  return startHttpSimulatorServer({
    handle(request) {
      const body = JSON.parse(request.body.toString('utf8')) as { reference: string; amount: number };
      return {
        status: 201,
        headers: {
          'content-type': 'application/json',
          'x-signature': signatureHeader,
          'x-request-id': 'req-1',
        },
        body: JSON.stringify({ resultCode: '0000', reference: body.reference, sessionToken: responseToken }),
      };
    },
  });
}

/** The code under test: one transfer through core's HTTP transport. */
async function sendTransfer(baseUrl: string, transfer: { reference: string; amount: number }) {
  const transport = createHttpTransport({ baseUrl });
  try {
    const response = await transport.send(
      {
        method: 'POST',
        path: '/v1/transfers',
        headers: {
          'content-type': 'application/json',
          'x-api-key': apiKey,
          authorization: `Bearer ${bearer}`,
        },
        body: JSON.stringify({ ...transfer, password, cardNumber: testPan }),
      },
      { timeoutMs: 5_000 },
    );
    return {
      status: response.status,
      body: JSON.parse(response.body.toString('utf8')) as Record<string, unknown>,
    };
  } finally {
    await transport.close();
  }
}

const transfer = { reference: 'order-1', amount: 15_000 };

let fixturesDirectory: string;
let ledger: HttpSimulatorServer | undefined;
beforeEach(async () => {
  fixturesDirectory = await mkdtemp(join(tmpdir(), 'wirebridge-nock-'));
});
afterEach(async () => {
  await ledger?.close();
  ledger = undefined;
  await rm(fixturesDirectory, { recursive: true, force: true });
});

function options(env: Record<string, string>, extra: Partial<NockFixtureOptions> = {}): NockFixtureOptions {
  return { fixturesDirectory, env, fixtureOrigin, recordRequestHeaders: true, ...extra };
}

/** Records the transfer against the real loopback ledger, then stops the ledger. */
async function recordTransfer(extra: Partial<NockFixtureOptions> = {}) {
  ledger = await startLedger();
  const url = ledger.url;
  const result = await withNockFixture(
    'ledger/transfer.json',
    async (context) => {
      expect(context.recording).toBe(true);
      return sendTransfer(url, transfer);
    },
    options(record, extra),
  );
  await ledger.close();
  ledger = undefined;
  return result;
}

describe('withNockFixture', () => {
  it('records against a real loopback server into the fixtures directory, with secrets scrubbed', async () => {
    const recorded = await recordTransfer();
    expect(recorded.status).toBe(201);

    const text = await readFile(join(fixturesDirectory, 'ledger', 'transfer.json'), 'utf8');
    for (const secret of [apiKey, bearer, password, testPan, responseToken, signatureHeader]) {
      expect(text).not.toContain(secret);
    }
    const [definition] = JSON.parse(text) as Array<{
      reqheaders: Record<string, string>;
      rawHeaders: Record<string, string>;
    }>;
    expect(definition).toMatchObject({
      scope: fixtureOrigin,
      method: 'POST',
      path: '/v1/transfers',
      status: 201,
      body: { reference: 'order-1', amount: 15_000, password: '[REDACTED]', cardNumber: '411111******1111' },
      response: { resultCode: '0000', reference: 'order-1', sessionToken: '[REDACTED]' },
    });
    expect(definition!.reqheaders).toMatchObject({ 'x-api-key': '[REDACTED]', authorization: '[REDACTED]' });
    expect(definition!.reqheaders.host).toBeUndefined();
    expect(definition!.rawHeaders).toMatchObject({ 'x-signature': '[REDACTED]', 'x-request-id': 'req-1' });
  });

  it('replays in lockdown with the server shut down, scrubbing the live request the same way', async () => {
    await recordTransfer();

    const replayed = await withNockFixture(
      'ledger/transfer.json',
      async (context) => {
        expect(context).toMatchObject({ mode: 'lockdown', recording: false });
        return sendTransfer(fixtureOrigin, transfer);
      },
      options(lockdown),
    );

    expect(replayed).toEqual({
      status: 201,
      body: { resultCode: '0000', reference: 'order-1', sessionToken: '[REDACTED]' },
    });
  });

  it('fails with a ReplayMismatchError when the request body changes', async () => {
    await recordTransfer();

    const replay = withNockFixture(
      'ledger/transfer.json',
      () => sendTransfer(fixtureOrigin, { ...transfer, amount: 15_001 }),
      options(lockdown),
    );

    await expect(replay).rejects.toBeInstanceOf(ReplayMismatchError);
    await expect(replay).rejects.toMatchObject({
      reason: 'request-differs',
      details: expect.objectContaining({ method: 'POST', path: '/v1/transfers' }),
    });
    await expect(replay).rejects.toThrow(
      /POST http:\/\/ledger\.invalid\/v1\/transfers differs from the recording/,
    );
    // Neither the message nor the details quote the request body (nock's own no-match error does).
    const error = (await replay.catch((caught: unknown) => caught)) as ReplayMismatchError;
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(password);
    expect(error.cause).toBeUndefined();
  });

  it('fails when a recorded header changes, and passes the replay when only a secret changes', async () => {
    await recordTransfer();
    const sendWithHeaders = async (headers: Record<string, string>) => {
      const transport = createHttpTransport({ baseUrl: fixtureOrigin });
      try {
        await transport.send(
          {
            method: 'POST',
            path: '/v1/transfers',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ ...transfer, password: 'another-test-password', cardNumber: testPan }),
          },
          { timeoutMs: 5_000 },
        );
      } finally {
        await transport.close();
      }
    };

    await expect(
      withNockFixture(
        'ledger/transfer.json',
        () =>
          sendWithHeaders({ 'x-api-key': 'another-test-key', authorization: 'Bearer another-test-token' }),
        options(lockdown),
      ),
    ).resolves.toBeUndefined();
    await expect(
      withNockFixture(
        'ledger/transfer.json',
        () => sendWithHeaders({ 'content-type': 'text/plain', 'x-api-key': 'k', authorization: 'Bearer t' }),
        options(lockdown),
      ),
    ).rejects.toMatchObject({ reason: 'request-differs' });
  });

  it('in lockdown, an unrecorded request never reaches the network', async () => {
    await recordTransfer();
    ledger = await startLedger();
    const liveUrl = ledger.url;

    const replay = withNockFixture(
      'ledger/transfer.json',
      async () => {
        await sendTransfer(fixtureOrigin, transfer);
        await sendTransfer(liveUrl, transfer);
      },
      options(lockdown),
    );

    await expect(replay).rejects.toMatchObject({ reason: 'unrecorded-request' });
    expect(ledger.requests).toHaveLength(0);
    expect(ledger.connectionCount).toBe(0);
  });

  it('fails when recorded exchanges were never requested, unless allowUnused', async () => {
    await recordTransfer();
    await expect(
      withNockFixture('ledger/transfer.json', () => 'nothing sent', options(lockdown)),
    ).rejects.toMatchObject({
      reason: 'unused-recording',
    });
    await expect(
      withNockFixture('ledger/transfer.json', () => 'nothing sent', options(lockdown, { allowUnused: true })),
    ).resolves.toBe('nothing sent');
  });

  it('rethrows the run error unchanged and writes no fixture when a recording run fails', async () => {
    ledger = await startLedger();
    const url = ledger.url;
    const failure = new Error('assertion in the test body');
    await expect(
      withNockFixture(
        'ledger/transfer.json',
        async () => {
          await sendTransfer(url, transfer);
          throw failure;
        },
        options(record),
      ),
    ).rejects.toBe(failure);
    expect(existsSync(join(fixturesDirectory, 'ledger', 'transfer.json'))).toBe(false);
  });

  it('in record mode, replays a fixture that already exists instead of recording again', async () => {
    await recordTransfer();
    const second = await withNockFixture(
      'ledger/transfer.json',
      async (context) => {
        expect(context.recording).toBe(false);
        return sendTransfer(fixtureOrigin, transfer);
      },
      options(record),
    );
    expect(second.status).toBe(201);
  });

  it('in update mode, records again and replaces the fixture', async () => {
    await recordTransfer();
    ledger = await startLedger();
    const url = ledger.url;
    await withNockFixture(
      'ledger/transfer.json',
      async (context) => {
        expect(context.recording).toBe(true);
        return sendTransfer(url, { reference: 'order-2', amount: 20_000 });
      },
      options({ WIREBRIDGE_NOCK_MODE: 'update' }),
    );
    const [definition] = JSON.parse(
      await readFile(join(fixturesDirectory, 'ledger', 'transfer.json'), 'utf8'),
    );
    expect(definition.body).toMatchObject({ reference: 'order-2', amount: 20_000 });
  });

  it('refuses to record two loopback origins under one fixtureOrigin, and writes nothing', async () => {
    ledger = await startLedger();
    const other = await startLedger();
    const urls = [ledger.url, other.url];
    try {
      await expect(
        withNockFixture(
          'ledger/transfer.json',
          async () => {
            for (const url of urls) await sendTransfer(url, transfer);
          },
          options(record),
        ),
      ).rejects.toThrow(/2 loopback origins/);
    } finally {
      await other.close();
    }
    expect(existsSync(join(fixturesDirectory, 'ledger', 'transfer.json'))).toBe(false);
  });

  it('leaves nock as it found it: later requests reach the network again', async () => {
    await recordTransfer();
    await withNockFixture(
      'ledger/transfer.json',
      () => sendTransfer(fixtureOrigin, transfer),
      options(lockdown),
    );
    ledger = await startLedger();
    expect((await sendTransfer(ledger.url, transfer)).status).toBe(201);
    expect(ledger.requests).toHaveLength(1);
  });

  it('refuses to run in lockdown without a fixture, and CI forces lockdown', async () => {
    await expect(withNockFixture('missing.json', () => undefined, options(lockdown))).rejects.toThrow(
      ConfigError,
    );
    await expect(
      withNockFixture(
        'missing.json',
        () => undefined,
        options({ CI: 'true', WIREBRIDGE_NOCK_MODE: 'record' }),
      ),
    ).rejects.toThrow(/does not exist/);
    expect(existsSync(join(fixturesDirectory, 'missing.json'))).toBe(false);
  });

  it('refuses bad arguments and options before any I/O', async () => {
    await expect(withNockFixture('../escape.json', () => undefined, options(record))).rejects.toThrow(
      ValidationError,
    );
    await expect(withNockFixture('fixture.txt', () => undefined, options(record))).rejects.toThrow(
      ValidationError,
    );
    await expect(withNockFixture('fixture.json', 'run' as never, options(record))).rejects.toThrow(
      ValidationError,
    );
    await expect(
      withNockFixture(
        'fixture.json',
        () => undefined,
        options(record, { fixtureOrigin: 'http://x.invalid/path' }),
      ),
    ).rejects.toThrow(ConfigError);
    await expect(withNockFixture('fixture.json', () => undefined, {} as never)).rejects.toThrow(ConfigError);
  });

  it('refuses overlapping calls (nock is process-global)', async () => {
    await recordTransfer();
    let release: () => void = () => undefined;
    const first = withNockFixture(
      'ledger/transfer.json',
      () => new Promise<void>((resolve) => (release = resolve)),
      options(lockdown, { allowUnused: true }),
    );
    await expect(
      withNockFixture('ledger/transfer.json', () => undefined, options(lockdown, { allowUnused: true })),
    ).rejects.toThrow(/another withNockFixture call/);
    release();
    await first;
  });
});

describe('resolveNockFixtureMode', () => {
  it('defaults to lockdown, reads WIREBRIDGE_NOCK_MODE, and forces lockdown in CI', () => {
    expect(resolveNockFixtureMode({})).toBe('lockdown');
    expect(resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: 'record' })).toBe('record');
    expect(resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: ' Update ' })).toBe('update');
    expect(resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: 'update', CI: 'true' })).toBe('lockdown');
    expect(resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: 'record', CI: '1' })).toBe('lockdown');
    expect(resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: 'record', CI: 'false' })).toBe('record');
  });

  it('refuses an unknown mode with a ConfigError naming the variable', () => {
    expect(() => resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: 'wild' })).toThrow(ConfigError);
    expect(() => resolveNockFixtureMode({ WIREBRIDGE_NOCK_MODE: 'wild' })).toThrow(/WIREBRIDGE_NOCK_MODE/);
  });
});
