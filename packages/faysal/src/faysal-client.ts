import {
  type CallOptions,
  createHttpTransport,
  createNotificationProcessor,
  createOperationRunner,
  type HttpTransport,
  type InboundRequest,
  MemoryIdempotencyStore,
  type NotificationProcessor,
  type NotificationResult,
  type OperationRunner,
  type Reply,
} from '@wirebridge/core';
import type { z } from 'zod';
import { PK_PURPOSE_CODES } from './domain/purpose-codes.js';
import { createDefaultStanSource } from './domain/rrn.js';
import { createFaysalCodeTables } from './faysal-code-tables.js';
import {
  BANK_LIST_CACHE_MS,
  DEFAULT_FAYSAL_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RESOLVE_DEADLINE_MS,
  DEFAULT_RESOLVE_DELAYS_MS,
  DEFAULT_TITLE_FETCH_TTL_MS,
  type FaysalClientOptions,
  MAX_BODY_BYTES,
  NOTIFICATION_DEDUPE_TTL_MS,
  resolveFaysalOptions,
} from './faysal-config.js';
import type {
  Credit,
  CreditReturn,
  FaysalNotificationEvent,
  PkBank,
  PoolBalance,
  TitleFetch,
  TransactionState,
} from './faysal-types.js';
import { createFaysalNotificationHandler } from './notifications/faysal-notification-handler.js';
import { createBankListOperation } from './operations/bank-list.js';
import type { FaysalOperationContext } from './operations/faysal-operation-context.js';
import { createPingOperation } from './operations/ping.js';
import { createPoolBalanceOperation } from './operations/pool-balance.js';
import { type CreditInputSchema, createCreditOperation } from './operations/remittance-credit.js';
import { createReturnOperation, type ReturnInputSchema } from './operations/remittance-return.js';
import { createTitleFetchOperation, type TitleFetchInputSchema } from './operations/title-fetch.js';
import { createInquiryOperation, type InquiryInputSchema } from './operations/transaction-inquiry.js';
import type { FaysalCodec } from './wire/faysal-codec.js';
import { createFaysalWire, type FaysalSecurity, randomRequestId } from './wire/faysal-wire.js';
import { modelledFaysalCodec } from './wire/modelled-codec.js';
import { type FaysalPayloadCipher, noEncryption } from './wire/payload-ciphers.js';
import type { FaysalRequestSigner } from './wire/rsa-signer.js';

/**
 * Faysal Bank client (spec: home-remittance credit, title fetch, inquiry, return, pool balance, bank list) over
 * signed JSON-RPC 2.0. Every call runs through core's pipeline (DESIGN §2); the wire contract is the pluggable
 * `codec` (default: the Modelled contract).
 */
export class FaysalClient {
  /** Beneficiary validation / KYC. */
  readonly accounts: {
    /** `account.titleFetch`: safe, retried. Mandatory before a RAAST/IBFT credit; same amount as the credit. */
    titleFetch(input: z.input<typeof TitleFetchInputSchema>, options?: CallOptions): Promise<TitleFetch>;
  };
  /** Money movement. */
  readonly remittances: {
    /** `remittance.credit`: keyed by `partnerReference`; a lost or pending reply runs the §2.1 resolver. */
    credit(input: z.input<typeof CreditInputSchema>, options?: CallOptions): Promise<Credit>;
    /** `remittance.return` of a FAILED/ON_HOLD credit: keyed by `returnReference`. */
    return(input: z.input<typeof ReturnInputSchema>, options?: CallOptions): Promise<CreditReturn>;
  };
  /** Status of a credit or a return. */
  readonly transactions: {
    /** `transaction.inquiry` by `partnerReference`, `returnReference`, or original `rrn`+`stan`+`txnDate`. */
    inquire(input: z.input<typeof InquiryInputSchema>, options?: CallOptions): Promise<TransactionState>;
  };
  /** The pre-funded pool account. */
  readonly pool: {
    /** `account.balance`: the pool's available balance and limits; safe, retried. */
    balance(options?: CallOptions): Promise<PoolBalance>;
  };
  /** Reference data. */
  readonly referenceData: {
    /** `reference.bankList`, cached for 24 h. */
    banks(options?: CallOptions): Promise<PkBank[]>;
    /** The PAYSYS purpose-code table (local, no call). */
    purposeCodes(): readonly { code: string; label: string }[];
  };
  /** Connectivity check. */
  readonly health: {
    /** `system.ping`: resolves with the bank's server time and the round-trip time in milliseconds. */
    ping(options?: CallOptions): Promise<{ ok: true; serverTime: Date; latencyMs: number }>;
  };
  /** Inbound `remittance.statusChanged` pushes (spec §7, DESIGN §12). */
  readonly notifications: {
    /** Verifies (IP allow-list, signature) and parses one push; no dedupe. */
    handle(request: InboundRequest): Promise<NotificationResult<FaysalNotificationEvent>>;
    /** Verifies and parses one push, calls `onEvent` once per unique event, and returns the reply to send. */
    process(
      request: InboundRequest,
      onEvent: (event: FaysalNotificationEvent) => Promise<void>,
    ): Promise<Reply>;
  };

  readonly #security: FaysalSecurity;
  readonly #runner: OperationRunner;

  /** @throws {ConfigError} naming the option when `options` are invalid. */
  constructor(options: FaysalClientOptions) {
    const { baseUrl } = resolveFaysalOptions(options);
    const codec: FaysalCodec = options.codec ?? modelledFaysalCodec;
    const clock = options.clock ?? (() => new Date());
    this.#security = { signer: options.signer, cipher: options.cipher ?? noEncryption };
    const ownsTransport = options.transport === undefined;
    const http: HttpTransport =
      options.transport ??
      createHttpTransport({
        baseUrl,
        vendor: 'faysal',
        maxSockets: 10,
        maxRequestBytes: MAX_BODY_BYTES,
        maxResponseBytes: MAX_BODY_BYTES,
        ...(options.tls === undefined ? {} : { tls: tlsOptionsOf(options.tls) }),
      });
    const { safeCodes, moneyCodes } = createFaysalCodeTables(codec, options.codeOverrides);
    const wire = createFaysalWire({
      codes: safeCodes,
      codec,
      security: this.#security,
      partnerId: options.partnerId,
      http,
      stanSource: options.stanSource ?? createDefaultStanSource(() => clock().getTime()),
      clock,
      requestId: options.requestId ?? randomRequestId,
    });
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const context: FaysalOperationContext = {
      wire,
      codec,
      safeCodes,
      moneyCodes,
      timeouts: { default: DEFAULT_FAYSAL_TIMEOUT_MS, ...options.timeouts },
      resolve: {
        delaysMs: options.resolve?.delaysMs ?? DEFAULT_RESOLVE_DELAYS_MS,
        deadlineMs: options.resolve?.deadlineMs ?? DEFAULT_RESOLVE_DEADLINE_MS,
      },
      inFlight: new Map(),
      clock,
    };
    this.#runner = createOperationRunner({
      vendor: 'faysal',
      ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
      transport: {
        send: (request, sendOptions) => wire.send(request as never, sendOptions),
        close: async () => {
          if (ownsTransport) await http.close();
        },
      },
      defaultTimeoutMs: context.timeouts.default,
      retry: { maxAttempts: maxRetries + 1 },
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    const runner = this.#runner;
    const inquiry = createInquiryOperation(context);
    const titleFetch = createTitleFetchOperation(
      context,
      options.titleFetchTtlMs ?? DEFAULT_TITLE_FETCH_TTL_MS,
    );
    const credit = createCreditOperation(context, inquiry);
    const creditReturn = createReturnOperation(context, inquiry);
    const balance = createPoolBalanceOperation(context);
    const bankList = createBankListOperation(context);
    const ping = createPingOperation(context);

    // A keyed call's bytes are kept only while the call runs: a new call with the same reference is a new
    // request that the bank answers with its stored response or 0110 (spec §2.1).
    const keyed = async <T>(key: unknown, run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } finally {
        if (typeof key === 'string') context.inFlight.delete(key);
      }
    };

    this.accounts = { titleFetch: (input, callOptions) => runner.run(titleFetch, input, callOptions) };
    this.remittances = {
      credit: (input, callOptions) =>
        keyed((input as { partnerReference?: unknown } | undefined)?.partnerReference, () =>
          runner.run(credit, input, callOptions),
        ),
      return: (input, callOptions) =>
        keyed(`return:${String((input as { returnReference?: unknown } | undefined)?.returnReference)}`, () =>
          runner.run(creditReturn, input, callOptions),
        ),
    };
    this.transactions = { inquire: (input, callOptions) => runner.run(inquiry, input, callOptions) };
    this.pool = { balance: (callOptions) => runner.run(balance, {}, callOptions) };

    let bankCache: { banks: PkBank[]; fetchedAt: number } | undefined;
    this.referenceData = {
      banks: async (callOptions) => {
        const now = clock().getTime();
        if (bankCache !== undefined && now - bankCache.fetchedAt < BANK_LIST_CACHE_MS)
          return [...bankCache.banks];
        const banks = await runner.run(bankList, {}, callOptions);
        bankCache = { banks, fetchedAt: now };
        return [...banks];
      },
      purposeCodes: () => PK_PURPOSE_CODES,
    };
    this.health = {
      ping: async (callOptions) => {
        const startedAt = performance.now();
        const { serverTime } = await runner.run(ping, {}, callOptions);
        return { ok: true, serverTime, latencyMs: Math.round(performance.now() - startedAt) };
      },
    };
    const processor: NotificationProcessor<FaysalNotificationEvent> = createNotificationProcessor(
      createFaysalNotificationHandler({
        codec,
        security: this.#security,
        ...(options.notifications?.allowedIps === undefined
          ? {}
          : { allowedIps: options.notifications.allowedIps }),
      }),
      {
        store: options.idempotencyStore ?? new MemoryIdempotencyStore(),
        ttlMs: NOTIFICATION_DEDUPE_TTL_MS,
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      },
    );
    this.notifications = {
      handle: (request) => processor.handle(request),
      process: (request, onEvent) => processor.process(request, onEvent),
    };
  }

  /** Swaps the signer for new calls (key rotation, spec §5); calls in flight keep the bytes they signed. */
  rotateSigner(signer: FaysalRequestSigner): void {
    this.#security.signer = signer;
  }

  /** Swaps the payload cipher for new calls (key rotation, spec §5). */
  rotateCipher(cipher: FaysalPayloadCipher): void {
    this.#security.cipher = cipher;
  }

  /** Releases the HTTP agent and its sockets (a transport passed in options is left open). */
  async close(): Promise<void> {
    await this.#runner.close();
  }
}

function tlsOptionsOf(tls: NonNullable<FaysalClientOptions['tls']>) {
  return {
    ...(tls.pfx === undefined ? {} : { pfx: tls.pfx }),
    ...(tls.key === undefined ? {} : { key: tls.key }),
    ...(tls.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls.passphrase === undefined ? {} : { passphrase: tls.passphrase }),
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
  };
}
