import { setMaxListeners } from 'node:events';
import { OutcomeUnknownError, ValidationError } from '../errors/families.js';
import { isWirebridgeError, type WirebridgeError } from '../errors/wirebridge-error.js';
import type { Transport } from '../pipeline/operation-runner.js';
import { startCallDeadline } from './call-deadline.js';
import { ConnectionPool } from './connection-pool.js';
import { exchangeOnce } from './per-request-exchange.js';
import { prepareFrame, type TcpSendOptions } from './prepare-frame.js';
import { resolveTcpClientOptions } from './resolve-tcp-client-options.js';
import { clientClosed, deadlineBeforeWrite, type FailureContext } from './socket-failures.js';
import type { TcpClientOptions } from './tcp-client-options.js';

/**
 * A framed TCP client usable as the pipeline's transport: `send` takes one request payload (unframed) and
 * resolves with the reply payload (prefix removed).
 *
 * Failures follow DESIGN §3 and docs/decisions/0005: `TransportError`/`TimeoutError` when nothing can have been
 * written (refused, DNS, connect timeout, TLS handshake), `AbortedError` for a caller abort before the write,
 * `OutcomeUnknownError` with `details.reason` once the frame was written and no reply came (timeout, reset, close,
 * caller abort), `FramingError` for a reply that cannot be framed, `ValidationError` for a payload the framer
 * refuses (nothing sent).
 */
export interface TcpTransport extends Transport<Uint8Array, Buffer> {
  /** Sends one request frame and resolves with the payload of its reply frame. */
  send(payload: Uint8Array, options: TcpSendOptions): Promise<Buffer>;
  /** Destroys every socket and clears every timer; calls in flight fail, later calls are refused. */
  close(): Promise<void>;
}

/**
 * Creates a framed TCP client in one of two modes: `'per-request'` (a new connection per call, Billgate and
 * Coocon) or `'pooled'` (long-lived connections with reply correlation, heartbeats, idle timeout and bounded
 * reconnect, DESIGN §5). Framing and correlation come from the vendor package; core knows no vendor.
 *
 * @throws ConfigError when an option is invalid (bad host or port, missing framer, unreadable TLS key, …).
 */
export function createTcpClient(options: TcpClientOptions): TcpTransport {
  const resolved = resolveTcpClientOptions(options);
  const { target, framer, pool: poolOptions } = resolved;
  const { context } = target;
  const closeController = new AbortController();
  // Every call in flight listens on this one signal (then removes its listener): many concurrent calls are
  // normal, not a leak, so Node's default cap of 10 listeners would only print false warnings.
  setMaxListeners(0, closeController.signal);
  const pool =
    poolOptions === undefined
      ? undefined
      : new ConnectionPool({ target, framer, pool: poolOptions, logger: resolved.logger });

  return {
    async send(payload: Uint8Array, sendOptions: TcpSendOptions): Promise<Buffer> {
      if (closeController.signal.aborted) throw clientClosed(context);
      const frame = prepareFrame(framer, payload, sendOptions, context);
      const { timeoutMs, signal: callerSignal } = sendOptions;
      if (callerSignal?.aborted) throw deadlineBeforeWrite(context, 'caller', timeoutMs, callerSignal);
      const key =
        poolOptions === undefined ? undefined : correlationKey(poolOptions.correlate, payload, context);
      const deadline = startCallDeadline({ timeoutMs, callerSignal, closeSignal: closeController.signal });
      const beforeWrite = () =>
        deadlineBeforeWrite(context, deadline.firedBy() ?? 'timeout', timeoutMs, callerSignal);
      try {
        if (pool !== undefined && key !== undefined) {
          return await pool.send({ key, frame, deadline, timeoutMs, callerSignal, beforeWrite });
        }
        return await exchangeOnce({ target, framer, frame, deadline, timeoutMs, callerSignal });
      } catch (error) {
        throw asWirebridgeError(error, context);
      } finally {
        deadline.dispose();
      }
    },

    async close(): Promise<void> {
      // Aborting the shared signal ends every per-request exchange and every connect in progress at once.
      closeController.abort();
      await pool?.close();
    },
  };
}

function correlationKey(
  correlate: (payload: Buffer, direction: 'request' | 'response') => string,
  payload: Uint8Array,
  context: FailureContext,
): string {
  const bytes = Buffer.isBuffer(payload)
    ? payload
    : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  let key: unknown;
  let cause: unknown;
  try {
    key = correlate(bytes, 'request');
  } catch (error) {
    cause = error;
  }
  if (typeof key === 'string') return key;
  throw new ValidationError({
    message: `${context.subject}: correlate could not read a key from the request; nothing was sent`,
    ...(context.vendor === undefined ? {} : { vendor: context.vendor }),
    issues: [{ path: 'payload', message: 'no correlation key', code: 'correlation_failed' }],
    ...(cause === undefined ? {} : { cause }),
  });
}

// Every path above throws Wirebridge errors; this keeps a bug from leaking a raw error to the pipeline. Where it
// happened is unknown, so it is reported as the conservative outcome: the request may have been sent.
function asWirebridgeError(error: unknown, context: FailureContext): WirebridgeError {
  if (isWirebridgeError(error)) return error;
  return new OutcomeUnknownError({
    message: `${context.subject}: unexpected failure of the TCP client`,
    ...(context.vendor === undefined ? {} : { vendor: context.vendor }),
    details: { reason: 'unexpected' },
    cause: error,
  });
}
