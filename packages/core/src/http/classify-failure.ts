import { isAxiosError } from 'axios';
import {
  AbortedError,
  OutcomeUnknownError,
  ProtocolError,
  TimeoutError,
  TransportError,
} from '../errors/families.js';
import { isWirebridgeError, type WirebridgeError } from '../errors/wirebridge-error.js';
import type { DeadlineOutcome } from './attempt-deadline.js';
import type { ConnectionState } from './connection-tracker.js';

/** Everything known about a failed attempt when its error is classified. */
export interface FailedAttempt {
  /** `METHOD /path`, the only request text that may appear in a message. */
  subject: string;
  vendor?: string;
  timeoutMs: number;
  maxResponseBytes: number;
  connection: ConnectionState;
  deadline: DeadlineOutcome | undefined;
  /** The caller's signal, whose reason becomes the cause of an `AbortedError`. */
  callerSignal: AbortSignal | undefined;
}

// We refused the server's certificate: retrying reaches the same certificate (DESIGN §3: retryable false).
const serverCertificateRejections = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

// The server's TLS layer refused our client certificate with an alert. With TLS 1.3 the client finishes its side
// of the handshake (and may already have written the request) before the server checks the certificate, so the
// alert arrives after `secureConnect`. The server's TLS stack still fails the handshake before decrypting any
// application data, so the request never reached the HTTP server: this is a TransportError, not an unknown outcome
// (the loopback mTLS test observes exactly this, with the server seeing no request).
const clientCertificateAlert =
  /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_(?:BAD_CERTIFICATE|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|UNKNOWN_CA|CERTIFICATE_REQUIRED|ACCESS_DENIED)$/;
// The same alerts by number (RFC 8446 §6): when OpenSSL reports the alert during a write, Node raises a bare
// `EPROTO` whose only trace of the alert is OpenSSL's "SSL alert number N" text.
const clientCertificateAlertNumbers = new Set([42, 43, 44, 45, 46, 48, 49, 116]);

/**
 * Turns whatever axios or Node threw into one Wirebridge error, deciding "before/after the request was written"
 * (DESIGN §3) from the observed connection state, never from message text (OpenSSL's alert number aside, see
 * {@link tlsAlertNumber}). Messages carry only `METHOD /path`.
 */
export function classifyFailure(error: unknown, attempt: FailedAttempt): WirebridgeError {
  if (isWirebridgeError(error)) return error;
  const { subject, connection } = attempt;
  const vendor = attempt.vendor === undefined ? {} : { vendor: attempt.vendor };
  const common = { ...vendor, cause: underlyingCause(error) };
  const errorCode = nodeErrorCode(error);
  const codeDetail = errorCode === undefined ? {} : { errorCode };

  // Our own deadline or the caller's signal ended the attempt: the connection state at that instant decides.
  if (attempt.deadline !== undefined) return deadlineFailure(attempt, attempt.deadline, vendor, common);

  if (connection.responseBytes > attempt.maxResponseBytes) {
    return new ProtocolError({
      message: `${subject}: response body over the limit of ${attempt.maxResponseBytes} bytes`,
      ...common,
      retryable: false,
      details: { reason: 'response_too_large', limitBytes: attempt.maxResponseBytes },
    });
  }
  const tlsRejection = certificateRejection(error, errorCode);
  if (tlsRejection !== undefined) {
    const whose =
      tlsRejection === 'tls_certificate_rejected'
        ? 'the server certificate was rejected'
        : 'the server rejected the client certificate';
    return new TransportError({
      message: `${subject}: ${whose}${errorCode === undefined ? '' : ` (${errorCode})`}; the request was not processed`,
      ...common,
      retryable: false,
      details: { reason: tlsRejection, ...codeDetail },
    });
  }
  if (connection.connected && errorCode?.startsWith('HPE_')) {
    // Node's HTTP parser could not read the reply: the server received the request and answered with garbage.
    return new ProtocolError({
      message: `${subject}: malformed HTTP response (${errorCode})`,
      ...common,
      retryable: false,
      details: { reason: 'malformed_response', ...codeDetail },
    });
  }
  if (!connection.connected) {
    const reason = connectFailureReason(errorCode, tlsAlertNumber(error));
    return new TransportError({
      message: `${subject}: ${connectFailureText[reason]}${errorCode === undefined ? '' : ` (${errorCode})`}; nothing was sent`,
      ...common,
      details: { reason, ...codeDetail },
    });
  }
  return new OutcomeUnknownError({
    message: `${subject}: the connection failed after the request may have been sent${errorCode === undefined ? '' : ` (${errorCode})`}`,
    ...common,
    details: { reason: 'reset', socketReused: connection.reusedSocket, ...codeDetail },
  });
}

function deadlineFailure(
  attempt: FailedAttempt,
  deadline: DeadlineOutcome,
  vendor: { vendor?: string },
  common: { vendor?: string; cause: unknown },
): WirebridgeError {
  const { subject, timeoutMs } = attempt;
  if (deadline.connectedWhenFired) {
    const timedOut = deadline.firedBy === 'timeout';
    return new OutcomeUnknownError({
      message: `${subject}: ${timedOut ? `no complete response within ${timeoutMs} ms` : 'aborted by the caller'} after the request may have been sent`,
      ...common,
      details: { reason: timedOut ? 'timeout' : 'aborted', socketReused: attempt.connection.reusedSocket },
    });
  }
  if (deadline.firedBy === 'timeout') {
    return new TimeoutError({
      message: `${subject}: connection not established within ${timeoutMs} ms; nothing was sent`,
      ...common,
      timeoutMs,
    });
  }
  return new AbortedError({
    message: `${subject}: aborted by the caller before the connection was established; nothing was sent`,
    ...vendor,
    cause: attempt.callerSignal?.reason,
  });
}

/** Which side refused a certificate, when that is what failed. */
function certificateRejection(
  error: unknown,
  errorCode: string | undefined,
): 'tls_certificate_rejected' | 'tls_client_certificate_rejected' | undefined {
  if (errorCode !== undefined && serverCertificateRejections.has(errorCode))
    return 'tls_certificate_rejected';
  if (errorCode !== undefined && clientCertificateAlert.test(errorCode))
    return 'tls_client_certificate_rejected';
  const alert = tlsAlertNumber(error);
  if (alert !== undefined && clientCertificateAlertNumbers.has(alert))
    return 'tls_client_certificate_rejected';
  return undefined;
}

/**
 * The Node error behind an AxiosError. The AxiosError itself never leaves the transport: it holds the request
 * config (headers with credentials, the body), which must not reach logs through `error.cause`.
 */
function underlyingCause(error: unknown): unknown {
  if (!isAxiosError(error)) return error;
  if (error.cause instanceof Error) return error.cause;
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}

/** The Node error code behind an AxiosError (axios keeps the original error as `cause`), else the error's own. */
function nodeErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  for (const candidate of [cause, error]) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string' && code !== '') return code;
  }
  return undefined;
}

/** The TLS alert the peer sent, from OpenSSL's error text (Node exposes it nowhere else for `EPROTO`). */
function tlsAlertNumber(error: unknown): number | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  for (const candidate of [cause, error]) {
    const message = candidate instanceof Error ? candidate.message : undefined;
    const match = message === undefined ? null : /SSL alert number (\d+)/.exec(message);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return undefined;
}

type ConnectFailureReason = 'connection_refused' | 'dns' | 'tls_handshake' | 'reset' | 'network';

const connectFailureText: Record<ConnectFailureReason, string> = {
  connection_refused: 'connection refused',
  dns: 'host name not resolved',
  tls_handshake: 'TLS handshake failed',
  reset: 'connection closed before it was established',
  network: 'connection failed',
};

function connectFailureReason(
  errorCode: string | undefined,
  alert: number | undefined,
): ConnectFailureReason {
  if (errorCode === 'ECONNREFUSED') return 'connection_refused';
  if (errorCode === 'ENOTFOUND' || errorCode === 'EAI_AGAIN') return 'dns';
  if (alert !== undefined || errorCode === 'EPROTO') return 'tls_handshake';
  if (errorCode?.startsWith('ERR_SSL_') || errorCode?.startsWith('ERR_TLS_')) return 'tls_handshake';
  if (errorCode === 'ECONNRESET' || errorCode === 'EPIPE') return 'reset';
  return 'network';
}
