import net, { type Socket } from 'node:net';
import { delay } from '../resilience/deadline.js';
import { appliesTo, type ProxyDirection, type ProxyFault } from './proxy-faults.js';
import {
  DEFAULT_PARTIAL_WRITE_PAUSE_MS,
  garbageBytes,
  resetAfterPeerRead,
  resetSocket,
  writeBytes,
} from './socket-faults.js';

/** Sees the bytes of every relayed connection as they arrive, before any fault (the transcript recorder). */
export interface RelayObserver {
  /** Bytes received from the client (`to-target`) or from the target (`to-client`). */
  onData(connection: number, direction: ProxyDirection, bytes: Buffer): void;
  /** One side ended its half of the connection (FIN). */
  onEnd(connection: number, direction: ProxyDirection): void;
}

/** Byte and connection counters of a relay, updated as bytes arrive. */
export interface RelayCounters {
  bytesFromClient: number;
  bytesFromTarget: number;
}

/** What every connection of one relay shares. */
export interface RelayContext {
  readonly target: { host: string; port: number };
  /** Aborted when the relay closes: pending latency and pauses stop. */
  readonly signal: AbortSignal;
  /** The faults in force right now; read for every chunk, so a fault set mid-connection applies at once. */
  faults(): readonly ProxyFault[];
  readonly counters: RelayCounters;
  readonly observer?: RelayObserver;
}

/**
 * Relays one accepted client connection to the target, byte for byte in both directions, applying the faults
 * in force. Each direction is a queue, so latency and pauses never reorder bytes; a half-close on one side is
 * passed on once the bytes before it were forwarded.
 */
export function relayConnection(id: number, client: Socket, context: RelayContext): void {
  const { counters, observer, signal } = context;
  client.on('error', () => undefined);
  if (context.faults().some((fault) => fault.kind === 'black-hole')) {
    client.on('data', (chunk: Buffer) => {
      counters.bytesFromClient += chunk.length;
    });
    return;
  }

  const target = net.connect({ ...context.target, allowHalfOpen: true });
  target.on('error', () => undefined);
  let toTarget = Promise.resolve();
  let toClient = Promise.resolve();
  let forwardedToClient = 0;
  let broken = false;

  const breakConnection = () => {
    broken = true;
    resetSocket(client);
    target.destroy();
  };

  const forward = async (direction: ProxyDirection, chunk: Buffer, arrivedAt: number): Promise<void> => {
    try {
      await forwardWithFaults(direction, chunk, arrivedAt);
    } catch {
      // Never an unhandled rejection in the test process: a relay that cannot forward drops the connection.
      breakConnection();
    }
  };

  const forwardWithFaults = async (
    direction: ProxyDirection,
    chunk: Buffer,
    arrivedAt: number,
  ): Promise<void> => {
    if (broken || signal.aborted) return;
    const faults = context.faults();
    if (faults.some((fault) => fault.kind === 'black-hole')) return;
    const latency = faults.find((fault) => fault.kind === 'latency' && appliesTo(fault, direction, 'both'));
    if (latency?.kind === 'latency') {
      // Deliver at arrival + ms, so chunks arriving together are not delayed one after the other.
      const wait = arrivedAt + latency.ms - Date.now();
      if (wait > 0 && !(await pause(wait, signal))) return;
      if (broken) return;
    }
    let bytes = chunk;
    if (direction === 'to-client') {
      const reset = faults.find((fault) => fault.kind === 'reset');
      if (reset?.kind === 'reset') {
        const allowed = Math.max((reset.afterBytes ?? 0) - forwardedToClient, 0);
        if (allowed < bytes.length) {
          broken = true;
          target.destroy();
          if (allowed > 0) await writeBytes(client, bytes.subarray(0, allowed));
          forwardedToClient += allowed;
          await resetAfterPeerRead(client);
          return;
        }
      }
    }
    if (faults.some((fault) => fault.kind === 'garbage' && appliesTo(fault, direction, 'to-client'))) {
      bytes = garbageBytes(bytes.length);
    }
    const destination = direction === 'to-target' ? target : client;
    const partial = faults.find(
      (fault) => fault.kind === 'partial-write' && appliesTo(fault, direction, 'both'),
    );
    if (partial?.kind === 'partial-write') {
      for (let start = 0; start < bytes.length; start += partial.bytes) {
        if (start > 0 && !(await pause(partial.pauseMs ?? DEFAULT_PARTIAL_WRITE_PAUSE_MS, signal))) return;
        if (broken || !(await writeBytes(destination, bytes.subarray(start, start + partial.bytes)))) return;
      }
    } else if (!(await writeBytes(destination, bytes))) {
      return;
    }
    if (direction === 'to-client') forwardedToClient += bytes.length;
  };

  client.on('data', (chunk: Buffer) => {
    counters.bytesFromClient += chunk.length;
    observer?.onData(id, 'to-target', chunk);
    const arrivedAt = Date.now();
    toTarget = toTarget.then(() => forward('to-target', chunk, arrivedAt));
  });
  target.on('data', (chunk: Buffer) => {
    counters.bytesFromTarget += chunk.length;
    observer?.onData(id, 'to-client', chunk);
    const arrivedAt = Date.now();
    toClient = toClient.then(() => forward('to-client', chunk, arrivedAt));
  });
  client.on('end', () => {
    observer?.onEnd(id, 'to-target');
    toTarget = toTarget.then(() => {
      if (!broken && !target.destroyed) target.end();
    });
  });
  target.on('end', () => {
    observer?.onEnd(id, 'to-client');
    toClient = toClient.then(() => {
      if (!broken && !client.destroyed) client.end();
    });
  });
  // The target refused or reset: the client sees a reset too, after what was already on its way.
  target.on('close', (hadError: boolean) => {
    if (!hadError) return;
    toClient = toClient.then(breakConnection);
  });
  client.on('close', () => {
    broken = true;
    target.destroy();
  });
}

/** Waits `ms`; false when the relay closed meanwhile. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, signal);
    return true;
  } catch {
    return false;
  }
}
