import { afterEach, describe, expect, it, vi } from 'vitest';
import { asciiLengthFramer, binaryLengthFramer, type Framer } from '../../src/tcp/index.js';
import { LengthPrefixDecoder } from '../../src/tcp/length-prefix-decoder.js';

const fourMiB = 4 * 1024 * 1024;

afterEach(() => {
  vi.restoreAllMocks();
});

function chunksOf(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
}

describe.each([
  {
    name: 'binary 4-byte prefix',
    framer: binaryLengthFramer({ bytes: 4, includesPrefix: false, maxFrameBytes: 8 * 1024 * 1024 }),
  },
  {
    name: 'ASCII 8-digit prefix',
    framer: asciiLengthFramer({ digits: 8, includesPrefix: true, maxFrameBytes: 8 * 1024 * 1024 }),
  },
])('frame decoder buffering ($name)', ({ framer }: { framer: Framer }) => {
  it('assembles a 4 MiB frame fed in 64-byte chunks with one concatenation, copying each byte once', () => {
    const payload = Buffer.alloc(fourMiB);
    for (let index = 0; index < payload.length; index += 4096) payload[index] = index % 251;
    const chunks = chunksOf(framer.encode(payload), 64);
    const decoder = framer.createDecoder();
    expect(decoder).toBeInstanceOf(LengthPrefixDecoder);
    const concat = vi.spyOn(Buffer, 'concat');

    const frames: Buffer[] = [];
    for (const chunk of chunks) frames.push(...decoder.push(chunk));

    // A decoder that did `Buffer.concat([buffered, chunk])` per chunk would call it ~65 000 times and copy
    // ~130 GiB; this one copies the payload exactly once, when it is complete.
    expect(concat.mock.calls.length).toBeLessThanOrEqual(1);
    expect((decoder as LengthPrefixDecoder).statistics).toEqual({ concatenations: 1, copiedBytes: fourMiB });
    expect(frames).toHaveLength(1);
    expect(frames[0]?.equals(payload)).toBe(true);
  });

  it('returns frames inside one chunk as views, without copying', () => {
    const payloads = Array.from({ length: 1_000 }, (_, index) => Buffer.from(`telegram-${index}`));
    const decoder = framer.createDecoder() as LengthPrefixDecoder;
    const frames = decoder.push(Buffer.concat(payloads.map((payload) => framer.encode(payload))));
    expect(frames.map(String)).toEqual(payloads.map(String));
    expect(decoder.statistics.copiedBytes).toBe(0);
  });

  it('keeps the work linear in the number of chunks for many small frames split byte by byte', () => {
    const payloads = Array.from({ length: 2_000 }, (_, index) => Buffer.from(`frame ${index}`));
    const stream = Buffer.concat(payloads.map((payload) => framer.encode(payload)));
    const decoder = framer.createDecoder() as LengthPrefixDecoder;
    const frames: Buffer[] = [];
    for (const chunk of chunksOf(stream, 1)) frames.push(...decoder.push(chunk));
    expect(frames.map(String)).toEqual(payloads.map(String));
    // Every received byte (prefixes included) is copied at most once, however finely the stream was cut.
    expect(decoder.statistics.copiedBytes).toBeLessThanOrEqual(stream.length);
    expect(decoder.bufferedBytes).toBe(0);
  });
});
