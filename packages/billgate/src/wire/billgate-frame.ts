import { CryptoError, FramingError, ProtocolError } from '@wirebridge/core';
import {
  decodeLayout,
  decodeTagRecords,
  defineLayout,
  encodeLayout,
  encodeTagRecords,
} from '@wirebridge/core/codec';
import type { SeedCipher } from '@wirebridge/core/crypto';
import { MAX_FRAME_LENGTH } from './billgate-constants.js';
import { createBillgateCipher } from './billgate-key.js';
import type { BillgateKey, BillgateMessage, TextOptions } from './billgate-types.js';

/** Clear header after `LLLL` (spec §4.1): version AN10, merchantId AN20, serviceCode AN4. */
export const clearHeaderLayout = defineLayout(
  'billgate.clearHeader',
  [
    { name: 'version', length: 10, type: 'AN', offset: 0 },
    { name: 'merchantId', length: 20, type: 'AN', offset: 10 },
    { name: 'serviceCode', length: 4, type: 'AN', offset: 30 },
  ],
  { length: 34 },
);

/** Opaque header (spec §4.2): command AN4, orderId AN64, orderDate AN14, numberOfRecord N4. */
export const opaqueHeaderLayout = defineLayout(
  'billgate.opaqueHeader',
  [
    { name: 'command', length: 4, type: 'AN', offset: 0 },
    { name: 'orderId', length: 64, type: 'AN', offset: 4 },
    { name: 'orderDate', length: 14, type: 'AN', offset: 68 },
    { name: 'numberOfRecord', length: 4, type: 'N', as: 'number', offset: 82 },
  ],
  { length: 86 },
);

const CLEAR_HEADER_BYTES = 34;
const OPAQUE_HEADER_BYTES = 86;

/** The ciphers of one client: outbound under `current`, inbound tried under `current` then `next` (spec §5.1). */
export interface BillgateCipherSet {
  readonly current: SeedCipher;
  readonly next?: SeedCipher;
}

/** Charsets resolved from {@link TextOptions}. */
export interface ResolvedText {
  readonly outbound: 'euc-kr' | 'cp949';
  readonly inbound: 'euc-kr' | 'cp949';
}

export function resolveText(options?: TextOptions): ResolvedText {
  return {
    outbound: options?.textEncoding?.outbound ?? 'euc-kr',
    inbound: options?.textEncoding?.inbound ?? 'cp949',
  };
}

/** A decoded frame with the exact decrypted bytes kept, so a window MESSAGE can be forwarded unchanged (spec §2.1). */
export interface DecodedBillgateFrame {
  readonly message: BillgateMessage;
  /** The decrypted opaque bytes, exactly as they were (never rebuilt from `message`, whose values are trimmed). */
  readonly opaque: Buffer;
  /** The 34-byte clear header as received. */
  readonly clearHeader: Buffer;
}

/** Builds the opaque plaintext: header + tag records (spec §4.2, §4.3). Lengths count EUC-KR bytes. */
export function encodeOpaque(message: BillgateMessage, text: ResolvedText): Buffer {
  const body = encodeTagRecords(message.tags, { charset: text.outbound });
  const header = encodeLayout(
    opaqueHeaderLayout,
    {
      command: message.command,
      orderId: message.orderId,
      orderDate: message.orderDate,
      numberOfRecord: message.tags.length,
    },
    'ascii',
  );
  return Buffer.concat([header, body]);
}

/** Wraps opaque bytes: `LLLL` + clear header + base64(SEED-CBC(opaque)) (spec §4.1). */
export function sealFrame(
  header: Pick<BillgateMessage, 'version' | 'merchantId' | 'serviceCode'>,
  opaque: Uint8Array,
  cipher: SeedCipher,
): Buffer {
  const clear = encodeLayout(
    clearHeaderLayout,
    { version: header.version, merchantId: header.merchantId, serviceCode: header.serviceCode },
    'ascii',
  );
  const payload = Buffer.from(cipher.encrypt(opaque).toString('base64'), 'latin1');
  const length = clear.length + payload.length;
  if (length > MAX_FRAME_LENGTH) {
    // spec §3 Limits: LLLL has four digits.
    throw new FramingError({
      message: `Billgate frame of ${length} bytes exceeds the 4-digit length (${MAX_FRAME_LENGTH})`,
      vendor: 'billgate',
      details: { reason: 'frame_too_large', length },
    });
  }
  return Buffer.concat([Buffer.from(String(length).padStart(4, '0'), 'latin1'), clear, payload]);
}

/** Reads a frame without its `LLLL` prefix (what the TCP framer hands over). */
export function openPayload(
  payload: Uint8Array,
  ciphers: BillgateCipherSet,
  text: ResolvedText,
): DecodedBillgateFrame {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (bytes.length <= CLEAR_HEADER_BYTES) {
    throw new FramingError({
      message: 'Billgate frame is shorter than its clear header or has no payload',
      vendor: 'billgate',
      details: { reason: 'short_frame', length: bytes.length },
    });
  }
  const clearHeader = bytes.subarray(0, CLEAR_HEADER_BYTES);
  const clear = decodeLayout(clearHeaderLayout, clearHeader, 'ascii');
  const opaque = decryptPayload(bytes.subarray(CLEAR_HEADER_BYTES), ciphers);
  const message = decodeOpaque(opaque, text, {
    version: String(clear.version),
    merchantId: String(clear.merchantId),
    serviceCode: String(clear.serviceCode),
  });
  return { message, opaque, clearHeader: Buffer.from(clearHeader) };
}

/** Parses opaque plaintext (spec §4.2–4.3): bytes sliced first, then decoded; unknown tags kept. */
export function decodeOpaque(
  opaque: Buffer,
  text: ResolvedText,
  clear: Pick<BillgateMessage, 'version' | 'merchantId' | 'serviceCode'>,
): BillgateMessage {
  if (opaque.length < OPAQUE_HEADER_BYTES) {
    throw new FramingError({
      message: 'Billgate opaque part is shorter than its header',
      vendor: 'billgate',
      details: { reason: 'short_opaque', length: opaque.length },
    });
  }
  const header = decodeLayout(opaqueHeaderLayout, opaque.subarray(0, OPAQUE_HEADER_BYTES), 'ascii');
  const numberOfRecord = Number(header.numberOfRecord);
  const records = decodeTagRecords(opaque.subarray(OPAQUE_HEADER_BYTES), {
    charset: text.inbound,
    expectedCount: numberOfRecord,
  });
  return {
    ...clear,
    command: String(header.command),
    orderId: String(header.orderId),
    orderDate: String(header.orderDate),
    tags: records.map(([tag, values]) => [tag, values]),
  };
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** base64 (strict alphabet) → SEED-CBC → PKCS#7, under `current` then `next` (spec §5.1). Any failure is `CryptoError`. */
export function decryptPayload(base64: Uint8Array, ciphers: BillgateCipherSet): Buffer {
  const textual = Buffer.from(base64).toString('latin1');
  if (textual.length === 0 || !base64Pattern.test(textual)) {
    throw new CryptoError({
      message: 'Billgate payload is not strict base64',
      vendor: 'billgate',
      details: { reason: 'bad_base64' },
    });
  }
  const ciphertext = Buffer.from(textual, 'base64');
  try {
    return ciphers.current.decrypt(ciphertext);
  } catch (error) {
    if (ciphers.next === undefined) throw asCryptoError(error);
    try {
      return ciphers.next.decrypt(ciphertext);
    } catch (nextError) {
      throw asCryptoError(nextError);
    }
  }
}

function asCryptoError(error: unknown): CryptoError {
  if (error instanceof CryptoError) return error;
  return new CryptoError({
    message: 'Billgate payload could not be decrypted',
    vendor: 'billgate',
    cause: error,
  });
}

/**
 * Encodes one message into a complete frame, `LLLL` included (spec §4).
 * @throws ValidationError for a value that does not fit or cannot be encoded (never truncated);
 *   FramingError above 9 999 bytes; ConfigError for bad key material.
 */
export function encodeBillgateFrame(
  message: BillgateMessage,
  key: BillgateKey,
  options?: TextOptions,
): Uint8Array {
  return sealFrame(message, encodeOpaque(message, resolveText(options)), createBillgateCipher(key, 'key'));
}

/**
 * Decodes a complete frame, `LLLL` included (spec §4).
 * @throws FramingError (length, records), CryptoError (base64, padding, wrong key), LayoutError (headers).
 */
export function decodeBillgateFrame(
  frame: Uint8Array | string,
  key: BillgateKey,
  options?: TextOptions,
): BillgateMessage {
  const bytes = typeof frame === 'string' ? Buffer.from(frame, 'latin1') : Buffer.from(frame);
  return openFrame(bytes, { current: createBillgateCipher(key, 'key') }, resolveText(options)).message;
}

/** Checks `LLLL` and opens the rest. */
export function openFrame(
  frame: Buffer,
  ciphers: BillgateCipherSet,
  text: ResolvedText,
): DecodedBillgateFrame {
  const prefix = frame.subarray(0, 4).toString('latin1');
  if (!/^\d{4}$/.test(prefix)) {
    throw new FramingError({
      message: 'Billgate frame length is not 4 ASCII digits',
      vendor: 'billgate',
      details: { reason: 'non_digit_length' },
    });
  }
  const declared = Number(prefix);
  if (declared === 0 || declared !== frame.length - 4) {
    throw new FramingError({
      message: `Billgate frame declares ${declared} bytes but carries ${frame.length - 4}`,
      vendor: 'billgate',
      details: { reason: 'length_mismatch', declared, actual: frame.length - 4 },
    });
  }
  return openPayload(frame.subarray(4), ciphers, text);
}

/** Values of one tag (empty when absent). */
export function tagValues(message: BillgateMessage, tag: string): string[] {
  for (const [name, values] of message.tags) if (name === tag) return values;
  return [];
}

/** First value of one tag. */
export function tagValue(message: BillgateMessage, tag: string): string | undefined {
  return tagValues(message, tag)[0];
}

/** The tags as a plain record (for `raw` fields of results). Redaction happens where results are logged. */
export function tagsRecord(message: BillgateMessage): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const [tag, values] of message.tags) record[tag] = [...(record[tag] ?? []), ...values];
  return record;
}

/** Throws a `ProtocolError` unless a response belongs to its request (spec §4.1). */
export function assertResponseMatches(
  request: BillgateMessage,
  response: BillgateMessage,
  expectedCommand: string,
): void {
  const problems: string[] = [];
  if (response.merchantId !== request.merchantId) problems.push('merchantId');
  if (response.serviceCode !== request.serviceCode) problems.push('serviceCode');
  if (response.command !== expectedCommand) problems.push('command');
  if (response.orderId !== request.orderId) problems.push('orderId');
  if (response.orderDate !== request.orderDate) problems.push('orderDate');
  if (problems.length > 0) {
    throw new ProtocolError({
      message: `Billgate response does not match its request: ${problems.join(', ')}`,
      vendor: 'billgate',
      details: { mismatched: problems },
    });
  }
}
