import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, ValidationError } from '../../src/errors/index.js';
import { type FaultProxy, garbageBytes, startFaultProxy } from '../../src/testing/index.js';
import { type PlainTcpServer, startPlainTcpServer } from './support/length-prefixed.js';
import {
  connectClient,
  noMoreResourcesThan,
  openNetworkAndTimerResources,
  until,
} from './support/socket-client.js';

const request = Buffer.from('PING order-1\n', 'latin1');
/** 100 bytes, so resets "after N bytes" have room to cut. */
const answer = Buffer.from(`PONG ${'0123456789'.repeat(9)}1234\n`, 'latin1');

/** Answers `answer` to each complete `request` line. */
function startTarget(): Promise<PlainTcpServer> {
  return startPlainTcpServer((socket, accumulated) => {
    if (accumulated.toString('latin1').endsWith('\n')) socket.write(answer);
  });
}

let target: PlainTcpServer | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await proxy?.close();
  await target?.close();
  proxy = undefined;
  target = undefined;
});

describe('fault proxy', () => {
  it('forwards bytes both ways untouched and counts connections and bytes', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    expect(proxy.address).toEqual({ host: '127.0.0.1', port: proxy.port });

    const client = await connectClient(proxy.address);
    client.write(request);
    expect(await client.received(answer.length)).toEqual(answer);

    expect(target.received[0]).toEqual(request);
    expect(proxy.stats()).toMatchObject({
      connections: 1,
      openConnections: 1,
      bytesFromClient: request.length,
      bytesFromTarget: answer.length,
    });
    client.end();
    await client.closed;
    await until(() => proxy!.stats().openConnections === 0);
  });

  it('latency: holds the bytes until the latency elapsed (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    proxy.setFault({ kind: 'latency', ms: 5_000 });

    const client = await connectClient(proxy.address);
    client.write(request);
    await until(() => proxy!.stats().bytesFromClient === request.length && vi.getTimerCount() > 0);
    // The proxy has the request, the target does not yet: the client is waiting on the latency.
    expect(target.received[0]?.length ?? 0).toBe(0);

    vi.advanceTimersByTime(5_000);
    await until(() => proxy!.stats().bytesFromTarget === answer.length && vi.getTimerCount() > 0);
    expect(client.bytes.length).toBe(0);

    vi.advanceTimersByTime(5_000);
    expect(await client.received(answer.length)).toEqual(answer);
    client.destroy();
  });

  it('reset: the client gets exactly afterBytes bytes of the answer, then a reset', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target, faults: [{ kind: 'reset', afterBytes: 10 }] });

    const client = await connectClient(proxy.address);
    client.write(request);
    await client.closed;

    expect(client.bytes).toEqual(answer.subarray(0, 10));
    expect(client.errorCode).toBe('ECONNRESET');
    // The request did reach the target: this is the unknown-outcome case, not a refused connection.
    expect(target.received[0]).toEqual(request);
  });

  it('reset with afterBytes 0: the request is delivered, not a byte of the answer comes back', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    proxy.setFault({ kind: 'reset' });

    const client = await connectClient(proxy.address);
    client.write(request);
    await client.closed;

    expect(client.bytes.length).toBe(0);
    expect(client.errorCode).toBe('ECONNRESET');
    expect(target.received[0]).toEqual(request);
  });

  it('black hole: accepts and reads, never connects to the target, never answers', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    proxy.setFault({ kind: 'black-hole' });

    const client = await connectClient(proxy.address);
    client.write(request);
    await until(() => proxy!.stats().bytesFromClient === request.length);

    await proxy.close();
    await client.closed;
    expect(client.bytes.length).toBe(0);
    expect(target.connections).toBe(0);
  });

  it('garbage: the client receives as many bytes as the target sent, all garbled', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    proxy.setFault({ kind: 'garbage' });

    const client = await connectClient(proxy.address);
    client.write(request);
    const received = await client.received(answer.length);

    expect(received.length).toBe(answer.length);
    expect(received).not.toEqual(answer);
    expect(received).toEqual(garbageBytes(answer.length));
    // Only the answer is garbled by default: the target got the real request.
    expect(target.received[0]).toEqual(request);
    client.destroy();
  });

  it('partial writes: the answer is forwarded piece by piece, pausing between pieces (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    proxy.setFault({ kind: 'partial-write', bytes: 9, pauseMs: 1_000, direction: 'to-client' });

    const client = await connectClient(proxy.address);
    client.write(request);
    await client.received(9);
    await until(() => vi.getTimerCount() > 0);
    // The proxy is pausing after the first piece: nothing more has arrived.
    expect(client.bytes).toEqual(answer.subarray(0, 9));
    vi.advanceTimersByTime(1_000);
    await client.received(18);
    await until(() => vi.getTimerCount() > 0);
    expect(client.bytes).toEqual(answer.subarray(0, 18));

    for (let piece = 2; piece * 9 < answer.length; piece++) {
      vi.advanceTimersByTime(1_000);
      await client.received(Math.min((piece + 1) * 9, answer.length));
    }
    expect(client.bytes).toEqual(answer);
    client.destroy();
  });

  it('clearFaults() lets bytes flow untouched again; setFault replaces a fault of the same kind', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    proxy.setFault({ kind: 'latency', ms: 10 });
    proxy.setFault({ kind: 'latency', ms: 0 });
    proxy.setFault({ kind: 'garbage' });
    expect(proxy.faults()).toEqual([{ kind: 'latency', ms: 0 }, { kind: 'garbage' }]);
    proxy.clearFaults();
    expect(proxy.faults()).toEqual([]);

    const client = await connectClient(proxy.address);
    client.write(request);
    expect(await client.received(answer.length)).toEqual(answer);
    client.destroy();
  });

  it('resets the client when the target refuses the connection', async () => {
    target = await startTarget();
    const { port } = target;
    await target.close();
    target = undefined;
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port } });

    const client = await connectClient(proxy.address);
    client.write(request);
    await client.closed;
    expect(client.bytes.length).toBe(0);
    expect(client.errorCode).toBe('ECONNRESET');
  });

  it('refuses invalid faults with a ValidationError and a missing target with a ConfigError', async () => {
    target = await startTarget();
    proxy = await startFaultProxy({ target });
    expect(() => proxy!.setFault({ kind: 'latency', ms: -5 })).toThrow(ValidationError);
    expect(() => proxy!.setFault({ kind: 'jitter' } as never)).toThrow(ValidationError);
    expect(proxy.faults()).toEqual([]);
    await expect(startFaultProxy({} as never)).rejects.toThrow(ConfigError);
  });

  it('close() leaves no socket, server or timer behind, with latency pending on open connections', async () => {
    const before = openNetworkAndTimerResources();
    target = await startTarget();
    proxy = await startFaultProxy({ target, faults: [{ kind: 'latency', ms: 600_000 }] });
    const client = await connectClient(proxy.address);
    client.write(request);
    await until(() => proxy!.stats().bytesFromClient === request.length);

    await proxy.close();
    await target.close();
    proxy = undefined;
    target = undefined;
    await client.closed;
    await until(() => noMoreResourcesThan(before));
    expect(noMoreResourcesThan(before)).toBe(true);
  });
});
