// The property run shared by the fuzz test and its --disable-proto=throw twin.
import fc from 'fast-check';
import { expect } from 'vitest';
import { count } from './counters.js';
import { type FuzzTarget, tryTarget } from './fuzz-targets.js';

const before = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

function assertNoPollution(label: string) {
  expect(({} as Record<string, unknown>).polluted, `${label}: Object.prototype polluted`).toBeUndefined();
  expect(
    Object.getOwnPropertyNames(Object.prototype).sort().join(','),
    `${label}: Object.prototype changed`,
  ).toBe(before);
}

/** Random bytes, mutated seeds and prototype-key junk; returns how many inputs ran. */
export async function fuzzTarget(target: FuzzTarget, numRuns: number, seed = 0x5eed): Promise<number> {
  let inputs = 0;
  const mutated = target.seeds.length
    ? fc
        .tuple(
          fc.constantFrom(...target.seeds),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
          fc.option(fc.nat(), { nil: undefined }),
        )
        .map(([base, flips, cut]) => {
          const bytes = Uint8Array.from(base);
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          return cut === undefined || bytes.length === 0 ? bytes : bytes.slice(0, cut % (bytes.length + 1));
        })
    : fc.uint8Array({ maxLength: 64 });
  const arbitrary = fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 1_024 }) },
    {
      weight: 2,
      arbitrary: fc.string({ maxLength: 512 }).map((text) => new Uint8Array(Buffer.from(text, 'utf8'))),
    },
    { weight: 4, arbitrary: mutated },
    {
      weight: 1,
      arbitrary: fc
        .jsonValue()
        .map((value) => new Uint8Array(Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'))),
    },
  );
  // Every structured nasty input once, then the random ones.
  for (const bytes of target.nasty) {
    inputs += 1;
    expect(await tryTarget(target, bytes)).toBeUndefined();
    assertNoPollution(target.name);
  }
  await fc.assert(
    fc.asyncProperty(arbitrary, async (bytes) => {
      inputs += 1;
      const failure = await tryTarget(target, bytes);
      assertNoPollution(target.name);
      if (failure !== undefined) throw new Error(failure);
    }),
    { numRuns, seed, endOnFailure: true },
  );
  count(target.vendor, { fuzzInputs: inputs, cases: 1 });
  return inputs;
}
