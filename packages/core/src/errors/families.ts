import { registerFamily, WirebridgeError, type WirebridgeErrorOptions } from './wirebridge-error.js';

/** One problem found in input or configuration, with the dotted path of the offending field. */
export interface ValidationIssue {
  /** Dotted field path, e.g. `payer.accountNumber` or `items.0.amount`. Empty for the whole value. */
  path: string;
  /** What is wrong, without echoing the value. */
  message: string;
  /** Machine-readable issue code (zod's issue code where it came from zod). */
  code: string;
}

/** Bad input or configuration, detected before any byte was sent. Never retryable. */
export class ValidationError extends WirebridgeError {
  /** Every issue found, each naming its field. */
  readonly issues: readonly ValidationIssue[];
  constructor(options: Omit<WirebridgeErrorOptions, 'retryable'> & { issues: readonly ValidationIssue[] }) {
    super('VALIDATION', { ...options, retryable: false });
    this.issues = options.issues;
  }
}
registerFamily(ValidationError, 'ValidationError');

/** Bad client options (missing key, unreadable certificate, wrong password), raised at construction. */
export class ConfigError extends WirebridgeError {
  constructor(options: Omit<WirebridgeErrorOptions, 'retryable'>) {
    super('CONFIG', { ...options, retryable: false });
  }
}
registerFamily(ConfigError, 'ConfigError');

/**
 * Nothing can have reached the vendor: connect refused, DNS, TLS handshake, or a reset before the
 * request was written. Retryable by default; a rejected client certificate is `retryable: false`.
 */
export class TransportError extends WirebridgeError {
  constructor(options: WirebridgeErrorOptions) {
    super('TRANSPORT', options, true);
  }
}
registerFamily(TransportError, 'TransportError');

/** The deadline passed before any byte of the request was written. Retryable by default. */
export class TimeoutError extends WirebridgeError {
  /** The deadline that passed, in milliseconds. */
  readonly timeoutMs: number;
  constructor(options: WirebridgeErrorOptions & { timeoutMs: number }) {
    super('TIMEOUT', options, true);
    this.timeoutMs = options.timeoutMs;
  }
}
registerFamily(TimeoutError, 'TimeoutError');

/** One step taken to learn the fate of a call whose outcome was unknown. */
export interface ResolutionAttempt {
  /** `resolve` for a status inquiry, `compensate` for a cancel/reversal. */
  kind: 'resolve' | 'compensate';
  /** What the step concluded. */
  result: 'pending' | 'inconclusive' | 'error';
  /** Error code of the step, when it failed. */
  errorCode?: string;
  /** Milliseconds since the epoch when the step ended. */
  at: number;
}

/**
 * The request may have been processed by the vendor and the SDK could not tell. Never retried:
 * the caller must reconcile by `reference` (status inquiry, reconciliation file, vendor support).
 */
export class OutcomeUnknownError extends WirebridgeError {
  /** The vendor-recognised reference of the request (order id, reference number). */
  readonly reference?: string;
  /** What the SDK tried to learn the outcome, in order. */
  readonly attempts: readonly ResolutionAttempt[];
  constructor(
    options: Omit<WirebridgeErrorOptions, 'retryable'> & {
      reference?: string;
      attempts?: readonly ResolutionAttempt[];
    },
  ) {
    super('OUTCOME_UNKNOWN', { ...options, retryable: false });
    if (options.reference !== undefined) this.reference = options.reference;
    this.attempts = options.attempts ?? [];
  }
}
registerFamily(OutcomeUnknownError, 'OutcomeUnknownError');

/** A malformed response: wrong length, unparseable, schema mismatch. Not retryable unless stated. */
export class ProtocolError extends WirebridgeError {
  constructor(
    options: WirebridgeErrorOptions,
    code: 'PROTOCOL' | 'SIGNATURE' | 'FRAMING' | 'CRYPTO' | 'SOAP_FAULT' | 'JSON_RPC' = 'PROTOCOL',
  ) {
    super(code, options, false);
  }
}
registerFamily(ProtocolError, 'ProtocolError');

/** A MAC or signature did not verify. Never retryable. */
export class SignatureError extends ProtocolError {
  constructor(options: Omit<WirebridgeErrorOptions, 'retryable'>) {
    super({ ...options, retryable: false }, 'SIGNATURE');
  }
}
registerFamily(SignatureError, 'SignatureError');

/** A TCP frame, length prefix or record could not be read. */
export class FramingError extends ProtocolError {
  constructor(options: WirebridgeErrorOptions) {
    super(options, 'FRAMING');
  }
}
registerFamily(FramingError, 'FramingError');

/** Decryption, padding or key-shape failure on received data. */
export class CryptoError extends ProtocolError {
  constructor(options: WirebridgeErrorOptions) {
    super(options, 'CRYPTO');
  }
}
registerFamily(CryptoError, 'CryptoError');

/** A SOAP fault returned by the peer. */
export class SoapFaultError extends ProtocolError {
  /** The fault's `faultcode` text. */
  readonly faultCode: string;
  /** The fault's `faultstring` text (vendor wording, never echoed input). */
  readonly faultString: string;
  constructor(options: WirebridgeErrorOptions & { faultCode: string; faultString: string }) {
    super(options, 'SOAP_FAULT');
    this.faultCode = options.faultCode;
    this.faultString = options.faultString;
  }
}
registerFamily(SoapFaultError, 'SoapFaultError');

/** A JSON-RPC error object returned by the peer. */
export class JsonRpcError extends ProtocolError {
  /** The error object's numeric `code`. */
  readonly rpcCode: number;
  constructor(options: WirebridgeErrorOptions & { rpcCode: number }) {
    super(options, 'JSON_RPC');
    this.rpcCode = options.rpcCode;
  }
}
registerFamily(JsonRpcError, 'JsonRpcError');

/** How a vendor's non-success answer is classified (DESIGN §3). */
export type VendorErrorCategory =
  | 'declined'
  | 'invalid_request'
  | 'duplicate'
  | 'authentication'
  | 'insufficient_funds'
  | 'not_found'
  | 'limit_exceeded'
  | 'unavailable'
  | 'pending'
  | 'unknown';

/** Options of a {@link VendorError}. */
export interface VendorErrorOptions extends Omit<WirebridgeErrorOptions, 'message'> {
  /** Overrides the generated message (`"<vendor> rejected <operation>: <category> (<vendorCode>)"`). */
  message?: string;
  category: VendorErrorCategory;
  /** The vendor's own result code, verbatim. */
  vendorCode: string;
  /** The vendor's own message, verbatim (vendors do not echo card numbers in these). */
  vendorMessage?: string;
}

/** The vendor answered with a non-success code. Each vendor package subclasses it (`KiccError`). */
export class VendorError extends WirebridgeError {
  readonly category: VendorErrorCategory;
  readonly vendorCode: string;
  readonly vendorMessage?: string;
  constructor(options: VendorErrorOptions) {
    const subject = options.operation ?? 'the request';
    super('VENDOR', {
      ...options,
      message:
        options.message ??
        `${options.vendor ?? 'vendor'} rejected ${subject}: ${options.category} (${options.vendorCode})`,
    });
    this.category = options.category;
    this.vendorCode = options.vendorCode;
    if (options.vendorMessage !== undefined) this.vendorMessage = options.vendorMessage;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      category: this.category,
      vendorCode: this.vendorCode,
      vendorMessage: this.vendorMessage,
    };
  }
}
registerFamily(VendorError, 'VendorError');

/** The named circuit is open; the call failed fast without I/O. */
export class CircuitOpenError extends WirebridgeError {
  /** Name of the open circuit, e.g. `kicc` or `coocon:jeonbuk`. */
  readonly circuit: string;
  constructor(options: Omit<WirebridgeErrorOptions, 'message'> & { circuit: string; message?: string }) {
    super(
      'CIRCUIT_OPEN',
      {
        ...options,
        message: options.message ?? `circuit ${options.circuit} is open; the call was not sent`,
      },
      true,
    );
    this.circuit = options.circuit;
  }
}
registerFamily(CircuitOpenError, 'CircuitOpenError');

/** The concurrency limit and its queue are full; the call failed fast without I/O. */
export class BulkheadRejectedError extends WirebridgeError {
  constructor(options: WirebridgeErrorOptions) {
    super('BULKHEAD_REJECTED', options, true);
  }
}
registerFamily(BulkheadRejectedError, 'BulkheadRejectedError');

/** A client-side rate limit refused the call without I/O. */
export class RateLimitedError extends WirebridgeError {
  /** Milliseconds after which a new attempt may pass, when known. */
  readonly retryAfterMs?: number;
  constructor(options: WirebridgeErrorOptions & { retryAfterMs?: number }) {
    super('RATE_LIMITED', options, true);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
registerFamily(RateLimitedError, 'RateLimitedError');

/**
 * The caller's `AbortSignal` fired. If it fired after the request was written the pipeline reports
 * {@link OutcomeUnknownError} instead, because the vendor may already have acted.
 */
export class AbortedError extends WirebridgeError {
  constructor(options: WirebridgeErrorOptions) {
    super('ABORTED', options, false);
  }
}
registerFamily(AbortedError, 'AbortedError');
