import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { asciiLengthFramer } from '../../src/tcp/index.js';
import type { TestingFramer } from '../../src/testing/index.js';
import {
  createFaultSwitchboard,
  type SimulatorFault,
  startTcpSimulatorServer,
  type TcpSimulatorServer,
} from '../../src/testing/index.js';
import { fourDigitLengthPrefix, frame } from './support/length-prefixed.js';
import {
  connectClient,
  noMoreResourcesThan,
  openNetworkAndTimerResources,
  until,
} from './support/socket-client.js';

/** A telegram host in miniature: `CHARGE <orderId>` frames are approved, once each. */
async function startTelegramSimulator(options: { endAfterReply?: boolean; framer?: TestingFramer } = {}) {
  const faults = createFaultSwitchboard<SimulatorFault, { command: string }>();
  const approved: string[] = [];
  const server = await startTcpSimulatorServer({
    framer: options.framer ?? fourDigitLengthPrefix,
    handle(bytes) {
      const [command = '', orderId = ''] = bytes.toString('latin1', 4).split(' ');
      const fault = faults.take({ command });
      const code = approved.includes(orderId) ? 'B103' : '0000';
      if (code === '0000') approved.push(orderId);
      return { bytes: frame(`${code} ${orderId}`), fault, ...(options.endAfterReply ? { end: true } : {}) };
    },
  });
  return { server, faults, approved };
}

let server: TcpSimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('TCP simulator base', () => {
  it.each([
    ['core asciiLengthFramer', asciiLengthFramer({ digits: 4, includesPrefix: false })],
    ['frame boundary', fourDigitLengthPrefix],
  ])(
    'hands whole frames (%s) to the simulator however the client chunks them, in order',
    async (_name, framer) => {
      const simulator = await startTelegramSimulator({ framer });
      server = simulator.server;
      const client = await connectClient(server.address);
      const stream = Buffer.concat([
        frame('CHARGE order-1'),
        frame('CHARGE order-2'),
        frame('CHARGE order-1'),
      ]);
      for (const byte of stream) client.write(Buffer.from([byte]));

      const expected = Buffer.concat([frame('0000 order-1'), frame('0000 order-2'), frame('B103 order-1')]);
      expect(await client.received(expected.length)).toEqual(expected);
      expect(server.frames.map((received) => received.bytes.toString('latin1'))).toEqual([
        '0014CHARGE order-1',
        '0014CHARGE order-2',
        '0014CHARGE order-1',
      ]);
      expect(server.frames.every((received) => received.connectionId === 1)).toBe(true);
      client.destroy();
    },
  );

  it('applies a fault injected with times: 1 once, then answers normally', async () => {
    const simulator = await startTelegramSimulator({ endAfterReply: true });
    server = simulator.server;
    simulator.faults.inject({
      match: { command: 'CHARGE' },
      fault: { kind: 'reset-before-response' },
      times: 1,
    });

    const first = await connectClient(server.address);
    first.write(frame('CHARGE order-1'));
    await first.closed;
    const second = await connectClient(server.address);
    second.write(frame('CHARGE order-2'));
    await second.closed;

    expect(first.bytes.length).toBe(0);
    expect(first.errorCode).toBe('ECONNRESET');
    expect(second.bytes).toEqual(frame('0000 order-2'));
    // The reset came after the approval: the client cannot know, and must ask (DESIGN §4).
    expect(simulator.approved).toEqual(['order-1', 'order-2']);
    expect(server.connectionCount).toBe(2);
  });

  it('cuts a reply after afterBytes with reset-mid-response', async () => {
    const simulator = await startTelegramSimulator();
    server = simulator.server;
    simulator.faults.inject({ fault: { kind: 'reset-mid-response', afterBytes: 6 } });
    const client = await connectClient(server.address);
    client.write(frame('CHARGE order-1'));
    await client.closed;
    expect(client.bytes).toEqual(frame('0000 order-1').subarray(0, 6));
  });

  it('resets a connection whose bytes are not frames, after answering the frames before them', async () => {
    const simulator = await startTelegramSimulator();
    server = simulator.server;
    const client = await connectClient(server.address);
    client.write(Buffer.concat([frame('CHARGE order-1'), Buffer.from('GET / HTTP/1.1\r\n\r\n', 'latin1')]));
    await client.closed;

    expect(client.bytes).toEqual(frame('0000 order-1'));
    expect(server.framingFailures).toEqual([{ connectionId: 1, message: 'length prefix is not 4 digits' }]);
  });

  it('still answers a client that ended its side right after the request', async () => {
    const simulator = await startTelegramSimulator();
    server = simulator.server;
    const client = await connectClient(server.address);
    client.write(frame('CHARGE order-1'));
    client.end();
    await client.closed;
    expect(client.bytes).toEqual(frame('0000 order-1'));
  });

  it('resets the connection and keeps the error when the handler throws', async () => {
    server = await startTcpSimulatorServer({
      framer: fourDigitLengthPrefix,
      handle: () => {
        throw new Error('simulator bug');
      },
    });
    const client = await connectClient(server.address);
    client.write(frame('CHARGE order-1'));
    await client.closed;
    expect(client.bytes.length).toBe(0);
    expect(server.handlerErrors).toHaveLength(1);
  });

  it('close() leaves no socket, server or timer behind', async () => {
    const before = openNetworkAndTimerResources();
    const simulator = await startTelegramSimulator();
    simulator.faults.inject({ fault: { kind: 'delay', ms: 600_000 } });
    simulator.faults.inject({ fault: { kind: 'black-hole' } });
    const delayed = await connectClient(simulator.server.address);
    delayed.write(frame('CHARGE order-1'));
    const held = await connectClient(simulator.server.address);
    held.write(frame('CHARGE order-2'));
    await until(() => simulator.faults.pending().length === 0);

    await simulator.server.close();
    await Promise.all([delayed.closed, held.closed]);

    await until(() => noMoreResourcesThan(before));
    expect(noMoreResourcesThan(before)).toBe(true);
  });

  it('refuses a missing framer or handler with a ConfigError', async () => {
    await expect(startTcpSimulatorServer({ handle: () => undefined } as never)).rejects.toThrow(ConfigError);
    await expect(startTcpSimulatorServer({ framer: fourDigitLengthPrefix } as never)).rejects.toThrow(
      ConfigError,
    );
  });
});
