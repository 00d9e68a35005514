import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSigningString,
  loadSigningCredentials,
  signMessage,
  verifyLegacyMessage,
  verifyMessage,
} from '../src/index.js';
import { FIXTURE_CLOCK, readFixture, TEST_PFX_PASSWORD } from './support/fixtures.js';

const credentials = loadSigningCredentials(readFixture('acp_test_sign.pfx'), TEST_PFX_PASSWORD);
const trust = {
  middleCertificate: readFixture('acp_test_middle.cer'),
  rootCertificate: readFixture('acp_test_root.cer'),
};

const v2Fields = {
  accessType: '0',
  bizType: '000201',
  encoding: 'UTF-8',
  merId: '777290058110048',
  orderId: '20240101000000001',
  txnSubType: '00',
  txnTime: '20240101000000',
  txnType: '00',
  version: '5.1.0',
};
const V2_STRING =
  'accessType=0&bizType=000201&certId=68759663125&encoding=UTF-8&merId=777290058110048&orderId=20240101000000001&signMethod=01&txnSubType=00&txnTime=20240101000000&txnType=00&version=5.1.0';
const V2_SIGNATURE =
  'b4lSg/WFmm1n8SwdvGizPtRX4NkQP0v7dcZWzQY1Z1xQCDGuVHhea0UaUY1PGWNPfhJhHHEhy2mkLZCE+GXunw0CpcKG5Ri6jckUWU5sdl1POyj8B8GPeX/h2p3C8OvhDD904/cosdTIzCC/AvuW1sQbu8jGXs52fZv1KGlS0dhsMBI5WTqNtlETy9OuW8mC7ntkdEeWt1dceKr4Y/x7CHxeWyWQDGunnHgQnbPyi8CzcYcv1odoH5Z7Rwk1+jqJZ0VTZcO//u+loBtu5mXiKWomXAw2SUJgYYgrzsHPzi5QKhP2vMfg/76LXvjX6WoZMhq6KyJ6BjRswlEpI9zZSg==';
const V1_SIGNATURE =
  'Hyz31eHxPhXnXWSsquV1p/I+tD4pM9A5OQkPw4xO7Ntrb58eP8xdIMLvtaj+eqywBuw7g6w49RoukrQIStYzZ43pQanw5//3xzmnn50PiJPYTbxCXd6by1Ct5QVpVbYRdF12ioJvxgoEPhT9kfdQ8lrOikFlInyDR3DTsVInng73lZqVpiFq21Eky0b0M46BiV94vnAtiCpZjpuD+ycSsmljRgBUvAbrpuS6G7qZCDlRBCeXB+4y7+oWo/07ZFcB0pCqzxUaG822Om49m54+86ywUzig8mDGBZ0LbTrwvZV22zE9wlKglQkAH4iL2aZeLqL+Y4yoaE9rFiKModfuoA==';

describe('test vectors (spec §10)', () => {
  it('reads the legacy RC2-40 pfx and derives certId 68759663125', () => {
    expect(credentials.certificateId).toBe('68759663125');
  });

  it('V2: reproduces the signing string, digest and signature byte for byte', () => {
    const signed = signMessage(v2Fields, credentials, 'UTF-8');
    expect(buildSigningString(signed)).toBe(V2_STRING);
    expect(createHash('sha256').update(V2_STRING).digest('hex')).toBe(
      '90aa768e79ec9121ac8079e3ba88f754be36071bc6da476948563f29e3cce674',
    );
    expect(signed.signature).toBe(V2_SIGNATURE);
  });

  it('V3: reproduces the secure-key signature', () => {
    const signed = signMessage(
      { ...v2Fields, certId: '68759663125' },
      { signMethod: '11', secureKey: '88888888' },
    );
    expect(signed.certId).toBeUndefined();
    expect(buildSigningString(signed)).toBe(
      V2_STRING.replace('certId=68759663125&', '').replace('signMethod=01', 'signMethod=11'),
    );
    expect(createHash('sha256').update('88888888').digest('hex')).toBe(
      '615ed7fb1504b0c724a296d7a69e6c7b2f9ea2c57c1d8206c5afdf392ebdfd25',
    );
    expect(signed.signature).toBe('044056bdcbd11306c161a63bfec169bab70e3a16b49999f42fc846bb56b0ac49');
  });

  it('V1: the legacy 5.0.0 SHA-1 signature verifies with the pfx certificate and changes nothing', () => {
    const fields = {
      accessType: '0',
      bizType: '000000',
      certId: '68759663125',
      channelType: '07',
      encoding: 'utf-8',
      merId: '777290058110097',
      orderId: '20160417090108',
      signMethod: '01',
      txnSubType: '00',
      txnTime: '20160417090108',
      txnType: '00',
      version: '5.0.0',
    };
    expect(createHash('sha1').update(buildSigningString(fields)).digest('hex')).toBe(
      '0c2d422d0733373590749fb5ca9bdd9d11ea65ff',
    );
    expect(verifyLegacyMessage({ ...fields, signature: V1_SIGNATURE }, [credentials.certificatePem])).toBe(
      true,
    );
    expect(
      verifyLegacyMessage({ ...fields, orderId: '20160417090109', signature: V1_SIGNATURE }, [
        credentials.certificatePem,
      ]),
    ).toBe(false);
    expect(
      verifyLegacyMessage({ ...fields, certId: '1', signature: V1_SIGNATURE }, [credentials.certificatePem]),
    ).toBe(false);
  });
});

describe('certificate chain of the public verify certificate (spec §10 Chain)', () => {
  const verifyCertificate = readFixture('acp_test_verify_sign.cer').toString('latin1');
  // The verify cert has no key here, so the signature check is the last step; the chain/CN verdicts come first.
  const fields = { ...v2Fields, signMethod: '01', signPubKeyCert: verifyCertificate, signature: 'AAAA' };

  it('chains to the root with validateCnName false, and only the signature then fails', () => {
    expect(verifyMessage(fields, { trust, validateCnName: false, now: FIXTURE_CLOCK })).toEqual({
      ok: false,
      reason: 'signature',
    });
  });
  it('is rejected for its CN with validateCnName true', () => {
    expect(verifyMessage(fields, { trust, validateCnName: true, now: FIXTURE_CLOCK })).toEqual({
      ok: false,
      reason: 'cn',
    });
  });
  it('is rejected as expired in 2019', () => {
    expect(
      verifyMessage(fields, { trust, validateCnName: false, now: new Date('2019-01-01T00:00:00Z') }),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
  it('is rejected against another trust chain', () => {
    const otherTrust = {
      middleCertificate: credentials.certificatePem,
      rootCertificate: credentials.certificatePem,
    };
    expect(verifyMessage(fields, { trust: otherTrust, validateCnName: false, now: FIXTURE_CLOCK })).toEqual({
      ok: false,
      reason: 'chain',
    });
  });
});

describe('sign → verify with method 11 (property)', () => {
  it('round-trips in UTF-8 and GBK with Chinese passthrough, and any one-character change fails', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'UTF-8' | 'GBK'>('UTF-8', 'GBK'),
        fc.constantFrom('中文备注', '银联 测试', 'plain'),
        fc.nat(),
        (encoding, passthrough, position) => {
          const signed = signMessage(
            { ...v2Fields, encoding, reqReserved: passthrough },
            { signMethod: '11', secureKey: 'k3y' },
            encoding,
          );
          const options = { trust, validateCnName: false, now: FIXTURE_CLOCK, secureKey: 'k3y' };
          expect(verifyMessage(signed, options)).toEqual({ ok: true });
          const keys = Object.keys(signed).filter((key) => key !== 'signature');
          const key = keys[position % keys.length]!;
          const tampered = { ...signed, [key]: `${signed[key]}x` };
          expect(verifyMessage(tampered, options)).toEqual({ ok: false, reason: 'signature' });
        },
      ),
      { numRuns: 40 },
    );
  });
});
