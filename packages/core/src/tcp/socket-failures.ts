import {
  AbortedError,
  FramingError,
  OutcomeUnknownError,
  TimeoutError,
  TransportError,
} from '../errors/families.js';
import { isWirebridgeError, type WirebridgeError } from '../errors/wirebridge-error.js';
import type { DeadlineCause } from './call-deadline.js';

/** Who failed: named in every message and copied onto every error. @internal */
export interface FailureContext {
  /** `tcp host:port`: the only peer text that appears in messages. */
  subject: string;
  vendor?: string;
}

/** Why a call failed once its request frame was written (the `details.reason` of `OutcomeUnknownError`). */
export type AfterWriteReason =
  | 'timeout'
  | 'aborted'
  | 'reset'
  | 'closed'
  | 'client_closed'
  | 'heartbeat_timeout';

type ConnectFailureReason =
  | 'connection_refused'
  | 'dns'
  | 'unreachable'
  | 'tls_handshake'
  | 'tls_certificate_rejected'
  | 'reset'
  | 'network';

const connectFailureText: Record<ConnectFailureReason, string> = {
  connection_refused: 'connection refused',
  dns: 'host name not resolved',
  unreachable: 'host unreachable',
  tls_handshake: 'TLS handshake failed',
  tls_certificate_rejected: 'a TLS certificate was rejected',
  reset: 'connection closed before it was established',
  network: 'connection failed',
};

// A certificate either side refused stays refused on retry (DESIGN §3: a rejected certificate is retryable false).
const certificateRejection =
  /^(?:CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(?:GET_ISSUER|VERIFY_LEAF)|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_ALTNAME_INVALID$|ERR_SSL_\w*ALERT_(?:BAD_CERTIFICATE|UNSUPPORTED_CERTIFICATE|CERTIFICATE_\w+|UNKNOWN_CA|ACCESS_DENIED)$)/;

/** The `code` of a Node error (`ECONNREFUSED`, `ERR_SSL_…`), when there is one. @internal */
export function nodeErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function common(context: FailureContext, cause?: unknown): { vendor?: string; cause?: unknown } {
  return {
    ...(context.vendor === undefined ? {} : { vendor: context.vendor }),
    ...(cause === undefined ? {} : { cause }),
  };
}

/** A socket error before the connection (and TLS handshake) completed: nothing was sent. @internal */
export function connectFailure(context: FailureContext, error: unknown): WirebridgeError {
  if (isWirebridgeError(error)) return error;
  const errorCode = nodeErrorCode(error);
  const reason = connectFailureReason(errorCode);
  return new TransportError({
    message: `${context.subject}: ${connectFailureText[reason]}${errorCode === undefined ? '' : ` (${errorCode})`}; nothing was sent`,
    ...common(context, error),
    retryable: reason !== 'tls_certificate_rejected',
    details: { reason, ...(errorCode === undefined ? {} : { errorCode }) },
  });
}

function connectFailureReason(errorCode: string | undefined): ConnectFailureReason {
  if (errorCode === undefined) return 'network';
  if (errorCode === 'ECONNREFUSED') return 'connection_refused';
  if (errorCode === 'ENOTFOUND' || errorCode === 'EAI_AGAIN') return 'dns';
  if (errorCode === 'EHOSTUNREACH' || errorCode === 'ENETUNREACH') return 'unreachable';
  if (certificateRejection.test(errorCode)) return 'tls_certificate_rejected';
  if (errorCode === 'EPROTO' || errorCode.startsWith('ERR_SSL_') || errorCode.startsWith('ERR_TLS_')) {
    return 'tls_handshake';
  }
  if (errorCode === 'ECONNRESET' || errorCode === 'EPIPE') return 'reset';
  return 'network';
}

/** The connect timeout passed (TCP connect or TLS handshake unfinished): nothing was sent. @internal */
export function connectTimeout(context: FailureContext, connectTimeoutMs: number): TimeoutError {
  return new TimeoutError({
    message: `${context.subject}: connection not established within ${connectTimeoutMs} ms; nothing was sent`,
    ...common(context),
    timeoutMs: connectTimeoutMs,
    details: { reason: 'connect_timeout' },
  });
}

/** The call's deadline fired before its frame was written. @internal */
export function deadlineBeforeWrite(
  context: FailureContext,
  cause: DeadlineCause,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): WirebridgeError {
  if (cause === 'timeout') {
    return new TimeoutError({
      message: `${context.subject}: no connection within the call timeout of ${timeoutMs} ms; nothing was sent`,
      ...common(context),
      timeoutMs,
      details: { reason: 'timeout' },
    });
  }
  if (cause === 'caller') {
    return new AbortedError({
      message: `${context.subject}: aborted by the caller before the request was written; nothing was sent`,
      ...common(context, callerSignal?.reason),
    });
  }
  return clientClosed(context);
}

/** The client was closed: no further call is accepted, and nothing was sent. @internal */
export function clientClosed(context: FailureContext): TransportError {
  return new TransportError({
    message: `${context.subject}: the TCP client is closed; nothing was sent`,
    ...common(context),
    retryable: false,
    details: { reason: 'closed' },
  });
}

/** The connection ended before the frame could be handed to it: nothing was sent. @internal */
export function closedBeforeWrite(context: FailureContext, errorCode: string | undefined): TransportError {
  return new TransportError({
    message: `${context.subject}: the connection closed before the request was written; nothing was sent`,
    ...common(context),
    details: { reason: 'reset', ...(errorCode === undefined ? {} : { errorCode }) },
  });
}

const afterWriteText: Record<AfterWriteReason, (timeoutMs: number) => string> = {
  timeout: (timeoutMs) => `no complete reply within ${timeoutMs} ms`,
  aborted: () => 'aborted by the caller',
  reset: () => 'connection reset',
  closed: () => 'connection closed by the peer',
  client_closed: () => 'the TCP client was closed',
  heartbeat_timeout: () => 'the connection stopped answering heartbeats',
};

/** The frame was written and no reply arrived: the vendor may have acted on it (DESIGN §3). @internal */
export function failureAfterWrite(
  context: FailureContext,
  reason: AfterWriteReason,
  options: { timeoutMs: number; errorCode?: string | undefined; cause?: unknown },
): OutcomeUnknownError {
  const { errorCode } = options;
  return new OutcomeUnknownError({
    message: `${context.subject}: ${afterWriteText[reason](options.timeoutMs)} after the request was written${errorCode === undefined ? '' : ` (${errorCode})`}`,
    ...common(context, options.cause),
    details: { reason, ...(errorCode === undefined ? {} : { errorCode }) },
  });
}

/** The reply could not be framed: tagged with the vendor, the decoder's reason kept. @internal */
export function replyFramingError(context: FailureContext, error: FramingError): FramingError {
  return new FramingError({
    message: `${context.subject}: unreadable reply frame: ${error.message}`,
    ...common(context, error),
    details: { ...error.details },
  });
}

/** Any failure of a framer's decoder as a `FramingError` (a custom framer may throw anything). @internal */
export function asFramingError(error: unknown): FramingError {
  if (error instanceof FramingError) return error;
  return new FramingError({
    message: 'the frame decoder failed',
    details: { reason: 'decoder_error' },
    cause: error,
  });
}
