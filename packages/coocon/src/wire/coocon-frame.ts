/**
 * Frame = ASCII length prefix + payload, the payload being SEED-128-ECB(plaintext) when encryption is on
 * (spec §4.2, §5; Sourced: the public receiver reads `0404` + 400 cipher bytes).
 */
import { CryptoError, FramingError } from '@wirebridge/core';
import {
  type CooconKey,
  type CooconWireOptions,
  type ResolvedWireOptions,
  requireKey,
  resolveWireOptions,
} from './coocon-wire-options.js';

const blockBytes = 16;

/**
 * Encrypts `plaintext` with the current key (when encryption is on) and prefixes it. The prefix counts the
 * bytes as sent: the ciphertext, plus itself when `framing.prefixIncludesItself`.
 * @throws {ConfigError} for invalid options; {@link FramingError} when the payload exceeds `framing.maxFrameBytes`.
 */
export function encodeCooconFrame(plaintext: Uint8Array, options?: CooconWireOptions): Uint8Array {
  const wire = resolveWireOptions(options);
  requireKey(wire);
  return frameWith(wire, plaintext, wire.keys[0]);
}

/**
 * Splits one whole frame, checks its prefix, and decrypts it with the first key (current, then previous) whose
 * padding is valid; returns the unpadded plaintext as is (the layout step drops trailing NUL padding).
 * @throws {FramingError} for a bad or mismatching prefix or an oversized frame; {@link CryptoError} when the
 *   payload is not whole blocks or no key yields valid padding.
 */
export function decodeCooconFrame(frame: Uint8Array, options?: CooconWireOptions): Uint8Array {
  const wire = resolveWireOptions(options);
  requireKey(wire);
  const payload = framePayload(wire, frame);
  for (const candidate of decryptCandidates(wire, payload)) return candidate.plaintext;
  throw new CryptoError({
    message: 'coocon frame: no configured key decrypts the payload',
    vendor: 'coocon',
  });
}

/** Frames `plaintext` encrypted with `key` (the one an inbound telegram was read with, for its ack). @internal */
export function frameWith(
  wire: ResolvedWireOptions,
  plaintext: Uint8Array,
  key: CooconKey | undefined,
): Uint8Array {
  if (!(plaintext instanceof Uint8Array)) {
    throw new FramingError({
      message: 'coocon frame: plaintext must be bytes',
      vendor: 'coocon',
      retryable: false,
    });
  }
  return wire.framer.encode(encryptPayload(wire, key, plaintext));
}

/** The payload of `plaintext`: encrypted with `key` when encryption is on, else the plaintext itself. @internal */
export function encryptPayload(
  wire: ResolvedWireOptions,
  key: CooconKey | undefined,
  plaintext: Uint8Array,
): Buffer {
  return wire.cryptoEnabled && key !== undefined ? encryptWith(wire, key, plaintext) : Buffer.from(plaintext);
}

function encryptWith(wire: ResolvedWireOptions, key: CooconKey, plaintext: Uint8Array): Buffer {
  if (wire.padding === 'pkcs7') return key.cipher.encrypt(plaintext);
  // spec §5.2 zero padding: 0x00 up to the next multiple of 16, no extra block when aligned.
  const padded = Buffer.alloc(Math.max(blockBytes, Math.ceil(plaintext.length / blockBytes) * blockBytes));
  padded.set(plaintext);
  return key.cipher.encrypt(padded);
}

/**
 * Checks the prefix of one whole frame and returns its payload (spec §5.3 step 2: digits, declared length equal
 * to what arrived, within `maxFrameBytes`).
 * @internal
 */
export function framePayload(wire: ResolvedWireOptions, frame: Uint8Array): Buffer {
  if (!(frame instanceof Uint8Array)) {
    throw new FramingError({ message: 'coocon frame: must be bytes', vendor: 'coocon', retryable: false });
  }
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const digits = wire.prefixDigits;
  if (bytes.length <= digits) throw framingError('frame shorter than its prefix', 'short_frame');
  const prefix = bytes.toString('latin1', 0, digits);
  if (!/^[0-9]+$/.test(prefix)) throw framingError('length prefix is not ASCII digits', 'non_digit_length');
  const payloadLength = bytes.length - digits;
  const declared = Number(prefix) - (wire.prefixIncludesItself ? digits : 0);
  if (declared !== payloadLength)
    throw framingError('length prefix does not match the frame', 'length_mismatch');
  if (payloadLength > wire.maxFrameBytes) throw framingError('frame over maxFrameBytes', 'frame_too_large');
  return bytes.subarray(digits);
}

function framingError(message: string, reason: string): FramingError {
  return new FramingError({
    message: `coocon frame: ${message}`,
    vendor: 'coocon',
    retryable: false,
    details: { reason },
  });
}

/** One way to read a payload: the plaintext and the key that produced it. @internal */
export interface DecryptedCandidate {
  readonly plaintext: Buffer;
  readonly key: CooconKey | undefined;
}

/**
 * Yields the payload decrypted with each configured key whose padding checks out, current key first (spec §5.3
 * step 4–5); with encryption off, the payload itself. Lazy, so the usual case decrypts once.
 * @throws {CryptoError} when the payload is not a whole number of blocks (spec §3 limits).
 * @internal
 */
export function* decryptCandidates(
  wire: ResolvedWireOptions,
  payload: Buffer,
): Generator<DecryptedCandidate> {
  if (!wire.cryptoEnabled) {
    yield { plaintext: payload, key: undefined };
    return;
  }
  if (payload.length === 0 || payload.length % blockBytes !== 0) {
    throw new CryptoError({
      message: 'coocon frame: payload is not a whole number of 16-byte blocks',
      vendor: 'coocon',
      details: { reason: 'not_block_aligned' },
    });
  }
  for (const key of wire.keys) {
    let plaintext: Buffer;
    try {
      plaintext = key.cipher.decrypt(payload);
    } catch {
      continue; // invalid PKCS#7 padding under this key: try the next one
    }
    if (wire.padding === 'zero') plaintext = stripTrailingZeros(plaintext);
    yield { plaintext, key };
  }
}

function stripTrailingZeros(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return bytes.subarray(0, end);
}
