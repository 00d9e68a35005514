import { TransportError } from '@wirebridge/core';
import type { Redis } from 'ioredis';
import { DeadlineExceeded, toStoreError } from './redis-errors.js';

/** Statuses in which ioredis is making a connection attempt right now (bounded by its `connectTimeout`). */
const connectingStatuses: ReadonlySet<string> = new Set(['wait', 'connecting', 'connect']);

/** The wait for a connection attempt in flight, shared by every operation and store on the same client. */
const pendingReady = new WeakMap<Redis, Promise<void>>();

/** Timeouts a {@link RedisRunner} enforces. */
export interface RunnerTimeouts {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/**
 * Runs one store operation on a client with bounded waiting, and maps failures to core's error families.
 *
 * - While a connection attempt is in flight (first use, or a reconnect attempt), it waits for it at most
 *   `connectTimeoutMs`; between attempts (status `reconnecting`) or after `close()`, it fails at once with a
 *   {@link TransportError} instead of queueing, so an outage never builds a backlog of stale writes.
 * - The command itself gets `commandTimeoutMs`, enforced here as well as by ioredis, so a client passed in
 *   by the application with other settings still cannot hang a caller.
 */
export class RedisRunner {
  readonly client: Redis;
  readonly #timeouts: RunnerTimeouts;

  constructor(client: Redis, timeouts: RunnerTimeouts) {
    this.client = client;
    this.#timeouts = timeouts;
  }

  async run<T>(operation: string, command: (client: Redis) => Promise<T>): Promise<T> {
    try {
      await this.#whenReady(operation);
      return await withDeadline(command(this.client), this.#timeouts.commandTimeoutMs);
    } catch (error) {
      throw toStoreError(error, operation, this.#timeouts.commandTimeoutMs);
    }
  }

  async #whenReady(operation: string): Promise<void> {
    const client = this.client;
    if (statusOf(client) === 'ready') return;
    if (statusOf(client) === 'wait') client.connect().catch(() => {});
    if (connectingStatuses.has(statusOf(client))) {
      // One wait per client however many operations arrive meanwhile (a burst at start-up), so listeners do
      // not pile up on the client.
      let pending = pendingReady.get(client);
      if (pending === undefined) {
        pending = waitForReady(client, this.#timeouts.connectTimeoutMs).finally(() =>
          pendingReady.delete(client),
        );
        pendingReady.set(client, pending);
      }
      await pending;
    }
    const status = statusOf(client);
    if (status !== 'ready') {
      throw new TransportError({
        message: `Redis is not connected (${status}) for ${operation}`,
        operation,
      });
    }
  }
}

/** Read through a function so TypeScript does not narrow a status that events change meanwhile. */
function statusOf(client: Redis): string {
  return client.status;
}

/**
 * Resolves when the client is ready, or its attempt failed (a failed attempt always ends in `close`; waiting
 * for it rather than for `error` leaves the status settled), or `timeoutMs` passed; the caller checks status.
 */
function waitForReady(client: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      client.off('close', done);
      client.off('end', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.on('ready', done);
    client.on('close', done);
    client.on('end', done);
  });
}

async function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
