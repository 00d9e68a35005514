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
  /** Receives a warning when `onEvent` or the store fails; the reply still tells the vendor to resend. @default silent */
  logger?: Logger;
}

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
 *    - `in_progress` (another copy is being processed right now): `failureReply`, so the vendor resends
 *      and the resend finds the event done — or processes it, if that holder failed.
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
  const { store, logger, ttlMs, lockMs } = options;
  const key = options.keyPrefix + result.dedupeKey;

  let claim: ClaimResult;
  try {
    claim = await store.claim(key, { ttlMs, lockMs });
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
  return {
    store: store as IdempotencyStore,
    keyPrefix,
    ttlMs,
    lockMs,
    logger: createRedactingLogger(options.logger ?? silentLogger),
  };
}
