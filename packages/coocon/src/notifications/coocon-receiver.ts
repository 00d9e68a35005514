/**
 * The deposit push receiver (spec §3 inbound, §7 receiver): a TCP server that acks a telegram only after the
 * service stored or published it. Dedupe through core's `IdempotencyStore` (claim → deliver → complete → ack),
 * serial tracking with 결번요구 gap recovery, and the day-close totals comparison.
 */
import {
  ConfigError,
  type IdempotencyStore,
  type InboundRequest,
  type Logger,
  ProtocolError,
  SignatureError,
} from '@wirebridge/core';
import { createTcpServer, type TcpServer, type TcpServerConnection } from '@wirebridge/core/tcp';
import { type CooconAllowList, compileAllowList } from './allow-list.js';
import { type CooconDayTotals, type CooconEvent, isNetworkEvent } from './coocon-events.js';
import { handleInbound, type InboundSettings } from './coocon-inbound.js';
import { SerialLedger } from './serial-ledger.js';
import { type CooconSerialStore, createMemorySerialStore } from './serial-store.js';

/** Options of `client.notifications.createReceiver(options)` (spec §11). */
export interface CooconReceiverOptions {
  /** Bind address. @default '127.0.0.1' (exposing the receiver is a deliberate choice) */
  host?: string;
  /** Port; 0 = ephemeral, read it from `listen()`. The public receiver uses 3000. */
  port: number;
  /** Coocon's addresses (IPs/CIDRs) or a predicate; other peers are destroyed before reading. Required. */
  allowList: CooconAllowList;
  /** Received serials (gap detection); share one across instances. @default createMemorySerialStore() */
  serialStore?: CooconSerialStore;
  /**
   * Stores or publishes one event; the ack is written only after it resolves. Without it, iterate the receiver
   * (`for await (const delivery of receiver)`). @default none (iterator mode)
   */
  onEvent?: (event: CooconEvent) => Promise<void>;
  /** Told of a telegram already processed (acked again, not delivered). @default none */
  onDuplicate?: (event: CooconEvent) => void;
  /** Told of every refused connection or telegram and every failed gap request. @default none */
  onError?: (error: Error, context: { remoteAddress?: string }) => void;
  /** Longest wait for the handler before closing without an ack (Coocon then resends). @default 5_000 */
  ackTimeoutMs?: number;
  /** A connection silent this long is closed. @default 10_000 */
  idleTimeoutMs?: number;
  /** One telegram per connection, as Coocon sends them; false keeps reading frames. @default true */
  closeAfterReply?: boolean;
  /** Most events waiting for an iterator consumer; beyond it telegrams are closed unacked. @default 100 */
  maxPending?: number;
  /** Serial gap recovery (spec §7). */
  gap?: {
    /** @default true */
    enabled?: boolean;
    /** How long a hole may stay open before it counts as a gap (pushes travel in parallel). @default 60_000 */
    graceMs?: number;
    /** Send 결번요구 for the gap's serials. @default true */
    autoRequest?: boolean;
    /** Requests per serial before it is reported once as `gapUnresolved`. @default 3 */
    maxRequests?: number;
  };
}

/** One event handed to an iterator consumer: call `ack()` once stored, or `release()` to have Coocon resend. */
export interface CooconDelivery {
  event: CooconEvent;
  /** Completes the dedupe claim and writes the ack; resolves once the claim is completed. */
  ack(): Promise<void>;
  /** Releases the claim and closes without an ack. */
  release(): void;
}

/** Gap information. */
export interface CooconGapInfo {
  transactionDate: string;
  serials: number[];
}

/** Day-close comparison (spec §7: 0800/2400 totals against what this receiver acked). */
export interface CooconDayClosedInfo {
  transactionDate: string;
  matches: boolean;
  expected: CooconDayTotals & { lastSerial: number };
  received: CooconDayTotals;
}

/** A running (or not yet listening) deposit receiver. */
export interface CooconReceiver extends AsyncIterable<CooconDelivery> {
  /** Starts listening; resolves with the bound address. */
  listen(): Promise<{ host: string; port: number }>;
  /** Stops listening, closes connections and timers, ends iteration. Pending deliveries are released. */
  close(): Promise<void>;
  /** Serials of `transactionDate` below the highest received (or the day's lastSerial) that never arrived. */
  missingSerials(transactionDate: string): Promise<number[]>;
  /** `gap`: serials missing past the grace period; `gapUnresolved`: still missing after `maxRequests` requests. */
  on(event: 'gap' | 'gapUnresolved', listener: (info: CooconGapInfo) => void): this;
  /** `dayClosed`: the 0800/2400 totals compared with what this receiver acked (spec §7). */
  on(event: 'dayClosed', listener: (info: CooconDayClosedInfo) => void): this;
}

/** What a receiver needs from its client. @internal */
export interface ReceiverDependencies {
  readonly inbound: InboundSettings;
  readonly store: IdempotencyStore;
  readonly ttlMs: number;
  readonly lockMs: number;
  readonly requestMissing: (input: {
    transactionDate: string;
    serials: number[];
  }) => Promise<{ resendCount: number }>;
  readonly logger: Logger;
}

/** Default `ackTimeoutMs` (Modelled guess of Coocon's wait, spec §3). */
export const DEFAULT_ACK_TIMEOUT_MS = 5_000;
/** Default `gap.graceMs` (spec §7). */
export const DEFAULT_GAP_GRACE_MS = 60_000;

const reclaimPauseMs = 25;

type Settlement = 'ack' | 'release';

/** Creates a receiver (call `listen()` to start it). @internal */
export function createCooconReceiver(
  dependencies: ReceiverDependencies,
  options: CooconReceiverOptions,
): CooconReceiver {
  return new Receiver(dependencies, options);
}

class Receiver implements CooconReceiver {
  readonly #dependencies: ReceiverDependencies;
  readonly #options: CooconReceiverOptions;
  readonly #isAllowed: (address: string | undefined) => boolean;
  readonly #ackTimeoutMs: number;
  readonly #listeners = new Map<string, Array<(info: never) => void>>();
  readonly #ledger: SerialLedger;
  readonly #queue: CooconDelivery[] = [];
  readonly #waiting: Array<(result: IteratorResult<CooconDelivery>) => void> = [];
  readonly #pendingSettles = new Set<(settlement: Settlement) => void>();
  #server: TcpServer | undefined;
  #closed = false;

  constructor(dependencies: ReceiverDependencies, options: CooconReceiverOptions) {
    this.#dependencies = dependencies;
    this.#options = options;
    if (options?.allowList === undefined) {
      // An open receiver is never the default (spec §3 remote check).
      throw new ConfigError({ message: 'createReceiver: allowList is required', vendor: 'coocon' });
    }
    this.#isAllowed = compileAllowList(options.allowList, 'allowList');
    this.#ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    const gap = {
      enabled: options.gap?.enabled ?? true,
      graceMs: options.gap?.graceMs ?? DEFAULT_GAP_GRACE_MS,
      autoRequest: options.gap?.autoRequest ?? true,
      maxRequests: options.gap?.maxRequests ?? 3,
    };
    this.#ledger = new SerialLedger(options.serialStore ?? createMemorySerialStore(), gap, {
      emit: (event, info) => this.#emit(event, info),
      report: (error) => this.#report(error, undefined),
      requestMissing: (input) => dependencies.requestMissing(input),
    });
  }

  on(event: 'gap' | 'gapUnresolved' | 'dayClosed', listener: (info: never) => void): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener);
    this.#listeners.set(event, list);
    return this;
  }

  async listen(): Promise<{ host: string; port: number }> {
    if (this.#server !== undefined) return this.#server.address();
    const wire = this.#dependencies.inbound.wire;
    this.#server = await createTcpServer({
      framer: wire.framer,
      host: this.#options.host ?? '127.0.0.1',
      port: this.#options.port,
      idleTimeoutMs: this.#options.idleTimeoutMs ?? 10_000,
      closeAfterReply: this.#options.closeAfterReply ?? true,
      concurrentFrames: true,
      vendor: 'coocon',
      // spec §3 remote check: peers outside the allow-list are destroyed before any byte is read.
      acceptConnection: (peer) => this.#isAllowed(peer.address),
      onError: (error, connection) => this.#report(error, connection?.remoteAddress),
      onFrame: (payload, connection) => this.#onFrame(payload, connection),
    });
    return this.#server.address();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#ledger.close();
    for (const settle of this.#pendingSettles) settle('release');
    for (const resolve of this.#waiting.splice(0)) resolve({ done: true, value: undefined });
    await this.#server?.close();
  }

  async missingSerials(transactionDate: string): Promise<number[]> {
    return this.#ledger.missingSerials(transactionDate);
  }

  [Symbol.asyncIterator](): AsyncIterator<CooconDelivery> {
    return {
      next: () => {
        const delivery = this.#queue.shift();
        if (delivery !== undefined) return Promise.resolve({ done: false, value: delivery });
        if (this.#closed) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => this.#waiting.push(resolve));
      },
      return: async () => ({ done: true, value: undefined }),
    };
  }

  async #onFrame(payload: Buffer, connection: TcpServerConnection): Promise<Uint8Array | undefined> {
    const wire = this.#dependencies.inbound.wire;
    const request: InboundRequest = {
      rawBody: wire.framer.encode(payload),
      headers: {},
      ...(connection.remoteAddress === undefined ? {} : { remoteAddress: connection.remoteAddress }),
    };
    const result = handleInbound(this.#dependencies.inbound, request, this.#isAllowed);
    if (!result.accepted) {
      const { reason, detail } = result.rejection;
      const message = `coocon receiver: telegram refused (${reason}: ${detail})`;
      const details = { reason, detail };
      this.#report(
        reason === 'bad_signature'
          ? new SignatureError({ message, vendor: 'coocon', details })
          : new ProtocolError({ message, vendor: 'coocon', details }),
        connection.remoteAddress,
      );
      return undefined; // spec §7: close silently, as the public receiver does
    }
    const ack = Buffer.from(result.reply.body as Uint8Array).subarray(wire.prefixDigits);
    const event = result.event;
    if (isNetworkEvent(event)) {
      // spec §7 step 2: 0800 is acked at once; 2400 also triggers the gap check and the totals comparison.
      this.#deliverWithoutAck(event);
      if (event.type === 'network.close') {
        this.#ledger.closeDay(event).catch((error: unknown) => this.#report(error, undefined));
      }
      return ack;
    }
    try {
      await this.#ledger.record(event.transactionDate, event.transactionSerial);
    } catch (error) {
      this.#report(error, connection.remoteAddress);
      return undefined;
    }
    return this.#claimAndDeliver(event, ack, connection.remoteAddress);
  }

  async #claimAndDeliver(event: CooconEvent, ack: Uint8Array, remoteAddress: string | undefined) {
    const { store, ttlMs, lockMs } = this.#dependencies;
    const deadline = Date.now() + this.#ackTimeoutMs;
    let token: string;
    for (;;) {
      let claim: Awaited<ReturnType<IdempotencyStore['claim']>>;
      try {
        claim = await store.claim(event.dedupeKey, { ttlMs, lockMs });
      } catch (error) {
        this.#report(error, remoteAddress);
        return undefined; // no claim, no processing: Coocon resends
      }
      if (claim.state === 'done') {
        try {
          this.#options.onDuplicate?.(event);
        } catch {
          // A failing hook must not cost the ack.
        }
        return ack;
      }
      if (claim.state === 'claimed') {
        token = claim.token;
        break;
      }
      // A concurrent copy (this or another instance) holds the claim: wait for it, within our own deadline.
      if (Date.now() + reclaimPauseMs >= deadline || this.#closed) return undefined;
      await new Promise((resolve) => setTimeout(resolve, reclaimPauseMs));
    }
    if (event.type === 'deposit.cancelled')
      event.originalSeen = this.#ledger.hasSeenDeposit(event.originalDedupeKey);
    let markCompleted: () => void = () => {};
    const completed = new Promise<void>((resolve) => {
      markCompleted = resolve;
    });
    const settled = this.#deliver(event, completed).then(async (settlement): Promise<Settlement> => {
      // Runs even after the deadline: a late success still completes, so the resend is acked, not redelivered.
      try {
        if (settlement === 'ack') await store.complete(event.dedupeKey, token, { ttlMs });
        else await store.release(event.dedupeKey, token);
      } catch (error) {
        // The lock still expires after lockMs. After a stored event we ack anyway: asking Coocon to resend
        // would deliver it a second time (the same rule as core's processNotification).
        this.#report(error, remoteAddress);
      }
      if (settlement === 'ack') this.#ledger.countAcked(event);
      markCompleted();
      return settlement;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    const outcome = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    return outcome === 'ack' ? ack : undefined;
  }

  /** Hands an event to `onEvent` or to the iterator; resolves with how it was settled. */
  /** `completed` resolves once the claim was completed or released: what `delivery.ack()` waits for. */
  #deliver(event: CooconEvent, completed: Promise<void>): Promise<Settlement> {
    const onEvent = this.#options.onEvent;
    if (onEvent !== undefined) {
      return Promise.resolve()
        .then(() => onEvent(event))
        .then(
          () => 'ack' as const,
          (error: unknown) => {
            this.#dependencies.logger.warn(
              { dedupeKey: event.dedupeKey, error },
              'coocon receiver: onEvent failed',
            );
            return 'release' as const;
          },
        );
    }
    if (this.#queue.length >= (this.#options.maxPending ?? 100) || this.#closed)
      return Promise.resolve('release');
    return new Promise<Settlement>((resolve) => {
      let done = false;
      const settle = (settlement: Settlement) => {
        if (done) return;
        done = true;
        this.#pendingSettles.delete(settle);
        resolve(settlement);
      };
      this.#pendingSettles.add(settle);
      this.#push({
        event,
        ack: async () => {
          settle('ack');
          await completed;
        },
        release: () => settle('release'),
      });
    });
  }

  #deliverWithoutAck(event: CooconEvent): void {
    const onEvent = this.#options.onEvent;
    if (onEvent !== undefined) {
      Promise.resolve()
        .then(() => onEvent(event))
        .catch((error: unknown) => this.#report(error, undefined));
      return;
    }
    if (this.#queue.length < (this.#options.maxPending ?? 100)) {
      this.#push({ event, ack: async () => {}, release: () => {} });
    }
  }

  #push(delivery: CooconDelivery): void {
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter({ done: false, value: delivery });
    else this.#queue.push(delivery);
  }

  #emit(event: string, info: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as (value: unknown) => void)(info);
      } catch {
        // A failing listener must not stop recovery.
      }
    }
  }

  #report(error: unknown, remoteAddress: string | undefined): void {
    const onError = this.#options.onError;
    if (onError === undefined) return;
    try {
      onError(
        error instanceof Error
          ? error
          : new ProtocolError({ message: 'coocon receiver failure', vendor: 'coocon' }),
        remoteAddress === undefined ? {} : { remoteAddress },
      );
    } catch {
      // ignore
    }
  }
}
