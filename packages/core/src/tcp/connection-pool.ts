import { TimeoutError, TransportError, ValidationError } from '../errors/families.js';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import type { Logger } from '../observability/logger.js';
import { fullJitterDelay } from '../resilience/backoff.js';
import { delay } from '../resilience/deadline.js';
import type { CallDeadline } from './call-deadline.js';
import type { Framer } from './framer.js';
import { openSocket, type SocketTarget } from './open-socket.js';
import { PooledConnection } from './pooled-connection.js';
import type { ResolvedPoolOptions } from './resolve-tcp-client-options.js';

/** One call of the pooled mode. @internal */
export interface PooledCall {
  key: string;
  frame: Buffer;
  deadline: CallDeadline;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  beforeWrite: () => WirebridgeError;
}

/**
 * Up to `maxConnections` long-lived connections shared by concurrent calls. A call takes an idle connection,
 * else opens a new one while below the bound, else shares the least loaded one (replies are matched by key).
 * Connecting is retried a bounded number of times with full-jitter backoff (DESIGN §5), within the call's
 * deadline; a dropped connection is replaced on demand by the next call.
 * @internal
 */
export class ConnectionPool {
  private readonly connections = new Set<PooledConnection>();
  private readonly keysInFlight = new Set<string>();
  private readonly openingWaiters = new Set<() => void>();
  private opening = 0;

  constructor(
    private readonly settings: {
      target: SocketTarget;
      framer: Framer;
      pool: ResolvedPoolOptions;
      logger: Logger;
    },
  ) {}

  async send(call: PooledCall): Promise<Buffer> {
    const { context } = this.settings.target;
    if (this.keysInFlight.has(call.key)) {
      // Two calls with one key could not tell their replies apart: refuse the second before it is written.
      throw new ValidationError({
        message: `${context.subject}: another request with the same correlation key is in flight; nothing was sent`,
        ...(context.vendor === undefined ? {} : { vendor: context.vendor }),
        issues: [
          {
            path: 'payload',
            message: 'correlation key already in flight',
            code: 'duplicate_correlation_key',
          },
        ],
      });
    }
    this.keysInFlight.add(call.key);
    try {
      const connection = await this.acquire(call);
      return await connection.request(call);
    } finally {
      this.keysInFlight.delete(call.key);
    }
  }

  /** Destroys every connection; calls in flight fail as unknown outcomes, connects in progress are abandoned. */
  async close(): Promise<void> {
    const closing = [...this.connections].map((connection) => {
      connection.close();
      return connection.closed;
    });
    this.connections.clear();
    await Promise.all(closing);
  }

  private async acquire(call: PooledCall): Promise<PooledConnection> {
    const { maxConnections } = this.settings.pool;
    for (;;) {
      if (call.deadline.signal.aborted) throw call.beforeWrite();
      const open = [...this.connections].filter((connection) => connection.isOpen);
      const idle = open.find((connection) => connection.load === 0);
      if (idle !== undefined) return idle;
      // A destroyed connection stays in the set until its 'close' event; it no longer takes a slot.
      if (open.length + this.opening < maxConnections) return this.openConnection(call);
      if (open.length > 0) {
        return open.reduce((least, connection) => (connection.load < least.load ? connection : least));
      }
      // Every slot is a connection still being opened: wait for one to finish (or a slot to free), then look again.
      await this.nextOpeningSettled(call.deadline.signal);
    }
  }

  private async openConnection(call: PooledCall): Promise<PooledConnection> {
    const { target, pool } = this.settings;
    this.opening += 1;
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const socket = await openSocket(target, call.deadline, call.beforeWrite);
          if (call.deadline.signal.aborted) {
            // The client closed (or the call gave up) while the handshake finished: do not keep the socket.
            socket.destroy();
            throw call.beforeWrite();
          }
          const connection = new PooledConnection(socket, {
            ...this.settings,
            context: target.context,
            onGone: (gone) => {
              this.connections.delete(gone);
              this.wakeWaiters();
            },
          });
          this.connections.add(connection);
          return connection;
        } catch (error) {
          const failure = error as WirebridgeError;
          if (call.deadline.signal.aborted || !isReconnectable(failure)) throw failure;
          if (attempt >= pool.reconnectAttempts) throw withAttempts(failure, attempt);
          try {
            await delay(fullJitterDelay(attempt, pool.backoff), call.deadline.signal);
          } catch {
            throw call.beforeWrite();
          }
        }
      }
    } finally {
      this.opening -= 1;
      this.wakeWaiters();
    }
  }

  private wakeWaiters(): void {
    for (const wake of [...this.openingWaiters]) wake();
  }

  private nextOpeningSettled(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.openingWaiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.openingWaiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

/** A refused or timed-out connect may succeed on the next attempt; a rejected certificate will not. */
function isReconnectable(error: WirebridgeError): boolean {
  return (error instanceof TransportError || error instanceof TimeoutError) && error.retryable;
}

/** The last connect failure, with the number of attempts made in its message and `details.connectAttempts`. */
function withAttempts(error: WirebridgeError, attempts: number): WirebridgeError {
  const options = {
    message: `${error.message} (after ${attempts} connect attempt${attempts === 1 ? '' : 's'})`,
    ...(error.vendor === undefined ? {} : { vendor: error.vendor }),
    retryable: error.retryable,
    details: { ...error.details, connectAttempts: attempts },
    cause: error,
  };
  if (error instanceof TimeoutError) return new TimeoutError({ ...options, timeoutMs: error.timeoutMs });
  return new TransportError(options);
}
