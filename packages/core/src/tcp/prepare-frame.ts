import { ValidationError } from '../errors/families.js';
import { isWirebridgeError } from '../errors/wirebridge-error.js';
import type { Framer } from './framer.js';
import type { FailureContext } from './socket-failures.js';

const maxTimerMs = 2_147_483_647;

/** The options of one `send`, as the pipeline passes them. */
export interface TcpSendOptions {
  /** The caller's signal: an abort before the frame is written is an `AbortedError`, after it an unknown outcome. */
  signal?: AbortSignal;
  /** Deadline of the whole exchange (connect, write, read) in milliseconds. */
  timeoutMs: number;
}

/**
 * Checks the call and frames the payload before any I/O. A payload the framer refuses (too large for the prefix,
 * empty) is a `ValidationError`: nothing was sent, so it must not reach the pipeline as a `FramingError`, which
 * the pipeline would read as a garbled reply to a request the vendor may have processed.
 * @internal
 */
export function prepareFrame(
  framer: Framer,
  payload: Uint8Array,
  options: TcpSendOptions,
  context: FailureContext,
): Buffer {
  const vendor = context.vendor === undefined ? {} : { vendor: context.vendor };
  const invalid = (path: string, message: string, code: string, cause?: unknown): never => {
    throw new ValidationError({
      message: `${context.subject}: ${message}; nothing was sent`,
      ...vendor,
      issues: [{ path, message, code }],
      ...(cause === undefined ? {} : { cause }),
    });
  };
  if (typeof options !== 'object' || options === null)
    invalid('options', 'send options are required', 'invalid_type');
  const { timeoutMs, signal } = options;
  // Node fires a timer longer than 2^31−1 ms after 1 ms instead: such a deadline would end every call at once.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > maxTimerMs) {
    invalid('options.timeoutMs', 'timeoutMs must be a positive number of milliseconds', 'invalid_value');
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    invalid('options.signal', 'signal must be an AbortSignal', 'invalid_type');
  }
  if (!(payload instanceof Uint8Array))
    invalid('payload', 'the payload must be bytes (Uint8Array)', 'invalid_type');
  try {
    return framer.encode(payload);
  } catch (error) {
    const message = isWirebridgeError(error) ? error.message : 'the framer could not frame the payload';
    return invalid('payload', message, 'invalid_frame', error);
  }
}
