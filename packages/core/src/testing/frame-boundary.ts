import { ConfigError } from '../errors/index.js';
import { ChunkList } from '../tcp/chunk-list.js';
import type { FrameDecoder, Framer } from '../tcp/framer.js';

/**
 * Where frames end in a TCP byte stream, for framings core's `Framer`s do not cover. One method, so any
 * framing adapts to it in a line (a 4-digit ASCII length prefix:
 * `frameLength: (buffered) => buffered.length < 4 ? undefined : 4 + Number(buffered.toString('latin1', 0, 4))`).
 */
export interface FrameBoundary {
  /**
   * The total length in bytes (header included) of the frame starting at the start of `buffered` — as soon as
   * its header is readable; the caller waits for the rest — or `undefined` while the header itself is incomplete.
   * Throws when the header cannot be a valid one; the connection is then treated as broken.
   */
  frameLength(buffered: Buffer): number | undefined;
}

/**
 * How the testing tools find frames: one of core's length-prefix framers (`asciiLengthFramer`,
 * `binaryLengthFramer` from `@wirebridge/core/tcp`, the ones the vendor client uses) or a {@link FrameBoundary}.
 * Frames are always handled whole, prefix included, exactly as they were on the wire.
 */
export type TestingFramer = Framer | FrameBoundary;

/**
 * Checks a `framer` option.
 * @throws ConfigError naming the option.
 */
export function assertTestingFramer(framer: unknown, subject: string): asserts framer is TestingFramer {
  const candidate = framer as Partial<Framer & FrameBoundary> | undefined;
  if (typeof candidate?.createDecoder !== 'function' && typeof candidate?.frameLength !== 'function') {
    throw new ConfigError({
      message: `${subject}: option framer must be a core Framer (createDecoder) or have a frameLength(buffered) method`,
    });
  }
}

/**
 * Cuts a byte stream into whole frames (prefix included), keeping the exact bytes received. Chunks are held as
 * received and each frame is copied out once ({@link ChunkList}), so a large frame arriving in many small chunks
 * costs linear time, not the quadratic cost of concatenating on every chunk (DESIGN §10).
 */
export class FrameSplitter {
  readonly #framer: TestingFramer;
  readonly #decoder: FrameDecoder | undefined;
  /** Bytes received that are not part of a returned frame yet. */
  readonly #buffered = new ChunkList();
  /** Length of the frame at the head of the buffer once its header has been read (boundary framing only). */
  #pendingFrameLength: number | undefined;

  constructor(framer: TestingFramer) {
    this.#framer = framer;
    this.#decoder = 'createDecoder' in framer ? framer.createDecoder() : undefined;
  }

  /** Bytes received that do not form a complete frame yet. */
  get bufferedLength(): number {
    return this.#buffered.byteLength;
  }

  /**
   * Adds received bytes and returns the frames now complete, in order. When the framing breaks (a bad length
   * prefix), the frames before it are still returned, with the error; the bytes from the bad header on stay
   * buffered (`takeRemainder`).
   */
  push(chunk: Uint8Array): { frames: Buffer[]; error?: unknown } {
    // Copy: the caller may reuse its chunk, and recorded frames must keep the bytes as they were received.
    this.#buffered.append(Buffer.from(chunk));
    return this.#decoder === undefined ? this.#pushByBoundary() : this.#pushByDecoder(this.#decoder, chunk);
  }

  /** Returns and forgets the bytes of an incomplete frame (at the end of a stream). */
  takeRemainder(): Buffer {
    this.#pendingFrameLength = undefined;
    return this.#buffered.take(this.#buffered.byteLength);
  }

  #pushByBoundary(): { frames: Buffer[]; error?: unknown } {
    const boundary = this.#framer as FrameBoundary;
    const frames: Buffer[] = [];
    try {
      for (;;) {
        if (this.#pendingFrameLength === undefined) {
          // Only the header needs to be contiguous; once its length is known the body is not re-read per chunk.
          const length = boundary.frameLength(this.#peekAll());
          if (length === undefined) break;
          if (!Number.isInteger(length) || length <= 0) {
            throw new RangeError(`frame boundary returned an invalid frame length (${String(length)})`);
          }
          this.#pendingFrameLength = length;
        }
        if (this.#pendingFrameLength > this.#buffered.byteLength) break;
        frames.push(this.#buffered.take(this.#pendingFrameLength));
        this.#pendingFrameLength = undefined;
      }
    } catch (error) {
      return { frames, error };
    }
    return { frames };
  }

  /** The buffered bytes as one buffer, re-stored as a single chunk so the next peek copies nothing. */
  #peekAll(): Buffer {
    const all = this.#buffered.take(this.#buffered.byteLength);
    this.#buffered.append(all);
    return all;
  }

  #pushByDecoder(decoder: FrameDecoder, chunk: Uint8Array): { frames: Buffer[]; error?: unknown } {
    let payloads: Buffer[];
    try {
      payloads = decoder.push(chunk);
    } catch (error) {
      return { frames: [], error };
    }
    // A length-prefixed frame is its prefix then its payload: cut the same bytes from what was received.
    const { prefixBytes } = this.#framer as Framer;
    const frames = payloads.map((payload) => this.#buffered.take(prefixBytes + payload.length));
    return decoder.failure === undefined ? { frames } : { frames, error: decoder.failure };
  }
}
