import type { FramingError } from '../errors/families.js';

/**
 * Splits a byte stream into frames. A decoder belongs to one connection: it keeps the bytes of a partial frame
 * between `push` calls and never reads past what it was given.
 */
export interface FrameDecoder {
  /**
   * Adds received bytes and returns the payload of every frame they complete, in order (often none).
   *
   * When the bytes cannot be a frame (a bad or oversized length prefix) the decoder fails: if frames were
   * completed earlier in the same chunk they are still returned and {@link FrameDecoder.failure} is set;
   * otherwise `push` throws. Once failed, every further `push` throws: a stream that lost its framing cannot be
   * resynchronised, so the connection must be closed.
   *
   * @throws FramingError
   */
  push(chunk: Uint8Array): Buffer[];
  /** The error that stopped this decoder, once it failed. */
  readonly failure: FramingError | undefined;
  /** Bytes received and not yet returned as a frame (a partial frame, prefix included). */
  readonly bufferedBytes: number;
}

/** How frames are delimited on one connection: a vendor package configures one and hands it to core. */
export interface Framer {
  /** Bytes of the length prefix (the header every frame starts with). */
  readonly prefixBytes: number;
  /** Largest payload one frame may carry, in bytes (the prefix excluded). */
  readonly maxFrameBytes: number;
  /**
   * Builds one frame: prefix + payload.
   * @throws FramingError when the payload is empty (unless allowed) or larger than `maxFrameBytes`.
   */
  encode(payload: Uint8Array): Buffer;
  /** A fresh incremental decoder for one connection. */
  createDecoder(): FrameDecoder;
}
