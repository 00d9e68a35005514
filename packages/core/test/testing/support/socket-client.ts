import net from 'node:net';
import { vi } from 'vitest';

/** What a raw client saw on one connection, in order. */
export interface ClientExchange {
  /** Every chunk received, as it arrived. */
  chunks: Buffer[];
  /** All bytes received. */
  readonly bytes: Buffer;
  /** The socket error code, if the connection died with one (`ECONNRESET`). */
  errorCode: string | undefined;
  /** Resolves when the connection closed. */
  closed: Promise<void>;
  /** Resolves once at least `count` bytes arrived (or the connection closed). */
  received(count: number): Promise<Buffer>;
  write(bytes: Uint8Array | string): void;
  end(): void;
  destroy(): void;
}

/** Opens a raw TCP connection and records everything it receives. */
export async function connectClient(address: { host: string; port: number }): Promise<ClientExchange> {
  const socket = net.connect(address);
  const chunks: Buffer[] = [];
  const waiters: Array<() => void> = [];
  let errorCode: string | undefined;
  let isClosed = false;
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    notify();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    errorCode = error.code;
  });
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      isClosed = true;
      notify();
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const exchange: ClientExchange = {
    chunks,
    get bytes() {
      return Buffer.concat(chunks);
    },
    get errorCode() {
      return errorCode;
    },
    set errorCode(value) {
      errorCode = value;
    },
    closed,
    async received(count) {
      while (Buffer.concat(chunks).length < count && !isClosed) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return Buffer.concat(chunks);
    },
    write: (bytes) => {
      socket.write(bytes);
    },
    end: () => {
      socket.end();
    },
    destroy: () => {
      socket.destroy();
    },
  };
  return exchange;
}

/**
 * With fake timers installed: advances them each time the server waits on one, until the connection closed.
 * Each pause is passed only once the server is really waiting on it, so no step depends on real durations.
 */
export async function advanceUntilClosed(client: ClientExchange): Promise<void> {
  let closed = false;
  void client.closed.then(() => {
    closed = true;
  });
  while (!closed) {
    await until(() => closed || vi.getTimerCount() > 0);
    if (!closed) vi.advanceTimersToNextTimer();
  }
}

/** Lets the event loop turn until `condition` holds (real I/O progress, not a timer), or fails. */
export async function until(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}

/** How many sockets, servers and timers Node reports as keeping the process alive, by kind. */
export function openNetworkAndTimerResources(): Record<
  'TCPSocketWrap' | 'TCPServerWrap' | 'Timeout',
  number
> {
  const counts = { TCPSocketWrap: 0, TCPServerWrap: 0, Timeout: 0 };
  for (const name of process.getActiveResourcesInfo()) {
    if (name in counts) counts[name as keyof typeof counts]++;
  }
  return counts;
}

/** True when no kind of resource is more numerous than in `baseline`. */
export function noMoreResourcesThan(baseline: ReturnType<typeof openNetworkAndTimerResources>): boolean {
  const now = openNetworkAndTimerResources();
  return (Object.keys(baseline) as Array<keyof typeof baseline>).every((kind) => now[kind] <= baseline[kind]);
}
