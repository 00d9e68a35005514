import { CircuitBreakerRegistry } from '@wirebridge/core';
/**
 * Options of {@link UnionPayClient}: schema, environments and defaults (spec §3, §5.1, §11).
 */

import type { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  type HttpTransport,
  type IdempotencyStore,
  type Logger,
  parseOrThrow,
} from '@wirebridge/core';
import { certificateValidity } from '@wirebridge/core/crypto';
import { z } from 'zod';
import type { UnionPayEncoding } from './wire/charset.js';
import { MODELLED_FILE_NOT_FOUND_CODES, MODELLED_TIME_ZONE_OFFSET_MINUTES } from './wire/modelled.js';
import { loadSigningCredentials, type ResolvedSigner, toCertificate } from './wire/signature.js';

/** PKCS#12 bytes (or a file path) with its password, or a PEM key + certificate (or file paths). */
export type SigningCredentials =
  | { pfx: Buffer | string; password: string }
  | { privateKeyPem: string; certificatePem: string };

/** The gateway and file-download base URLs (spec §3). */
export interface UnionPayEnvironmentUrls {
  /** Base of `frontTransReq.do`, `backTransReq.do`, `queryTrans.do`, ending in `/`. */
  gatewayBaseUrl: string;
  /** The file-download URL (76). */
  fileDownloadUrl: string;
}

/** Published hosts (spec §3). */
export const UNIONPAY_ENVIRONMENTS: Readonly<Record<'test' | 'production', UnionPayEnvironmentUrls>> = {
  test: {
    gatewayBaseUrl: 'https://gateway.test.95516.com/gateway/api/',
    fileDownloadUrl: 'https://filedownload.test.95516.com/',
  },
  production: {
    gatewayBaseUrl: 'https://gateway.95516.com/gateway/api/',
    fileDownloadUrl: 'https://filedownload.95516.com/',
  },
};

/** Options of `new UnionPayClient(options)`. Every PEM/DER input also accepts a file path, read once here. */
export interface UnionPayClientOptions {
  /** `'test'`, `'production'`, or explicit URLs (a simulator). */
  environment: 'test' | 'production' | UnionPayEnvironmentUrls;
  /** Merchant id (`merId`, N15). */
  merchantId: string;
  /** Charset of bodies and signing strings. @default 'UTF-8' */
  encoding?: UnionPayEncoding;
  /** `01` RSA certificate or `11` secure key. Payouts and card operations always require `01`. @default '01' */
  signMethod?: '01' | '11';
  /** Signing key and certificate; required for `signMethod` 01. Checked against `clock()` at construction. */
  signing?: SigningCredentials;
  /** Secure key for `signMethod` 11 (never logged). @default none */
  secureKey?: string;
  /** UnionPay's encryption certificate (PEM/DER/path); required by payouts and card operations. @default none */
  encryptionCertificate?: string | Buffer;
  /** Called after `encryptionCertificate.refresh()` swapped the certificate, to persist it. @default none */
  onEncryptionCertificateChange?: (pem: string, certificateId: string) => void | Promise<void>;
  /** Trust anchors for UnionPay's signing certificate (spec §5.4). */
  trust: { middleCertificate: string | Buffer; rootCertificate: string | Buffer };
  /** Require the production CN. @default true, except `false` for `environment: 'test'` */
  validateCnName?: boolean;
  /** Certificates for 5.0.0 legacy verification. @default [] */
  legacyVerifyCertificates?: ReadonlyArray<string | Buffer>;
  /** Accept 5.0.0 notifications (verified with `legacyVerifyCertificates`). @default false */
  acceptLegacyNotifications?: boolean;
  /** `backUrl` of money-moving requests (no `?query`). @default none (required by void, refund, payout) */
  backUrl?: string;
  /** `frontUrl` of front payments. @default none */
  frontUrl?: string;
  /** `channelType`: `07` PC, `08` mobile. @default '07' */
  channelType?: '07' | '08';
  /** `reqReserved` handling: `raw` rejects `&={}[]"'`, `base64` encodes/decodes. @default 'raw' */
  passthroughMode?: 'raw' | 'base64';
  /** Per-call timeouts. @default { defaultMs: 3_000, fileDownloadMs: 30_000 } */
  timeouts?: { defaultMs?: number; fileDownloadMs?: number };
  /** Delays before each status query of the resolver (spec §2). @default [1000, 2000, 4000, 8000, 16000, 32000] */
  resolverDelaysMs?: readonly number[];
  /** **Modelled** "no file" codes of 76. @default ['98'] */
  fileNotFoundResponseCodes?: readonly string[];
  /** **Modelled** time zone of `txnTime`, minutes east of UTC. @default 480 (UTC+08:00) */
  timeZoneOffsetMinutes?: number;
  /** Clock for `txnTime` and certificate validity. @default () => new Date() */
  clock?: () => Date;
  /** Dedupe store of notifications. @default core's in-memory store */
  idempotencyStore?: IdempotencyStore;
  /** Transport to the gateway host (file downloads keep their own). @default core's HTTP transport */
  transport?: HttpTransport;
  /** Structured logger (events are redacted). @default silent */
  logger?: Logger;
  /**
   * Circuit breakers (DESIGN §5); the circuit is named `unionpay`. Share one registry across clients to list circuits,
   * `isolate()`/`reset()` them from an admin path, or share their state across instances (`stateStore`).
   * @default a registry of this client (opens after 5 failures, half-opens after 30 s)
   */
  breakers?: CircuitBreakerRegistry;
}

/** The resolver schedule of the official demos: 1, 2, 4, 8, 16, 32 s (spec §2). */
export const DEFAULT_RESOLVER_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

const pemOrBytes = z.union([z.string().min(1), z.instanceof(Buffer)]);
const optionsSchema = z.object({
  environment: z.union([
    z.literal('test'),
    z.literal('production'),
    z.object({ gatewayBaseUrl: z.url(), fileDownloadUrl: z.url() }),
  ]),
  merchantId: z.string().regex(/^[0-9A-Za-z]{15}$/, 'must be 15 characters'),
  encoding: z.enum(['UTF-8', 'GBK']).optional(),
  signMethod: z.enum(['01', '11']).optional(),
  signing: z
    .union([
      z.object({ pfx: pemOrBytes, password: z.string() }),
      z.object({ privateKeyPem: z.string().min(1), certificatePem: z.string().min(1) }),
    ])
    .optional(),
  secureKey: z.string().min(1).optional(),
  encryptionCertificate: pemOrBytes.optional(),
  onEncryptionCertificateChange: z.custom<() => unknown>((value) => typeof value === 'function').optional(),
  trust: z.object({ middleCertificate: pemOrBytes, rootCertificate: pemOrBytes }),
  validateCnName: z.boolean().optional(),
  legacyVerifyCertificates: z.array(pemOrBytes).optional(),
  acceptLegacyNotifications: z.boolean().optional(),
  backUrl: z
    .url()
    .refine((value) => !value.includes('?'), 'must not carry a ?query (spec §4)')
    .optional(),
  frontUrl: z.url().optional(),
  channelType: z.enum(['07', '08']).optional(),
  passthroughMode: z.enum(['raw', 'base64']).optional(),
  timeouts: z
    .object({
      defaultMs: z.number().int().positive().optional(),
      fileDownloadMs: z.number().int().positive().optional(),
    })
    .optional(),
  resolverDelaysMs: z.array(z.number().int().nonnegative()).min(1).optional(),
  fileNotFoundResponseCodes: z.array(z.string()).optional(),
  timeZoneOffsetMinutes: z.number().int().min(-840).max(840).optional(),
  clock: z.custom<() => Date>((value) => typeof value === 'function').optional(),
  idempotencyStore: z
    .custom<IdempotencyStore>((value) => typeof value === 'object' && value !== null)
    .optional(),
  transport: z.custom<HttpTransport>((value) => typeof value === 'object' && value !== null).optional(),
  logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null).optional(),
  breakers: z.instanceof(CircuitBreakerRegistry).optional(),
});

/** What the client works with after construction. */
export interface ResolvedUnionPayConfig {
  urls: UnionPayEnvironmentUrls;
  merchantId: string;
  encoding: UnionPayEncoding;
  signMethod: '01' | '11';
  signer: ResolvedSigner | undefined;
  secureKey: string | undefined;
  encryptionCertificate: X509Certificate | undefined;
  trust: { middleCertificate: string | Buffer; rootCertificate: string | Buffer };
  validateCnName: boolean;
  legacyVerifyCertificates: ReadonlyArray<string | Buffer>;
  acceptLegacyNotifications: boolean;
  backUrl: string | undefined;
  frontUrl: string | undefined;
  channelType: '07' | '08';
  passthroughMode: 'raw' | 'base64';
  defaultTimeoutMs: number;
  fileDownloadTimeoutMs: number;
  resolverDelaysMs: readonly number[];
  fileNotFoundResponseCodes: readonly string[];
  timeZoneOffsetMinutes: number;
  clock: () => Date;
}

/** PEM text, DER bytes, or a file path (a string without a PEM header), read now. */
function readMaterial(value: string | Buffer, option: string): string | Buffer {
  if (Buffer.isBuffer(value) || value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value);
  } catch {
    throw new ConfigError({ message: `${option}: file could not be read`, details: { option } });
  }
}

function readCertificate(value: string | Buffer, option: string): X509Certificate {
  try {
    return toCertificate(readMaterial(value, option));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError({ message: `${option}: not a readable X.509 certificate`, details: { option } });
  }
}

/**
 * Resolves signing credentials and checks the certificate is valid at `now` (spec §5.1).
 * @throws ConfigError naming `signing` (never echoing the password or key).
 */
export function resolveSigner(signing: SigningCredentials, now: Date): ResolvedSigner {
  let resolved: { privateKeyPem: string; certificatePem: string; certificateId: string };
  if ('pfx' in signing) {
    const bytes = readMaterial(signing.pfx, 'signing.pfx');
    resolved = loadSigningCredentials(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), signing.password);
  } else {
    const certificate = readCertificate(signing.certificatePem, 'signing.certificatePem');
    const keyPem = readMaterial(signing.privateKeyPem, 'signing.privateKeyPem').toString();
    resolved = {
      privateKeyPem: keyPem,
      certificatePem: certificate.toString(),
      certificateId: BigInt(`0x${certificate.serialNumber}`).toString(10),
    };
  }
  const { notBefore, notAfter } = certificateValidity(toCertificate(resolved.certificatePem));
  if (now.getTime() < notBefore.getTime() || now.getTime() > notAfter.getTime()) {
    throw new ConfigError({
      message: `signing: certificate ${resolved.certificateId} is not valid at ${now.toISOString()} (valid ${notBefore.toISOString()} – ${notAfter.toISOString()})`,
      details: { option: 'signing', reason: 'certificate_validity' },
    });
  }
  return { signMethod: '01', ...resolved };
}

/**
 * Validates and resolves client options.
 * @throws ConfigError (wrapping the field-level validation issues) for bad options.
 */
export function resolveUnionPayConfig(options: UnionPayClientOptions): ResolvedUnionPayConfig {
  let parsed: z.output<typeof optionsSchema>;
  try {
    parsed = parseOrThrow(optionsSchema, options, 'UnionPay client options', { vendor: 'unionpay' });
  } catch (error) {
    throw new ConfigError({
      message: `invalid UnionPay client options: ${(error as Error).message}`,
      details: { issues: (error as { issues?: unknown }).issues },
    });
  }
  const clock = (parsed.clock as (() => Date) | undefined) ?? (() => new Date());
  const signMethod = parsed.signMethod ?? '01';
  if (signMethod === '01' && parsed.signing === undefined) {
    throw new ConfigError({
      message: 'signing is required for signMethod 01',
      details: { option: 'signing' },
    });
  }
  if (signMethod === '11' && parsed.secureKey === undefined) {
    throw new ConfigError({
      message: 'secureKey is required for signMethod 11',
      details: { option: 'secureKey' },
    });
  }
  const environment = parsed.environment;
  const urls = typeof environment === 'string' ? UNIONPAY_ENVIRONMENTS[environment] : environment;
  const trust = {
    middleCertificate: readCertificate(parsed.trust.middleCertificate, 'trust.middleCertificate').toString(),
    rootCertificate: readCertificate(parsed.trust.rootCertificate, 'trust.rootCertificate').toString(),
  };
  return {
    urls,
    merchantId: parsed.merchantId,
    encoding: parsed.encoding ?? 'UTF-8',
    signMethod,
    signer: parsed.signing === undefined ? undefined : resolveSigner(parsed.signing, clock()),
    secureKey: parsed.secureKey,
    encryptionCertificate:
      parsed.encryptionCertificate === undefined
        ? undefined
        : readCertificate(parsed.encryptionCertificate, 'encryptionCertificate'),
    trust,
    validateCnName: parsed.validateCnName ?? environment !== 'test',
    legacyVerifyCertificates: (parsed.legacyVerifyCertificates ?? []).map((value, index) =>
      readMaterial(value, `legacyVerifyCertificates.${index}`),
    ),
    acceptLegacyNotifications: parsed.acceptLegacyNotifications ?? false,
    backUrl: parsed.backUrl,
    frontUrl: parsed.frontUrl,
    channelType: parsed.channelType ?? '07',
    passthroughMode: parsed.passthroughMode ?? 'raw',
    defaultTimeoutMs: parsed.timeouts?.defaultMs ?? 3_000,
    fileDownloadTimeoutMs: parsed.timeouts?.fileDownloadMs ?? 30_000,
    resolverDelaysMs: parsed.resolverDelaysMs ?? DEFAULT_RESOLVER_DELAYS_MS,
    fileNotFoundResponseCodes: parsed.fileNotFoundResponseCodes ?? MODELLED_FILE_NOT_FOUND_CODES,
    timeZoneOffsetMinutes: parsed.timeZoneOffsetMinutes ?? MODELLED_TIME_ZONE_OFFSET_MINUTES,
    clock,
  };
}
