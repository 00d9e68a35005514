// @wirebridge/core — explicit public API (DESIGN §11: no `export *`).
export type { CallOptions, Money } from './call-options.js';
export type {
  ResolutionAttempt,
  ValidationIssue,
  VendorErrorCategory,
  VendorErrorOptions,
  WirebridgeErrorCode,
  WirebridgeErrorOptions,
} from './errors/index.js';
export {
  AbortedError,
  BulkheadRejectedError,
  CircuitOpenError,
  ConfigError,
  CryptoError,
  FramingError,
  isWirebridgeError,
  JsonRpcError,
  OutcomeUnknownError,
  ProtocolError,
  RateLimitedError,
  registerFamily,
  SignatureError,
  SoapFaultError,
  TimeoutError,
  TransportError,
  ValidationError,
  VendorError,
  WirebridgeError,
} from './errors/index.js';
export type {
  InboundRequest,
  NotificationHandler,
  NotificationResult,
  RejectionReason,
  Reply,
} from './notifications/notification-types.js';
export type {
  BreakerState,
  BreakerStateStore,
  ClaimResult,
  IdempotencyStore,
  SequenceStore,
  WindowStore,
} from './store/store-types.js';
