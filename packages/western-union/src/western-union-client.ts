import { existsSync } from 'node:fs';
import {
  type CallOptions,
  ConfigError,
  createNotificationProcessor,
  createOperationRunner,
  type InboundRequest,
  MemoryIdempotencyStore,
  type NotificationProcessor,
  type NotificationResult,
  type OperationRunner,
  OutcomeUnknownError,
  ProtocolError,
  parseOrThrow,
  RateLimitedError,
  type Reply,
} from '@wirebridge/core';
import { z } from 'zod';
import { createNisHandler } from './notifications/nis-handler.js';
import {
  cancelInputSchema,
  defineCancelSendOperation,
  type WuCancelResult,
} from './operations/cancel-transfer.js';
import { defineHeartbeatOperation } from './operations/heartbeat.js';
import type { WuOperationContext } from './operations/operation-context.js';
import { defineQuoteOperation, type WuQuote, type WuQuoteInput } from './operations/quote-transfer.js';
import { defineDasOperation } from './operations/reference-data.js';
import { defineRefundOperation, type WuRefundResult } from './operations/refund-transfer.js';
import { defineSearchOperation } from './operations/search-transfer.js';
import { defineSendOperation, type WuTransfer } from './operations/send-transfer.js';
import { defineStatusOperation, type WuTransferStatus } from './operations/transfer-status.js';
import { createWesternUnionCodes } from './western-union-codes.js';
import {
  type ResolvedWesternUnionOptions,
  resolveWesternUnionOptions,
  type WesternUnionClientOptions,
  type WesternUnionTlsOptions,
} from './western-union-config.js';
import { WesternUnionTransport } from './western-union-transport.js';
import {
  countryCurrencyOf,
  DAS_QUERIES,
  type DasFilters,
  type DasName,
  deliveryServiceOf,
  nextPageFilters,
  templateRowOf,
} from './wire/das-codec.js';
import type { WesternUnionNotificationEvent } from './wire/nis-codec.js';
import { commitTokenIdentity, decodeCommitToken } from './wire/quote-codec.js';
import { parseDeliveryOptionTemplate, type WuDeliveryTemplate } from './wire/template-grammar.js';
import { DEFAULT_CANCEL_REASON } from './wire/transfer-state-codec.js';

/** A DAS record: field name → text (spec §11). */
export type WuDasRecord = Readonly<Record<string, string>>;
/** A `GetCountriesCurrencies` record (spec §11). */
export interface WuCountryCurrency {
  country: string;
  currency: string;
  countryName: string;
  currencyName: string;
  raw: WuDasRecord;
}
/** A `GetDeliveryServices` record: `000` cash, `800` wallet (spec §2). */
export interface WuDeliveryService {
  code: string;
  templateCode?: string;
  raw: WuDasRecord;
}

/** NIS dedupe claims live 35 days: longer than WU's purge window (spec §7). */
const notificationTtlMs = 35 * 24 * 60 * 60 * 1_000;
/** A bound on DAS paging, so a vendor that always says `DATA_MORE=Y` cannot loop us forever. */
const maxDasPages = 1_000;

const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code in upper case');
const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case');
const destinationCurrenciesInput = z.object({ country: countrySchema }).strict();
const deliveryServicesInput = z.object({ country: countrySchema, currency: currencySchema }).strict();
const templateInput = z
  .object({
    country: countrySchema,
    currency: currencySchema,
    templateCode: z.string().regex(/^[A-Z0-9]{1,10}$/),
  })
  .strict();

/**
 * Western Union H2H client (specs/western-union.md): SOAP 1.1 over mutual TLS, two-phase send, status,
 * cancel/refund, DAS reference data, heartbeat and NIS push notifications. One instance holds one keep-alive mTLS
 * agent; call {@link WesternUnionClient.close} when done.
 */
export class WesternUnionClient {
  /** Money transfers: quote → send, status, cancel, refund. */
  readonly transfers: {
    /** `sendmoneyValidation`, keyed on `reference`: prices the send and returns fees, rate and a `commitToken`. */
    quote(input: WuQuoteInput, options?: CallOptions): Promise<WuQuote>;
    /**
     * Stores the quoted transfer (`SendMoneyStore_H2H`, unsafe). Never re-sent: a lost reply is resolved through
     * PayStatus by the quote's MTCN (spec §2.1).
     */
    send(input: { commitToken: string }, options?: CallOptions): Promise<WuTransfer>;
    /** PayStatus by MTCN (safe); no match throws `WesternUnionError` `not_found` (`NO_MATCH`). */
    status(input: { mtcn: string }, options?: CallOptions): Promise<WuTransferStatus>;
    /** Finds the transfer with Search, then `CancelSend` (unsafe); a lost reply is resolved by PayStatus (`CAN`). */
    cancel(
      input: { mtcn: string; reason?: string; comments?: string[] },
      options?: CallOptions,
    ): Promise<WuCancelResult>;
    /**
     * Finds the transfer with Search, then requests a refund (Modelled, unsafe); a lost reply is resolved by
     * PayStatus. @throws ConfigError without `endpoints.refund` and the refund WSDL.
     */
    refund(
      input: { mtcn: string; reason?: string; comments?: string[] },
      options?: CallOptions,
    ): Promise<WuRefundResult>;
  };
  /** DAS reference data; lists page automatically. */
  readonly referenceData: {
    /** DAS `GetCountriesCurrencies` for the configured origin, every page. */
    countriesCurrencies(options?: CallOptions): AsyncIterable<WuCountryCurrency>;
    /** DAS `GetOriginationCurrencies`, every page. */
    originationCurrencies(options?: CallOptions): AsyncIterable<WuDasRecord>;
    /** DAS `GetDestinationCountries` from the configured origin, every page. */
    destinationCountries(options?: CallOptions): AsyncIterable<WuDasRecord>;
    /** DAS `GetDestinationCurrencies` for `country` (ISO alpha-2), every page. */
    destinationCurrencies(input: { country: string }, options?: CallOptions): AsyncIterable<WuDasRecord>;
    /** DAS `GetDeliveryServices` for the corridor, collected into one list. */
    deliveryServices(
      input: { country: string; currency: string },
      options?: CallOptions,
    ): Promise<WuDeliveryService[]>;
    /** DAS `GetDeliveryOptionTemplate`, parsed; pass it as `template` to `quote` to check a send before it goes. */
    deliveryOptionTemplate(
      input: { country: string; currency: string; templateCode: string },
      options?: CallOptions,
    ): Promise<WuDeliveryTemplate>;
  };
  /** Gateway health. */
  readonly health: {
    /** Gateway heartbeat; resolves with the round-trip time. @throws ConfigError without `partner.heartbeat`. */
    heartbeat(options?: CallOptions): Promise<{ ok: true; latencyMs: number }>;
  };
  /** Inbound NIS pushes (spec §7). */
  readonly notifications: {
    /**
     * Verifies (IP allow-list, basic auth) and parses one NIS push; no dedupe.
     * @throws ConfigError without the `notifications` option.
     */
    handle(request: InboundRequest): Promise<NotificationResult<WesternUnionNotificationEvent>>;
    /** Verifies and parses one NIS push, calls `onEvent` once per unique event (35-day dedupe), returns the reply. */
    process(
      request: InboundRequest,
      onEvent: (event: WesternUnionNotificationEvent) => Promise<void>,
    ): Promise<Reply>;
  };

  private readonly options: ResolvedWesternUnionOptions;
  private readonly transport: WesternUnionTransport;
  private readonly runner: OperationRunner;
  private tokens: number;
  private tokensAt: number;

  /** @throws ConfigError naming the bad option (never echoing a secret). */
  constructor(options: WesternUnionClientOptions) {
    const resolved = resolveWesternUnionOptions(options);
    this.options = resolved;
    const https = Object.values(resolved.endpoints).some((url) => url?.startsWith('https:'));
    if (https && resolved.tls === undefined) {
      throw new ConfigError({
        message: 'Invalid Western Union client options: tls (WU requires a client certificate over https)',
        vendor: 'western-union',
        details: { fields: ['tls'] },
      });
    }
    this.transport = new WesternUnionTransport(resolved);
    this.runner = createOperationRunner({
      vendor: 'western-union',
      transport: this.transport,
      defaultTimeoutMs: resolved.timeouts.default,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
      now: () => resolved.clock().getTime(),
    });
    this.tokens = resolved.maxCallsPerHour ?? 0;
    this.tokensAt = resolved.clock().getTime();

    const context: WuOperationContext = {
      options: resolved,
      codes: createWesternUnionCodes(resolved.errorCodeOverrides),
      storeCodes: createWesternUnionCodes(resolved.errorCodeOverrides, { unavailableIsPending: true }),
      codec: {
        partner: resolved.partner,
        origin: resolved.origin,
        amountScaleOverrides: resolved.amountScaleOverrides,
        kycDateFormat: resolved.kycDateFormat,
        environment: resolved.environment,
        clock: resolved.clock,
      },
    };
    const statusOperation = defineStatusOperation(context);
    const quoteOperation = defineQuoteOperation(context);
    const sendOperation = defineSendOperation(context, statusOperation);
    const searchOperation = defineSearchOperation(context);
    const cancelOperation = defineCancelSendOperation(context, statusOperation);
    const refundOperation = defineRefundOperation(context, statusOperation);
    const dasOperation = defineDasOperation(context);
    const heartbeatOperation = defineHeartbeatOperation(context);
    const runner = this.runner;
    const origin = resolved.origin;

    this.transfers = {
      quote: async (input, callOptions) => {
        this.takeToken('western-union.transfers.quote');
        return runner.run(quoteOperation, input, callOptions);
      },
      send: async (input, callOptions) => {
        this.takeToken('western-union.transfers.send');
        try {
          return await runner.run(sendOperation, input, callOptions);
        } catch (error) {
          throw withTransferIdentity(error, input, resolved.environment);
        }
      },
      status: async (input, callOptions) => {
        this.takeToken('western-union.transfers.status');
        return runner.run(statusOperation, input, callOptions);
      },
      cancel: async (input, callOptions) => {
        const checked = parseOrThrow(cancelInputSchema, input, 'input of western-union.transfers.cancel', {
          vendor: 'western-union',
          operation: 'western-union.transfers.cancel',
        });
        this.takeToken('western-union.transfers.cancel');
        // spec §2: Search CANCEL_SEND finds the money_transfer_key that CancelSend takes as database_key.
        const found = await runner.run(
          searchOperation,
          { mtcn: checked.mtcn, flag: 'CANCEL_SEND' },
          callOptions,
        );
        return runner.run(
          cancelOperation,
          {
            mtcn: checked.mtcn,
            databaseKey: found.moneyTransferKey,
            reason: checked.reason ?? DEFAULT_CANCEL_REASON,
            comments: checked.comments ?? [],
          },
          callOptions,
        );
      },
      refund: async (input, callOptions) => {
        const checked = parseOrThrow(cancelInputSchema, input, 'input of western-union.transfers.refund', {
          vendor: 'western-union',
          operation: 'western-union.transfers.refund',
        });
        if (resolved.endpoints.refund === undefined || !existsSync(resolved.wsdlPaths.refund)) {
          throw new ConfigError({
            message: 'transfers.refund needs endpoints.refund and the refund WSDL (Modelled, spec §2)',
            vendor: 'western-union',
            operation: 'western-union.transfers.refund',
          });
        }
        this.takeToken('western-union.transfers.refund');
        const found = await runner.run(searchOperation, { mtcn: checked.mtcn, flag: 'REFUND' }, callOptions);
        return runner.run(
          refundOperation,
          {
            mtcn: checked.mtcn,
            newMtcn: found.newMtcn,
            moneyTransferKey: found.moneyTransferKey,
            financials: found.financials,
            reason: checked.reason ?? DEFAULT_CANCEL_REASON,
            comments: checked.comments ?? [],
          },
          callOptions,
        );
      },
    };

    const pages = (name: DasName, filters: DasFilters, callOptions: CallOptions | undefined) =>
      this.dasPages(dasOperation, name, filters, callOptions);
    this.referenceData = {
      countriesCurrencies: (callOptions) =>
        mapRecords(
          pages('GetCountriesCurrencies', DAS_QUERIES.countriesCurrencies(origin), callOptions),
          countryCurrencyOf,
        ),
      originationCurrencies: (callOptions) =>
        pages('GetOriginationCurrencies', DAS_QUERIES.originationCurrencies(), callOptions),
      destinationCountries: (callOptions) =>
        pages('GetDestinationCountries', DAS_QUERIES.destinationCountries(origin), callOptions),
      destinationCurrencies: (input, callOptions) => {
        const checked = this.checkInput(destinationCurrenciesInput, input, 'destinationCurrencies');
        return pages(
          'GetDestinationCurrencies',
          DAS_QUERIES.destinationCurrencies(origin, checked.country),
          callOptions,
        );
      },
      deliveryServices: async (input, callOptions) => {
        const checked = this.checkInput(deliveryServicesInput, input, 'deliveryServices');
        const services: WuDeliveryService[] = [];
        const records = pages(
          'GetDeliveryServices',
          DAS_QUERIES.deliveryServices(origin, checked),
          callOptions,
        );
        for await (const record of records) services.push(deliveryServiceOf(record));
        return services;
      },
      deliveryOptionTemplate: async (input, callOptions) => {
        const checked = this.checkInput(templateInput, input, 'deliveryOptionTemplate');
        const rows: { T_INDEX: string; DESCRIPTION: string }[] = [];
        const records = pages(
          'GetDeliveryOptionTemplate',
          DAS_QUERIES.deliveryOptionTemplate(checked, checked.templateCode),
          callOptions,
        );
        for await (const record of records) rows.push(templateRowOf(record));
        return parseDeliveryOptionTemplate(rows);
      },
    };

    this.health = {
      heartbeat: async (callOptions) => {
        if (resolved.partner.heartbeat === undefined) {
          throw new ConfigError({
            message: 'health.heartbeat needs partner.heartbeat (spec §4.4)',
            vendor: 'western-union',
            operation: 'western-union.health.heartbeat',
          });
        }
        this.takeToken('western-union.health.heartbeat');
        const startedAt = performance.now();
        await runner.run(heartbeatOperation, {}, callOptions);
        return { ok: true, latencyMs: Math.round(performance.now() - startedAt) };
      },
    };

    let processor: NotificationProcessor<WesternUnionNotificationEvent> | undefined;
    const notificationProcessor = () => {
      if (processor !== undefined) return processor;
      if (resolved.notifications === undefined) {
        throw new ConfigError({
          message: 'notifications need the notifications option (allowedIps, basicAuth; spec §5.3)',
          vendor: 'western-union',
        });
      }
      let handler: ReturnType<typeof createNisHandler>;
      try {
        handler = createNisHandler({
          allowedIps: resolved.notifications.allowedIps,
          basicAuth: resolved.notifications.basicAuth,
          wsdlPath: resolved.wsdlPaths.nis,
          amountScaleOverrides: resolved.amountScaleOverrides,
        });
      } catch (cause) {
        throw new ConfigError({
          message: 'Invalid Western Union client options: notifications.allowedIps',
          vendor: 'western-union',
          cause,
        });
      }
      processor = createNotificationProcessor(handler, {
        store: options.idempotencyStore ?? new MemoryIdempotencyStore(),
        ttlMs: notificationTtlMs,
        lockMs: resolved.dedupeLockMs,
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      });
      return processor;
    };
    this.notifications = {
      handle: async (request) => notificationProcessor().handle(request),
      process: async (request, onEvent) => notificationProcessor().process(request, onEvent),
    };
  }

  /**
   * Replaces the client certificate (spec §5.2): new calls use a new agent at once; calls in flight finish on the
   * old one, which is then destroyed. WU must accept both certificates during the overlap.
   * @throws ConfigError when the new material is unusable (the current agent is kept).
   */
  async rotateTlsCredentials(tls: WesternUnionTlsOptions): Promise<void> {
    const checked = resolveWesternUnionOptions({ ...this.optionsForRecheck(), tls });
    this.transport.rotate(checked.tls as WesternUnionTlsOptions);
  }

  /** Destroys the agents and every socket; later calls fail with a `TransportError`. */
  async close(): Promise<void> {
    await this.runner.close();
  }

  private optionsForRecheck(): WesternUnionClientOptions {
    const resolved = this.options;
    return {
      environment: resolved.environment,
      wsdlDir: '/',
      partner: resolved.partner,
      origin: resolved.origin,
    };
  }

  private checkInput<T extends z.ZodType>(schema: T, input: unknown, method: string): z.output<T> {
    return parseOrThrow(schema, input, `input of western-union.referenceData.${method}`, {
      vendor: 'western-union',
      operation: `western-union.referenceData.${method}`,
    });
  }

  /** spec §3: an optional token bucket; an empty bucket rejects before anything is sent. */
  private takeToken(operation: string): void {
    const capacity = this.options.maxCallsPerHour;
    if (capacity === undefined) return;
    const now = this.options.clock().getTime();
    const refill = ((now - this.tokensAt) * capacity) / 3_600_000;
    this.tokens = Math.min(capacity, this.tokens + Math.max(0, refill));
    this.tokensAt = now;
    if (this.tokens < 1) {
      throw new RateLimitedError({
        message: `${operation}: maxCallsPerHour reached; nothing was sent`,
        vendor: 'western-union',
        operation,
        retryAfterMs: Math.ceil(((1 - this.tokens) * 3_600_000) / capacity),
      });
    }
    this.tokens -= 1;
  }

  private async *dasPages(
    operation: ReturnType<typeof defineDasOperation>,
    name: DasName,
    firstFilters: DasFilters,
    callOptions: CallOptions | undefined,
  ): AsyncGenerator<WuDasRecord> {
    let filters = firstFilters;
    for (let page = 0; page < maxDasPages; page += 1) {
      this.takeToken('western-union.referenceData.page');
      const result = await this.runner.run(operation, { name, filters }, callOptions);
      for (const record of result.records) yield record;
      if (!result.more) return;
      const last = result.records[result.records.length - 1];
      if (last === undefined) {
        throw new ProtocolError({
          message: `western-union DAS ${name}: DATA_MORE=Y on a page without records`,
          vendor: 'western-union',
          operation: 'western-union.referenceData.page',
        });
      }
      // spec §4.5: the next page starts after the last record of this one.
      const next = nextPageFilters(name, filters, last);
      if (JSON.stringify(next) === JSON.stringify(filters)) {
        throw new ProtocolError({
          message: `western-union DAS ${name}: the next page would repeat this one`,
          vendor: 'western-union',
          operation: 'western-union.referenceData.page',
        });
      }
      filters = next;
    }
    throw new ProtocolError({
      message: `western-union DAS ${name}: more than ${maxDasPages} pages`,
      vendor: 'western-union',
      operation: 'western-union.referenceData.page',
    });
  }
}

async function* mapRecords<T>(
  records: AsyncIterable<WuDasRecord>,
  map: (record: WuDasRecord) => T,
): AsyncGenerator<T> {
  for await (const record of records) yield map(record);
}

/** spec §2.1: an unknown store outcome carries `{ reference, mtcn, newMtcn }` so the caller can reconcile. */
function withTransferIdentity(
  error: unknown,
  input: { commitToken: string },
  environment: 'uat' | 'prd',
): unknown {
  if (!(error instanceof OutcomeUnknownError)) return error;
  let identity: { reference: string; mtcn: string; newMtcn: string };
  try {
    identity = commitTokenIdentity(decodeCommitToken(input.commitToken, environment));
  } catch {
    return error;
  }
  return new OutcomeUnknownError({
    message: error.message,
    vendor: 'western-union',
    operation: 'western-union.transfers.send',
    idempotencyKey: identity.reference,
    reference: identity.reference,
    attempts: error.attempts,
    details: { mtcn: identity.mtcn, newMtcn: identity.newMtcn },
    cause: error.cause,
  });
}
