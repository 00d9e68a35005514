import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import {
  createFaultSwitchboard,
  garbageBytes,
  type HttpSimulatorServer,
  type SimulatorFault,
  startHttpSimulatorServer,
} from '../../src/testing/index.js';
import { sendHttp } from './support/http-client.js';
import {
  advanceUntilClosed,
  connectClient,
  noMoreResourcesThan,
  openNetworkAndTimerResources,
  until,
} from './support/socket-client.js';

/**
 * A miniature vendor simulator built the way vendor packages build theirs: state, a switchboard the test
 * drives, and the base applying the socket-level faults.
 */
async function startLedgerSimulator() {
  const faults = createFaultSwitchboard<SimulatorFault, { path: string }>();
  const ledger: Array<{ reference: string; amount: number }> = [];
  const server = await startHttpSimulatorServer({
    handle(request) {
      const fault = faults.take({ path: request.path });
      if (fault?.kind === 'vendor-code') {
        return { status: 200, body: JSON.stringify({ resultCode: fault.code }), fault };
      }
      const transfer = JSON.parse(request.body.toString('utf8')) as { reference: string; amount: number };
      ledger.push(transfer);
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resultCode: '0000', reference: transfer.reference, padding: 'x'.repeat(200) }),
        fault,
      };
    },
  });
  return { server, faults, ledger };
}

const transfer = (reference: string) => JSON.stringify({ reference, amount: 1000 });

let simulator: Awaited<ReturnType<typeof startLedgerSimulator>> | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await simulator?.server.close();
  simulator = undefined;
});

describe('HTTP simulator base', () => {
  it('serves on 127.0.0.1 with an ephemeral port and logs each request with its exact body bytes', async () => {
    simulator = await startLedgerSimulator();
    const { server } = simulator;
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);

    const outcome = await sendHttp(server.url, {
      path: '/transfers?channel=test',
      body: transfer('order-1'),
    });

    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(outcome.ok && JSON.parse(outcome.body).reference).toBe('order-1');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/transfers?channel=test',
      path: '/transfers',
    });
    expect(server.requests[0]!.body.toString('utf8')).toBe(transfer('order-1'));
  });

  it('applies a fault injected with times: 1 once, then answers normally', async () => {
    simulator = await startLedgerSimulator();
    const { server, faults, ledger } = simulator;
    faults.inject({ match: { path: '/transfers' }, fault: { kind: 'reset-before-response' }, times: 1 });

    const first = await sendHttp(server.url, { path: '/transfers', body: transfer('order-1') });
    const second = await sendHttp(server.url, { path: '/transfers', body: transfer('order-2') });

    expect(first).toEqual({ ok: false, code: 'ECONNRESET', bodyBytesBeforeError: 0 });
    expect(second).toMatchObject({ ok: true, status: 200 });
    // The reset came after the simulator executed the request: the unknown outcome a client must resolve.
    expect(ledger.map((entry) => entry.reference)).toEqual(['order-1', 'order-2']);
    expect(faults.pending()).toEqual([]);
  });

  it('resets mid-response after the declared number of bytes', async () => {
    simulator = await startLedgerSimulator();
    simulator.faults.inject({ fault: { kind: 'reset-mid-response', afterBytes: 40 } });
    const client = await connectClient(simulator.server);
    const body = transfer('order-1');
    client.write(`POST /transfers HTTP/1.1\r\nHost: sim\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    await client.closed;

    expect(client.bytes.length).toBe(40);
    expect(client.bytes.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('fails an HTTP client that is reset mid-response (the response is never complete)', async () => {
    simulator = await startLedgerSimulator();
    simulator.faults.inject({ fault: { kind: 'reset-mid-response' } });
    const outcome = await sendHttp(simulator.server.url, { path: '/transfers', body: transfer('order-1') });
    expect(outcome.ok).toBe(false);
  });

  it('writes a partial-write reply piece by piece, pausing between pieces (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    simulator = await startLedgerSimulator();
    simulator.faults.inject({ fault: { kind: 'partial-write', bytes: 16, pauseMs: 1_000 } });
    const client = await connectClient(simulator.server);
    const body = transfer('order-1');
    client.write(`POST /transfers HTTP/1.1\r\nHost: sim\r\nContent-Length: ${body.length}\r\n\r\n${body}`);

    // While the simulator pauses, exactly one more piece of 16 bytes has arrived each time.
    let expected = 16;
    await client.received(expected);
    await until(() => vi.getTimerCount() > 0);
    expect(client.bytes.length).toBe(expected);
    vi.advanceTimersByTime(1_000);
    expected += 16;
    await client.received(expected);
    await until(() => vi.getTimerCount() > 0);
    expect(client.bytes.length).toBe(expected);

    await advanceUntilClosed(client);
    const text = client.bytes.toString('utf8');
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).reference).toBe('order-1');
  });

  it('lets an HTTP client reassemble a partial-write reply', async () => {
    simulator = await startLedgerSimulator();
    simulator.faults.inject({ fault: { kind: 'partial-write', bytes: 7, pauseMs: 0 } });
    const outcome = await sendHttp(simulator.server.url, { path: '/transfers', body: transfer('order-2') });
    expect(outcome.ok && JSON.parse(outcome.body).reference).toBe('order-2');
  });

  it('writes garbage instead of the reply', async () => {
    simulator = await startLedgerSimulator();
    simulator.faults.inject({ fault: { kind: 'garbage', bytes: 32 } });
    const client = await connectClient(simulator.server);
    const body = transfer('order-1');
    client.write(`POST /transfers HTTP/1.1\r\nHost: sim\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    await client.closed;

    expect(client.bytes).toEqual(garbageBytes(32));
    expect([...client.bytes].every((byte) => byte >= 0x80)).toBe(true);
  });

  it('passes vendor-level faults through to the vendor simulator and writes its reply untouched', async () => {
    simulator = await startLedgerSimulator();
    simulator.faults.inject({ fault: { kind: 'vendor-code', code: 'R101' } });
    const outcome = await sendHttp(simulator.server.url, { path: '/transfers', body: transfer('order-1') });
    expect(outcome.ok && JSON.parse(outcome.body)).toEqual({ resultCode: 'R101' });
  });

  it('black-holes a request: no byte arrives, the request stays in flight until close()', async () => {
    simulator = await startLedgerSimulator();
    const { server, faults } = simulator;
    faults.inject({ fault: { kind: 'black-hole' } });
    const client = await connectClient(server);
    const body = transfer('order-1');
    client.write(`POST /transfers HTTP/1.1\r\nHost: sim\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    await until(() => server.requests.length === 1 && faults.pending().length === 0);
    expect(server.inFlight).toBe(1);

    await server.close();
    await client.closed;
    expect(client.bytes.length).toBe(0);
  });

  it('delays the reply until the delay elapses (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    simulator = await startLedgerSimulator();
    const { server, faults } = simulator;
    faults.inject({ fault: { kind: 'delay', ms: 30_000 } });
    let settled = false;
    const pending = sendHttp(server.url, { path: '/transfers', body: transfer('order-1') }).then(
      (outcome) => {
        settled = true;
        return outcome;
      },
    );
    await until(() => server.requests.length === 1 && vi.getTimerCount() > 0);
    expect(settled).toBe(false);

    vi.advanceTimersByTime(30_000);
    const outcome = await pending;
    expect(outcome.ok && JSON.parse(outcome.body).reference).toBe('order-1');
  });

  it('tracks the most requests in flight at once', async () => {
    const gates: Array<() => void> = [];
    const server = await startHttpSimulatorServer({
      handle: () => new Promise((resolve) => gates.push(() => resolve({ status: 204 }))),
    });
    try {
      const outcomes = [1, 2, 3].map(() => sendHttp(server.url, { method: 'GET' }));
      await until(() => gates.length === 3);
      expect(server.inFlight).toBe(3);
      for (const open of gates) open();
      await Promise.all(outcomes);
      expect(server.maxInFlightSeen).toBe(3);
      await until(() => server.inFlight === 0);
    } finally {
      await server.close();
    }
  });

  it('answers 500 when the handler throws, and keeps the error', async () => {
    const server = await startHttpSimulatorServer({
      handle: () => {
        throw new Error('simulator bug');
      },
    });
    try {
      const outcome = await sendHttp(server.url, { method: 'GET' });
      expect(outcome).toMatchObject({ ok: true, status: 500 });
      expect(server.handlerErrors).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('answers 413 to a body over maxBodyBytes without calling the handler', async () => {
    const handle = vi.fn(() => ({ status: 200 }));
    const server = await startHttpSimulatorServer({ handle, maxBodyBytes: 8 });
    try {
      const outcome = await sendHttp(server.url, { body: '0123456789' });
      expect(outcome).toMatchObject({ ok: true, status: 413 });
      expect(handle).not.toHaveBeenCalled();
    } finally {
      await server.close();
    }
  });

  it('close() leaves no socket, server or timer behind, even with a black hole and a pending delay', async () => {
    const before = openNetworkAndTimerResources();
    simulator = await startLedgerSimulator();
    const { server, faults } = simulator;
    faults.inject({ fault: { kind: 'black-hole' } });
    faults.inject({ fault: { kind: 'delay', ms: 600_000 } });
    const holes = [sendHttp(server.url, { path: '/transfers', body: transfer('a') })];
    holes.push(sendHttp(server.url, { path: '/transfers', body: transfer('b') }));
    await until(() => server.requests.length === 2 && faults.pending().length === 0);

    await server.close();
    simulator = undefined;
    const outcomes = await Promise.all(holes);

    expect(outcomes.every((outcome) => !outcome.ok)).toBe(true);
    // Fails (the condition never holds) if a socket, the server or the 10-minute delay timer outlived close().
    await until(() => noMoreResourcesThan(before));
    expect(noMoreResourcesThan(before)).toBe(true);
  });

  it('refuses invalid options with a ConfigError before listening', async () => {
    await expect(startHttpSimulatorServer({} as never)).rejects.toThrow(ConfigError);
    await expect(startHttpSimulatorServer({ handle: () => ({}), port: 70_000 })).rejects.toThrow(/port/);
    await expect(startHttpSimulatorServer({ handle: () => ({}), maxBodyBytes: 0 })).rejects.toThrow(
      ConfigError,
    );
  });

  it('reports a port already in use as a ConfigError', async () => {
    const first = await startHttpSimulatorServer({ handle: () => ({}) });
    try {
      await expect(startHttpSimulatorServer({ handle: () => ({}), port: first.port })).rejects.toThrow(
        ConfigError,
      );
    } finally {
      await first.close();
    }
  });
});

export type { HttpSimulatorServer };
