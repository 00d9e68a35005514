/**
 * The Sourced envelope (spec §1, §4.3): message type at bytes 30–33, 거래구분 at 34–37, response code at
 * 38–41, and the ack built by changing only those bytes — exactly what the public receiver does
 * (`plain[0:30] + "0210" + plain[34:38] + "0000" + plain[42:]`). Positions follow the header layout, so a
 * replaced header moves them.
 */
import { LayoutError } from '@wirebridge/core/codec';
import {
  type CooconWireOptions,
  type ResolvedWireOptions,
  resolveWireOptions,
} from './coocon-wire-options.js';

/** The three Sourced envelope fields, as text. */
export interface CooconEnvelope {
  messageType: string;
  businessCode: string;
  responseCode: string;
}

/**
 * Reads message type, 거래구분 and response code straight from their byte positions, without decoding the rest
 * (an ack can then be built for a telegram whose other bytes are opaque).
 * @throws {LayoutError} when the plaintext is too short or a field is not ASCII.
 */
export function readCooconEnvelope(plaintext: Uint8Array, options?: CooconWireOptions): CooconEnvelope {
  return readEnvelope(resolveWireOptions(options), plaintext);
}

/**
 * The ack plaintext: a copy of `plaintext` with the message type + 10 and `responseCode` written over their
 * four bytes each; every other byte is identical (spec §4.3 response rule).
 * @param responseCode @default '0000'
 * @throws {LayoutError} when the plaintext is too short or its message type is not 4 digits.
 */
export function buildCooconAck(
  plaintext: Uint8Array,
  responseCode = '0000',
  options?: CooconWireOptions,
): Uint8Array {
  return buildAck(resolveWireOptions(options), plaintext, responseCode);
}

/** @internal */
export function readEnvelope(wire: ResolvedWireOptions, plaintext: Uint8Array): CooconEnvelope {
  const bytes = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  return {
    messageType: readField(wire, bytes, 'messageType'),
    businessCode: readField(wire, bytes, 'businessCode'),
    responseCode: readField(wire, bytes, 'responseCode'),
  };
}

/** @internal */
export function buildAck(wire: ResolvedWireOptions, plaintext: Uint8Array, responseCode: string): Uint8Array {
  if (!/^[\x20-\x7e]{4}$/.test(responseCode)) {
    throw envelopeError(wire, 'responseCode', 0, 'FORMAT', 'a response code is 4 ASCII characters');
  }
  const ack = Buffer.from(plaintext);
  const messageType = readField(wire, ack, 'messageType');
  if (!/^[0-9]{4}$/.test(messageType)) {
    throw envelopeError(wire, 'messageType', offsetOf(wire, 'messageType'), 'FORMAT', 'expected 4 digits');
  }
  const responseType = String(Number(messageType) + 10).padStart(4, '0');
  if (responseType.length !== 4) {
    throw envelopeError(wire, 'messageType', offsetOf(wire, 'messageType'), 'FORMAT', 'no response type');
  }
  ack.write(responseType, offsetOf(wire, 'messageType'), 4, 'latin1');
  ack.write(responseCode, offsetOf(wire, 'responseCode'), 4, 'latin1');
  return ack;
}

/** `0200` → `0210`: the response message type of a request type. @internal */
export function responseTypeOf(messageType: string): string {
  return String(Number(messageType) + 10).padStart(4, '0');
}

function offsetOf(wire: ResolvedWireOptions, name: string): number {
  // compileLayouts guarantees the three envelope fields exist with 4 bytes.
  return wire.layouts.header.fields.find((field) => field.name === name)!.offset;
}

function readField(
  wire: ResolvedWireOptions,
  bytes: Buffer,
  name: 'messageType' | 'businessCode' | 'responseCode',
): string {
  const offset = offsetOf(wire, name);
  if (bytes.length < offset + 4) {
    throw envelopeError(wire, name, bytes.length, 'LENGTH', `plaintext ends before byte ${offset + 4}`);
  }
  for (let index = offset; index < offset + 4; index += 1) {
    const byte = bytes[index]!;
    if (byte < 0x20 || byte > 0x7e) throw envelopeError(wire, name, index, 'FORMAT', 'expected ASCII');
  }
  return bytes.toString('latin1', offset, offset + 4);
}

function envelopeError(
  wire: ResolvedWireOptions,
  field: string,
  offset: number,
  reason: 'LENGTH' | 'FORMAT',
  detail: string,
): LayoutError {
  return new LayoutError({
    layout: wire.layouts.header.name,
    field,
    offset,
    reason,
    detail,
    vendor: 'coocon',
  });
}
