import { createRedactingLogger, type Logger } from './logger.js';

/** How one attempt ended: ECS `event.outcome` values. `unknown`: the vendor may or may not have acted. */
export type CallOutcome = 'success' | 'failure' | 'unknown';

/** One attempt of one operation (DESIGN §2 step 9, §7): emitted once per attempt, retries included. */
export interface CallEvent {
  /** Vendor package, e.g. `kicc`. */
  vendor: string;
  /** Fully qualified operation name, e.g. `kicc.virtualAccounts.issue`. */
  operation: string;
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number;
  /** Wall time of the attempt in milliseconds (may be fractional). */
  durationMs: number;
  outcome: CallOutcome;
  /** The error code (`TIMEOUT`, `TRANSPORT`…) or the vendor's result code, when there is one. */
  code?: string;
  /** The vendor-recognised reference of the call, so support can find it at the vendor. */
  idempotencyKey?: string;
  /** Milliseconds since the epoch when the attempt started. */
  timestamp: number;
  /**
   * `true` when the attempt's reply was lost and its outcome was settled afterwards by the operation's resolver or
   * compensation (DESIGN §4): the outcome is what resolution found, and the duration includes it.
   */
  resolved?: true;
}

/** Receives every {@link CallEvent}: logging, metrics, router statistics. Must not throw. */
export type CallEventListener = (event: CallEvent) => void;

/** `event.dataset` of every call event, so a pipeline can route them as one stream. */
export const CALL_EVENT_DATASET = 'wirebridge.call';

/**
 * A {@link CallEvent} under Elastic Common Schema field names, ready for an ECS ingest pipeline as is
 * (DESIGN §7). Field names are dotted keys, which ECS ingest expands into objects.
 */
export interface EcsCallFields {
  /** ISO 8601 start of the attempt. */
  '@timestamp': string;
  'event.dataset': typeof CALL_EVENT_DATASET;
  /** Duration in nanoseconds, an integer (ECS `event.duration`). */
  'event.duration': number;
  'event.outcome': CallOutcome;
  /** Present only when the event has a code. */
  'error.code'?: string;
  'labels.vendor': string;
  'labels.operation': string;
  'labels.attempt': number;
  /** Present only when the call had an idempotency key. */
  'labels.idempotency_key'?: string;
  /** Present only when the outcome was settled by resolution after a lost reply. */
  'labels.resolved'?: true;
}

const nanosecondsPerMillisecond = 1_000_000;

/** Maps an event to its ECS fields. Never throws, even on a malformed timestamp or duration. */
export function toEcsFields(event: CallEvent): EcsCallFields {
  const durationMs = Number.isFinite(event.durationMs) && event.durationMs > 0 ? event.durationMs : 0;
  const fields: EcsCallFields = {
    '@timestamp': isoTimestamp(event.timestamp),
    'event.dataset': CALL_EVENT_DATASET,
    'event.duration': Math.round(durationMs * nanosecondsPerMillisecond),
    'event.outcome': event.outcome,
    'labels.vendor': event.vendor,
    'labels.operation': event.operation,
    'labels.attempt': event.attempt,
  };
  if (event.code !== undefined) fields['error.code'] = event.code;
  if (event.idempotencyKey !== undefined) fields['labels.idempotency_key'] = event.idempotencyKey;
  if (event.resolved === true) fields['labels.resolved'] = true;
  return fields;
}

/**
 * A listener that writes each event to `logger` with its ECS fields: `info` for a success, `warn` for a
 * failure or an unknown outcome. Events go through the redactor like every other log line (DESIGN §7).
 */
export function createEventLogger(logger: Logger): CallEventListener {
  const redactingLogger = createRedactingLogger(logger);
  return (event) => {
    const fields = toEcsFields(event);
    const code = event.code === undefined ? '' : ` (${event.code})`;
    const message = `${event.operation} attempt ${event.attempt}: ${event.outcome}${code}`;
    if (event.outcome === 'success') redactingLogger.info(fields, message);
    else redactingLogger.warn(fields, message);
  };
}

function isoTimestamp(epochMs: number): string {
  // toISOString throws on an invalid or out-of-range date; an event must still be logged, so fall back to now.
  const date = new Date(epochMs);
  return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString();
}
