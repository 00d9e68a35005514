/**
 * Plaintext telegram = header (300) + body (spec §4.4–§4.5), encoded and decoded through core's fixed-width
 * codec with the (replaceable) layouts. The kind is read from the Sourced envelope positions.
 */
import { ConfigError, ProtocolError } from '@wirebridge/core';
import { decodeLayout, encodeLayout, LayoutError, type LayoutWarning } from '@wirebridge/core/codec';
import { readEnvelope, responseTypeOf } from './coocon-envelope.js';
import { COOCON_MESSAGE_TYPES, type CooconTelegramKind } from './coocon-layouts.js';
import {
  type CooconWireOptions,
  type ResolvedWireOptions,
  resolveWireOptions,
} from './coocon-wire-options.js';

/** A decoded (or to-be-encoded) telegram: its kind, header fields and body fields, by layout field name. */
export interface CooconTelegram {
  /** A key of `COOCON_MESSAGE_TYPES`; requests and responses share it (`0100` and `0110` are both `issue`). */
  kind: CooconTelegramKind;
  header: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** A decoded telegram with the warnings decoding tolerated (a cut trailing byte in a name). @internal */
export interface DecodedTelegram extends CooconTelegram {
  warnings: string[];
}

/**
 * Encodes a telegram to its plaintext bytes. `header.messageType` and `header.businessCode` default to the
 * kind's request values, `responseCode` to `0000`.
 * @throws {ValidationError} naming `<layout>.<field>` for a value that does not fit (never truncated).
 */
export function encodeCooconTelegram(telegram: CooconTelegram, options?: CooconWireOptions): Uint8Array {
  return encodeTelegram(resolveWireOptions(options), telegram);
}

/**
 * Decodes plaintext bytes into a telegram. Bytes beyond the layouts' length are dropped when they are all 0x00
 * (a sender that NUL-pads before encrypting, spec §4.2); any other length is a `LENGTH` error.
 * @throws {LayoutError} for a wrong length or a field that does not decode; {@link ProtocolError} for an
 *   unknown message type / 거래구분 pair.
 */
export function decodeCooconTelegram(plaintext: Uint8Array, options?: CooconWireOptions): CooconTelegram {
  const { kind, header, body } = decodeTelegram(resolveWireOptions(options), plaintext);
  return { kind, header, body };
}

/**
 * The dedupe key of spec §7: `coocon:{institutionCode}:{messageType}:{transactionDate}:{serial as 7 digits}`,
 * e.g. `coocon:WB000001:0200:20240315:0000123`. Resends keep date and serial, so they share the key.
 */
export function cooconDedupeKey(header: {
  institutionCode: string;
  messageType: string;
  transactionDate: string;
  transactionSerial: number;
}): string {
  const serial = String(header.transactionSerial).padStart(7, '0');
  return `coocon:${header.institutionCode}:${header.messageType}:${header.transactionDate}:${serial}`;
}

/** @internal */
export function kindOf(messageType: string, businessCode: string): CooconTelegramKind | undefined {
  for (const [kind, type] of Object.entries(COOCON_MESSAGE_TYPES)) {
    if (type.businessCode !== businessCode) continue;
    if (type.mti === messageType || responseTypeOf(type.mti) === messageType)
      return kind as CooconTelegramKind;
  }
  return undefined;
}

/** @internal */
export function encodeTelegram(wire: ResolvedWireOptions, telegram: CooconTelegram): Buffer {
  const type = COOCON_MESSAGE_TYPES[telegram.kind];
  if (type === undefined) throw new ConfigError({ message: 'coocon telegram: unknown kind' });
  const header = {
    messageType: type.mti,
    businessCode: type.businessCode,
    ...withoutUndefined(telegram.header),
  };
  const headerBytes = encodeLayout(wire.layouts.header, header as never, wire.outboundCharset);
  const bodyBytes = encodeLayout(
    wire.layouts[type.body],
    withoutUndefined(telegram.body) as never,
    wire.outboundCharset,
  );
  return Buffer.concat([headerBytes, bodyBytes]);
}

/** @internal */
export function decodeTelegram(wire: ResolvedWireOptions, plaintext: Uint8Array): DecodedTelegram {
  const bytes = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  const envelope = readEnvelope(wire, bytes);
  const kind = kindOf(envelope.messageType, envelope.businessCode);
  if (kind === undefined) {
    throw new ProtocolError({
      message: 'coocon telegram: unknown message type / 거래구분 pair',
      vendor: 'coocon',
      details: {
        reason: 'unknown_type',
        messageType: envelope.messageType,
        businessCode: envelope.businessCode,
      },
    });
  }
  const headerLayout = wire.layouts.header;
  const bodyLayout = wire.layouts[COOCON_MESSAGE_TYPES[kind].body];
  const length = headerLayout.length + bodyLayout.length;
  if (bytes.length < length || !bytes.subarray(length).every((byte) => byte === 0)) {
    throw new LayoutError({
      layout: bodyLayout.name,
      offset: Math.min(bytes.length, length),
      reason: 'LENGTH',
      detail: `expected ${length} bytes (trailing 0x00 allowed), got ${bytes.length}`,
      vendor: 'coocon',
    });
  }
  const warnings: string[] = [];
  const onWarning = (warning: LayoutWarning) =>
    warnings.push(`${warning.layout}.${warning.field}: ${warning.reason}`);
  const header = decodeLayout(headerLayout, bytes.subarray(0, headerLayout.length), wire.inboundCharset, {
    onWarning,
  });
  const body = decodeLayout(bodyLayout, bytes.subarray(headerLayout.length, length), wire.inboundCharset, {
    onWarning,
  });
  return { kind, header: header as Record<string, unknown>, body: body as Record<string, unknown>, warnings };
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) if (value !== undefined) result[key] = value;
  return result;
}
