import {
  CircuitBreakerRegistry,
  ConfigError,
  type HttpTransport,
  type Logger,
  type VendorErrorCategory,
} from '@wirebridge/core';
import { z } from 'zod';
import { DEFAULT_AGENT_REF_NO_PATTERN } from './wire/agent-ref-no.js';
import type { VentajaWireGeneration } from './wire/ventaja-codec.js';
import type { VentajaSignatureAlgorithm, VentajaSigningKey } from './wire/ventaja-signature.js';

/** Sandbox hosts (spec §3). Production hosts are issued at onboarding (**Modelled** as configuration). */
export const VENTAJA_SANDBOX_HOSTS = {
  bills: 'https://demo.pinoypay.com/unified/api',
  billsV4: 'https://demo.pinoypay.com/ventajaapi-v4/api',
  eload: 'https://test.atmprepaidsolutions.com/plr0422/api/v1',
} as const;

/** Billers whose payments Ventaja lets an outlet cancel (spec §2). */
export const DEFAULT_CANCELLABLE_BILLERS: readonly string[] = [
  'G01',
  'G02',
  'G03',
  'G04',
  'G05',
  'G08',
  'G09',
];
/** Billers that answer `/pulldata` (spec §2). */
export const DEFAULT_PULL_DATA_BILLERS: readonly string[] = ['P02', 'P03', 'A02', 'G06', 'G07'];

/** Defaults of {@link VentajaClientOptions} (spec §2, §3, §2.1, §7). */
export const VENTAJA_DEFAULTS = {
  timeoutMs: 3_000,
  resolveDelaysMs: [1_000, 3_000, 10_000] as readonly number[],
  resolveDeadlineMs: 30_000,
  maxRetries: 2,
  productsCacheMs: 600_000,
  prefixesCacheMs: 86_400_000,
  settleCheckAfterMs: 86_400_000,
} as const;

/** Per-attempt timeouts in milliseconds. Each falls back to `default`, then to 3 000 (house convention, spec §3). */
export type VentajaTimeouts = Partial<
  Record<'default' | 'bills' | 'billsProcess' | 'eload' | 'eloadTopup', number>
>;

/** Options of `VentajaClient` (spec §11). */
export interface VentajaClientOptions {
  /** `sandbox` uses Ventaja's demo hosts (spec §3); `production` requires `hosts.bills`. */
  environment: 'sandbox' | 'production';
  /** Bills envelope generation: `unified` (`{id,uid,pwd,data}`) or `v4` (adds `code`, `countryCode`). @default 'unified' */
  wireGeneration?: VentajaWireGeneration;
  /**
   * Base URLs, overriding the sandbox ones. `hosts.bills` is required in production; `hosts.eload` when e-load is
   * used there. @default the sandbox hosts of spec §3
   */
  hosts?: { bills?: string; eload?: string };
  /** Accept `http:` base URLs (the simulator). The legacy plain-HTTP Ventaja host is refused regardless. @default false */
  allowInsecureHttp?: boolean;
  /** Outlet credentials sent in every envelope. `password` is a secret: never logged. */
  credentials: { outletId: string; uid: string; password: string };
  /**
   * The outlet's RSA private key (PEM or PKCS#12), the algorithm, and an optional separate e-load key (spec §5).
   * `algorithm` @default 'RSA-SHA1'
   */
  signing: VentajaSigningKey & { algorithm?: VentajaSignatureAlgorithm; eload?: VentajaSigningKey };
  /**
   * Biller lists checked locally before a cancel or pull-data is sent (spec §2); Ventaja changes them, so they
   * can be overridden. `cancellable` @default G01–G05, G08, G09; `pullData` @default P02, P03, A02, G06, G07;
   * `settleCheckAfterMs` (when services should re-inquire a paid bill, spec §7) @default 86_400_000
   */
  billerRules?: {
    cancellable?: readonly string[];
    pullData?: readonly string[];
    settleCheckAfterMs?: number;
  };
  /** Accepted `agentRefNo` values (spec §4.4). @default /^[A-Za-z0-9]{1,20}$/ */
  agentRefNoPattern?: RegExp;
  /** Per-attempt timeouts (spec §3). @default 3_000 for every key */
  timeouts?: VentajaTimeouts;
  /**
   * Unknown-outcome resolution (spec §2.1, §2.2): delays before each inquiry, and the overall deadline that
   * trims them. `delaysMs` @default [1_000, 3_000, 10_000]; `deadlineMs` @default 30_000
   */
  resolve?: { delaysMs?: readonly number[]; deadlineMs?: number };
  /** Keyed re-sends of `bills.pay` after a definitive not-found, and retries of safe calls. @default 2 */
  maxRetries?: number;
  /** Cache lifetimes: `productsMs` @default 600_000 (10 min); `prefixesMs` @default 86_400_000 (24 h). */
  cache?: { productsMs?: number; prefixesMs?: number };
  /** Overrides of rows of `VENTAJA_RESPONSE_CODES`, keyed by `responseCode`. @default {} */
  codeOverrides?: Record<number, { category: VendorErrorCategory; retryable: boolean }>;
  /** Structured logger; everything logged is redacted. @default silent */
  logger?: Logger;
  /**
   * Circuit breakers (DESIGN §5); the circuit is named `ventaja`. Share one registry across clients to list circuits,
   * `isolate()`/`reset()` them from an admin path, or share their state across instances (`stateStore`).
   * @default a registry of this client (opens after 5 failures, half-opens after 30 s)
   */
  breakers?: CircuitBreakerRegistry;
  /**
   * Replaces the default keep-alive HTTP transports (spec §3): one transport for every host, or one per host.
   * Request paths are relative to the host's base URL. @default core's `createHttpTransport` per host
   */
  transport?: HttpTransport | { bills?: HttpTransport; eload?: HttpTransport };
}

const positiveMs = z.number().int().positive();
const signingKeySchema = z.union([
  z.object({ privateKeyPem: z.string().min(1), passphrase: z.string().optional() }),
  z.object({ pfx: z.instanceof(Buffer), passphrase: z.string().optional() }),
]);

/** The zod schema of {@link VentajaClientOptions}; issues name the option, never its value. */
export const ventajaClientOptionsSchema = z.object({
  environment: z.enum(['sandbox', 'production']),
  wireGeneration: z.enum(['unified', 'v4']).optional(),
  hosts: z.object({ bills: z.string().optional(), eload: z.string().optional() }).optional(),
  allowInsecureHttp: z.boolean().optional(),
  credentials: z.object({
    outletId: z.string().regex(/^\d{1,20}$/, 'must be the numeric outlet id'),
    uid: z.string().min(1),
    password: z.string().min(1),
  }),
  signing: z.intersection(
    signingKeySchema,
    z.object({
      algorithm: z.enum(['RSA-SHA1', 'RSA-SHA256']).optional(),
      eload: signingKeySchema.optional(),
    }),
  ),
  billerRules: z
    .object({
      cancellable: z.array(z.string().min(1)).optional(),
      pullData: z.array(z.string().min(1)).optional(),
      settleCheckAfterMs: positiveMs.optional(),
    })
    .optional(),
  agentRefNoPattern: z.instanceof(RegExp).optional(),
  timeouts: z
    .object({
      default: positiveMs.optional(),
      bills: positiveMs.optional(),
      billsProcess: positiveMs.optional(),
      eload: positiveMs.optional(),
      eloadTopup: positiveMs.optional(),
    })
    .optional(),
  resolve: z
    .object({
      delaysMs: z.array(z.number().int().nonnegative()).min(1).optional(),
      deadlineMs: positiveMs.optional(),
    })
    .optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  cache: z
    .object({
      productsMs: z.number().int().nonnegative().optional(),
      prefixesMs: z.number().int().nonnegative().optional(),
    })
    .optional(),
  codeOverrides: z
    .record(
      z.string().regex(/^\d{3}$/),
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
  logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null).optional(),
  breakers: z.instanceof(CircuitBreakerRegistry).optional(),
  transport: z
    .custom<VentajaClientOptions['transport']>((value) => typeof value === 'object' && value !== null)
    .optional(),
});

/** Settings resolved from the options, with every default applied. */
export interface VentajaSettings {
  generation: VentajaWireGeneration;
  baseUrls: { bills: string; eload: string | undefined };
  credentials: { outletId: string; uid: string; password: string };
  algorithm: VentajaSignatureAlgorithm;
  cancellableBillers: ReadonlySet<string>;
  pullDataBillers: ReadonlySet<string>;
  settleCheckAfterMs: number;
  agentRefNoPattern: RegExp;
  timeouts: Record<'bills' | 'billsProcess' | 'eload' | 'eloadTopup', number>;
  resolveDelaysMs: readonly number[];
  resolveDeadlineMs: number;
  maxRetries: number;
  productsCacheMs: number;
  prefixesCacheMs: number;
  codeOverrides: Record<number, { category: VendorErrorCategory; retryable: boolean }>;
}

// spec §3: the legacy plain-HTTP endpoint is refused whatever the options say.
const legacyHost = '121.58.224.179';

function checkBaseUrl(url: string, option: string, allowInsecureHttp: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError({ message: `Ventaja option ${option} is not an absolute URL` });
  }
  if (parsed.hostname === legacyHost) {
    throw new ConfigError({
      message: `Ventaja option ${option}: the legacy plain-HTTP VentajaAPI host is refused (spec §3)`,
    });
  }
  if (parsed.protocol === 'http:' && !allowInsecureHttp) {
    throw new ConfigError({ message: `Ventaja option ${option}: http: URLs need allowInsecureHttp: true` });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError({ message: `Ventaja option ${option} must be an https: URL` });
  }
  return url.replace(/\/+$/, '');
}

/**
 * Validates the options and applies the defaults.
 * @throws ConfigError naming the offending option (never its value).
 */
export function resolveVentajaSettings(options: VentajaClientOptions): VentajaSettings {
  const parsed = ventajaClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(options)');
    throw new ConfigError({
      message: `Ventaja client options are invalid: ${[...new Set(paths)].join(', ')}`,
    });
  }
  const generation = options.wireGeneration ?? 'unified';
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  let bills = options.hosts?.bills;
  let eload = options.hosts?.eload;
  if (options.environment === 'sandbox') {
    bills ??= generation === 'v4' ? VENTAJA_SANDBOX_HOSTS.billsV4 : VENTAJA_SANDBOX_HOSTS.bills;
    eload ??= VENTAJA_SANDBOX_HOSTS.eload;
  } else if (bills === undefined) {
    throw new ConfigError({ message: 'Ventaja option hosts.bills is required in production' });
  }
  const timeoutDefault = options.timeouts?.default ?? VENTAJA_DEFAULTS.timeoutMs;
  const resolveDeadlineMs = options.resolve?.deadlineMs ?? VENTAJA_DEFAULTS.resolveDeadlineMs;
  return {
    generation,
    baseUrls: {
      bills: checkBaseUrl(bills, 'hosts.bills', allowInsecureHttp),
      eload: eload === undefined ? undefined : checkBaseUrl(eload, 'hosts.eload', allowInsecureHttp),
    },
    credentials: { ...options.credentials },
    algorithm: options.signing.algorithm ?? 'RSA-SHA1',
    cancellableBillers: new Set(options.billerRules?.cancellable ?? DEFAULT_CANCELLABLE_BILLERS),
    pullDataBillers: new Set(options.billerRules?.pullData ?? DEFAULT_PULL_DATA_BILLERS),
    settleCheckAfterMs: options.billerRules?.settleCheckAfterMs ?? VENTAJA_DEFAULTS.settleCheckAfterMs,
    agentRefNoPattern: options.agentRefNoPattern ?? DEFAULT_AGENT_REF_NO_PATTERN,
    timeouts: {
      bills: options.timeouts?.bills ?? timeoutDefault,
      billsProcess: options.timeouts?.billsProcess ?? options.timeouts?.bills ?? timeoutDefault,
      eload: options.timeouts?.eload ?? timeoutDefault,
      eloadTopup: options.timeouts?.eloadTopup ?? options.timeouts?.eload ?? timeoutDefault,
    },
    resolveDelaysMs: trimToDeadline(
      options.resolve?.delaysMs ?? VENTAJA_DEFAULTS.resolveDelaysMs,
      resolveDeadlineMs,
    ),
    resolveDeadlineMs,
    maxRetries: options.maxRetries ?? VENTAJA_DEFAULTS.maxRetries,
    productsCacheMs: options.cache?.productsMs ?? VENTAJA_DEFAULTS.productsCacheMs,
    prefixesCacheMs: options.cache?.prefixesMs ?? VENTAJA_DEFAULTS.prefixesCacheMs,
    codeOverrides: { ...options.codeOverrides },
  };
}

/** Keeps the inquiries whose cumulative delay fits the deadline (spec §2.1 step 1), at least one. */
function trimToDeadline(delaysMs: readonly number[], deadlineMs: number): number[] {
  const kept: number[] = [];
  let elapsed = 0;
  for (const delayMs of delaysMs) {
    elapsed += delayMs;
    if (elapsed > deadlineMs && kept.length > 0) break;
    kept.push(delayMs);
  }
  return kept;
}
