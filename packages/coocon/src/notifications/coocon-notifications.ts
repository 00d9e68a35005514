/**
 * `client.notifications` (spec §7, DESIGN §12): `handle` (pure verify + parse), `process` (dedupe through the
 * client's `IdempotencyStore`, one `onEvent` per unique telegram), and `createReceiver` (the TCP server).
 */
import {
  type IdempotencyStore,
  type InboundRequest,
  type Logger,
  type NotificationResult,
  processNotification,
  type Reply,
} from '@wirebridge/core';
import { type CooconAllowList, compileAllowList } from './allow-list.js';
import { type CooconEvent, isNetworkEvent } from './coocon-events.js';
import { handleInbound, type InboundSettings } from './coocon-inbound.js';
import {
  type CooconReceiver,
  type CooconReceiverOptions,
  createCooconReceiver,
  type ReceiverDependencies,
} from './coocon-receiver.js';

/** The `notifications` resource of a `CooconClient`. */
export interface CooconNotifications {
  /**
   * Verifies and parses one frame (`rawBody` = the whole frame, prefix included; `remoteAddress` required).
   * Accepted: `reply.body` is the ack frame to write **after** the event is stored; `failureReply.body` is empty
   * (close without writing, Coocon resends). Rejected: empty `reply.body` (close silently). Pure: no dedupe.
   */
  handle(request: InboundRequest): Promise<NotificationResult<CooconEvent>>;
  /**
   * `handle()`, then claims the dedupe key, runs `onEvent` once per unique telegram across instances sharing the
   * store, and returns the reply to write: the ack (also for a copy that waited for a concurrent one to finish,
   * core's `inProgressWaitMs`, 5 s), or an empty body when `onEvent` failed or the other copy is still running.
   * 0800 telegrams (serial 0) bypass the claim.
   */
  process(request: InboundRequest, onEvent: (event: CooconEvent) => Promise<void>): Promise<Reply>;
  /** Creates the TCP receiver (call `listen()`). */
  createReceiver(options: CooconReceiverOptions): CooconReceiver;
}

/** What the notifications resource needs from its client. @internal */
export interface NotificationDependencies extends Omit<ReceiverDependencies, 'logger'> {
  readonly inbound: InboundSettings;
  readonly store: IdempotencyStore;
  readonly allowList: CooconAllowList | undefined;
  readonly logger: Logger;
}

/** @internal */
export function createCooconNotifications(dependencies: NotificationDependencies): CooconNotifications {
  const isAllowed = compileAllowList(dependencies.allowList, 'allowList');
  const handle = async (request: InboundRequest) => handleInbound(dependencies.inbound, request, isAllowed);
  return {
    handle,
    async process(request, onEvent) {
      const result = await handle(request);
      if (!result.accepted) return result.reply;
      if (isNetworkEvent(result.event)) {
        try {
          await onEvent(result.event);
          return result.reply;
        } catch {
          return result.failureReply;
        }
      }
      return processNotification({ handle: () => result }, request, onEvent, {
        store: dependencies.store,
        ttlMs: dependencies.ttlMs,
        lockMs: dependencies.lockMs,
        logger: dependencies.logger,
      });
    },
    createReceiver(options) {
      return createCooconReceiver(dependencies, options);
    },
  };
}
