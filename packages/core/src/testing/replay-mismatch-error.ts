import { ProtocolError, registerFamily, type WirebridgeErrorOptions } from '../errors/index.js';

/** Why a replay did not follow its recording. */
export type ReplayMismatchReason =
  /** A request reached the replayer that no recorded exchange matches (body, path or bytes differ). */
  | 'request-differs'
  /** A request was sent that the recording does not contain at all (method and path never recorded). */
  | 'unrecorded-request'
  /** The client opened more connections than the recording holds. */
  | 'unexpected-connection'
  /** The client sent bytes after the recorded conversation had ended. */
  | 'unexpected-bytes'
  /** The client stopped (closed or half-closed) before sending what the recording expects. */
  | 'incomplete-request'
  /** Part of the recording was never played: the code under test sent fewer requests than were recorded. */
  | 'unused-recording'
  /** The recording the replay needs does not exist. */
  | 'missing-recording';

/**
 * A replayed test sent something other than what was recorded (DESIGN §9, contract tests). It is a
 * {@link ProtocolError}: the code under test no longer speaks the recorded wire contract.
 *
 * The message and `details` say where the difference is (the connection, the transcript entry, the byte
 * offset, the HTTP method and a redacted path) and never dump request bytes, which may hold account numbers.
 */
export class ReplayMismatchError extends ProtocolError {
  /** Why the replay failed. */
  readonly reason: ReplayMismatchReason;

  constructor(options: Omit<WirebridgeErrorOptions, 'retryable'> & { reason: ReplayMismatchReason }) {
    super({ ...options, retryable: false, details: { ...options.details, reason: options.reason } });
    this.reason = options.reason;
  }
}
registerFamily(ReplayMismatchError, 'ReplayMismatchError');
