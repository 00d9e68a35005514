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
  HttpMethod,
  HttpProxyOptions,
  HttpRequest,
  HttpResponse,
  HttpSendOptions,
  HttpTlsOptions,
  HttpTransport,
  HttpTransportOptions,
  SerializedBody,
} from './http/index.js';
export {
  createHttpTransport,
  DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SOCKETS,
  defaultIsUnknownOutcomeStatus,
  FORM_CONTENT_TYPE,
  formRequestBody,
  JSON_CONTENT_TYPE,
  jsonRequestBody,
  parseFormBody,
  parseJsonBody,
} from './http/index.js';
export type { NotificationProcessor, ProcessNotificationOptions } from './notifications/index.js';
export {
  createNotificationProcessor,
  DEFAULT_NOTIFICATION_TTL_MS,
  processNotification,
} from './notifications/index.js';
export type {
  InboundRequest,
  NotificationHandler,
  NotificationResult,
  RejectionReason,
  Reply,
} from './notifications/notification-types.js';
export type {
  CallEvent,
  CallEventListener,
  CallOutcome,
  EcsCallFields,
  Logger,
  LogLevel,
  RedactingLoggerOptions,
  SensitiveKind,
  SensitiveMeta,
} from './observability/index.js';
export {
  CALL_EVENT_DATASET,
  createEventLogger,
  createRedactingLogger,
  isSecretKeyName,
  maskDigits,
  maskValue,
  REDACTED,
  redact,
  redactText,
  sensitive,
  sensitiveRegistry,
  silentLogger,
  toEcsFields,
} from './observability/index.js';
export type {
  AttemptContext,
  CodeEntry,
  CodeOutcome,
  CodesTable,
  DecodedReply,
  DefineCodesOptions,
  Exchange,
  IdempotencyClass,
  OperationDeclaration,
  OperationDefinition,
  OperationRunner,
  OperationRunnerOptions,
  Resolution,
  ResolutionContext,
  RunOperation,
  Stage,
  StageInsertion,
  Transport,
} from './pipeline/index.js';
export {
  createOperationRunner,
  DEFAULT_RESOLUTION_DELAYS_MS,
  DEFAULT_STAGE_NAMES,
  defineCodes,
  defineOperation,
  fieldPath,
  insertStages,
  parseOrThrow,
  toValidationIssues,
} from './pipeline/index.js';
export type {
  BackoffOptions,
  BulkheadOptions,
  CircuitBreakerOptions,
  CircuitStateName,
  CircuitSummary,
  RetryOptions,
} from './resilience/index.js';
export {
  Bulkhead,
  CircuitBreakerRegistry,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  delay,
  executeWithRetry,
  fullJitterDelay,
  isBreakerFailure,
  isRetryableError,
} from './resilience/index.js';
export type {
  MobileChargeCancelRequest,
  MobileChargeProvider,
  MobileChargeRequest,
  MobileChargeResult,
  MobileChargeState,
} from './routing/index.js';
export type { MemoryStoreOptions, MemoryWindowStoreOptions } from './store/index.js';
export {
  DEFAULT_LOCK_MS,
  MemoryBreakerStateStore,
  MemoryIdempotencyStore,
  MemorySequenceStore,
  MemoryWindowStore,
} from './store/index.js';
export type {
  BreakerState,
  BreakerStateStore,
  ClaimResult,
  IdempotencyStore,
  SequenceStore,
  WindowStore,
} from './store/store-types.js';
