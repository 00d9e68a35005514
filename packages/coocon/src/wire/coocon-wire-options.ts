/**
 * The configurable parts of the wire (spec §4.2, §5, §11 `CooconWireOptions`), resolved once per options
 * object: keys expanded into SEED ciphers, layouts compiled by core's `defineLayout`, the length-prefix framer
 * built. Invalid settings are `ConfigError`s naming the option and never echo a key.
 */
import { ConfigError } from '@wirebridge/core';
import { defineLayout, type FieldSpec, type Layout } from '@wirebridge/core/codec';
import { createSeedCipher, type SeedCipher } from '@wirebridge/core/crypto';
import { asciiLengthFramer, type Framer } from '@wirebridge/core/tcp';
import { COOCON_LAYOUTS, type CooconLayoutName, type CooconLayoutSet } from './coocon-layouts.js';

/** Wire settings shared by the client, the receiver, the helpers and the simulator (spec §11). */
export interface CooconWireOptions {
  /** SEED-128-ECB of the payload (spec §5). */
  crypto?: {
    /** Encrypt outbound payloads and decrypt inbound ones. @default true */
    enabled?: boolean;
    /** The merchant key: ≤ 16 bytes of text or raw bytes, right-padded with 0x00 (spec §5.1). Required when enabled. */
    key?: string | Uint8Array;
    /** Keys still accepted on inbound telegrams during a rotation; outbound always uses `key` (spec §5.4). @default [] */
    previousKeys?: Array<string | Uint8Array>;
    /** `pkcs7` always pads (a full block when aligned); `zero` pads with 0x00 and strips trailing 0x00. @default 'pkcs7' */
    padding?: 'pkcs7' | 'zero';
  };
  /** The ASCII length prefix (spec §4.2). */
  framing?: {
    /** Digits of the prefix. @default 4 */
    prefixDigits?: number;
    /** The prefix value counts its own digits (`0404` = 4 + 400). @default true */
    prefixIncludesItself?: boolean;
    /** Largest payload accepted or sent, in bytes. @default 4096 */
    maxFrameBytes?: number;
  };
  /** Replace any field table (validated by core's `defineLayout`). @default COOCON_LAYOUTS */
  layouts?: Partial<CooconLayoutSet>;
  /** Charsets of AN fields. @default { outbound: 'euc-kr', inbound: 'cp949' } */
  textEncoding?: { outbound?: 'euc-kr' | 'cp949'; inbound?: 'euc-kr' | 'cp949' };
}

/** A decryption key of the inbound chain: index 0 is the current key, then the previous ones. @internal */
export interface CooconKey {
  readonly index: number;
  readonly cipher: SeedCipher;
}

/** {@link CooconWireOptions} with every default applied. @internal */
export interface ResolvedWireOptions {
  readonly cryptoEnabled: boolean;
  /** Current key first, then `previousKeys`; empty when encryption is off. */
  readonly keys: readonly CooconKey[];
  readonly padding: 'pkcs7' | 'zero';
  readonly prefixDigits: number;
  readonly prefixIncludesItself: boolean;
  readonly maxFrameBytes: number;
  readonly framer: Framer;
  readonly layouts: Readonly<Record<CooconLayoutName, Layout>>;
  readonly outboundCharset: 'euc-kr' | 'cp949';
  readonly inboundCharset: 'euc-kr' | 'cp949';
}

/**
 * Throws unless the options can encrypt and decrypt: a key is required while encryption is on (spec §5.1).
 * @throws {ConfigError}
 * @internal
 */
export function requireKey(wire: ResolvedWireOptions): void {
  if (wire.cryptoEnabled && wire.keys.length === 0) {
    throw new ConfigError({
      message: 'crypto.key: required while crypto.enabled is true (spec §5.1)',
      vendor: 'coocon',
    });
  }
}

/** Default `framing.maxFrameBytes` (spec §3 limits). */
export const DEFAULT_MAX_FRAME_BYTES = 4_096;
/** Default `framing.prefixDigits` (Sourced: `0404`). */
export const DEFAULT_PREFIX_DIGITS = 4;

const keyLength = 16;
const resolvedCache = new WeakMap<object, ResolvedWireOptions>();

/**
 * The 16-byte SEED key of spec §5.1: text (ASCII) or bytes, right-padded with 0x00; `KIBNETCOOCON1004` is
 * used as is, `COOCONTEST` becomes `434f4f434f4e54455354000000000000`.
 *
 * @throws {ConfigError} for an empty key, a key longer than 16 bytes (never silently truncated) or non-ASCII
 *   text (pass the bytes instead). The message never contains the key.
 */
export function cooconKeyBytes(key: string | Uint8Array): Uint8Array {
  let bytes: Buffer;
  if (typeof key === 'string') {
    if (!/^[\x20-\x7e]*$/.test(key)) {
      throw new ConfigError({
        message: 'crypto.key: text keys must be printable ASCII; pass non-ASCII keys as bytes',
      });
    }
    bytes = Buffer.from(key, 'latin1');
  } else if (key instanceof Uint8Array) {
    bytes = Buffer.from(key);
  } else {
    throw new ConfigError({ message: 'crypto.key: must be a string or a Uint8Array' });
  }
  if (bytes.length === 0) throw new ConfigError({ message: 'crypto.key: must not be empty' });
  if (bytes.length > keyLength) {
    throw new ConfigError({
      message: `crypto.key: must be at most ${keyLength} bytes (got ${bytes.length})`,
    });
  }
  const padded = new Uint8Array(keyLength);
  padded.set(bytes);
  return padded;
}

/**
 * Resolves wire options (cached per options object, so the per-telegram cost is a map lookup).
 * @throws {ConfigError} naming the option.
 * @internal
 */
export function resolveWireOptions(options: CooconWireOptions | undefined): ResolvedWireOptions {
  const source = options ?? defaultOptionsKey;
  const cached = resolvedCache.get(source);
  if (cached !== undefined) return cached;
  const resolved = computeWireOptions(options ?? {});
  resolvedCache.set(source, resolved);
  return resolved;
}

const defaultOptionsKey = {};

function computeWireOptions(options: CooconWireOptions): ResolvedWireOptions {
  if (typeof options !== 'object' || options === null)
    throw new ConfigError({ message: 'wire options must be an object' });
  const crypto = options.crypto ?? {};
  const cryptoEnabled = crypto.enabled ?? true;
  if (typeof cryptoEnabled !== 'boolean')
    throw new ConfigError({ message: 'crypto.enabled: must be a boolean' });
  const padding = crypto.padding ?? 'pkcs7';
  if (padding !== 'pkcs7' && padding !== 'zero') {
    throw new ConfigError({ message: "crypto.padding: must be 'pkcs7' or 'zero'" });
  }
  const keys: CooconKey[] = [];
  // A missing key only fails where a key is used (frames, clients, receivers): the telegram and envelope
  // helpers work on plaintext and need none.
  if (cryptoEnabled && crypto.key !== undefined) {
    const previous = crypto.previousKeys ?? [];
    if (!Array.isArray(previous)) throw new ConfigError({ message: 'crypto.previousKeys: must be an array' });
    [crypto.key, ...previous].forEach((key, index) => {
      const cipher = createSeedCipher({
        key: cooconKeyBytes(key),
        mode: 'ecb',
        // Zero padding is applied by hand (spec §5.2): SEED itself then runs without padding.
        padding: padding === 'pkcs7' ? 'pkcs7' : 'none',
      });
      keys.push({ index, cipher });
    });
  }
  const framing = options.framing ?? {};
  const prefixDigits = framing.prefixDigits ?? DEFAULT_PREFIX_DIGITS;
  if (!Number.isInteger(prefixDigits) || prefixDigits < 1 || prefixDigits > 15) {
    throw new ConfigError({ message: 'framing.prefixDigits: must be an integer from 1 to 15' });
  }
  const prefixIncludesItself = framing.prefixIncludesItself ?? true;
  if (typeof prefixIncludesItself !== 'boolean') {
    throw new ConfigError({ message: 'framing.prefixIncludesItself: must be a boolean' });
  }
  const maxFrameBytes = framing.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!Number.isSafeInteger(maxFrameBytes) || maxFrameBytes < 16) {
    throw new ConfigError({ message: 'framing.maxFrameBytes: must be an integer ≥ 16' });
  }
  const framer = asciiLengthFramer({
    digits: prefixDigits,
    includesPrefix: prefixIncludesItself,
    maxFrameBytes,
  });
  const textEncoding = options.textEncoding ?? {};
  const outboundCharset = textEncoding.outbound ?? 'euc-kr';
  const inboundCharset = textEncoding.inbound ?? 'cp949';
  for (const [name, value] of [
    ['outbound', outboundCharset],
    ['inbound', inboundCharset],
  ] as const) {
    if (value !== 'euc-kr' && value !== 'cp949') {
      throw new ConfigError({ message: `textEncoding.${name}: must be 'euc-kr' or 'cp949'` });
    }
  }
  return Object.freeze({
    cryptoEnabled,
    keys: Object.freeze(keys),
    padding,
    prefixDigits,
    prefixIncludesItself,
    maxFrameBytes,
    framer,
    layouts: compileLayouts(options.layouts ?? {}),
    outboundCharset,
    inboundCharset,
  });
}

/** Lengths of each part (spec §4.4–§4.5): a replaced table may reorder fields but must keep the width. */
const layoutLengths: Record<CooconLayoutName, number> = {
  header: 300,
  depositBody: 88,
  networkBody: 88,
  issueBody: 200,
  terminateBody: 200,
  inquiryBody: 200,
  missingBody: 200,
};

/** Fields the envelope logic reads; a replaced header must keep them (anywhere, 4 bytes each). */
const envelopeFields = ['messageType', 'businessCode', 'responseCode'] as const;

function compileLayouts(replacements: Partial<CooconLayoutSet>): Record<CooconLayoutName, Layout> {
  if (typeof replacements !== 'object' || replacements === null) {
    throw new ConfigError({ message: 'layouts: must be an object of field tables' });
  }
  const compiled = {} as Record<CooconLayoutName, Layout>;
  for (const name of Object.keys(layoutLengths) as CooconLayoutName[]) {
    const fields: FieldSpec[] = replacements[name] ?? COOCON_LAYOUTS[name];
    const total = Array.isArray(fields) ? fields.reduce((sum, field) => sum + (field?.length ?? 0), 0) : 0;
    // A replaced table may change the width (a longer body at onboarding); the defaults are checked against spec.
    compiled[name] = defineLayout(`coocon.${name}`, fields, {
      length: replacements[name] === undefined ? layoutLengths[name] : total,
    });
  }
  for (const field of envelopeFields) {
    const spec = compiled.header.fields.find((candidate) => candidate.name === field);
    if (spec === undefined || spec.length !== 4) {
      throw new ConfigError({ message: `layouts.header: must have a 4-byte field named ${field}` });
    }
  }
  return Object.freeze(compiled);
}
