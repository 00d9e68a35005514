/**
 * Received bytes kept as the chunks they arrived in. Bytes are copied only when a whole frame is taken, and
 * then once, so reading a frame of N bytes delivered in k chunks costs O(N + k) instead of the O(N·k) of
 * concatenating the buffer with every chunk (DESIGN §10: no quadratic buffering on large frames).
 * @internal
 */
export class ChunkList {
  private chunks: Buffer[] = [];
  /** Index of the first chunk still holding unread bytes (consumed chunks are dropped in batches). */
  private headIndex = 0;
  /** Bytes of `chunks[headIndex]` already read. */
  private headOffset = 0;
  private length = 0;
  /** How many frames were assembled from more than one chunk (each costs one copy). */
  concatenations = 0;
  /** How many bytes those assemblies copied. */
  copiedBytes = 0;

  /** Unread bytes held. */
  get byteLength(): number {
    return this.length;
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /**
   * Removes and returns the next `count` bytes (`count` ≤ `byteLength`). Bytes inside one chunk are returned as
   * a view of it without copying; bytes spanning chunks are copied once into a new buffer.
   */
  take(count: number): Buffer {
    const head = this.chunks[this.headIndex];
    if (count === 0 || head === undefined) return Buffer.alloc(0);
    const available = head.length - this.headOffset;
    if (count <= available) {
      const view = head.subarray(this.headOffset, this.headOffset + count);
      this.consume(count);
      return view;
    }
    const pieces: Buffer[] = [];
    let remaining = count;
    let index = this.headIndex;
    let offset = this.headOffset;
    while (remaining > 0) {
      const chunk = this.chunks[index] as Buffer;
      const piece = chunk.subarray(offset, Math.min(chunk.length, offset + remaining));
      pieces.push(piece);
      remaining -= piece.length;
      index += 1;
      offset = 0;
    }
    this.concatenations += 1;
    this.copiedBytes += count;
    const frame = Buffer.concat(pieces, count);
    this.consume(count);
    return frame;
  }

  /** Drops everything held (the stream is abandoned). */
  clear(): void {
    this.chunks = [];
    this.headIndex = 0;
    this.headOffset = 0;
    this.length = 0;
  }

  private consume(count: number): void {
    let remaining = count;
    this.length -= count;
    while (remaining > 0) {
      const chunk = this.chunks[this.headIndex] as Buffer;
      const available = chunk.length - this.headOffset;
      if (remaining < available) {
        this.headOffset += remaining;
        return;
      }
      remaining -= available;
      this.headIndex += 1;
      this.headOffset = 0;
    }
    if (this.headIndex === this.chunks.length) {
      // Everything was read: let the consumed chunks go at once.
      this.chunks = [];
      this.headIndex = 0;
      return;
    }
    // Compact only once the consumed prefix dominates: amortised O(1) per chunk, where `shift()`/`slice()` after
    // every frame would be O(chunks held) each time.
    if (this.headIndex >= 64 && this.headIndex * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.headIndex);
      this.headIndex = 0;
    }
  }
}
