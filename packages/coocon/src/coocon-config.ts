/**
 * `CooconClientOptions`: schema, defaults and environments (spec §3, §11). Every invalid option is a
 * `ConfigError` at construction naming the option; keys are never echoed.
 */
import {
  ConfigError,
  type IdempotencyStore,
  type Logger,
  type SequenceStore,
  type VendorErrorCategory,
} from '@wirebridge/core';
import type { TcpTlsOptions, TcpTransport } from '@wirebridge/core/tcp';
import { z } from 'zod';
import type { CooconWireOptions } from './wire/coocon-wire-options.js';

/** Options of `new CooconClient(options)`. */
export interface CooconClientOptions extends CooconWireOptions {
  /** 업체코드 assigned by Coocon (8 characters); inbound telegrams must carry it. */
  institutionCode: string;
  /** 은행코드 of the partner bank; inbound telegrams must carry it. @default '037' (Jeonbuk Bank) */
  bankCode?: string;
  /** 송신기관코드 Coocon writes on its pushes. @default 'COOCON' */
  cooconCode?: string;
  /** The on-premises Coocon VA system (given at onboarding; no public address). */
  relay: { host: string; port: number };
  /** Connect 2 000 ms, per call 3 000 ms (spec §3 house defaults). */
  timeouts?: { connectMs?: number; callMs?: number };
  /** Extra or overridden response codes, merged over `COOCON_RESULT_CODES`. @default {} */
  resultCodes?: Record<string, { category: VendorErrorCategory; retryable: boolean }>;
  /**
   * Outbound serials (core `SequenceStore`, shared across instances so serials never repeat within a day):
   * `next('coocon:{institutionCode}', { resetDaily: { timeZone: 'Asia/Seoul' } })`. @default in-memory
   */
  sequenceStore?: SequenceStore;
  /** Dedupe claims of inbound telegrams (core `IdempotencyStore`). @default core's in-memory store */
  idempotencyStore?: IdempotencyStore;
  /** How long a processed telegram is remembered. @default 604_800_000 (7 days) */
  dedupeTtlMs?: number;
  /** How long a claim blocks other copies (longer than ackTimeoutMs, shorter than Coocon's 60 s resend). @default 30_000 */
  dedupeLockMs?: number;
  /**
   * Source addresses (IPs or CIDRs, or a predicate) `notifications.handle/process` accept. Without it every
   * inbound request is rejected with `ip_not_allowed`: an open receiver is never the default. Receivers take
   * their own `allowList`. @default none (reject all)
   */
  allowList?: string[] | ((remoteAddress: string) => boolean);
  /**
   * TLS around the outbound connection, for deployments that add a tunnel; Coocon itself uses bare sockets
   * (confidentiality comes from SEED, spec §3). @default plain TCP
   */
  tls?: TcpTlsOptions;
  /** Replaces the TCP transport (tests, tunnels). @default per-request TCP client to `relay` */
  transport?: TcpTransport;
  /** Clock for telegram dates (KST). @default () => new Date() */
  clock?: () => Date;
  /** Source of the userWorkArea correlation bytes. @default node:crypto randomBytes */
  randomBytes?: (size: number) => Uint8Array;
  /** Structured logger (redacted by core; telegrams are never logged). @default silent */
  logger?: Logger;
  /**
   * Delays before each status inquiry after an unknown outcome of issue/terminate.
   * @default [0, 1_000, 3_000] (core's default)
   */
  resolutionDelaysMs?: number[];
}

/** Defaults of spec §3 and §7. */
export const COOCON_DEFAULTS = Object.freeze({
  bankCode: '037',
  cooconCode: 'COOCON',
  connectMs: 2_000,
  callMs: 3_000,
  dedupeTtlMs: 7 * 24 * 60 * 60 * 1_000,
  dedupeLockMs: 30_000,
  /** Retries of safe/keyed calls: 2 more attempts, backoff from 200 ms capped at 1 s (full jitter, DESIGN §5). */
  retry: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 },
});

const ascii = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
const positiveMs = z.number().int().positive().max(2_147_483_647);
const optionsSchema = z.object({
  institutionCode: ascii(8),
  bankCode: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  cooconCode: ascii(8).optional(),
  relay: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535) }),
  timeouts: z.object({ connectMs: positiveMs.optional(), callMs: positiveMs.optional() }).optional(),
  resultCodes: z
    .record(z.string().regex(/^[\x20-\x7e]{4}$/), z.object({ category: z.string(), retryable: z.boolean() }))
    .optional(),
  dedupeTtlMs: positiveMs.optional(),
  dedupeLockMs: positiveMs.optional(),
  resolutionDelaysMs: z.array(z.number().int().nonnegative()).max(10).optional(),
});

/** Options with defaults applied. @internal */
export interface ResolvedClientOptions {
  institutionCode: string;
  bankCode: string;
  cooconCode: string;
  relay: { host: string; port: number };
  connectMs: number;
  callMs: number;
  dedupeTtlMs: number;
  dedupeLockMs: number;
}

/** Checks the options and applies the defaults. @throws {ConfigError} naming the option. @internal */
export function resolveClientOptions(options: CooconClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError({ message: 'CooconClient: options are required', vendor: 'coocon' });
  }
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].join(
      ', ',
    );
    throw new ConfigError({ message: `CooconClient: invalid options: ${fields}`, vendor: 'coocon' });
  }
  for (const name of ['sequenceStore', 'idempotencyStore', 'transport', 'logger'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'object' || value === null)) {
      throw new ConfigError({ message: `CooconClient: invalid options: ${name}`, vendor: 'coocon' });
    }
  }
  for (const name of ['clock', 'randomBytes'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new ConfigError({ message: `CooconClient: invalid options: ${name}`, vendor: 'coocon' });
    }
  }
  const value = parsed.data;
  return {
    institutionCode: value.institutionCode,
    bankCode: value.bankCode ?? COOCON_DEFAULTS.bankCode,
    cooconCode: value.cooconCode ?? COOCON_DEFAULTS.cooconCode,
    relay: value.relay,
    connectMs: value.timeouts?.connectMs ?? COOCON_DEFAULTS.connectMs,
    callMs: value.timeouts?.callMs ?? COOCON_DEFAULTS.callMs,
    dedupeTtlMs: value.dedupeTtlMs ?? COOCON_DEFAULTS.dedupeTtlMs,
    dedupeLockMs: value.dedupeLockMs ?? COOCON_DEFAULTS.dedupeLockMs,
  };
}
