import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, FramingError } from '../../src/errors/index.js';
import {
  asciiLengthFramer,
  binaryLengthFramer,
  type FrameDecoder,
  type Framer,
} from '../../src/tcp/index.js';

/** Writes a prefix declaring `declared`, in the notation under test (independent of the framer's code). */
type PrefixWriter = (declared: number) => Buffer;
const asciiPrefix =
  (digits: number): PrefixWriter =>
  (declared) =>
    Buffer.from(String(declared).padStart(digits, '0'), 'latin1');
const binaryPrefix =
  (bytes: 2 | 4, byteOrder: 'big-endian' | 'little-endian'): PrefixWriter =>
  (declared) => {
    const prefix = Buffer.alloc(bytes);
    if (bytes === 2) {
      if (byteOrder === 'big-endian') prefix.writeUInt16BE(declared);
      else prefix.writeUInt16LE(declared);
    } else if (byteOrder === 'big-endian') prefix.writeUInt32BE(declared);
    else prefix.writeUInt32LE(declared);
    return prefix;
  };

/** The framings vendor packages configure, with small limits where generated frames would otherwise be large. */
const framings: Array<{
  name: string;
  framer: Framer;
  includesPrefix: boolean;
  prefix: PrefixWriter;
  /** Largest value the prefix notation can hold. */
  largestDeclarable: number;
}> = [
  {
    name: 'ASCII 4 digits, excluding itself (Billgate LLLL)',
    framer: asciiLengthFramer({ digits: 4, includesPrefix: false }),
    includesPrefix: false,
    prefix: asciiPrefix(4),
    largestDeclarable: 9_999,
  },
  {
    name: 'ASCII 4 digits, including itself (Coocon 0404)',
    framer: asciiLengthFramer({ digits: 4, includesPrefix: true }),
    includesPrefix: true,
    prefix: asciiPrefix(4),
    largestDeclarable: 9_999,
  },
  {
    name: 'ASCII 2 digits, including itself',
    framer: asciiLengthFramer({ digits: 2, includesPrefix: true }),
    includesPrefix: true,
    prefix: asciiPrefix(2),
    largestDeclarable: 99,
  },
  {
    name: 'ASCII 6 digits, excluding itself, 500-byte limit',
    framer: asciiLengthFramer({ digits: 6, includesPrefix: false, maxFrameBytes: 500 }),
    includesPrefix: false,
    prefix: asciiPrefix(6),
    largestDeclarable: 999_999,
  },
  {
    name: 'binary 2 bytes big-endian, excluding itself',
    framer: binaryLengthFramer({ bytes: 2, includesPrefix: false }),
    includesPrefix: false,
    prefix: binaryPrefix(2, 'big-endian'),
    largestDeclarable: 0xffff,
  },
  {
    name: 'binary 2 bytes little-endian, including itself',
    framer: binaryLengthFramer({ bytes: 2, includesPrefix: true, byteOrder: 'little-endian' }),
    includesPrefix: true,
    prefix: binaryPrefix(2, 'little-endian'),
    largestDeclarable: 0xffff,
  },
  {
    name: 'binary 4 bytes big-endian, including itself, 700-byte limit',
    framer: binaryLengthFramer({ bytes: 4, includesPrefix: true, maxFrameBytes: 700 }),
    includesPrefix: true,
    prefix: binaryPrefix(4, 'big-endian'),
    largestDeclarable: 0xffff_ffff,
  },
  {
    name: 'binary 4 bytes little-endian, excluding itself',
    framer: binaryLengthFramer({ bytes: 4, includesPrefix: false, byteOrder: 'little-endian' }),
    includesPrefix: false,
    prefix: binaryPrefix(4, 'little-endian'),
    largestDeclarable: 0xffff_ffff,
  },
];

/** Splits `bytes` at the given cut points (taken modulo its length), keeping every byte exactly once. */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  if (bytes.length === 0) return [];
  const points = [...new Set(cuts.map((cut) => cut % bytes.length))]
    .filter((point) => point > 0)
    .sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

/** Feeds chunks to a decoder; returns the frames and the first error thrown (if any), and stops at it. */
function feed(decoder: FrameDecoder, chunks: Buffer[]): { frames: Buffer[]; error: unknown } {
  const frames: Buffer[] = [];
  for (const chunk of chunks) {
    try {
      frames.push(...decoder.push(chunk));
    } catch (error) {
      return { frames, error };
    }
    if (decoder.failure !== undefined) return { frames, error: decoder.failure };
  }
  return { frames, error: undefined };
}

const cutsArbitrary = fc.array(fc.nat(), { maxLength: 40 });

describe.each(framings)('$name', ({ framer, includesPrefix, prefix: writePrefix }) => {
  const payloadArbitrary = fc.uint8Array({ minLength: 1, maxLength: Math.min(framer.maxFrameBytes, 300) });

  it('decodes random payload lists fed in random chunk splits to the same payloads', () => {
    fc.assert(
      fc.property(fc.array(payloadArbitrary, { maxLength: 12 }), cutsArbitrary, (payloads, cuts) => {
        const stream = Buffer.concat(payloads.map((payload) => framer.encode(payload)));
        const { frames, error } = feed(framer.createDecoder(), split(stream, cuts));
        expect(error).toBeUndefined();
        expect(frames.map((frame) => Buffer.from(frame).toString('hex'))).toEqual(
          payloads.map((payload) => Buffer.from(payload).toString('hex')),
        );
      }),
    );
  });

  it('yields nothing for a truncated frame, without error, until the rest arrives', () => {
    fc.assert(
      fc.property(
        fc.array(payloadArbitrary, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        cutsArbitrary,
        (payloads, dropSeed, cuts) => {
          const encoded = payloads.map((payload) => framer.encode(payload));
          const stream = Buffer.concat(encoded);
          const last = encoded.at(-1) as Buffer;
          const dropped = 1 + (dropSeed % last.length); // 1 … the whole last frame, prefix included
          const decoder = framer.createDecoder();
          const head = feed(decoder, split(stream.subarray(0, stream.length - dropped), cuts));
          expect(head.error).toBeUndefined();
          expect(head.frames).toHaveLength(payloads.length - 1);
          expect(decoder.bufferedBytes).toBe(last.length - dropped);
          const tail = feed(decoder, [stream.subarray(stream.length - dropped)]);
          expect(tail.error).toBeUndefined();
          expect(tail.frames.map((frame) => frame.toString('hex'))).toEqual([
            Buffer.from(payloads.at(-1) as Uint8Array).toString('hex'),
          ]);
          expect(decoder.bufferedBytes).toBe(0);
        },
      ),
    );
  });

  if (includesPrefix) {
    it('refuses a length shorter than the prefix that it includes', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: framer.prefixBytes - 1 }), (declared) => {
          const error = catchError(() => framer.createDecoder().push(writePrefix(declared)));
          expect(error).toBeInstanceOf(FramingError);
          expect((error as FramingError).details).toMatchObject({ reason: 'length_below_prefix' });
        }),
      );
    });
  }

  it('refuses an empty payload on both sides unless allowed', () => {
    const prefix = writePrefix(includesPrefix ? framer.prefixBytes : 0);
    expect(catchError(() => framer.createDecoder().push(prefix))).toBeInstanceOf(FramingError);
    expect(catchError(() => framer.encode(new Uint8Array(0)))).toBeInstanceOf(FramingError);
  });

  it('refuses to encode a payload over maxFrameBytes', () => {
    const error = catchError(() => framer.encode(Buffer.alloc(framer.maxFrameBytes + 1)));
    expect(error).toBeInstanceOf(FramingError);
    expect((error as FramingError).details).toMatchObject({ reason: 'frame_too_large' });
  });

  it('on random garbage returns or throws FramingError only, never buffers past one frame, and stays failed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), cutsArbitrary, (garbage, cuts) => {
        const decoder = framer.createDecoder();
        let failed = false;
        for (const chunk of split(Buffer.from(garbage), cuts)) {
          try {
            decoder.push(chunk);
          } catch (error) {
            expect(error).toBeInstanceOf(FramingError);
            failed = true;
          }
          if (decoder.failure !== undefined) failed = true;
          if (failed) break;
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(framer.prefixBytes + framer.maxFrameBytes);
        }
        if (failed) expect(catchError(() => decoder.push(Buffer.from([0x30])))).toBeInstanceOf(FramingError);
      }),
    );
  });

  it('hands over the frames before a broken prefix, then reports the failure', () => {
    fc.assert(
      fc.property(
        fc.array(payloadArbitrary, { minLength: 1, maxLength: 5 }),
        cutsArbitrary,
        (payloads, cuts) => {
          // An empty-frame declaration is expressible in every notation and refused by default.
          const badPrefix = writePrefix(includesPrefix ? framer.prefixBytes : 0);
          const stream = Buffer.concat([...payloads.map((payload) => framer.encode(payload)), badPrefix]);
          const { frames, error } = feed(framer.createDecoder(), split(stream, cuts));
          expect(error).toBeInstanceOf(FramingError);
          expect(frames).toHaveLength(payloads.length);
        },
      ),
    );
  });
});

// Only where the notation can declare more than the limit (Billgate's 4 digits cannot exceed 9 999 at all).
describe.each(
  framings.filter(
    ({ framer, includesPrefix, largestDeclarable }) =>
      oversizeDeclared(framer, includesPrefix) <= largestDeclarable,
  ),
)('$name, limit', ({ framer, includesPrefix, prefix: writePrefix }) => {
  it('refuses a declared length over maxFrameBytes as soon as the prefix is in', () => {
    const prefix = writePrefix(oversizeDeclared(framer, includesPrefix));
    const decoder = framer.createDecoder();
    const error = catchError(() => decoder.push(prefix));
    expect(error).toBeInstanceOf(FramingError);
    expect((error as FramingError).details).toMatchObject({
      reason: 'frame_too_large',
      limitBytes: framer.maxFrameBytes,
    });
    // A failed decoder refuses further input.
    expect(catchError(() => decoder.push(Buffer.from('0001x')))).toBeInstanceOf(FramingError);
  });
});

describe('asciiLengthFramer', () => {
  it('writes the Coocon deposit prefix 0404 for a 400-byte payload that the length includes', () => {
    const frame = asciiLengthFramer({ digits: 4, includesPrefix: true }).encode(Buffer.alloc(400, 0xaa));
    expect(frame.subarray(0, 4).toString('latin1')).toBe('0404');
    expect(frame).toHaveLength(404);
  });

  it('writes a Billgate LLLL that excludes itself, zero-padded', () => {
    const frame = asciiLengthFramer({ digits: 4, includesPrefix: false }).encode(Buffer.alloc(226, 0x41));
    expect(frame.subarray(0, 4).toString('latin1')).toBe('0226');
  });

  it('refuses any non-digit prefix byte (an HTTP probe on a telegram port) at its position', () => {
    const framer = asciiLengthFramer({ digits: 4, includesPrefix: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 255 }).filter((byte) => byte < 0x30 || byte > 0x39),
        (position, byte) => {
          const prefix = Buffer.from('0404', 'latin1');
          prefix[position] = byte;
          const error = catchError(() => framer.createDecoder().push(prefix));
          expect(error).toBeInstanceOf(FramingError);
          expect((error as FramingError).details).toMatchObject({
            reason: 'non_digit_length',
            offset: position,
          });
        },
      ),
    );
    expect(catchError(() => framer.createDecoder().push(Buffer.from('GET / HTTP/1.1\r\n')))).toBeInstanceOf(
      FramingError,
    );
  });

  it('refuses impossible options with a ConfigError naming the option', () => {
    expect(() => asciiLengthFramer({ digits: 0, includesPrefix: true })).toThrow(ConfigError);
    expect(() => asciiLengthFramer({ digits: 16, includesPrefix: true })).toThrow(/digits/);
    expect(() => asciiLengthFramer({ digits: 4, includesPrefix: false, maxFrameBytes: 10_000 })).toThrow(
      /maxFrameBytes/,
    );
    expect(() => asciiLengthFramer({ digits: 4, includesPrefix: true, maxFrameBytes: 9_996 })).toThrow(
      /maxFrameBytes/,
    );
    expect(() => asciiLengthFramer({ digits: 4 } as never)).toThrow(/includesPrefix/);
    expect(() => asciiLengthFramer(undefined as never)).toThrow(ConfigError);
  });

  it('defaults maxFrameBytes to what the prefix can declare', () => {
    expect(asciiLengthFramer({ digits: 4, includesPrefix: false }).maxFrameBytes).toBe(9_999);
    expect(asciiLengthFramer({ digits: 4, includesPrefix: true }).maxFrameBytes).toBe(9_995);
    expect(asciiLengthFramer({ digits: 9, includesPrefix: false }).maxFrameBytes).toBe(1_048_576);
  });

  it('accepts empty payloads when allowed', () => {
    const framer = asciiLengthFramer({ digits: 4, includesPrefix: false, allowEmptyPayload: true });
    expect(framer.encode(new Uint8Array(0)).toString('latin1')).toBe('0000');
    expect(framer.createDecoder().push(Buffer.from('0000'))).toEqual([Buffer.alloc(0)]);
  });
});

describe('binaryLengthFramer', () => {
  it('writes the length in the configured byte order', () => {
    const payload = Buffer.alloc(0x0102, 1);
    expect(binaryLengthFramer({ bytes: 2, includesPrefix: false }).encode(payload).subarray(0, 2)).toEqual(
      Buffer.from([1, 2]),
    );
    expect(
      binaryLengthFramer({ bytes: 2, includesPrefix: false, byteOrder: 'little-endian' })
        .encode(payload)
        .subarray(0, 2),
    ).toEqual(Buffer.from([2, 1]));
    expect(binaryLengthFramer({ bytes: 4, includesPrefix: true }).encode(payload).subarray(0, 4)).toEqual(
      Buffer.from([0, 0, 1, 6]),
    );
  });

  it('caps a 4-byte prefix at 1 MiB by default, so a corrupt prefix cannot make it buffer gigabytes', () => {
    const framer = binaryLengthFramer({ bytes: 4, includesPrefix: false });
    expect(framer.maxFrameBytes).toBe(1_048_576);
    const error = catchError(() => framer.createDecoder().push(Buffer.from([0xff, 0xff, 0xff, 0xff])));
    expect((error as FramingError).details).toMatchObject({ reason: 'frame_too_large' });
  });

  it('refuses impossible options with a ConfigError naming the option', () => {
    expect(() => binaryLengthFramer({ bytes: 3 as never, includesPrefix: false })).toThrow(/bytes/);
    expect(() =>
      binaryLengthFramer({ bytes: 2, includesPrefix: false, byteOrder: 'middle' as never }),
    ).toThrow(/byteOrder/);
    expect(() => binaryLengthFramer({ bytes: 2, includesPrefix: false, maxFrameBytes: 70_000 })).toThrow(
      /maxFrameBytes/,
    );
    expect(() => binaryLengthFramer({ bytes: 2, includesPrefix: false, maxFrameBytes: 0 })).toThrow(
      ConfigError,
    );
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A declared length one byte over the framer's payload limit. */
function oversizeDeclared(framer: Framer, includesPrefix: boolean): number {
  return framer.maxFrameBytes + 1 + (includesPrefix ? framer.prefixBytes : 0);
}
