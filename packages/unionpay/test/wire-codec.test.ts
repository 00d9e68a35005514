import { createHash, createPrivateKey } from 'node:crypto';
import { rsaSign } from '@wirebridge/core/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCustomerInfo,
  buildSigningString,
  encodeFormBody,
  encryptSensitive,
  parseResponseBody,
  verifyMessage,
} from '../src/index.js';
import { issueCertificate, simulatorKey } from '../src/testing/test-certificates.js';
import { decodeText, encodeText } from '../src/wire/charset.js';
import { parseNotificationBody } from '../src/wire/form-codec.js';
import { decryptSensitive, parseCustomerInfo } from '../src/wire/sensitive.js';

const now = new Date('2026-01-01T00:00:00Z');
const window = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') };
const root = issueCertificate({
  keys: simulatorKey(0),
  commonName: 'Test Root',
  ca: true,
  serial: 1n,
  ...window,
});
const middle = issueCertificate({
  keys: simulatorKey(1),
  commonName: 'Test Middle',
  issuer: root,
  ca: true,
  serial: 2n,
  ...window,
});
const signer = issueCertificate({
  keys: simulatorKey(2),
  commonName: '041@Z12@中国银联股份有限公司@00000001',
  issuer: middle,
  ca: false,
  serial: 99n,
  ...window,
});
const otherRoot = issueCertificate({
  keys: simulatorKey(0),
  commonName: 'Test Middle',
  organization: 'Elsewhere',
  ca: true,
  serial: 3n,
  ...window,
});
const foreignSigner = issueCertificate({
  keys: simulatorKey(2),
  commonName: '041@Z12@中国银联股份有限公司@00000001',
  issuer: otherRoot,
  ca: false,
  serial: 98n,
  ...window,
});
const trust = {
  middleCertificate: middle.certificate.toString(),
  rootCertificate: root.certificate.toString(),
};
const options = { trust, validateCnName: true, now };

/** Signs as UnionPay does on a 5.1.0 reply: certificate carried, RSA-SHA256 over the ASCII hex SHA-256. */
function signReply(
  fields: Record<string, string>,
  identity = signer,
  encoding: 'UTF-8' | 'GBK' = 'UTF-8',
  rawDigest = false,
) {
  const signed: Record<string, string> = {
    ...fields,
    signMethod: '01',
    signPubKeyCert: identity.certificate.toString(),
  };
  const bytes = encodeText(buildSigningString(signed), encoding);
  const digest = createHash('sha256').update(bytes);
  const data = rawDigest ? digest.digest() : Buffer.from(digest.digest('hex'), 'ascii');
  signed.signature = rsaSign(data, identity.privateKey, 'sha256').toString('base64');
  return signed;
}
const reply = {
  version: '5.1.0',
  encoding: 'UTF-8',
  merId: '777290058110048',
  orderId: 'A123456789',
  respCode: '00',
  respMsg: '成功[0000000]',
  reqReserved: '中文备注 {a=b&c}',
};

describe('signMethod 01 verification properties (spec §10)', () => {
  it('round-trips in UTF-8 and GBK with a Chinese passthrough', () => {
    expect(verifyMessage(signReply(reply), options)).toEqual({ ok: true });
    const gbkReply = signReply({ ...reply, encoding: 'GBK' }, signer, 'GBK');
    expect(verifyMessage(gbkReply, options)).toEqual({ ok: true });
  });

  it('a one-character change in any value, any key or signPubKeyCert fails', () => {
    const signed = signReply(reply);
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(signed).filter((key) => key !== 'signature')),
        fc.boolean(),
        (key, renameKey) => {
          const changed = { ...signed };
          if (renameKey) {
            const value = changed[key]!;
            delete changed[key];
            changed[`${key}x`] = value;
          } else {
            const value = changed[key]!;
            const position = key === 'signPubKeyCert' ? value.indexOf('\n') + 40 : 0;
            changed[key] =
              value.slice(0, position) + (value[position] === 'A' ? 'B' : 'A') + value.slice(position + 1);
          }
          expect(verifyMessage(changed, options).ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a signature over the raw digest (not its hex text) is rejected', () => {
    expect(verifyMessage(signReply(reply, signer, 'UTF-8', true), options)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('a certificate chained to another root is rejected', () => {
    expect(verifyMessage(signReply(reply, foreignSigner), options)).toEqual({ ok: false, reason: 'chain' });
  });

  it('a certificate outside its validity is rejected as expired', () => {
    expect(verifyMessage(signReply(reply), { ...options, now: new Date('2028-01-01T00:00:00Z') })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('form bodies (spec §4)', () => {
  const awkward = fc
    .array(
      fc.constantFrom('&', '=', '{', '}', '[', ']', '+', '/', '%', ' ', '中', '文', 'a', '9', '*', '~'),
      { maxLength: 20 },
    )
    .map((parts) => parts.join(''));

  it('encodeFormBody → standard form decoding round-trips any value, UTF-8 and GBK', () => {
    fc.assert(
      fc.property(awkward, fc.constantFrom<'UTF-8' | 'GBK'>('UTF-8', 'GBK'), (value, encoding) => {
        const body = encodeFormBody({ encoding, reqReserved: value }, encoding);
        expect(body.every((byte) => byte < 0x80)).toBe(true);
        const decoded = parseNotificationBody(body);
        expect(decoded.reqReserved ?? '').toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes like Java URLEncoder: unreserved kept, space → +, uppercase %XX', () => {
    expect(encodeFormBody({ a: 'A-z_0.9*~ /', b: '中' }, 'UTF-8').toString()).toBe(
      'a=A-z_0.9*%7E+%2F&b=%E4%B8%AD',
    );
    expect(encodeFormBody({ b: '中', empty: '' }, 'GBK').toString()).toBe('b=%D6%D0');
  });

  it('parseResponseBody recovers values with = anywhere and & inside balanced (nested) braces', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('=', 'x', '{a=1&b=2}', '[1&2]', '{n={m=1&o=2}&p=3}', '中'), { maxLength: 6 })
          .map((parts) => parts.join('')),
        (value) => {
          const text = `respCode=00&value=${value}&last=1`;
          const parsed = parseResponseBody(Buffer.from(`{${text}}`), 'UTF-8');
          expect(parsed).toEqual({ respCode: '00', value, last: '1' });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('parseResponseBody: last repeated key wins, PEM newlines kept, empty key and missing = are ProtocolErrors', () => {
    expect(parseResponseBody(Buffer.from('a=1&a=2&pem=-----BEGIN\r\nX\r\n-----END'), 'UTF-8')).toEqual({
      a: '2',
      pem: '-----BEGIN\r\nX\r\n-----END',
    });
    expect(() => parseResponseBody(Buffer.from('=1&b=2'), 'UTF-8')).toThrow(/empty key/);
    expect(() => parseResponseBody(Buffer.from('a=1&b'), 'UTF-8')).toThrow(/no "="/);
    expect(() => parseResponseBody(Buffer.from('a={1&b=2'), 'UTF-8')).toThrow(/unbalanced/);
    expect(decodeText(Buffer.from([0xd6, 0xd0]), 'GBK')).toBe('中');
  });
});

describe('sensitive data (spec §5.6)', () => {
  const encryption = issueCertificate({
    keys: simulatorKey(3),
    commonName: 'enc',
    issuer: middle,
    ca: false,
    serial: 68759622183n,
    ...window,
  });
  const key = createPrivateKey(encryption.privateKey.export({ type: 'pkcs8', format: 'pem' }));

  it('accNo decrypts to the PAN and names the certificate', () => {
    const encrypted = encryptSensitive('6216261000000000018', encryption.certificate.toString());
    expect(encrypted.encryptCertId).toBe('68759622183');
    expect(decryptSensitive(encrypted.value, key, 'UTF-8')).toBe('6216261000000000018');
  });

  it('customerInfo decodes to the fixed key order and encryptedInfo decrypts', () => {
    const value = buildCustomerInfo(
      {
        expired: '2912',
        customerNm: '张三',
        cvn2: '123',
        smsCode: '111111',
        phoneNo: '13800000000',
        certifId: '110101199001011234',
        certifTp: '01',
      },
      encryption.certificate.toString(),
      'GBK',
    );
    const pairs = parseCustomerInfo(value, 'GBK');
    expect(pairs.map(([name]) => name)).toEqual([
      'certifTp',
      'certifId',
      'customerNm',
      'smsCode',
      'encryptedInfo',
    ]);
    expect(pairs[2]![1]).toBe('张三');
    expect(decryptSensitive(pairs[4]![1], key, 'GBK')).toBe('phoneNo=13800000000&cvn2=123&expired=2912');
    expect(() => buildCustomerInfo({ cvn2: '123' })).toThrow(/encryption certificate/);
  });
});
