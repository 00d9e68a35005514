import { FramingError } from '../errors/families.js';
import { ChunkList } from './chunk-list.js';
import type { FrameDecoder } from './framer.js';

/** What a length-prefix decoder needs to know about its prefix. @internal */
export interface LengthPrefixRules {
  /** Bytes of the prefix. */
  prefixBytes: number;
  /** Reads the declared length from exactly `prefixBytes` bytes; throws FramingError when unreadable. */
  readDeclaredLength(prefix: Buffer): number;
  /** Whether the declared length counts the prefix itself (Coocon's `0404` = 4 + 400). */
  includesPrefix: boolean;
  /** Largest payload accepted. */
  maxFrameBytes: number;
  /** Whether a frame without payload is accepted. */
  allowEmptyPayload: boolean;
}

/**
 * Incremental decoder for every length-prefixed framing. Bytes are kept as received chunks and a payload is
 * assembled once it is complete (see {@link ChunkList}); the declared length is checked against the limits as
 * soon as the prefix is in, so an oversized frame is refused before any of its body is buffered.
 * @internal
 */
export class LengthPrefixDecoder implements FrameDecoder {
  private readonly pending = new ChunkList();
  private payloadLength: number | undefined;
  private failed: FramingError | undefined;

  constructor(private readonly rules: LengthPrefixRules) {}

  get failure(): FramingError | undefined {
    return this.failed;
  }

  get bufferedBytes(): number {
    return this.pending.byteLength + (this.payloadLength === undefined ? 0 : this.rules.prefixBytes);
  }

  /** How many payloads were assembled from several chunks, and the bytes copied doing so. @internal */
  get statistics(): { concatenations: number; copiedBytes: number } {
    return { concatenations: this.pending.concatenations, copiedBytes: this.pending.copiedBytes };
  }

  push(chunk: Uint8Array): Buffer[] {
    if (this.failed !== undefined) {
      throw new FramingError({
        message: 'the frame decoder already failed; the connection must be closed',
        details: { reason: 'decoder_failed' },
        cause: this.failed,
      });
    }
    this.pending.append(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
    );
    const frames: Buffer[] = [];
    for (;;) {
      if (this.payloadLength === undefined) {
        if (this.pending.byteLength < this.rules.prefixBytes) break;
        try {
          this.payloadLength = this.readPayloadLength(this.pending.take(this.rules.prefixBytes));
        } catch (error) {
          this.failed = asFramingError(error);
          this.pending.clear();
          // Frames completed before the bad prefix are real replies: hand them over, the failure stays visible.
          if (frames.length > 0) return frames;
          throw this.failed;
        }
      }
      if (this.pending.byteLength < this.payloadLength) break;
      frames.push(this.pending.take(this.payloadLength));
      this.payloadLength = undefined;
    }
    return frames;
  }

  private readPayloadLength(prefix: Buffer): number {
    const { rules } = this;
    const declared = rules.readDeclaredLength(prefix);
    if (rules.includesPrefix && declared < rules.prefixBytes) {
      throw new FramingError({
        message: `frame length ${declared} is shorter than its own ${rules.prefixBytes}-byte prefix`,
        details: { reason: 'length_below_prefix', declaredLength: declared },
      });
    }
    const payloadLength = rules.includesPrefix ? declared - rules.prefixBytes : declared;
    if (payloadLength === 0 && !rules.allowEmptyPayload) {
      throw new FramingError({
        message: 'frame declares an empty payload',
        details: { reason: 'empty_frame', declaredLength: declared },
      });
    }
    if (payloadLength > rules.maxFrameBytes) {
      throw new FramingError({
        message: `frame payload of ${payloadLength} bytes is over the limit of ${rules.maxFrameBytes}`,
        details: { reason: 'frame_too_large', declaredLength: declared, limitBytes: rules.maxFrameBytes },
      });
    }
    return payloadLength;
  }
}

function asFramingError(error: unknown): FramingError {
  if (error instanceof FramingError) return error;
  return new FramingError({
    message: 'the frame length prefix could not be read',
    details: { reason: 'unreadable_length' },
    cause: error,
  });
}
