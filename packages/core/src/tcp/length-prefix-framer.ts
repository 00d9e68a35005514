import { ConfigError, FramingError } from '../errors/families.js';
import type { FrameDecoder, Framer } from './framer.js';
import { LengthPrefixDecoder, type LengthPrefixRules } from './length-prefix-decoder.js';

/** Default ceiling of a frame payload when the prefix could declare more: 1 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 1_048_576;

/** Options shared by every length-prefix framer. */
export interface LengthPrefixOptions {
  /**
   * Whether the declared length counts the prefix itself. Coocon's deposit push does (`0404` = 4 + 400 bytes);
   * Billgate's `LLLL` does not. Required: guessing wrong desynchronises the stream.
   */
  includesPrefix: boolean;
  /**
   * Largest payload (bytes after the prefix) accepted on decode and produced on encode; a larger declared length
   * is a `FramingError` raised before the body is buffered.
   * @default the largest payload the prefix can declare, capped at 1_048_576 (1 MiB)
   */
  maxFrameBytes?: number;
  /** Accept frames with an empty payload. Off by default because no telegram is empty (Billgate rejects length 0). @default false */
  allowEmptyPayload?: boolean;
}

/** The prefix-specific part of a framer. @internal */
export interface PrefixCodec {
  /** Name of the factory, used in `ConfigError` messages. */
  factory: string;
  prefixBytes: number;
  /** Largest value the prefix can hold. */
  largestDeclarable: number;
  writeLength(target: Buffer, declared: number): void;
  readDeclaredLength(prefix: Buffer): number;
}

/** Builds a {@link Framer} from a prefix codec and the shared options. @internal */
export function createLengthPrefixFramer(codec: PrefixCodec, options: LengthPrefixOptions): Framer {
  const { factory, prefixBytes } = codec;
  if (typeof options.includesPrefix !== 'boolean') {
    throw new ConfigError({ message: `${factory}: includesPrefix must be true or false` });
  }
  if (options.allowEmptyPayload !== undefined && typeof options.allowEmptyPayload !== 'boolean') {
    throw new ConfigError({ message: `${factory}: allowEmptyPayload must be a boolean` });
  }
  const largestPayload = codec.largestDeclarable - (options.includesPrefix ? prefixBytes : 0);
  if (largestPayload < 1) {
    throw new ConfigError({ message: `${factory}: the prefix cannot declare any payload` });
  }
  const maxFrameBytes = options.maxFrameBytes ?? Math.min(largestPayload, DEFAULT_MAX_FRAME_BYTES);
  if (!Number.isSafeInteger(maxFrameBytes) || maxFrameBytes < 1) {
    throw new ConfigError({ message: `${factory}: maxFrameBytes must be a positive integer` });
  }
  if (maxFrameBytes > largestPayload) {
    throw new ConfigError({
      message: `${factory}: maxFrameBytes ${maxFrameBytes} is more than the prefix can declare (${largestPayload})`,
    });
  }
  const rules: LengthPrefixRules = {
    prefixBytes,
    readDeclaredLength: codec.readDeclaredLength,
    includesPrefix: options.includesPrefix,
    maxFrameBytes,
    allowEmptyPayload: options.allowEmptyPayload ?? false,
  };

  return Object.freeze({
    prefixBytes,
    maxFrameBytes,
    encode(payload: Uint8Array): Buffer {
      if (!(payload instanceof Uint8Array)) {
        throw new FramingError({
          message: 'a frame payload must be bytes (Uint8Array or Buffer)',
          retryable: false,
          details: { reason: 'not_bytes' },
        });
      }
      if (payload.length === 0 && !rules.allowEmptyPayload) {
        throw new FramingError({
          message: 'cannot frame an empty payload',
          retryable: false,
          details: { reason: 'empty_frame' },
        });
      }
      if (payload.length > maxFrameBytes) {
        throw new FramingError({
          message: `payload of ${payload.length} bytes is over the frame limit of ${maxFrameBytes}`,
          retryable: false,
          details: { reason: 'frame_too_large', limitBytes: maxFrameBytes, payloadBytes: payload.length },
        });
      }
      const frame = Buffer.allocUnsafe(prefixBytes + payload.length);
      codec.writeLength(frame, rules.includesPrefix ? prefixBytes + payload.length : payload.length);
      frame.set(payload, prefixBytes);
      return frame;
    },
    createDecoder(): FrameDecoder {
      return new LengthPrefixDecoder(rules);
    },
  });
}
