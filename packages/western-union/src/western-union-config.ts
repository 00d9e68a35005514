import {
  type CircuitBreakerRegistry,
  ConfigError,
  type IdempotencyStore,
  type Logger,
  type VendorErrorCategory,
} from '@wirebridge/core';
import { z } from 'zod';

/** A WU service the client talks to (spec §3). `nis` is the inbound notification service (spec §7). */
export type WuService =
  | 'validation'
  | 'store'
  | 'status'
  | 'search'
  | 'cancel'
  | 'refund'
  | 'das'
  | 'heartbeat'
  | 'nis';

/** Every {@link WuService}, in spec §3 order. */
export const WU_SERVICES: readonly WuService[] = [
  'validation',
  'store',
  'status',
  'search',
  'cancel',
  'refund',
  'das',
  'heartbeat',
  'nis',
];

const uatOrigin = 'https://wugateway2pi.westernunion.com';
const prdOrigin = 'https://wugateway2.westernunion.com';

/** Path of each outbound service on WU's gateway (spec §3; the lower-case "m" in `SendmoneyValidation` is real). */
export const WU_SERVICE_PATHS: Readonly<Record<Exclude<WuService, 'refund' | 'nis'>, string>> = {
  validation: '/SendmoneyValidation_Service_H2H',
  store: '/SendMoneyStore_Service_H2H',
  status: '/PayStatus_Service_H2H',
  search: '/Search_Service_H2H',
  cancel: '/CancelSend_Service_H2H',
  das: '/DAS_Service_H2H',
  heartbeat: '/HeartBeat',
};

function endpointsFor(origin: string): Record<WuService, string | undefined> {
  return {
    validation: origin + WU_SERVICE_PATHS.validation,
    store: origin + WU_SERVICE_PATHS.store,
    status: origin + WU_SERVICE_PATHS.status,
    search: origin + WU_SERVICE_PATHS.search,
    cancel: origin + WU_SERVICE_PATHS.cancel,
    das: origin + WU_SERVICE_PATHS.das,
    // The PRD heartbeat path is Modelled (spec §3): only the UAT one was seen in a third-party document.
    heartbeat: origin + WU_SERVICE_PATHS.heartbeat,
    // Not public: configure `endpoints.refund` (Modelled, spec §2).
    refund: undefined,
    // WU calls us: the partner URL registered at onboarding.
    nis: undefined,
  };
}

/** WU's gateway URLs per environment (spec §3). Every one can be overridden with `endpoints`. */
export const WESTERN_UNION_ENDPOINTS: Readonly<
  Record<'uat' | 'prd', Readonly<Record<WuService, string | undefined>>>
> = {
  uat: endpointsFor(uatOrigin),
  prd: endpointsFor(prdOrigin),
};

/** WSDL file names WU supplies at onboarding, looked up in `wsdlDir` (spec §3). The refund name is Modelled. */
export const DEFAULT_WSDL_FILES: Readonly<Record<Exclude<WuService, 'heartbeat'>, string>> = {
  validation: 'SendMoneyValidation_Service_H2HService.wsdl',
  store: 'SendMoneyStore_Service_H2HService.wsdl',
  status: 'PayStatus_Service_H2HService.wsdl',
  search: 'Search_Service_H2HServiceService.wsdl',
  cancel: 'CancelSend_Service_H2HService.wsdl',
  das: 'DAS_Service_H2HService.wsdl',
  refund: 'Refund_Service_H2HService.wsdl',
  nis: 'NisNotification.wsdl',
};

/** Client certificate for mutual TLS (spec §5.1): a PKCS#12 bundle or a PEM pair, plus an optional private CA. */
export type WesternUnionTlsOptions = (
  | { pfx: Buffer; passphrase?: string }
  | { key: string | Buffer; cert: string | Buffer; passphrase?: string }
  /** No client certificate: only for diagnosing a connection; WU refuses every call (`authentication`). */
  | { pfx?: undefined; key?: undefined; cert?: undefined; passphrase?: undefined }
) & {
  /** CA certificates trusted for WU's server certificate. @default Node's bundled roots */
  ca?: string | Buffer;
  /**
   * SHA-256 SPKI pins (base64). Not supported yet: core's SOAP factory has no `checkServerIdentity` hook, so giving
   * pins is a `ConfigError` rather than a silently ignored security setting. @default none
   */
  pins?: string[];
};

/** Per-operation timeouts in milliseconds (spec §3). */
export type WesternUnionTimeouts = Partial<
  Record<
    'default' | 'quote' | 'send' | 'status' | 'search' | 'cancel' | 'refund' | 'referenceData' | 'heartbeat',
    number
  >
>;

/** Options of {@link WesternUnionClient}. */
export interface WesternUnionClientOptions {
  /** WU environment: selects the default endpoints of spec §3. */
  environment: 'uat' | 'prd';
  /** Directory holding the WSDL + XSD set WU supplied at onboarding (never bundled: proprietary). */
  wsdlDir: string;
  /** File names inside `wsdlDir`, per service. @default {@link DEFAULT_WSDL_FILES} */
  wsdlFiles?: Partial<Record<WuService, string>>;
  /** Endpoint URLs per service. @default {@link WESTERN_UNION_ENDPOINTS}[environment] */
  endpoints?: Partial<Record<WuService, string>>;
  /** Client certificate (mTLS, spec §5.1). Required for `https` endpoints; plain-HTTP endpoints (a local simulator) may omit it. */
  tls?: WesternUnionTlsOptions;
  /** Partner identity sent in `foreign_remote_system` and `channel` (spec §4.1). */
  partner: {
    /** `foreign_remote_system/identifier`: the partner account id. */
    identifier: string;
    /** `foreign_remote_system/counter_id`. */
    counterId: string;
    /** `foreign_remote_system/operator_id`. @default omitted */
    operatorId?: string;
    /** `channel/name`, ≤20 characters. */
    channelName: string;
    /** `channel/version`. @default '9500' */
    channelVersion?: string;
    /** Body of `esp-heartbeat-request` (spec §4.4). Required for `health.heartbeat()`. */
    heartbeat?: {
      partnerId: string;
      systemName: string;
      systemVersion: string;
      ipAddress: string;
      connectorId: string;
    };
  };
  /** Origin country (ISO alpha-2) and currency of every send (spec §4.2 `recording_country_currency`). */
  origin: { country: string; currency: string };
  /** Inbound NIS checks (spec §5.3). Required for `notifications.handle()`/`process()`. */
  notifications?: {
    /** Source addresses or CIDR blocks WU pushes from; `::ffff:` mapped IPv4 is normalised. */
    allowedIps: string[];
    /** Accepted Basic credentials; several entries allow rotation. */
    basicAuth: { username: string; password: string }[];
  };
  /** Timeouts in ms. @default send 30 000 and cancel 30 000 (money-moving), everything else 3 000 */
  timeouts?: WesternUnionTimeouts;
  /** Delays before each PayStatus call that resolves a lost store/cancel/refund reply (spec §2.1). @default { delaysMs: [2000, 5000, 15000] } */
  resolve?: { delaysMs: number[] };
  /** Per-code overrides of {@link WESTERN_UNION_ERROR_TABLE}. @default none */
  errorCodeOverrides?: Record<string, { category: VendorErrorCategory; retryable: boolean }>;
  /**
   * Wire-amount multiplier per currency: `wire = minor × scale` (spec §4.7, Modelled for non-2-decimal currencies).
   * @default 10^(2 − ISO 4217 decimals): 1 for USD/EUR, 100 for KRW/JPY
   */
  amountScaleOverrides?: Record<string, number>;
  /** Date format of KYC dates on the wire (Modelled, spec §4.2). @default 'MMDDYYYY' */
  kycDateFormat?: 'MMDDYYYY' | 'YYYYMMDD' | 'DDMMYYYY';
  /** Client-side token bucket; when empty a call fails with `RateLimitedError` before sending. @default unlimited */
  maxCallsPerHour?: number;
  /** Store for NIS dedupe claims (spec §7). Share one across instances. @default core `MemoryIdempotencyStore` */
  idempotencyStore?: IdempotencyStore;
  /** How long a NIS dedupe claim blocks a concurrent copy. @default 30 000 */
  dedupeLockMs?: number;
  /** Clock used for inferred years and rate limiting. @default () => new Date() */
  clock?: () => Date;
  /** Structured logger; call events are logged redacted. @default silent */
  logger?: Logger;
  /**
   * Circuit breakers (DESIGN §5; the circuit is named `western-union`). Share one registry across clients to list,
   * isolate or reset circuits from an admin API. @default a new registry per client
   */
  breakers?: CircuitBreakerRegistry;
}

/** Default timeouts (spec §3). */
export const DEFAULT_TIMEOUTS = {
  default: 3_000,
  quote: 3_000,
  send: 30_000,
  status: 3_000,
  search: 3_000,
  cancel: 30_000,
  refund: 30_000,
  referenceData: 3_000,
  heartbeat: 3_000,
} as const;

/** Default PayStatus delays of the store resolver (spec §2.1). */
export const DEFAULT_RESOLVE_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000];

const upperAlpha2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code in upper case');
const upperAlpha3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case');
const positiveMs = z.number().int().positive();
const categories = [
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
] as const;
const pem = z.union([z.string().min(1), z.instanceof(Buffer)]);
const serviceRecord = <T extends z.ZodType>(value: T) =>
  z
    .object({
      validation: value.optional(),
      store: value.optional(),
      status: value.optional(),
      search: value.optional(),
      cancel: value.optional(),
      refund: value.optional(),
      das: value.optional(),
      heartbeat: value.optional(),
      nis: value.optional(),
    })
    .strict();

/** zod schema of {@link WesternUnionClientOptions}; errors name the option. */
export const westernUnionClientOptionsSchema = z
  .object({
    environment: z.enum(['uat', 'prd']),
    wsdlDir: z.string().min(1),
    wsdlFiles: serviceRecord(z.string().min(1)).optional(),
    endpoints: serviceRecord(z.url({ protocol: /^https?$/ })).optional(),
    tls: z
      .object({
        pfx: z.instanceof(Buffer).optional(),
        key: pem.optional(),
        cert: pem.optional(),
        passphrase: z.string().optional(),
        ca: pem.optional(),
        pins: z.array(z.string()).optional(),
      })
      .refine((tls) => !(tls.pfx !== undefined && (tls.key !== undefined || tls.cert !== undefined)), {
        message: 'give either pfx or key + cert',
      })
      .refine((tls) => (tls.key === undefined) === (tls.cert === undefined), {
        message: 'key and cert go together',
      })
      .optional(),
    partner: z.object({
      identifier: z.string().min(1).max(40),
      counterId: z.string().min(1).max(40),
      operatorId: z.string().min(1).max(40).optional(),
      channelName: z.string().min(1).max(20),
      channelVersion: z.string().min(1).max(20).optional(),
      heartbeat: z
        .object({
          partnerId: z.string().min(1),
          systemName: z.string().min(1),
          systemVersion: z.string().min(1),
          ipAddress: z.string().min(1),
          connectorId: z.string().min(1),
        })
        .optional(),
    }),
    origin: z.object({ country: upperAlpha2, currency: upperAlpha3 }),
    notifications: z
      .object({
        allowedIps: z.array(z.string().min(1)),
        basicAuth: z.array(z.object({ username: z.string().min(1), password: z.string().min(1) })).min(1),
      })
      .optional(),
    timeouts: z
      .object({
        default: positiveMs.optional(),
        quote: positiveMs.optional(),
        send: positiveMs.optional(),
        status: positiveMs.optional(),
        search: positiveMs.optional(),
        cancel: positiveMs.optional(),
        refund: positiveMs.optional(),
        referenceData: positiveMs.optional(),
        heartbeat: positiveMs.optional(),
      })
      .strict()
      .optional(),
    resolve: z.object({ delaysMs: z.array(z.number().int().nonnegative()).min(1) }).optional(),
    errorCodeOverrides: z
      .record(z.string(), z.object({ category: z.enum(categories), retryable: z.boolean() }))
      .optional(),
    amountScaleOverrides: z.record(upperAlpha3, z.number().positive()).optional(),
    kycDateFormat: z.enum(['MMDDYYYY', 'YYYYMMDD', 'DDMMYYYY']).optional(),
    maxCallsPerHour: z.number().int().positive().optional(),
    idempotencyStore: z
      .custom<IdempotencyStore>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as IdempotencyStore).claim === 'function' &&
          typeof (value as IdempotencyStore).complete === 'function' &&
          typeof (value as IdempotencyStore).release === 'function',
        'must implement IdempotencyStore',
      )
      .optional(),
    dedupeLockMs: positiveMs.optional(),
    clock: z.custom<() => Date>((value) => typeof value === 'function', 'must be a function').optional(),
    logger: z
      .custom<Logger>((value) => typeof value === 'object' && value !== null, 'must be a logger')
      .optional(),
    breakers: z
      .custom<CircuitBreakerRegistry>(
        (value) => typeof value === 'object' && value !== null,
        'must be a CircuitBreakerRegistry',
      )
      .optional(),
  })
  .strict();

/** Options after defaults, as the client uses them. */
export interface ResolvedWesternUnionOptions {
  environment: 'uat' | 'prd';
  wsdlPaths: Record<Exclude<WuService, 'heartbeat'>, string>;
  endpoints: Record<WuService, string | undefined>;
  tls: WesternUnionTlsOptions | undefined;
  partner: WesternUnionClientOptions['partner'] & { channelVersion: string };
  origin: { country: string; currency: string };
  notifications: WesternUnionClientOptions['notifications'];
  timeouts: Record<keyof typeof DEFAULT_TIMEOUTS, number>;
  resolveDelaysMs: readonly number[];
  errorCodeOverrides: Record<string, { category: VendorErrorCategory; retryable: boolean }>;
  amountScaleOverrides: Record<string, number>;
  kycDateFormat: 'MMDDYYYY' | 'YYYYMMDD' | 'DDMMYYYY';
  maxCallsPerHour: number | undefined;
  dedupeLockMs: number;
  clock: () => Date;
}

/**
 * Validates the options and fills in the defaults (spec §3, §11).
 * @throws ConfigError naming every bad option; never echoes a key or password.
 */
export function resolveWesternUnionOptions(options: WesternUnionClientOptions): ResolvedWesternUnionOptions {
  const parsed = westernUnionClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new ConfigError({
      message: `Invalid Western Union client options: ${fields.join(', ')}`,
      vendor: 'western-union',
      details: { fields },
    });
  }
  const value = parsed.data;
  if (value.tls?.pins !== undefined && value.tls.pins.length > 0) {
    // TODO(core): the SOAP factory offers no checkServerIdentity hook; refuse rather than ignore pins silently.
    throw new ConfigError({
      message: 'Invalid Western Union client options: tls.pins is not supported yet',
      vendor: 'western-union',
      details: { fields: ['tls.pins'] },
    });
  }
  const endpoints = { ...WESTERN_UNION_ENDPOINTS[value.environment], ...value.endpoints };
  const wsdlFiles = { ...DEFAULT_WSDL_FILES, ...value.wsdlFiles };
  const wsdlPaths = Object.fromEntries(
    Object.entries(wsdlFiles).map(([service, file]) => [service, joinPath(value.wsdlDir, file)]),
  ) as Record<Exclude<WuService, 'heartbeat'>, string>;
  const timeoutDefault = value.timeouts?.default ?? DEFAULT_TIMEOUTS.default;
  const timeouts = {
    default: timeoutDefault,
    quote: value.timeouts?.quote ?? timeoutDefault,
    send: value.timeouts?.send ?? DEFAULT_TIMEOUTS.send,
    status: value.timeouts?.status ?? timeoutDefault,
    search: value.timeouts?.search ?? timeoutDefault,
    cancel: value.timeouts?.cancel ?? DEFAULT_TIMEOUTS.cancel,
    refund: value.timeouts?.refund ?? DEFAULT_TIMEOUTS.refund,
    referenceData: value.timeouts?.referenceData ?? timeoutDefault,
    heartbeat: value.timeouts?.heartbeat ?? timeoutDefault,
  };
  return {
    environment: value.environment,
    wsdlPaths,
    endpoints,
    tls: options.tls,
    partner: { ...value.partner, channelVersion: value.partner.channelVersion ?? '9500' },
    origin: value.origin,
    notifications: value.notifications,
    timeouts,
    resolveDelaysMs: value.resolve?.delaysMs ?? DEFAULT_RESOLVE_DELAYS_MS,
    errorCodeOverrides: value.errorCodeOverrides ?? {},
    amountScaleOverrides: value.amountScaleOverrides ?? {},
    kycDateFormat: value.kycDateFormat ?? 'MMDDYYYY',
    maxCallsPerHour: value.maxCallsPerHour,
    dedupeLockMs: value.dedupeLockMs ?? 30_000,
    clock: value.clock ?? (() => new Date()),
  };
}

function joinPath(directory: string, file: string): string {
  if (file.startsWith('/')) return file;
  return directory.endsWith('/') ? directory + file : `${directory}/${file}`;
}
