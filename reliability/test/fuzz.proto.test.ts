// The fuzz run again in a worker started with `node --disable-proto=throw` (vitest project
// `reliability-disable-proto`): any code path that reads or writes `__proto__` through the accessor throws here,
// so a pass proves no decoder or handler reaches Object.prototype that way (issue 13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzTarget } from './support/fuzz-run.js';
import { startFuzzTargets } from './support/fuzz-targets.js';

let fixture: Awaited<ReturnType<typeof startFuzzTargets>>;
beforeAll(async () => {
  fixture = await startFuzzTargets();
}, 60_000);
afterAll(async () => {
  await fixture?.close();
});

describe('fuzz under --disable-proto=throw', () => {
  it('runs with the flag in force', () => {
    expect(process.execArgv).toContain('--disable-proto=throw');
    // biome-ignore lint/suspicious/noProto: proving the accessor throws is the point of this file.
    expect(() => (({}) as { __proto__: unknown }).__proto__).toThrow();
  });

  it('every target, 150 inputs each, with prototype-key junk first', async () => {
    for (const target of fixture.targets) await fuzzTarget(target, 150, 0xd15ab1e);
  }, 120_000);
});
