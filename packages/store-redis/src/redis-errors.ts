import {
  isWirebridgeError,
  ProtocolError,
  TimeoutError,
  TransportError,
  type WirebridgeError,
} from '@wirebridge/core';

/** Redis replies that mean "not now" (loading, failover, script busy, out of memory): retryable. */
const transientReply = /^(LOADING|READONLY|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|OOM|NOREPLICAS)\b/;
/** Replies that mean the credentials in the URL are wrong: retrying will not help. */
const authenticationReply = /^(NOAUTH|WRONGPASS|NOPERM)\b/;

/** Marker for the store's own deadline (see {@link RedisRunner}), so both deadlines map to one error. */
export class DeadlineExceeded extends Error {
  constructor() {
    super('Command timed out');
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Maps what ioredis throws onto core's error families (DESIGN §3), so callers branch on `code` and
 * `retryable` and never on ioredis message text.
 *
 * - no connection (refused, closed, offline, not ready) → {@link TransportError}, retryable;
 * - no answer within `commandTimeoutMs` → {@link TimeoutError}, retryable;
 * - transient server replies (LOADING, READONLY, OOM…) → {@link TransportError}, retryable;
 * - authentication replies → {@link TransportError} with `retryable: false` (like a rejected certificate);
 * - any other error reply (WRONGTYPE on a foreign key in the namespace, a script error) → {@link ProtocolError}.
 *
 * Every store operation is safe to repeat after any of these: claims and locks expire, completes and
 * releases check the token, a sequence may skip a value after a lost reply but never repeats one.
 */
export function toStoreError(error: unknown, operation: string, commandTimeoutMs: number): WirebridgeError {
  if (isWirebridgeError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (error instanceof DeadlineExceeded || message === 'Command timed out') {
    return new TimeoutError({
      message: `Redis did not answer ${operation} within ${commandTimeoutMs} ms`,
      operation,
      timeoutMs: commandTimeoutMs,
      cause: error,
    });
  }
  if (name === 'ReplyError') {
    const replyCode = message.split(' ', 1)[0] ?? 'ERR';
    if (authenticationReply.test(message)) {
      return new TransportError({
        message: `Redis refused the credentials for ${operation} (${replyCode})`,
        operation,
        retryable: false,
        cause: error,
      });
    }
    if (transientReply.test(message)) {
      return new TransportError({
        message: `Redis is temporarily unavailable for ${operation} (${replyCode})`,
        operation,
        cause: error,
      });
    }
    return new ProtocolError({
      message: `Redis rejected ${operation} (${replyCode})`,
      operation,
      cause: error,
    });
  }
  return new TransportError({
    message: `Redis is unreachable for ${operation}: ${message}`,
    operation,
    cause: error,
  });
}
