import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLayout, encodeLayout, LayoutError } from '../../src/codec/index.js';
import { isWirebridgeError, ValidationError } from '../../src/errors/index.js';
import {
  eucKrWidth,
  exampleFrames,
  exampleLayout,
  exampleValues,
  fittingText,
  ksX1001Hangul,
  sampleValues,
} from './support/example-layouts.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('fixed-width layouts: round trips (property)', () => {
  it('decode(encode(values)) deep-equals the values, for N, AN (ASCII and Hangul) and B fields', () => {
    fc.assert(
      fc.property(exampleValues, (values) => {
        const bytes = encodeLayout(exampleLayout, values);
        expect(bytes).toHaveLength(exampleLayout.length);
        expect(decodeLayout(exampleLayout, bytes)).toEqual({ messageType: '0200', ...values });
      }),
      { numRuns: 300 },
    );
  });

  it('encode(decode(bytes)) reproduces the bytes exactly, for frames assembled without the codec', () => {
    fc.assert(
      fc.property(exampleFrames, (frame) => {
        const values = decodeLayout(exampleLayout, frame);
        expect(encodeLayout(exampleLayout, values).equals(frame)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the leading zeros of identifier fields decoded as strings', () => {
    fc.assert(
      fc.property(exampleValues, (values) => {
        const bytes = encodeLayout(exampleLayout, { ...values, reference: '00000000000000000001' });
        expect(decodeLayout(exampleLayout, bytes).reference).toBe('00000000000000000001');
      }),
      { numRuns: 50 },
    );
  });
});

describe('fixed-width layouts: values that do not fit (property)', () => {
  it('rejects a text one byte wider than its field with a ValidationError naming the field, never truncating', () => {
    fc.assert(
      fc.property(fittingText(20), fc.constantFrom('A', '가'), (base, extra) => {
        // Pad to exactly the field width, then add one more character: 1 or 2 bytes too wide.
        let text = base;
        while (eucKrWidth(text) < 20) text += 'x';
        const error = thrown(() =>
          encodeLayout(exampleLayout, { ...sampleValues, depositorName: `${text}${extra}` }),
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toEqual([
          expect.objectContaining({ path: 'example.depositorName', code: 'OVERFLOW' }),
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects Hangul text whose cut at the field width would split a character', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ksX1001Hangul), { minLength: 10, maxLength: 15 }),
        (syllables) => {
          // An odd ASCII prefix puts the 20-byte boundary in the middle of a 2-byte syllable.
          const text = `A${syllables.join('')}`;
          const error = thrown(() => encodeLayout(exampleLayout, { ...sampleValues, depositorName: text }));
          expect(error).toBeInstanceOf(ValidationError);
          const [issue] = (error as ValidationError).issues;
          expect(issue).toMatchObject({ path: 'example.depositorName', code: 'OVERFLOW' });
          expect(issue?.message).toContain('split a multi-byte character');
        },
      ),
    );
  });

  it('rejects a number with more digits than its field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000_000, max: Number.MAX_SAFE_INTEGER }), (serial) => {
        const error = thrown(() => encodeLayout(exampleLayout, { ...sampleValues, serial }));
        expect((error as ValidationError).issues).toEqual([
          expect.objectContaining({ path: 'example.serial', code: 'OVERFLOW' }),
        ]);
      }),
    );
  });
});

describe('fixed-width layouts: broken frames (property)', () => {
  it('rejects truncated and oversized frames with LayoutError LENGTH', () => {
    fc.assert(
      fc.property(
        exampleFrames,
        fc.integer({ min: 0, max: 148 }),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        (frame, cut, extra) => {
          const truncated = thrown(() => decodeLayout(exampleLayout, frame.subarray(0, cut)));
          expect(truncated).toBeInstanceOf(LayoutError);
          expect(truncated).toMatchObject({ reason: 'LENGTH', layout: 'example', offset: cut });
          const oversized = thrown(() => decodeLayout(exampleLayout, Buffer.concat([frame, extra])));
          expect(oversized).toBeInstanceOf(LayoutError);
          expect(oversized).toMatchObject({ reason: 'LENGTH', offset: 149 });
        },
      ),
    );
  });

  it('garbled frames either decode or fail with a LayoutError, and never with a raw error', () => {
    fc.assert(
      fc.property(
        exampleFrames,
        fc.array(fc.tuple(fc.nat(148), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (frame, changes) => {
          const garbled = Buffer.from(frame);
          for (const [position, byte] of changes) garbled[position] = byte;
          let values: unknown;
          try {
            values = decodeLayout(exampleLayout, garbled);
          } catch (error) {
            expect(error).toBeInstanceOf(LayoutError);
            return;
          }
          // Decoding is permissive where the wire allows it (e.g. control bytes inside text), so re-encoding may
          // refuse what was read — but only ever with a typed error.
          try {
            encodeLayout(exampleLayout, values as never);
          } catch (error) {
            expect(isWirebridgeError(error)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random bytes of the right length decode or fail with a LayoutError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 149, maxLength: 149 }), (bytes) => {
        try {
          decodeLayout(exampleLayout, bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(LayoutError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
