/**
 * `UnionPayClient`: options → resources → operations (spec §2, §11). Every gateway call runs through core's
 * pipeline; this class only wires state (signer, encryption certificate) and composes local flows.
 */
import { createPrivateKey, type X509Certificate } from 'node:crypto';
import {
  type CallOptions,
  ConfigError,
  createHttpTransport,
  createNotificationProcessor,
  createOperationRunner,
  delay,
  type HttpResponse,
  type HttpTransport,
  type InboundRequest,
  MemoryIdempotencyStore,
  type NotificationProcessor,
  type NotificationResult,
  type OperationDefinition,
  type OperationRunner,
  OutcomeUnknownError,
  type Reply,
  type Transport,
  ValidationError,
} from '@wirebridge/core';
import { checkCertificateChain } from '@wirebridge/core/crypto';
import type { z } from 'zod';
import { createUnionPayNotificationHandler } from './notifications/unionpay-notifications.js';
import { createFrontForm, type FrontPaymentInput } from './operations/create-front-form.js';
import { defineCreatePayout } from './operations/create-payout.js';
import {
  defineDownloadSettlementFile,
  type SettlementArchive,
} from './operations/download-settlement-file.js';
import { defineLookupCard } from './operations/lookup-card.js';
import { resolutionOf } from './operations/operation-support.js';
import { defineQueryTransaction } from './operations/query-transaction.js';
import { defineRefreshEncryptionCertificate } from './operations/refresh-encryption-certificate.js';
import { defineReversePayment } from './operations/reverse-payment.js';
import { defineVerifyCard } from './operations/verify-card.js';
import {
  type ResolvedUnionPayConfig,
  resolveSigner,
  resolveUnionPayConfig,
  type SigningCredentials,
  type UnionPayClientOptions,
} from './unionpay-config.js';
import { UnionPayError } from './unionpay-error.js';
import type {
  FrontForm,
  MoneyCallOptions,
  MoneyResult,
  OrderRef,
  UnionPayNotificationEvent,
  UnionPayTransaction,
} from './unionpay-types.js';
import { zmRecordsToCsv } from './wire/files/zm-csv.js';
import type { ZmRecord } from './wire/files/zm-layout.js';
import type { FileLineError, ZmeRecord } from './wire/files/zm-parser.js';
import { parseZmeFile, parseZmFile } from './wire/files/zm-parser.js';
import { decryptSensitive } from './wire/sensitive.js';
import type { ResolvedSigner } from './wire/signature.js';
import { certificateIdOf, toCertificate } from './wire/signature.js';
import { formatTxnTime } from './wire/time.js';
import { endpointPaths, type UnionPayWireContext, type UnionPayWireRequest } from './wire/unionpay-codec.js';

/** Input of void and refund (spec §11). */
export interface VoidInput {
  orderId: string;
  /** @default the client clock at the call */
  orderTime?: Date;
  originalQueryId: string;
  amount: number;
  currency: 'CNY';
  passthrough?: string;
}
/** Input of refund: the same shape as a void (spec §11). */
export type RefundInput = VoidInput;
/** Input of `payouts.create` (spec §11). */
export interface PayoutInput {
  orderId: string;
  orderTime?: Date;
  amount: number;
  currency: 'CNY';
  pan: string;
  holder: { name?: string; idType?: '01' | string; idNumber?: string };
  memo?: string;
  passthrough?: string;
}
/** Input of `cards.verify` (spec §11). */
export interface CardVerifyInput {
  orderId: string;
  orderTime?: Date;
  pan: string;
  holder: { name: string; idType: string; idNumber: string; phone?: string; cvn2?: string; expiry?: string };
}
/** Result of `settlement.fetchDaily` (spec §8.6). */
export interface DailySettlement {
  archive: SettlementArchive;
  zm: ZmRecord[];
  zme: ZmeRecord[];
  csv: string;
  errors: FileLineError[];
  totals: { count: number; amount: number; merchantFee: number; settlementAmount: number };
}

const GATEWAY_MAX_RESPONSE_BYTES = 64 * 1024;
const FILE_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** The UnionPay ACP 5.1.0 gateway client (spec §11). */
export class UnionPayClient {
  /** Card payments: front form, query, void, refund. */
  readonly payments: {
    /** Signs a front consume 01/01 and returns the fields and an auto-submitting HTML form; nothing is sent. */
    createFrontForm(input: FrontPaymentInput): FrontForm;
    /** Queries a payment by `orderId` + `orderTime` (00/00, safe); `34` is pending under 24 h, else not found. */
    query(reference: OrderRef, options?: CallOptions): Promise<UnionPayTransaction>;
    /** Voids a payment (31/00, keyed); a lost or pending reply is resolved with `payments.query` (spec §2). */
    void(input: VoidInput, options?: MoneyCallOptions): Promise<MoneyResult>;
    /** Refunds a payment (04/00, keyed); a lost or pending reply is resolved with `payments.query` (spec §2). */
    refund(input: RefundInput, options?: MoneyCallOptions): Promise<MoneyResult>;
  };
  /** Payouts 代付 to UnionPay cards. */
  readonly payouts: {
    /** Pays out to a card (12/00, keyed); sync `00` means accepted only, pending or lost replies run the query. */
    create(input: PayoutInput, options?: MoneyCallOptions): Promise<MoneyResult>;
    /** Queries a payout by `orderId` + `orderTime` (00/00, safe). */
    query(reference: OrderRef, options?: CallOptions): Promise<UnionPayTransaction>;
  };
  /** Card verification and card information. */
  readonly cards: {
    /** Real-name verification (72/01, keyed); a mismatch throws `UnionPayError` (`declined`). */
    verify(
      input: CardVerifyInput,
      options?: CallOptions,
    ): Promise<{ orderId: string; orderTime: Date; verified: true; vendorCode: string }>;
    /** Card information query (70/03, safe); the Modelled response fields are passed through raw. */
    lookup(
      input: { pan: string; orderId?: string },
      options?: CallOptions,
    ): Promise<{ issuerCode?: string; attributes: Readonly<Record<string, string>> }>;
  };
  /** UnionPay's encryption certificate (spec §5.7). */
  readonly encryptionCertificate: {
    /**
     * Fetches UnionPay's current encryption certificate (95/00); a new one is checked against the trust chain, then
     * swapped in and reported to `onEncryptionCertificateChange`. @throws ConfigError when it does not chain.
     */
    refresh(
      options?: CallOptions,
    ): Promise<{ changed: boolean; certificateId: string; certificatePem: string }>;
  };
  /** The daily reconciliation file (spec §8). */
  readonly settlement: {
    /** Downloads, verifies and unpacks the day's archive (76/01, safe); `98` means no file (`not_found`). */
    downloadFile(input: { settlementDate: Date | string }, options?: CallOptions): Promise<SettlementArchive>;
    /**
     * Downloads the day's archive and parses its ZM/ZME files with totals. `strict` (default `true`) throws
     * `FileFormatError` on a bad line; `false` collects it in `errors`.
     */
    fetchDaily(
      input: { settlementDate: Date | string; strict?: boolean },
      options?: CallOptions,
    ): Promise<DailySettlement>;
  };
  /** Back notifications (spec §7, DESIGN §12). */
  readonly notifications: {
    /** Verifies the signature and parses one back notification; no dedupe. */
    handle(request: InboundRequest): Promise<NotificationResult<UnionPayNotificationEvent>>;
    /** Verifies and parses a notification, calls `onEvent` once per unique event (24 h dedupe), returns the reply. */
    process(
      request: InboundRequest,
      onEvent: (event: UnionPayNotificationEvent) => Promise<void>,
    ): Promise<Reply>;
  };

  readonly #config: ResolvedUnionPayConfig;
  readonly #runner: OperationRunner;
  readonly #gateway: HttpTransport;
  readonly #file: HttpTransport;
  #signer: ResolvedSigner;
  #encryptionCertificate: X509Certificate | undefined;
  readonly #operations;
  readonly #onEncryptionCertificateChange: UnionPayClientOptions['onEncryptionCertificateChange'];

  constructor(options: UnionPayClientOptions) {
    const config = resolveUnionPayConfig(options);
    this.#config = config;
    this.#onEncryptionCertificateChange = options.onEncryptionCertificateChange;
    this.#signer =
      config.signMethod === '11'
        ? { signMethod: '11', secureKey: config.secureKey ?? '' }
        : (config.signer as ResolvedSigner);
    this.#encryptionCertificate = config.encryptionCertificate;
    const wire: UnionPayWireContext = {
      merchantId: config.merchantId,
      encoding: config.encoding,
      signMethod: config.signMethod,
      signer: () => this.#signer,
      encryptionCertificate: () => this.#encryptionCertificate,
      trust: config.trust,
      validateCnName: config.validateCnName,
      secureKey: config.secureKey,
      timeZoneOffsetMinutes: config.timeZoneOffsetMinutes,
      clock: config.clock,
      backUrl: config.backUrl,
      frontUrl: config.frontUrl,
      channelType: config.channelType,
      passthroughMode: config.passthroughMode,
      resolverDelaysMs: config.resolverDelaysMs,
      paths: endpointPaths(config.urls),
    };
    // Any status but 200 is no answer (spec §3): for keyed calls that is an unknown outcome, resolved by query.
    const notAnAnswer = (status: number) => status !== 200;
    this.#gateway =
      options.transport ??
      createHttpTransport({
        baseUrl: new URL(config.urls.gatewayBaseUrl).origin,
        vendor: 'unionpay',
        maxSockets: 16,
        maxResponseBytes: GATEWAY_MAX_RESPONSE_BYTES,
        isUnknownOutcomeStatus: notAnAnswer,
      });
    this.#file = createHttpTransport({
      baseUrl: new URL(config.urls.fileDownloadUrl).origin,
      vendor: 'unionpay',
      maxSockets: 4,
      maxResponseBytes: FILE_MAX_RESPONSE_BYTES,
      isUnknownOutcomeStatus: notAnAnswer,
    });
    const transport: Transport<UnionPayWireRequest, HttpResponse> = {
      send: (request, sendOptions) =>
        (request.endpoint === 'file' ? this.#file : this.#gateway).send(request.http, sendOptions),
      close: async () => {
        await Promise.all([this.#gateway.close(), this.#file.close()]);
      },
    };
    this.#runner = createOperationRunner({
      vendor: 'unionpay',
      transport: transport as Transport,
      defaultTimeoutMs: config.defaultTimeoutMs,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
    });

    const paymentsQuery = defineQueryTransaction(wire, 'payments');
    const payoutsQuery = defineQueryTransaction(wire, 'payouts');
    this.#operations = {
      paymentsQuery,
      payoutsQuery,
      void: defineReversePayment(wire, 'void', paymentsQuery as unknown as OperationDefinition),
      refund: defineReversePayment(wire, 'refund', paymentsQuery as unknown as OperationDefinition),
      payout: defineCreatePayout(wire, payoutsQuery as unknown as OperationDefinition),
      verify: defineVerifyCard(wire, payoutsQuery as unknown as OperationDefinition),
      lookup: defineLookupCard(wire),
      refreshCertificate: defineRefreshEncryptionCertificate(wire),
      download: defineDownloadSettlementFile(wire, {
        fileNotFoundCodes: config.fileNotFoundResponseCodes,
        timeoutMs: config.fileDownloadTimeoutMs,
      }),
    };
    const operations = this.#operations;

    this.payments = {
      createFrontForm: (input) => createFrontForm(wire, config.urls.gatewayBaseUrl, input),
      query: (reference, callOptions) => this.#runner.run(operations.paymentsQuery, reference, callOptions),
      void: (input, callOptions) =>
        this.#money(operations.void, operations.paymentsQuery, input, callOptions),
      refund: (input, callOptions) =>
        this.#money(operations.refund, operations.paymentsQuery, input, callOptions),
    };
    this.payouts = {
      create: (input, callOptions) =>
        this.#money(operations.payout, operations.payoutsQuery, input, callOptions),
      query: (reference, callOptions) => this.#runner.run(operations.payoutsQuery, reference, callOptions),
    };
    this.cards = {
      verify: (input, callOptions) => {
        const withTime = { ...input, orderTime: input.orderTime ?? config.clock() };
        return this.#withOrderReference(withTime, () =>
          this.#runner.run(operations.verify, withTime, callOptions),
        );
      },
      lookup: (input, callOptions) => this.#runner.run(operations.lookup, input, callOptions),
    };
    this.encryptionCertificate = {
      refresh: (callOptions) => this.#refreshEncryptionCertificate(callOptions),
    };
    this.settlement = {
      downloadFile: (input, callOptions) => this.#runner.run(operations.download, input, callOptions),
      fetchDaily: (input, callOptions) => this.#fetchDaily(input, callOptions),
    };
    const processor: NotificationProcessor<UnionPayNotificationEvent> = createNotificationProcessor(
      createUnionPayNotificationHandler({
        merchantId: config.merchantId,
        trust: config.trust,
        validateCnName: config.validateCnName,
        secureKey: config.secureKey,
        acceptLegacyNotifications: config.acceptLegacyNotifications,
        legacyVerifyCertificates: config.legacyVerifyCertificates,
        passthroughMode: config.passthroughMode,
        timeZoneOffsetMinutes: config.timeZoneOffsetMinutes,
        clock: config.clock,
        decryptPan: (value, encoding) => {
          if (this.#signer.signMethod === '11') return undefined;
          try {
            return decryptSensitive(value, createPrivateKey(this.#signer.privateKeyPem), encoding);
          } catch {
            return undefined;
          }
        },
      }),
      {
        store: options.idempotencyStore ?? new MemoryIdempotencyStore(),
        // Spec §7: the dedupe key is kept 24 h (UnionPay resends for about 12 minutes).
        ttlMs: 24 * 60 * 60 * 1_000,
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      },
    );
    this.notifications = {
      handle: (request) => processor.handle(request),
      process: (request, onEvent) => processor.process(request, onEvent),
    };
  }

  /**
   * Health check (spec §2): a 95 call proves reachability, our signature and UnionPay's chain.
   */
  async ping(options?: CallOptions): Promise<{ latencyMs: number; encryptionCertificateId: string }> {
    const started = performance.now();
    const reply = await this.#runner.run(this.#operations.refreshCertificate, {}, options);
    return {
      latencyMs: Math.round(performance.now() - started),
      encryptionCertificateId: certificateIdOf(reply.certificatePem),
    };
  }

  /** Swaps the signing credentials atomically between calls (spec §5.7). @throws ConfigError */
  updateSigningCredentials(signing: SigningCredentials): void {
    if (this.#config.signMethod === '11') {
      throw new ConfigError({ message: 'updateSigningCredentials needs signMethod 01' });
    }
    this.#signer = resolveSigner(signing, this.#config.clock());
  }

  /** Releases sockets and agents. */
  async close(): Promise<void> {
    await this.#runner.close();
  }

  /** Runs a money call; `waitForFinal` polls the query schedule; unknown outcomes carry the order reference. */
  async #money<TInputSchema extends z.ZodType>(
    operation: OperationDefinition<TInputSchema, z.ZodType<MoneyResult>>,
    query: OperationDefinition,
    input: z.input<TInputSchema> & { orderId: string; orderTime?: Date },
    options: MoneyCallOptions | undefined,
  ): Promise<MoneyResult> {
    const { waitForFinal, ...callOptions } = options ?? {};
    // The order time is fixed here so the reference reported on an unknown outcome is the one sent.
    const withTime = { ...input, orderTime: input.orderTime ?? this.#config.clock() };
    const result = await this.#withOrderReference(withTime, () =>
      this.#runner.run(operation, withTime as z.input<TInputSchema>, callOptions),
    );
    if (!waitForFinal || result.status === 'succeeded') return result;
    for (const delayMs of this.#config.resolverDelaysMs) {
      await delay(delayMs, callOptions.signal);
      const transaction = (await this.#runner.run(
        query,
        { orderId: result.orderId, orderTime: result.orderTime },
        { maxAttempts: 1 },
      )) as UnionPayTransaction;
      const resolution = resolutionOf(transaction, operation.name);
      if (resolution.status === 'completed') return resolution.value;
      if (resolution.status === 'failed') throw resolution.error;
    }
    throw this.#pendingError(operation.name, withTime.orderId, withTime.orderTime, result.queryId);
  }

  #pendingError(operation: string, orderId: string, orderTime: Date, queryId?: string): UnionPayError {
    return new UnionPayError({
      operation,
      category: 'pending',
      retryable: false,
      vendorCode: 'pending',
      message: `unionpay: ${operation} is still pending after the query schedule; reconcile by orderId`,
      orderId,
      orderTime,
      ...(queryId === undefined ? {} : { queryId }),
    });
  }

  /**
   * Spec §2: schedule exhausted → `UnionPayError` category `pending` when some query answered, else
   * `OutcomeUnknownError` with `reference` = `orderId`; both carry `orderId` and `orderTime`.
   */
  async #withOrderReference<T>(
    input: { orderId: string; orderTime?: Date },
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError) || input.orderTime === undefined) throw error;
      const answered = error.attempts.some((attempt) => attempt.result === 'pending');
      if (answered) {
        const pending = this.#pendingError(error.operation ?? 'unionpay', input.orderId, input.orderTime);
        Object.defineProperty(pending, 'cause', { value: error });
        throw pending;
      }
      throw new OutcomeUnknownError({
        message: error.message,
        vendor: 'unionpay',
        ...(error.operation === undefined ? {} : { operation: error.operation }),
        reference: input.orderId,
        idempotencyKey: input.orderId,
        attempts: error.attempts,
        details: {
          orderId: input.orderId,
          orderTime: input.orderTime.toISOString(),
          txnTime: formatTxnTime(input.orderTime, this.#config.timeZoneOffsetMinutes),
        },
        cause: error.cause ?? error,
      });
    }
  }

  async #refreshEncryptionCertificate(
    options?: CallOptions,
  ): Promise<{ changed: boolean; certificateId: string; certificatePem: string }> {
    const reply = await this.#runner.run(this.#operations.refreshCertificate, {}, options);
    let certificate: X509Certificate;
    try {
      certificate = toCertificate(reply.certificatePem);
    } catch {
      throw new ValidationError({
        message: 'encryptPubKeyCert is not a certificate',
        issues: [{ path: 'encryptPubKeyCert', code: 'invalid_format', message: 'not X.509' }],
      });
    }
    const certificateId = certificateIdOf(certificate);
    const current = this.#encryptionCertificate;
    if (current !== undefined && certificateIdOf(current) === certificateId) {
      return { changed: false, certificateId, certificatePem: current.toString() };
    }
    // Spec §5.7: a new certificate is validated against the trust chain before it is used.
    const chain = checkCertificateChain(
      certificate,
      [toCertificate(this.#config.trust.middleCertificate)],
      [toCertificate(this.#config.trust.rootCertificate)],
      { at: this.#config.clock() },
    );
    if (!chain.ok) {
      throw new ConfigError({
        message: `the new encryption certificate ${certificateId} does not chain to the trust anchors (${chain.failure.reason})`,
        details: { certificateId, reason: chain.failure.reason },
      });
    }
    this.#encryptionCertificate = certificate;
    const certificatePem = certificate.toString();
    await this.#onEncryptionCertificateChange?.(certificatePem, certificateId);
    return { changed: true, certificateId, certificatePem };
  }

  async #fetchDaily(
    input: { settlementDate: Date | string; strict?: boolean },
    options?: CallOptions,
  ): Promise<DailySettlement> {
    const archive = await this.#runner.run(
      this.#operations.download,
      { settlementDate: input.settlementDate },
      options,
    );
    const parseOptions = { settlementDate: archive.settlementDate, strict: input.strict ?? true };
    const zm: ZmRecord[] = [];
    const zme: ZmeRecord[] = [];
    const errors: FileLineError[] = [];
    for (const entry of archive.entries) {
      if (entry.kind === 'ZM') {
        const parsed = parseZmFile(entry.data, parseOptions);
        zm.push(...parsed.records);
        errors.push(...parsed.errors);
      } else if (entry.kind === 'ZME') {
        const parsed = parseZmeFile(entry.data, parseOptions);
        zme.push(...parsed.records);
        errors.push(...parsed.errors);
      }
    }
    const totals = { count: zm.length, amount: 0, merchantFee: 0, settlementAmount: 0 };
    for (const record of zm) {
      totals.amount += record.amount ?? 0;
      totals.merchantFee += record.merchantFee ?? 0;
      totals.settlementAmount += record.settlementAmount ?? 0;
    }
    return { archive, zm, zme, csv: zmRecordsToCsv(zm), errors, totals };
  }
}
