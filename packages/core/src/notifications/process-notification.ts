import { ProtocolError, ValidationError } from '../errors/families.js';
import { isWirebridgeError } from '../errors/wirebridge-error.js';
import { createRedactingLogger, type Logger, silentLogger } from '../observability/logger.js';
import { DEFAULT_LOCK_MS } from '../store/memory-idempotency-store.js';
import { requirePositive } from '../store/store-options.js';
import type { ClaimResult, IdempotencyStore } from '../store/store-types.js';
import type { InboundRequest, NotificationHandler, NotificationResult, Reply } from './notification-types.js';

/**
 * How long a processed notification is remembered, so a resend is acknowledged without being processed
 * again. Longer than any vendor's documented retry schedule. @default 7 days
 */
export const DEFAULT_NOTIFICATION_TTL_MS = 7 * 24 * 60 * 60 * 1_000;

/** Options of {@link processNotification} and {@link createNotificationProcessor}. */
export interface ProcessNotificationOptions {
  /**
   * Where claims live. Use one shared by every instance of the service (`@wirebridge/store-redis`) so two
   * copies arriving at two instances are processed once; the in-memory store dedupes within one process.
   */
  store: IdempotencyStore;
  /** Prepended to each event's dedupe key, to separate vendors or environments sharing a store. @default '' */
  keyPrefix?: string;
  /** How long a processed event is remembered. @default DEFAULT_NOTIFICATION_TTL_MS (7 days) */
  ttlMs?: number;
  /**
   * How long a claim blocks other copies of the same event; after it, a resend is processed again (the
   * holder is presumed dead). `onEvent` should finish well within it. @default DEFAULT_LOCK_MS (30 s)
   */
  lockMs?: number;
  /**
   * How long a copy that finds the same event being processed right now (a concurrent duplicate) waits for that
   * processing to finish, so it can be acknowledged too instead of asking the vendor to resend. Keep it well
   * under the vendor's reply timeout; `0` answers `failureReply` at once. @default 5_000
   */
  inProgressWaitMs?: number;
  /** How often a waiting copy looks at the claim again. @default 50 */
  inProgressPollMs?: number;
  /** Receives a warning when `onEvent` or the store fails; the reply still tells the vendor to resend. @default silent */
  logger?: Logger;
}

/** How long a concurrent copy of an event waits for the copy being processed. */
export const DEFAULT_IN_PROGRESS_WAIT_MS = 5_000;

/** What a vendor client exposes as `client.notifications` (DESIGN §12). */
export interface NotificationProcessor<E> {
  /** Verifies and parses one inbound message; pure, no dedupe. */
  handle(request: InboundRequest): Promise<NotificationResult<E>>;
  /**
   * Verifies and parses one inbound message, calls `onEvent` once per unique event across every instance
   * sharing the store, and returns the reply to send (see {@link processNotification}).
   */
  process(request: InboundRequest, onEvent: (event: E) => Promise<void> | void): Promise<Reply>;
}

interface ResolvedOptions {
  store: IdempotencyStore;
  keyPrefix: string;
  ttlMs: number;
  lockMs: number;
  inProgressWaitMs: number;
  inProgressPollMs: number;
  logger: Logger;
}

/**
 * Processes one inbound notification exactly once per unique event (DESIGN §4, §12):
 *
 * 1. `handler.handle(request)` verifies and parses it; a rejection returns its own reply and `onEvent` is
 *    not called.
 * 2. The event's `keyPrefix + dedupeKey` is claimed in the store.
 *    - `claimed`: `onEvent` runs once. On success the claim is completed and the ack (`reply`) returned. If
 *      it throws, the claim is released and `failureReply` returned, so the vendor resends and nothing is
 *      lost; the error does not escape.
 *    - `done` (processed before): the ack again, the same reply, without calling `onEvent`.
 *    - `in_progress` (another copy is being processed right now): waits up to `inProgressWaitMs` for it, then
 *      acks when it finished (both copies get the ack, `onEvent` ran once), processes the event itself when
 *      the holder gave up its claim, or answers `failureReply` when it is still running, so the vendor resends
 *      and the resend finds the event done.
 *
 * A store that fails is treated like a busy claim (`failureReply`, the vendor resends), except after
 * `onEvent` succeeded: then the ack is returned, because asking for a resend would process the event twice.
 *
 * @throws {ValidationError} naming the option when the options are malformed (before anything else).
 * @throws the handler's Wirebridge error if `handle` throws one; any other thrown value is wrapped in a
 *   {@link ProtocolError}, as is an accepted event without a dedupe key. Handlers report bad messages as
 *   rejections, so these indicate a handler bug.
 */
export async function processNotification<E>(
  handler: NotificationHandler<E>,
  request: InboundRequest,
  onEvent: (event: E) => Promise<void> | void,
  options: ProcessNotificationOptions,
): Promise<Reply> {
  return processWith(handler, request, onEvent, resolveOptions(options));
}

/**
 * Binds a handler to a store: the `notifications` object of a vendor client, with `handle` (verify and
 * parse) and `process` (verify, parse, dedupe, call back, reply).
 *
 * @throws {ValidationError} naming the option when the options are malformed.
 */
export function createNotificationProcessor<E>(
  handler: NotificationHandler<E>,
  options: ProcessNotificationOptions,
): NotificationProcessor<E> {
  const resolved = resolveOptions(options);
  return {
    handle: (request) => handleSafely(handler, request),
    process: (request, onEvent) => processWith(handler, request, onEvent, resolved),
  };
}

async function processWith<E>(
  handler: NotificationHandler<E>,
  request: InboundRequest,
  onEvent: (event: E) => Promise<void> | void,
  options: ResolvedOptions,
): Promise<Reply> {
  const result = await handleSafely(handler, request);
  if (!result.accepted) return result.reply;
  if (typeof result.dedupeKey !== 'string' || result.dedupeKey.length === 0) {
    // An empty key would make every event of this prefix a duplicate of the first: acknowledged, never
    // processed. That is a handler bug, and it must be loud rather than lose deposits.
    throw new ProtocolError({ message: 'notification handler accepted an event without a dedupe key' });
  }
  const { store, logger, ttlMs } = options;
  const key = options.keyPrefix + result.dedupeKey;

  let claim: ClaimResult;
  try {
    claim = await claimWaitingForOtherCopies(key, options);
  } catch (error) {
    logger.warn({ key, error }, 'notification: idempotency store claim failed; asking the vendor to resend');
    return result.failureReply;
  }
  if (claim?.state === 'done') return result.reply;
  // `in_progress`, or an answer a faulty store should never give: never process without a claim.
  if (claim?.state !== 'claimed') return result.failureReply;

  try {
    await onEvent(result.event);
  } catch (error) {
    logger.warn(
      { key, error },
      'notification: onEvent failed; released the claim and asking the vendor to resend',
    );
    try {
      await store.release(key, claim.token);
    } catch (releaseError) {
      // The lock still expires after lockMs, after which a resend is processed.
      logger.warn({ key, error: releaseError }, 'notification: releasing the claim failed');
    }
    return result.failureReply;
  }

  try {
    await store.complete(key, claim.token, { ttlMs });
  } catch (error) {
    logger.error(
      { key, error },
      'notification: processed but could not be marked done; a resend after the lock may repeat it',
    );
  }
  return result.reply;
}

/**
 * Claims `key`; while another copy holds it, looks again every `inProgressPollMs` until `inProgressWaitMs` has
 * passed. Returns the last answer: `done` (the other copy finished), `claimed` (it gave up), or `in_progress`.
 */
async function claimWaitingForOtherCopies(key: string, options: ResolvedOptions): Promise<ClaimResult> {
  const { store, ttlMs, lockMs, inProgressWaitMs, inProgressPollMs } = options;
  const deadline = Date.now() + inProgressWaitMs;
  for (;;) {
    const claim = await store.claim(key, { ttlMs, lockMs });
    if (claim?.state !== 'in_progress' || Date.now() + inProgressPollMs > deadline) return claim;
    await new Promise((resolve) => setTimeout(resolve, inProgressPollMs));
  }
}

async function handleSafely<E>(
  handler: NotificationHandler<E>,
  request: InboundRequest,
): Promise<NotificationResult<E>> {
  try {
    return await handler.handle(request);
  } catch (error) {
    if (isWirebridgeError(error)) throw error;
    throw new ProtocolError({
      message: 'notification handler failed to verify or parse the message',
      cause: error,
    });
  }
}

function resolveOptions(options: ProcessNotificationOptions): ResolvedOptions {
  const store = options?.store as Partial<IdempotencyStore> | undefined;
  if (
    typeof store?.claim !== 'function' ||
    typeof store.complete !== 'function' ||
    typeof store.release !== 'function'
  ) {
    throw new ValidationError({
      message: 'Invalid notification options: store',
      issues: [
        {
          path: 'store',
          message: 'must implement IdempotencyStore (claim, complete, release)',
          code: 'invalid_type',
        },
      ],
    });
  }
  const keyPrefix = options.keyPrefix ?? '';
  if (typeof keyPrefix !== 'string') {
    throw new ValidationError({
      message: 'Invalid notification options: keyPrefix',
      issues: [{ path: 'keyPrefix', message: 'must be a string', code: 'invalid_type' }],
    });
  }
  const ttlMs = options.ttlMs ?? DEFAULT_NOTIFICATION_TTL_MS;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  requirePositive(ttlMs, 'ttlMs', 'Invalid notification options');
  requirePositive(lockMs, 'lockMs', 'Invalid notification options');
  const inProgressWaitMs = options.inProgressWaitMs ?? DEFAULT_IN_PROGRESS_WAIT_MS;
  const inProgressPollMs = options.inProgressPollMs ?? 50;
  if (!Number.isFinite(inProgressWaitMs) || inProgressWaitMs < 0) {
    throw new ValidationError({
      message: 'Invalid notification options: inProgressWaitMs',
      issues: [{ path: 'inProgressWaitMs', message: 'must be zero or a positive number', code: 'too_small' }],
    });
  }
  requirePositive(inProgressPollMs, 'inProgressPollMs', 'Invalid notification options');
  return {
    store: store as IdempotencyStore,
    keyPrefix,
    ttlMs,
    lockMs,
    inProgressWaitMs,
    inProgressPollMs,
    logger: createRedactingLogger(options.logger ?? silentLogger),
  };
}
