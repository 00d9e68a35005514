import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root is three levels above this file (packages/unionpay/test/support); the shared public
// UnionPay test material sits next to it in ../shared/fixtures (resolved from here, never from the cwd).
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Absolute path of a file in the shared public UnionPay test material. */
export function fixturePath(name: string): string {
  return resolve(repositoryRoot, '../shared/fixtures/unionpay', name);
}

/** Bytes of a file in the shared public UnionPay test material. */
export function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** Password of the public `acp_test_sign.pfx` (spec §10). */
export const TEST_PFX_PASSWORD = '000000';

/** Inside every public test certificate's validity (spec §10). */
export const FIXTURE_CLOCK = new Date('2016-06-01T00:00:00+08:00');
