import type { Socket } from 'node:net';
import { delay } from '../resilience/deadline.js';
import { isSocketFault, type SimulatorFault } from './simulator-faults.js';

/** Default number of generated garbage bytes. */
export const DEFAULT_GARBAGE_BYTES = 64;
/** Default pause between two pieces of a partial write, in milliseconds. */
export const DEFAULT_PARTIAL_WRITE_PAUSE_MS = 5;

/** What `writeWithFault` did with the bytes. */
export type FaultedWriteOutcome =
  /** Every byte was written (possibly late or in pieces). */
  | 'written'
  /** The connection was reset; the peer saw none or only the start of the bytes. */
  | 'reset'
  /** Garbage was written instead of the bytes, and the connection was ended. */
  | 'garbage'
  /** Nothing was written and the connection was left open (black hole). */
  | 'held'
  /** The socket closed, or `signal` aborted (the server is closing), before everything was written. */
  | 'interrupted';

/** Options of {@link writeWithFault}. */
export interface WriteWithFaultOptions {
  /** Aborts pauses and delays when the server closes, so no timer outlives it. @default none */
  signal?: AbortSignal;
  /** End the connection (FIN) once the bytes are written. @default false */
  end?: boolean;
}

/**
 * Writes `bytes` to `socket` the way `fault` says, for simulators that answer on a raw socket (the TCP
 * simulator base, an HTTP simulator writing its own reply). Vendor-level faults (`bad-signature`,
 * `vendor-code`, `duplicate-push`) and vendor-defined kinds are not socket faults: the bytes are written as
 * given, because the vendor simulator already applied them when it built the bytes.
 */
export async function writeWithFault(
  socket: Socket,
  bytes: Uint8Array,
  fault: SimulatorFault | { kind: string } | undefined,
  options: WriteWithFaultOptions = {},
): Promise<FaultedWriteOutcome> {
  const { signal } = options;
  const finish = async (): Promise<FaultedWriteOutcome> => {
    if (options.end === true && !socket.destroyed) socket.end();
    return 'written';
  };
  try {
    if (!isSocketFault(fault)) {
      return (await writeBytes(socket, bytes)) ? finish() : 'interrupted';
    }
    switch (fault.kind) {
      case 'delay':
        await delay(fault.ms, signal);
        return (await writeBytes(socket, bytes)) ? finish() : 'interrupted';
      case 'reset-before-response':
        resetSocket(socket);
        return 'reset';
      case 'reset-mid-response': {
        const afterBytes = Math.min(fault.afterBytes ?? Math.floor(bytes.length / 2), bytes.length);
        if (afterBytes > 0 && !(await writeBytes(socket, bytes.subarray(0, afterBytes))))
          return 'interrupted';
        await resetAfterPeerRead(socket);
        return 'reset';
      }
      case 'partial-write':
        for (let start = 0; start < bytes.length; start += fault.bytes) {
          if (start > 0) await delay(fault.pauseMs ?? DEFAULT_PARTIAL_WRITE_PAUSE_MS, signal);
          if (!(await writeBytes(socket, bytes.subarray(start, start + fault.bytes)))) return 'interrupted';
        }
        return finish();
      case 'garbage': {
        const garbage = fault.bytes instanceof Uint8Array ? fault.bytes : garbageBytes(fault.bytes);
        if (!(await writeBytes(socket, garbage))) return 'interrupted';
        if (!socket.destroyed) socket.end();
        return 'garbage';
      }
      case 'black-hole':
        return 'held';
    }
  } catch (error) {
    // Only an aborted pause lands here: the server is closing and destroys the socket itself.
    if (signal?.aborted) return 'interrupted';
    throw error;
  }
}

/**
 * Deterministic garbage: every byte has its high bit set, so it is never an ASCII digit, letter, space or
 * HTTP token. A length-prefixed or text decoder must reject it rather than wait for more.
 */
export function garbageBytes(length: number = DEFAULT_GARBAGE_BYTES): Buffer {
  const garbage = Buffer.alloc(length);
  for (let index = 0; index < length; index++) garbage[index] = 0x80 | ((index * 37 + 11) & 0x7f);
  return garbage;
}

/**
 * Resets the connection (TCP RST), so the peer sees `ECONNRESET` rather than an orderly end. A TLS socket
 * cannot be reset from JavaScript: it is destroyed instead, which the peer sees as an abrupt close.
 */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/**
 * Resets after the peer had a chance to read what was written. A reset that arrives while written bytes sit
 * unread in the peer's receive queue makes the kernel report an orderly end instead of the reset; two turns
 * of the event loop let a peer in the same process (the usual test setup) read first.
 */
export async function resetAfterPeerRead(socket: Socket): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
  resetSocket(socket);
}

/** Writes and waits until the bytes are handed to the kernel; false when the socket is already gone or fails. */
export function writeBytes(socket: Socket, bytes: Uint8Array): Promise<boolean> {
  if (socket.destroyed || !socket.writable) return Promise.resolve(false);
  if (bytes.length === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    socket.write(bytes, (error) => resolve(error == null));
  });
}
