import { readFileSync } from 'node:fs';

// /work/main/packages/core/test/crypto/support → five levels up is the directory holding main/ and shared/.
const unionpayFixtures = new URL('../../../../../../shared/fixtures/unionpay/', import.meta.url);

/** Reads one of the public UnionPay test fixtures (CFCA test certificates, test PKCS#12). */
export function readUnionpayFixture(name: string): Buffer {
  return readFileSync(new URL(name, unionpayFixtures));
}
