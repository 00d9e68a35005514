import { createServer } from 'node:net';
import { ConfigError, TransportError } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CooconClient, type CooconEvent, type CooconWireOptions } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('client options (ConfigError at construction, naming the option, never the key)', () => {
  const base = {
    institutionCode: 'WB000001',
    relay: { host: '127.0.0.1', port: 9 },
    crypto: { key: 'COOCONTEST' },
  };
  it.each([
    ['institutionCode', { ...base, institutionCode: '' }],
    ['relay', { ...base, relay: { host: '127.0.0.1', port: 70_000 } }],
    ['bankCode', { ...base, bankCode: '37' }],
    ['timeouts.callMs', { ...base, timeouts: { callMs: -1 } }],
  ])('rejects a bad %s', (option, options) => {
    expect(() => new CooconClient(options as never)).toThrow(ConfigError);
    expect(() => new CooconClient(options as never)).toThrow(option.split('.')[0]!);
  });

  it('rejects a missing key while encryption is on, and an over-long key without echoing it', () => {
    expect(() => new CooconClient({ ...base, crypto: {} })).toThrow(/crypto.key: required/);
    const secret = 'SUPERSECRETKEY123';
    const failure = (() => {
      try {
        new CooconClient({ ...base, crypto: { key: secret } });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect(JSON.stringify({ message: failure?.message, stack: failure?.stack })).not.toContain(secret);
  });

  it('rejects a receiver without an allowList', () => {
    const client = new CooconClient(base);
    expect(() => client.notifications.createReceiver({ port: 0 } as never)).toThrow(ConfigError);
  });
});

describe('wire conventions are configurable end to end (client, simulator, receiver agree)', () => {
  const conventions: Array<[string, CooconWireOptions]> = [
    ['encryption off', { crypto: { enabled: false } }],
    ['10-digit prefix excluding itself', { framing: { prefixDigits: 10, prefixIncludesItself: false } }],
    ['zero padding', { crypto: { key: 'COOCONTEST', padding: 'zero' } }],
    [
      'rotated key (client still accepts the old one)',
      { crypto: { key: 'NEWKEY2025', previousKeys: ['COOCONTEST'] } },
    ],
  ];
  it.each(conventions)('%s', async (name, wire) => {
    // In the rotation case the simulator (Coocon) still pushes under the old key, and answers under the new one.
    const simulatorWire = name.startsWith('rotated')
      ? { crypto: { key: 'COOCONTEST', previousKeys: ['NEWKEY2025'] } }
      : wire;
    harness = await startHarness(wire, { ...simulatorWire, retry: { attempts: 0 } });
    const account = await harness.client.virtualAccounts.issue(
      issueInput('VA-CONV-1', { amountRule: 'any', expectedAmount: undefined, accountType: 'fixed' }),
    );
    const events: CooconEvent[] = [];
    const receiver = harness.client.notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1', '::1'],
      onEvent: async (event) => void events.push(event),
    });
    harness.simulator.setPushTarget(await receiver.listen());
    const push = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 10_000,
      depositorName: '홍길동',
    });
    await receiver.close();
    expect(push.acked).toBe(true);
    expect(events).toHaveLength(1);
  });
});

describe('outbound session failures never hang', () => {
  it('reports TransportError (nothing sent) after bounded retries when the relay refuses connections', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const client = new CooconClient({
      institutionCode: 'WB000001',
      relay: { host: '127.0.0.1', port: closedPort },
      crypto: { key: 'COOCONTEST' },
    });
    const failure = await client.virtualAccounts.issue(issueInput('VA-DOWN-1')).catch((error) => error);
    expect(failure).toBeInstanceOf(TransportError);
    await client.close();
  });

  it('outOfOrder pushes are delivered once each without a gap request', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await harness.client.virtualAccounts.issue(
      issueInput('VA-OOO-1', { amountRule: 'any', expectedAmount: undefined, accountType: 'fixed' }),
    );
    const events: CooconEvent[] = [];
    const gaps: unknown[] = [];
    const receiver = harness.client.notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1'],
      onEvent: async (event) => void events.push(event),
    });
    receiver.on('gap', (info) => gaps.push(info));
    harness.simulator.setPushTarget(await receiver.listen());
    harness.simulator.inject('outOfOrder');
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1,
      depositorName: 'A',
    });
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 2,
      depositorName: 'B',
    });
    await receiver.close();
    expect(events.map((event) => event.transactionSerial)).toEqual([2, 1]);
    expect(gaps).toEqual([]);
    expect(harness.simulator.requests.filter((request) => request.kind === 'missingSerials')).toHaveLength(0);
  });
});
