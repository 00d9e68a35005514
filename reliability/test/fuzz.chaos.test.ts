// fast-check fuzzing of every public decoder and inbound handler (issue 13): only typed Wirebridge errors or
// rejection results, never a crash, never a hang, never a polluted Object.prototype.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzTarget } from './support/fuzz-run.js';
import { type FuzzTarget, startFuzzTargets } from './support/fuzz-targets.js';

const RUNS = 800;
let fixture: Awaited<ReturnType<typeof startFuzzTargets>>;
beforeAll(async () => {
  fixture = await startFuzzTargets();
}, 60_000);
afterAll(async () => {
  await fixture?.close();
});

// Names are known up front so each target is its own test.
const names = [
  'kicc notifications.handle',
  'kicc parseKst',
  'billgate notifications.handle',
  'billgate decodeBillgateFrame',
  'billgate verifyBillgateChecksum',
  'coocon notifications.handle',
  'coocon decodeCooconFrame',
  'coocon decodeCooconTelegram',
  'coocon readCooconEnvelope',
  'faysal notifications.handle',
  'western-union notifications.handle',
  'western-union parseWesternUnionFault',
  'western-union parseDeliveryOptionTemplate',
  'unionpay notifications.handle',
  'unionpay parseResponseBody',
  'unionpay decodeFileContent',
  'unionpay readZipEntries',
  'unionpay parseZmFile',
  'unionpay parseZmeFile',
  'ventaja verifyVentajaSignature',
  'core decodeTagRecords',
];

describe('fuzz: random and mutated bytes into every public decoder and handler', () => {
  it('covers every target the fixture built', () => {
    const built = fixture.targets.map((target) => target.name).sort();
    if (built.join('|') !== [...names].sort().join('|'))
      throw new Error(`targets differ: ${built.join(', ')}`);
  });
  it('the seeds are real pushes the handlers accept (so mutations start deep inside the parsers)', async () => {
    for (const target of fixture.targets.filter((candidate) =>
      candidate.name.endsWith('notifications.handle'),
    )) {
      expect(target.seeds.length, target.name).toBeGreaterThan(0);
      const result = (await target.run(target.seeds[0]!)) as { accepted: boolean; rejection?: unknown };
      expect(result.accepted, `${target.name}: ${JSON.stringify(result.rejection)}`).toBe(true);
    }
  });
  for (const name of names) {
    it(name, async () => {
      const target = fixture.targets.find((candidate) => candidate.name === name) as FuzzTarget;
      await fuzzTarget(target, RUNS);
    }, 60_000);
  }
});
