import type { Socket } from 'node:net';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import type { Logger } from '../observability/logger.js';
import type { CallDeadline } from './call-deadline.js';
import { FramedConnection } from './framed-connection.js';
import type { Framer } from './framer.js';
import type { ResolvedPoolOptions } from './resolve-tcp-client-options.js';
import {
  type AfterWriteReason,
  closedBeforeWrite,
  type FailureContext,
  failureAfterWrite,
  replyFramingError,
} from './socket-failures.js';
import type { UnsolicitedFrameInfo } from './tcp-client-options.js';

/** What a pooled connection needs from its pool. @internal */
export interface PooledConnectionSettings {
  framer: Framer;
  pool: ResolvedPoolOptions;
  context: FailureContext;
  logger: Logger;
  /** Called once, when the connection is gone for good. */
  onGone(connection: PooledConnection): void;
}

/** One request in flight on a connection. */
interface PendingCall {
  settle(outcome: { frame: Buffer } | { error: WirebridgeError }): void;
  timeoutMs: number;
}

/** One request to write on a pooled connection. @internal */
export interface PooledRequest {
  /** The correlation key of the request; the reply carrying the same key settles it. */
  key: string;
  frame: Buffer;
  deadline: CallDeadline;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  /** The error for a deadline that fired before the frame was written. */
  beforeWrite: () => WirebridgeError;
}

/** Why we closed a connection ourselves (anything else is the peer's doing). */
type LocalCloseReason = 'client_closed' | 'heartbeat_timeout' | 'idle';

/**
 * A long-lived connection carrying several requests at once; replies are matched to requests by the vendor's
 * correlation key, heartbeats keep an idle line checked, and an idle timeout closes it (DESIGN §5).
 * @internal
 */
export class PooledConnection {
  private readonly pending = new Map<string, PendingCall>();
  private readonly framed: FramedConnection;
  private localCloseReason: LocalCloseReason | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatReplyTimer: NodeJS.Timeout | undefined;
  /** Resolves once the socket is closed. */
  readonly closed: Promise<void>;

  constructor(
    socket: Socket,
    private readonly settings: PooledConnectionSettings,
  ) {
    let markClosed: () => void = () => {};
    this.closed = new Promise((resolve) => {
      markClosed = resolve;
    });
    this.framed = new FramedConnection(socket, settings.framer.createDecoder(), {
      onFrame: (frame) => this.receive(frame),
      onFramingError: (error) => this.failAll(() => replyFramingError(settings.context, error)),
      onClose: ({ errorCode, cause }) => {
        this.stopTimers();
        this.clearHeartbeatReplyTimer();
        const reason: AfterWriteReason =
          this.localCloseReason === 'idle' || this.localCloseReason === undefined
            ? errorCode === 'ECONNRESET' || errorCode === 'EPIPE'
              ? 'reset'
              : 'closed'
            : this.localCloseReason;
        settings.logger.debug(
          {
            event: 'tcp.connection_closed',
            ...this.logContext(),
            reason: this.localCloseReason ?? reason,
            ...(errorCode === undefined ? {} : { errorCode }),
          },
          'pooled connection closed',
        );
        this.failAll((timeoutMs) =>
          failureAfterWrite(settings.context, reason, { timeoutMs, errorCode, cause }),
        );
        settings.onGone(this);
        markClosed();
      },
    });
    settings.logger.debug(
      { event: 'tcp.connection_opened', ...this.logContext() },
      'pooled connection opened',
    );
    this.becameIdle();
  }

  /** True while requests can be written on it. */
  get isOpen(): boolean {
    return this.framed.isOpen;
  }

  /** Requests in flight. */
  get load(): number {
    return this.pending.size;
  }

  /**
   * Writes one request frame and waits for the reply carrying `key`. Rejects with `TransportError` when the
   * connection could not take the frame (nothing sent), `OutcomeUnknownError` when it ended or the deadline fired
   * after the write, `FramingError` when the reply stream became unreadable.
   */
  request(call: PooledRequest): Promise<Buffer> {
    const { key, frame, deadline, timeoutMs, callerSignal } = call;
    return new Promise<Buffer>((resolve, reject) => {
      const { context } = this.settings;
      const pendingCall: PendingCall = {
        timeoutMs,
        settle: (outcome) => {
          deadline.signal.removeEventListener('abort', onDeadline);
          if ('frame' in outcome) resolve(outcome.frame);
          else reject(outcome.error);
        },
      };
      const onDeadline = () => {
        if (this.pending.get(key) !== pendingCall) return;
        this.pending.delete(key);
        const firedBy = deadline.firedBy();
        const reason = firedBy === 'caller' ? 'aborted' : firedBy === 'closed' ? 'client_closed' : 'timeout';
        // The connection stays: a late reply arrives as unsolicited (kept for reconciliation), other calls go on.
        pendingCall.settle({
          error: failureAfterWrite(context, reason, {
            timeoutMs,
            ...(firedBy === 'caller' ? { cause: callerSignal?.reason } : {}),
          }),
        });
        if (this.pending.size === 0) this.becameIdle();
      };
      if (deadline.signal.aborted) {
        reject(call.beforeWrite());
        return;
      }
      if (!this.framed.isOpen) {
        reject(closedBeforeWrite(context, undefined));
        return;
      }
      this.pending.set(key, pendingCall);
      this.becameBusy();
      if (!this.framed.write(frame)) {
        this.pending.delete(key);
        if (this.pending.size === 0) this.becameIdle();
        reject(closedBeforeWrite(context, undefined));
        return;
      }
      deadline.signal.addEventListener('abort', onDeadline, { once: true });
    });
  }

  /** Closes the connection; calls in flight fail as unknown outcomes (`client_closed`). */
  close(): void {
    this.localCloseReason ??= 'client_closed';
    this.framed.destroy();
  }

  private receive(frame: Buffer): void {
    const { pool } = this.settings;
    if (pool.heartbeat !== undefined && this.isHeartbeatReply(frame)) {
      this.clearHeartbeatReplyTimer();
      if (this.pending.size === 0) this.scheduleHeartbeat();
      return;
    }
    let key: string;
    try {
      key = pool.correlate(frame, 'response');
      if (typeof key !== 'string') throw new TypeError('correlate returned a non-string key');
    } catch {
      this.unsolicited(frame, { reason: 'correlation_failed' });
      return;
    }
    const call = this.pending.get(key);
    if (call === undefined) {
      this.unsolicited(frame, { reason: 'no_pending_request', key });
      return;
    }
    this.pending.delete(key);
    call.settle({ frame });
    if (this.pending.size === 0) this.becameIdle();
  }

  private isHeartbeatReply(frame: Buffer): boolean {
    try {
      return this.settings.pool.heartbeat?.isReply(frame) === true;
    } catch {
      return false;
    }
  }

  private unsolicited(frame: Buffer, info: UnsolicitedFrameInfo): void {
    const { onUnsolicited } = this.settings.pool;
    if (onUnsolicited === undefined) {
      this.settings.logger.warn(
        { event: 'tcp.unsolicited_frame', ...this.logContext(), bytes: frame.length, reason: info.reason },
        'dropped a frame that matches no request in flight',
      );
      return;
    }
    try {
      onUnsolicited(frame, info);
    } catch {
      // A failing hook must not break the connection other calls are using.
    }
  }

  private failAll(errorFor: (timeoutMs: number) => WirebridgeError): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.settle({ error: errorFor(call.timeoutMs) });
  }

  private becameBusy(): void {
    this.stopTimers();
    // A connection with calls in flight keeps the process alive; an idle one must not (like an HTTP agent).
    this.framed.socket.ref();
  }

  private becameIdle(): void {
    if (!this.framed.isOpen) return;
    this.framed.socket.unref();
    const { idleTimeoutMs } = this.settings.pool;
    if (idleTimeoutMs > 0 && this.idleTimer === undefined) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        if (this.pending.size > 0) return;
        // Close before the vendor does: writing onto a socket the peer is closing turns a payment into an
        // unknown outcome.
        this.localCloseReason = 'idle';
        this.framed.destroy();
      }, idleTimeoutMs);
      this.idleTimer.unref();
    }
    this.scheduleHeartbeat();
  }

  private scheduleHeartbeat(): void {
    const { heartbeat } = this.settings.pool;
    if (
      heartbeat === undefined ||
      this.heartbeatTimer !== undefined ||
      this.heartbeatReplyTimer !== undefined
    )
      return;
    this.heartbeatTimer = setTimeout(() => {
      this.heartbeatTimer = undefined;
      this.sendHeartbeat();
    }, heartbeat.intervalMs);
    this.heartbeatTimer.unref();
  }

  private sendHeartbeat(): void {
    const { heartbeat } = this.settings.pool;
    if (heartbeat === undefined || this.pending.size > 0 || !this.framed.isOpen) return;
    let frame: Buffer;
    try {
      frame = this.settings.framer.encode(heartbeat.payload());
    } catch {
      this.settings.logger.warn(
        { event: 'tcp.heartbeat_failed', ...this.logContext() },
        'heartbeat payload could not be built',
      );
      this.scheduleHeartbeat();
      return;
    }
    if (!this.framed.write(frame)) return;
    this.heartbeatReplyTimer = setTimeout(() => {
      this.heartbeatReplyTimer = undefined;
      this.settings.logger.warn(
        { event: 'tcp.heartbeat_timeout', ...this.logContext() },
        'no heartbeat reply; closing the connection',
      );
      this.localCloseReason = 'heartbeat_timeout';
      this.framed.destroy();
    }, heartbeat.replyTimeoutMs);
    this.heartbeatReplyTimer.unref();
  }

  private stopTimers(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.heartbeatTimer);
    this.idleTimer = undefined;
    this.heartbeatTimer = undefined;
  }

  private clearHeartbeatReplyTimer(): void {
    clearTimeout(this.heartbeatReplyTimer);
    this.heartbeatReplyTimer = undefined;
  }

  private logContext(): Record<string, string> {
    const { context } = this.settings;
    return { peer: context.subject, ...(context.vendor === undefined ? {} : { vendor: context.vendor }) };
  }
}
