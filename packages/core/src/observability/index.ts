// Observability: logger interface, redaction, call events with ECS field names (DESIGN §7).
export type { CallEvent, CallEventListener, CallOutcome, EcsCallFields } from './call-event.js';
export { CALL_EVENT_DATASET, createEventLogger, toEcsFields } from './call-event.js';
export type { Logger, LogLevel, RedactingLoggerOptions } from './logger.js';
export { createRedactingLogger, silentLogger } from './logger.js';
export type { SensitiveKind, SensitiveMeta } from './redaction.js';
export {
  CIRCULAR,
  isSecretKeyName,
  MAX_REDACTION_DEPTH,
  maskCardNumbers,
  maskDigits,
  maskName,
  maskValue,
  numberKindOfKeyName,
  passesLuhn,
  REDACTED,
  redact,
  redactSecrets,
  redactText,
  sensitive,
  sensitiveKindOf,
  sensitiveRegistry,
  TRUNCATED,
  UNREADABLE,
} from './redaction.js';
