import type { HttpTransport, IdempotencyStore, Logger, VendorErrorCategory } from '@wirebridge/core';
import { CircuitBreakerRegistry, ConfigError, toValidationIssues } from '@wirebridge/core';
import { z } from 'zod';
import type { StanSource } from './domain/rrn.js';
import type { FaysalOperation } from './faysal-types.js';
import type { FaysalCodec } from './wire/faysal-codec.js';
import type { FaysalPayloadCipher } from './wire/payload-ciphers.js';
import type { FaysalRequestSigner } from './wire/rsa-signer.js';

/** Per-call timeout when no per-operation one is set (spec §3: the bank answers within 2.5 s). */
export const DEFAULT_FAYSAL_TIMEOUT_MS = 3_000;
/** Resolver schedule of spec §2.1. */
export const DEFAULT_RESOLVE_DELAYS_MS: readonly number[] = Object.freeze([2_000, 5_000, 15_000, 30_000]);
/** Resolver deadline of spec §2.1. */
export const DEFAULT_RESOLVE_DEADLINE_MS = 60_000;
/** Identical re-sends of a keyed call after a definitive not-found (spec §2.1 step 3). */
export const DEFAULT_MAX_RETRIES = 2;
/** Title-fetch validity (spec §2). */
export const DEFAULT_TITLE_FETCH_TTL_MS = 30 * 60 * 1_000;
/** Bank-list cache lifetime (spec §2). */
export const BANK_LIST_CACHE_MS = 24 * 60 * 60 * 1_000;
/** How long a processed notification is remembered: longer than the bank's 24 h retry schedule (spec §7). */
export const NOTIFICATION_DEDUPE_TTL_MS = 3 * 24 * 60 * 60 * 1_000;
/** Largest request body the bank accepts (spec §3, HTTP 413 above). */
export const MAX_BODY_BYTES = 256 * 1_024;

/** Options of `new FaysalClient(options)`. Invalid options throw a `ConfigError` naming the option. */
export interface FaysalClientOptions {
  /** Which of `baseUrls` to call. */
  environment: 'sandbox' | 'production';
  /** Faysal's URLs, given at onboarding (spec §3: none are public). `https:` only unless `allowInsecureHttp`. */
  baseUrls: { sandbox?: string; production?: string };
  /** Allow an `http:` base URL (the loopback simulator only). @default false */
  allowInsecureHttp?: boolean;
  /** Our partner id, sent as `X-Partner-Id`. */
  partnerId: string;
  /** Request signing and response verification (spec §5), e.g. `rsaSha256Signer(...)`. */
  signer: FaysalRequestSigner;
  /** Payload encryption. @default noEncryption */
  cipher?: FaysalPayloadCipher;
  /** The wire contract. @default modelledFaysalCodec */
  codec?: FaysalCodec;
  /** Client certificate and CA for mTLS (spec §3). `pins` is refused with a ConfigError until core supports pinning. @default none */
  tls?: {
    pfx?: Buffer;
    key?: string | Buffer;
    cert?: string | Buffer;
    passphrase?: string;
    ca?: string | Buffer;
    pins?: string[];
  };
  /** STAN source. @default core's in-memory SequenceStore under `faysal:stan`, reset daily in Asia/Karachi */
  stanSource?: StanSource;
  /** Longest validity given to a title fetch. @default 1_800_000 (30 min) */
  titleFetchTtlMs?: number;
  /** Per-call timeouts in ms. @default 3_000 for every operation */
  timeouts?: Partial<Record<'default' | FaysalOperation, number>>;
  /** The §2.1 resolver schedule. @default delaysMs [2_000, 5_000, 15_000, 30_000], deadlineMs 60_000 */
  resolve?: { delaysMs?: number[]; deadlineMs?: number };
  /** Identical re-sends of a keyed call (and retries of safe calls beyond the first attempt). @default 2 */
  maxRetries?: number;
  /** Inbound notifications: source addresses or IPv4 CIDRs allowed. @default any address */
  notifications?: { allowedIps?: string[] };
  /** Where notification claims live (share one across instances). @default core's MemoryIdempotencyStore */
  idempotencyStore?: IdempotencyStore;
  /** Clock of `info.txnDate/txnTime` (PKT). @default () => new Date() */
  clock?: () => Date;
  /** Overrides rows of `FAYSAL_RESPONSE_CODES` (keys: 4-digit codes or `rpc:<code>`). @default none */
  codeOverrides?: Record<string, { category: VendorErrorCategory; retryable: boolean }>;
  /** Structured logger (redacted). @default silent */
  logger?: Logger;
  /**
   * Circuit breakers (DESIGN §5); the circuit is named `faysal`. Share one registry across clients to list circuits,
   * `isolate()`/`reset()` them from an admin path, or share their state across instances (`stateStore`).
   * @default a registry of this client (opens after 5 failures, half-opens after 30 s)
   */
  breakers?: CircuitBreakerRegistry;
  /** HTTP transport. @default core's axios keep-alive transport (maxSockets 10, 256 KiB bodies, no redirects) */
  transport?: HttpTransport;
  /**
   * Request ids (JSON-RPC `id`). Only for deterministic recordings and tests; production keeps the default.
   * @default crypto.randomUUID
   */
  requestId?: () => string;
}

const fn = (name: string) =>
  z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
    message: `${name} must be a function`,
  });
const objectWith = (methods: readonly string[]) =>
  z.custom<object>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    { message: `must have ${methods.join(', ')}` },
  );
const positiveMs = z.number().int().positive();
const urlString = z.string().url();
const categories = z.enum([
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
]);

const OptionsSchema = z.object({
  environment: z.enum(['sandbox', 'production']),
  baseUrls: z.object({ sandbox: urlString.optional(), production: urlString.optional() }),
  allowInsecureHttp: z.boolean().optional(),
  partnerId: z.string().min(1).max(35),
  signer: objectWith(['sign', 'verify']),
  cipher: objectWith(['encrypt', 'decrypt']).optional(),
  codec: objectWith([
    'encode',
    'decode',
    'decodeError',
    'classify',
    'decodeNotification',
    'operationOf',
  ]).optional(),
  tls: z.object({}).passthrough().optional(),
  stanSource: objectWith(['next']).optional(),
  titleFetchTtlMs: positiveMs.optional(),
  timeouts: z
    .object({
      default: positiveMs.optional(),
      titleFetch: positiveMs.optional(),
      credit: positiveMs.optional(),
      inquiry: positiveMs.optional(),
      return: positiveMs.optional(),
      balance: positiveMs.optional(),
      bankList: positiveMs.optional(),
      ping: positiveMs.optional(),
    })
    .strict()
    .optional(),
  resolve: z
    .object({
      delaysMs: z.array(z.number().int().nonnegative()).min(1).optional(),
      deadlineMs: positiveMs.optional(),
    })
    .strict()
    .optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  notifications: z
    .object({ allowedIps: z.array(z.string().min(1)).optional() })
    .strict()
    .optional(),
  idempotencyStore: objectWith(['claim', 'complete', 'release']).optional(),
  clock: fn('clock').optional(),
  codeOverrides: z.record(z.string(), z.object({ category: categories, retryable: z.boolean() })).optional(),
  logger: objectWith(['debug', 'info', 'warn', 'error']).optional(),
  breakers: z.instanceof(CircuitBreakerRegistry).optional(),
  transport: objectWith(['send', 'close']).optional(),
  requestId: fn('requestId').optional(),
});

/** Checks options at construction and picks the base URL (spec §3). */
export function resolveFaysalOptions(options: FaysalClientOptions): { baseUrl: string } {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = toValidationIssues(parsed.error);
    throw new ConfigError({
      message: `Invalid Faysal client options: ${issues.map((issue) => issue.path || '(root)').join(', ')}`,
      vendor: 'faysal',
      details: { issues },
    });
  }
  if ((options.tls?.pins?.length ?? 0) > 0) {
    // TODO(core): HttpTlsOptions has no certificate pinning. Refusing is safer than silently not pinning.
    throw new ConfigError({
      message: 'Invalid Faysal client options: tls.pins is not supported yet (use tls.ca to restrict trust)',
      vendor: 'faysal',
    });
  }
  const baseUrl = options.baseUrls[options.environment];
  if (baseUrl === undefined) {
    throw new ConfigError({
      message: `Invalid Faysal client options: baseUrls.${options.environment} is required for environment ${options.environment}`,
      vendor: 'faysal',
    });
  }
  const protocol = new URL(baseUrl).protocol;
  if (protocol !== 'https:' && !(protocol === 'http:' && options.allowInsecureHttp === true)) {
    throw new ConfigError({
      message: `Invalid Faysal client options: baseUrls.${options.environment} must be https (allowInsecureHttp is for the simulator)`,
      vendor: 'faysal',
    });
  }
  return { baseUrl };
}
