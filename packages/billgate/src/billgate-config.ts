import {
  CircuitBreakerRegistry,
  ConfigError,
  type IdempotencyStore,
  type Logger,
  MemoryIdempotencyStore,
  silentLogger,
  toValidationIssues,
  type VendorErrorCategory,
} from '@wirebridge/core';
import type { TcpTransport } from '@wirebridge/core/tcp';
import { z } from 'zod';
import type { BillgateKey, BillgateServiceCode, TextOptions } from './wire/billgate-types.js';

/** Hosts per environment (spec §3, PHP `config/config.ini`). */
export const BILLGATE_ENVIRONMENTS = Object.freeze({
  test: Object.freeze({ host: 'tapi.billgate.net', backupHost: 'tapi.billgate.net' }),
  production: Object.freeze({ host: 'api.billgate.net', backupHost: 'api.billgate.net' }),
});

/** Default timeouts (spec §3): connect 2 s (Sourced), money calls 20 s ("기본20초"), queries 3 s. */
export const BILLGATE_DEFAULT_TIMEOUTS = Object.freeze({ connectMs: 2_000, moneyMs: 20_000, queryMs: 3_000 });
/** Each compensating 9100 inside `charge` gets 10 s (spec §2.1 step 5). */
export const BILLGATE_COMPENSATION_TIMEOUT_MS = 10_000;
/** Default unknown-outcome policy (spec §2.1 step 5): 3 attempts of 9100, backoff 1 s then 2 s. */
export const BILLGATE_DEFAULT_UNKNOWN_OUTCOME = Object.freeze({
  strategy: 'networkCancel' as const,
  maxAttempts: 3,
  backoffMs: Object.freeze([1_000, 2_000]),
});

/** Options of `BillgateClient`. Every invalid value is a `ConfigError` at construction. */
export interface BillgateClientOptions {
  /**
   * `test` (tapi.billgate.net), `production` (api.billgate.net, backup api.billgate.net) or explicit hosts
   * (a simulator). A connect failure is retried once on `backupHost` (spec §3). @default backupHost = host
   */
  environment: 'test' | 'production' | { host: string; backupHost?: string };
  /** TCP port per service code. @default `"3" + code` (1100 → 31100) */
  ports?: Partial<Record<BillgateServiceCode, number>>;
  /** SERVICE_ID from Billgate (AN ≤ 20), e.g. the public test `M2103135`. */
  serviceId: string;
  /** SEED key material; outbound uses `current`, inbound falls back to `next` when `current` fails (spec §5.1). */
  credentials: { current: BillgateKey; next?: BillgateKey };
  /**
   * `connectMs` @default 2_000; `moneyMs` (3000/9000/9100 deadline) @default 20_000;
   * `queryMs` (5000/0300) @default 3_000.
   */
  timeouts?: { connectMs?: number; moneyMs?: number; queryMs?: number };
  /**
   * What `charge` does when its outcome is unknown (spec §2.1 step 5). `strategy` @default 'networkCancel'
   * ('statusThenCancel' asks 5000 first; opt-in because 5000 is Modelled); `maxAttempts` of 9100 @default 3;
   * `backoffMs` between them @default [1_000, 2_000].
   */
  unknownOutcome?: {
    strategy?: 'networkCancel' | 'statusThenCancel';
    maxAttempts?: number;
    backoffMs?: number[];
  };
  /** Commands a window MESSAGE may carry to be approved. @default ['3000'] */
  allowedApprovalCommands?: string[];
  /** Overrides/extends the Modelled result-code rows (spec §6). @default none */
  resultCodes?: Record<string, { category: VendorErrorCategory; retryable: boolean }>;
  /** Tag body charsets. @default { outbound: 'euc-kr', inbound: 'cp949' } */
  textEncoding?: TextOptions['textEncoding'];
  /** Charset of the RETURN_URL POST body (spec §5.3). @default 'euc-kr' */
  returnCharset?: 'euc-kr' | 'utf-8';
  /** Replaces the TCP transport (tests, proxies). @default core per-request TCP client per host and port */
  transport?: TcpTransport;
  /** Clock for order dates and `ping` latency. @default () => new Date() */
  clock?: () => Date;
  /** CSPRNG for CHECK_SUM. @default node:crypto randomBytes */
  randomBytes?: (size: number) => Uint8Array;
  /** Structured logger; events are redacted. @default silent */
  logger?: Logger;
  /**
   * Circuit breakers; share one registry to see every circuit in one place. Billgate calls use circuit
   * `billgate`; network cancels use `billgate:networkCancel`, so a flaky approval path never blocks reversals.
   * @default a new registry (5 consecutive failures open a circuit for 30 s)
   */
  breakers?: CircuitBreakerRegistry;
  /**
   * Finds our own order record for `client.notifications` (the RETURN_URL post): HASH_DATA is verified against
   * this amount (spec §5.3). @default none (`notifications.handle` then throws a ConfigError)
   */
  lookupOrder?: (orderId: string) => Promise<{ amount: number } | undefined> | { amount: number } | undefined;
  /** Claims of `charge` per order, shared across instances in production (spec §2.1 step 2). @default in-memory */
  idempotencyStore?: IdempotencyStore;
}

const keySchema = z.object({
  key: z.union([z.string(), z.instanceof(Uint8Array)]),
  iv: z.union([z.string(), z.instanceof(Uint8Array)]),
});
const positiveMs = z.number().int().positive().max(600_000);

const optionsSchema = z.object({
  environment: z.union([
    z.literal('test'),
    z.literal('production'),
    z.object({ host: z.string().min(1), backupHost: z.string().min(1).optional() }),
  ]),
  ports: z.record(z.string().regex(/^\d{4}$/), z.number().int().min(1).max(65_535)).optional(),
  serviceId: z.string().regex(/^[\x21-\x7e]{1,20}$/, 'must be 1–20 printable ASCII characters'),
  credentials: z.object({ current: keySchema, next: keySchema.optional() }),
  timeouts: z
    .object({
      connectMs: positiveMs.optional(),
      moneyMs: positiveMs.optional(),
      queryMs: positiveMs.optional(),
    })
    .optional(),
  unknownOutcome: z
    .object({
      strategy: z.enum(['networkCancel', 'statusThenCancel']).optional(),
      maxAttempts: z.number().int().min(1).max(10).optional(),
      backoffMs: z.array(z.number().int().nonnegative().max(60_000)).optional(),
    })
    .optional(),
  allowedApprovalCommands: z
    .array(z.string().regex(/^\d{3}0$/))
    .min(1)
    .optional(),
  resultCodes: z
    .record(
      z.string().min(1),
      z.object({
        category: z.enum([
          'declined',
          'invalid_request',
          'duplicate',
          'authentication',
          'insufficient_funds',
          'not_found',
          'limit_exceeded',
          'unavailable',
          'pending',
          'unknown',
        ]),
        retryable: z.boolean(),
      }),
    )
    .optional(),
  textEncoding: z
    .object({
      outbound: z.enum(['euc-kr', 'cp949']).optional(),
      inbound: z.enum(['euc-kr', 'cp949']).optional(),
    })
    .optional(),
  returnCharset: z.enum(['euc-kr', 'utf-8']).optional(),
  transport: z
    .custom<TcpTransport>((value) => typeof (value as TcpTransport)?.send === 'function')
    .optional(),
  clock: z.custom<() => Date>((value) => typeof value === 'function').optional(),
  randomBytes: z.custom<(size: number) => Uint8Array>((value) => typeof value === 'function').optional(),
  logger: z.custom<Logger>((value) => typeof (value as Logger)?.info === 'function').optional(),
  breakers: z.instanceof(CircuitBreakerRegistry).optional(),
  lookupOrder: z
    .custom<BillgateClientOptions['lookupOrder']>((value) => typeof value === 'function')
    .optional(),
  idempotencyStore: z
    .custom<IdempotencyStore>((value) => typeof (value as IdempotencyStore)?.claim === 'function')
    .optional(),
});

/** Options with every default applied. */
export interface ResolvedBillgateConfig {
  /** `production` selects the production payment-window script (spec §4.6). */
  production: boolean;
  host: string;
  backupHost: string;
  ports: Readonly<Record<string, number>>;
  serviceId: string;
  credentials: { current: BillgateKey; next?: BillgateKey };
  timeouts: { connectMs: number; moneyMs: number; queryMs: number };
  unknownOutcome: {
    strategy: 'networkCancel' | 'statusThenCancel';
    maxAttempts: number;
    backoffMs: number[];
  };
  allowedApprovalCommands: readonly string[];
  resultCodes: Readonly<Record<string, { category: VendorErrorCategory; retryable: boolean }>>;
  textEncoding: TextOptions['textEncoding'];
  returnCharset: 'euc-kr' | 'utf-8';
  transport: TcpTransport | undefined;
  clock: () => Date;
  randomBytes: ((size: number) => Uint8Array) | undefined;
  logger: Logger;
  idempotencyStore: IdempotencyStore;
  breakers: CircuitBreakerRegistry | undefined;
  lookupOrder: BillgateClientOptions['lookupOrder'];
}

/** Validates options and applies defaults. @throws ConfigError naming every bad option (never its value). */
export function resolveBillgateConfig(options: BillgateClientOptions): ResolvedBillgateConfig {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = toValidationIssues(parsed.error);
    throw new ConfigError({
      message: `Billgate client options are invalid: ${issues.map((issue) => issue.path).join(', ')}`,
      vendor: 'billgate',
      details: { issues },
    });
  }
  const value = parsed.data;
  const environment =
    typeof value.environment === 'string' ? BILLGATE_ENVIRONMENTS[value.environment] : value.environment;
  return {
    production: value.environment === 'production',
    host: environment.host,
    backupHost: environment.backupHost ?? environment.host,
    ports: { ...value.ports } as Record<string, number>,
    serviceId: value.serviceId,
    credentials: options.credentials,
    timeouts: { ...BILLGATE_DEFAULT_TIMEOUTS, ...value.timeouts },
    unknownOutcome: {
      strategy: value.unknownOutcome?.strategy ?? BILLGATE_DEFAULT_UNKNOWN_OUTCOME.strategy,
      maxAttempts: value.unknownOutcome?.maxAttempts ?? BILLGATE_DEFAULT_UNKNOWN_OUTCOME.maxAttempts,
      backoffMs: value.unknownOutcome?.backoffMs ?? [...BILLGATE_DEFAULT_UNKNOWN_OUTCOME.backoffMs],
    },
    allowedApprovalCommands: value.allowedApprovalCommands ?? ['3000'],
    resultCodes: value.resultCodes ?? {},
    textEncoding: value.textEncoding,
    returnCharset: value.returnCharset ?? 'euc-kr',
    transport: options.transport,
    clock: options.clock ?? (() => new Date()),
    randomBytes: options.randomBytes,
    logger: options.logger ?? silentLogger,
    idempotencyStore: options.idempotencyStore ?? new MemoryIdempotencyStore(),
    breakers: options.breakers,
    lookupOrder: options.lookupOrder,
  };
}

/** The TCP port of a service code: configured, else `"3" + code` (spec §3). */
export function portOf(config: ResolvedBillgateConfig, serviceCode: string): number {
  return config.ports[serviceCode] ?? Number(`3${serviceCode}`);
}
