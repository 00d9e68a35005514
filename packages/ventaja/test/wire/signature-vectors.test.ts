import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPkcs12 } from '@wirebridge/core/crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeVentajaEnvelope, signVentajaPayload, verifyVentajaSignature } from '../../src/index.js';
import { sharedFixturesDirectory } from '../support.js';

// spec §10: the throwaway UnionPay test key, reused only as a known-answer key.
let privateKey: KeyObject;
let publicKey: KeyObject;
beforeAll(() => {
  const pfx = readFileSync(join(sharedFixturesDirectory, 'unionpay/acp_test_sign.pfx'));
  privateKey = loadPkcs12(pfx, '000000').privateKey;
  publicKey = createPublicKey(privateKey);
});

const envelope = (identifier: string, agentRefNo: string) => ({
  id: '100000000001',
  uid: 'api',
  pwd: 'test-password',
  data: { billerCode: 'C15', accountNumber: '816218000', identifier, amount: 120.5, agentRefNo },
});

const expectedSignature =
  'oRvhp17p5d7D/QQoAvTJCzUn7UTvEzhuFBhuyAHelMReZYMNSDwkV3fGlEbVk0nZTIMWdDYrEaBBf2m5vnw6gNSwW136JEZkQQWoxT5wI92smr22VQTFKc6oXJT/4WDR13BdPo8KhbdhtASjThnqpzecDU66YN1s9C26ZxOcMRMfWLATtr29+VCZ8NkKMR9EVjAsg21ZhqUytIADpYQ2asWI63jBeOVPHkBRvrY0awadSmAThSFl5h6oRDon8WvheLClbqhCMo3e+1yQwCyeV80V9eJJ4QqBw80vWPfX9rTX9K2pLKSlW4qm9eu/168GZdQDYDQw+GmbrHuhXJ7gsw==';
const slashSignature =
  'KUkuXKMTt3dn4KJF3NAsUlvrUgtQovCtkhIXmPUK4Wu7HWqPs84muX81sBDa3pzUQ+5uxvWSdqIIj3Xqy2cXQtW3RO+Wz5JU/Fege7mr5vDPjGrNLNqilY9ZEoP1osDmId15YJxZQOw5W+l1MZfW0f4NaIz7iiV1uq4X+7P/uhixFiplv7G2J36I5oaVel66WidPUTRtcafcDR1mYyo7COQ+WrIznyOZRPMy7hmZMoucclc7OS4l3iT0y3kp0eklnH458KN7Vpq5IJzM6NghHdxI0rX1riPzfO+JvyTStYQH8raIWRslP0nane88ZsanBZX0IQbqz8kPvftcQxEcCg==';

describe('known-answer signature (spec §10)', () => {
  it('serializes the §4.5 request to the exact 187 bytes with the published SHA-1', () => {
    const body = serializeVentajaEnvelope(envelope('JUAN DELA CRUZ', 'WB2502010000001'));
    expect(body.toString('utf8')).toBe(
      '{"id":"100000000001","uid":"api","pwd":"test-password","data":{"billerCode":"C15","accountNumber":"816218000","identifier":"JUAN DELA CRUZ","amount":120.5,"agentRefNo":"WB2502010000001"}}',
    );
    expect(body.length).toBe(187);
    expect(createHash('sha1').update(body).digest('hex')).toBe('25ebbcf05b901c42b04ddb0a6dff46ffdf35f4ea');
  });

  it('signs it to the published Signature, which verifies', () => {
    const body = serializeVentajaEnvelope(envelope('JUAN DELA CRUZ', 'WB2502010000001'));
    expect(signVentajaPayload(body, privateKey)).toBe(expectedSignature);
    expect(verifyVentajaSignature(body, expectedSignature, publicKey)).toBe(true);
  });

  it('signs the slash vector over the unescaped "/" and rejects the PHP-style "\\/" bytes', () => {
    const body = serializeVentajaEnvelope(envelope('J/D CRUZ', 'WB2502010000002'));
    expect(body.toString('utf8')).toContain('"identifier":"J/D CRUZ"');
    expect(signVentajaPayload(body, privateKey)).toBe(slashSignature);
    const phpBytes = Buffer.from(body.toString('utf8').replace('J/D', 'J\\/D'), 'utf8');
    expect(verifyVentajaSignature(phpBytes, slashSignature, publicKey)).toBe(false);
  });

  it('keeps the envelope key order whatever order the caller built it in (v4 keys included)', () => {
    const body = serializeVentajaEnvelope({
      data: { b: 1, a: 2 },
      countryCode: 'PH',
      code: 118,
      pwd: 'p',
      uid: 'u',
      id: '1',
    });
    expect(body.toString('utf8')).toBe(
      '{"id":"1","uid":"u","pwd":"p","code":118,"countryCode":"PH","data":{"b":1,"a":2}}',
    );
  });

  it('keeps a stable envelope key order and data insertion order for any payload (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => name !== '__proto__');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, fc.oneof(fc.string(), fc.integer(), fc.boolean())), {
          selector: ([name]) => name,
          maxLength: 8,
        }),
        fc.boolean(),
        (entries, v4) => {
          const data = Object.fromEntries(entries);
          const body = serializeVentajaEnvelope({
            data,
            pwd: 'p',
            uid: 'u',
            id: '1',
            ...(v4 ? { code: 118, countryCode: 'PH' as const } : {}),
          });
          const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          const expectedKeys = v4
            ? ['id', 'uid', 'pwd', 'code', 'countryCode', 'data']
            : ['id', 'uid', 'pwd', 'data'];
          return (
            JSON.stringify(Object.keys(parsed)) === JSON.stringify(expectedKeys) &&
            JSON.stringify(Object.keys(parsed.data as object)) === JSON.stringify(Object.keys(data)) &&
            body.equals(Buffer.from(JSON.stringify(parsed), 'utf8'))
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('signs non-ASCII names as UTF-8', () => {
    const body = serializeVentajaEnvelope(envelope('JOSÉ PEÑA 李', 'WB2502010000003'));
    expect(body.includes(Buffer.from('PEÑA', 'utf8'))).toBe(true);
    expect(verifyVentajaSignature(body, signVentajaPayload(body, privateKey), publicKey)).toBe(true);
  });

  it('fails verification for any flipped bit in the body or in the signature (property)', () => {
    const body = serializeVentajaEnvelope(envelope('JUAN DELA CRUZ', 'WB2502010000001'));
    const signature = Buffer.from(expectedSignature, 'base64');
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), (inBody, position, bit) => {
        if (inBody) {
          const tampered = Buffer.from(body);
          tampered[position % tampered.length]! ^= 1 << bit;
          return !verifyVentajaSignature(tampered, expectedSignature, publicKey);
        }
        const tampered = Buffer.from(signature);
        tampered[position % tampered.length]! ^= 1 << bit;
        return !verifyVentajaSignature(body, tampered.toString('base64'), publicKey);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a malformed signature header without throwing', () => {
    const body = serializeVentajaEnvelope(envelope('JUAN DELA CRUZ', 'WB2502010000001'));
    expect(verifyVentajaSignature(body, 'not base64!', publicKey)).toBe(false);
    expect(verifyVentajaSignature(body, '', publicKey)).toBe(false);
  });
});
