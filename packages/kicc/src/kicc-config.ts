import {
  CircuitBreakerRegistry,
  ConfigError,
  type HttpTransport,
  type IdempotencyStore,
  type Logger,
  MemoryIdempotencyStore,
  silentLogger,
  toValidationIssues,
  type VendorErrorCategory,
} from '@wirebridge/core';
import { z } from 'zod';
import type { ByteLengthMode } from './wire/kicc-text.js';
import {
  defaultByteLengthMode,
  defaultRefundCodes,
  modelledPaths,
  type RefundCodeTable,
} from './wire/modelled-codec.js';

/** KICC hosts (spec §3). */
export const KICC_ENVIRONMENTS = Object.freeze({
  test: 'https://testpgapi.easypay.co.kr',
  production: 'https://pgapi.easypay.co.kr',
});

/** Addresses KICC sends webhooks from (spec §7). */
export const KICC_WEBHOOK_IPS: { readonly production: readonly string[]; readonly test: readonly string[] } =
  Object.freeze({
    production: Object.freeze(['203.233.72.150', '203.233.72.151', '61.33.211.180']),
    test: Object.freeze(['61.33.205.151']),
  });

/** Options of {@link KiccClient}. Invalid options throw a `ConfigError` naming the option. */
export interface KiccClientOptions {
  /** `'test'` (testpgapi), `'production'` (pgapi), or `{ baseUrl }` (a simulator). Also picks the webhook IP list. */
  environment: 'test' | 'production' | { baseUrl: string };
  /** The KICC mall id (`mallId`, ≤ 8 characters), e.g. the test mall `T5102001`. */
  merchantId: string;
  /** Further mall ids whose webhooks this client accepts. @default [] */
  additionalMerchantIds?: readonly string[];
  /** The mall's secret key for `msgAuthValue`. Give this or `secretKeys`. Never logged. */
  secretKey?: string;
  /** Keys during rotation: requests use `current`; responses verify with either (spec §5). */
  secretKeys?: { current: string; previous?: string };
  /** Requester IP sent as `clientIp` (≤ 20). @default not sent */
  clientIp?: string;
  /** Operator id sent as `clientId` on revise requests (≤ 32). @default not sent */
  clientId?: string;
  /**
   * Per-attempt timeouts. KICC requires 30 s for approval and cancel/refund (spec §3); the Modelled issue uses
   * `approvalMs`. @default { defaultMs: 3_000, approvalMs: 30_000, reviseMs: 30_000 }
   */
  timeouts?: { defaultMs?: number; approvalMs?: number; reviseMs?: number };
  /** Paths of the Modelled endpoints. @default { issueVirtualAccount: '/api/trades/approval/virtualAccount', retrieveVirtualAccount: '/api/trades/retrieveVirtualAccount' } */
  paths?: { issueVirtualAccount?: string; retrieveVirtualAccount?: string };
  /** Result codes merged over the defaults (spec §6); overrides win. @default {} */
  resultCodes?: Readonly<Record<string, { category: VendorErrorCategory; retryable: boolean }>>;
  /** Refund mode → `reviseTypeCode`/`reviseSubTypeCode` table (spec §4.3.1, Modelled). @default the spec's table */
  refundCodes?: RefundCodeTable;
  /** How free-text byte lengths are counted (Modelled). @default 'euc-kr' (Hangul = 2 bytes) */
  byteLengthMode?: ByteLengthMode;
  /** Delays before each resolver inquiry after an unknown outcome (spec §2). @default [1_000, 2_000, 4_000] */
  resolverDelaysMs?: readonly number[];
  /**
   * Webhook checks (spec §5, §7). `extraAllowedIps` @default []; `trustedProxyHops` (take the n-th
   * `X-Forwarded-For` address from the right) @default 0 = ignore the header; `confirmDeposits` (inquire before
   * `onEvent` for deposits, in `process`) @default false
   */
  webhook?: { extraAllowedIps?: readonly string[]; trustedProxyHops?: number; confirmDeposits?: boolean };
  /** Where webhook dedupe claims live; share one across instances. @default a new in-memory store */
  idempotencyStore?: IdempotencyStore;
  /** Clock for KST request dates, expiry and resolver day checks. @default () => new Date() */
  clock?: () => Date;
  /** HTTP transport. @default core's transport (keep-alive, 8 sockets, 4 s idle close, 256 KiB body limit) */
  transport?: HttpTransport;
  /** Structured logger; everything is redacted first. @default silent */
  logger?: Logger;
  /**
   * Circuit breakers (DESIGN §5); the circuit is named `kicc`. Share one registry across clients to list circuits,
   * `isolate()`/`reset()` them from an admin path, or share their state across instances (`stateStore`).
   * @default a registry of this client (opens after 5 failures, half-opens after 30 s)
   */
  breakers?: CircuitBreakerRegistry;
}

const idPattern = /^[A-Za-z0-9]{1,8}$/;
const positiveMs = z.number().int().positive().max(600_000);

const optionsSchema = z.object({
  environment: z.union([
    z.literal('test'),
    z.literal('production'),
    z.object({ baseUrl: z.url({ protocol: /^https?$/ }) }),
  ]),
  merchantId: z.string().regex(idPattern),
  additionalMerchantIds: z.array(z.string().regex(idPattern)).optional(),
  secretKey: z.string().min(1).optional(),
  secretKeys: z.object({ current: z.string().min(1), previous: z.string().min(1).optional() }).optional(),
  clientIp: z.string().max(20).optional(),
  clientId: z.string().max(32).optional(),
  timeouts: z
    .object({
      defaultMs: positiveMs.optional(),
      approvalMs: positiveMs.optional(),
      reviseMs: positiveMs.optional(),
    })
    .optional(),
  paths: z
    .object({
      issueVirtualAccount: z.string().startsWith('/').optional(),
      retrieveVirtualAccount: z.string().startsWith('/').optional(),
    })
    .optional(),
  resultCodes: z.record(z.string(), z.object({ category: z.string(), retryable: z.boolean() })).optional(),
  refundCodes: z.unknown().optional(),
  byteLengthMode: z.enum(['euc-kr', 'utf-8']).optional(),
  resolverDelaysMs: z.array(z.number().int().min(0).max(60_000)).min(1).max(10).optional(),
  webhook: z
    .object({
      extraAllowedIps: z.array(z.string().min(1)).optional(),
      trustedProxyHops: z.number().int().min(0).max(10).optional(),
      confirmDeposits: z.boolean().optional(),
    })
    .optional(),
  idempotencyStore: z.unknown().optional(),
  clock: z.unknown().optional(),
  transport: z.unknown().optional(),
  logger: z.unknown().optional(),
  breakers: z.instanceof(CircuitBreakerRegistry).optional(),
});

/** The options with every default applied; what the client's parts share. */
export interface ResolvedKiccConfig {
  baseUrl: string;
  webhookEnvironment: 'test' | 'production' | 'custom';
  merchantId: string;
  merchantIds: readonly string[];
  secretKeys: { current: string; previous?: string };
  clientIp?: string;
  clientId?: string;
  timeouts: { defaultMs: number; approvalMs: number; reviseMs: number };
  paths: { issueVirtualAccount: string; retrieveVirtualAccount: string };
  resultCodes: Readonly<Record<string, { category: VendorErrorCategory; retryable: boolean }>>;
  refundCodes: RefundCodeTable;
  byteLengthMode: ByteLengthMode;
  resolverDelaysMs: readonly number[];
  webhook: { extraAllowedIps: readonly string[]; trustedProxyHops: number; confirmDeposits: boolean };
  idempotencyStore: IdempotencyStore;
  clock: () => Date;
  logger: Logger;
}

/** Default resolver schedule: inquiries at 1, 2 and 4 s (spec §2). */
export const DEFAULT_RESOLVER_DELAYS_MS: readonly number[] = Object.freeze([1_000, 2_000, 4_000]);

/** Validates options and applies defaults. @throws {ConfigError} naming every bad option, never echoing a key. */
export function resolveKiccConfig(options: KiccClientOptions): ResolvedKiccConfig {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const fields = [...new Set(toValidationIssues(parsed.error).map((issue) => issue.path || '(root)'))];
    throw new ConfigError({ message: `Invalid KICC client options: ${fields.join(', ')}` });
  }
  const secretKeys = options.secretKeys ?? (options.secretKey ? { current: options.secretKey } : undefined);
  if (!secretKeys) {
    throw new ConfigError({ message: 'Invalid KICC client options: secretKey (or secretKeys) is required' });
  }
  const environment = options.environment;
  const baseUrl = typeof environment === 'string' ? KICC_ENVIRONMENTS[environment] : environment.baseUrl;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    webhookEnvironment: typeof environment === 'string' ? environment : 'custom',
    merchantId: options.merchantId,
    merchantIds: [options.merchantId, ...(options.additionalMerchantIds ?? [])],
    secretKeys: { ...secretKeys },
    ...(options.clientIp === undefined ? {} : { clientIp: options.clientIp }),
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    timeouts: {
      defaultMs: options.timeouts?.defaultMs ?? 3_000,
      approvalMs: options.timeouts?.approvalMs ?? 30_000,
      reviseMs: options.timeouts?.reviseMs ?? 30_000,
    },
    paths: { ...modelledPaths, ...options.paths },
    resultCodes: options.resultCodes ?? {},
    refundCodes: options.refundCodes ?? defaultRefundCodes,
    byteLengthMode: options.byteLengthMode ?? defaultByteLengthMode,
    resolverDelaysMs: options.resolverDelaysMs ?? DEFAULT_RESOLVER_DELAYS_MS,
    webhook: {
      extraAllowedIps: options.webhook?.extraAllowedIps ?? [],
      trustedProxyHops: options.webhook?.trustedProxyHops ?? 0,
      confirmDeposits: options.webhook?.confirmDeposits ?? false,
    },
    idempotencyStore: options.idempotencyStore ?? new MemoryIdempotencyStore(),
    clock: options.clock ?? (() => new Date()),
    logger: options.logger ?? silentLogger,
  };
}

/** The secret keys a response may be signed with: current first, then previous (spec §5). */
export function verificationKeys(config: ResolvedKiccConfig): string[] {
  const keys = [config.secretKeys.current];
  if (config.secretKeys.previous) keys.push(config.secretKeys.previous);
  return keys;
}
