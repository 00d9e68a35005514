import { describe, expect, it } from 'vitest';
import { hmac, verifyHmac } from '../../src/crypto/index.js';
import { ValidationError } from '../../src/errors/index.js';

// RFC 4231 §4.3 (test case 2) and RFC 2202 §3 (test case 2): key "Jefe".
const key = 'Jefe';
const data = 'what do ya want for nothing?';
const rfc4231Sha256 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const rfc2202Sha1 = 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79';

describe('hmac', () => {
  it('matches RFC 4231 test case 2 (HMAC-SHA256) with text and byte inputs', () => {
    expect(hmac('sha256', key, data).toString('hex')).toBe(rfc4231Sha256);
    expect(hmac('sha256', Buffer.from(key), Buffer.from(data)).toString('hex')).toBe(rfc4231Sha256);
  });

  it('matches RFC 2202 test case 2 (HMAC-SHA1)', () => {
    expect(hmac('sha1', key, data).toString('hex')).toBe(rfc2202Sha1);
  });

  it('rejects an unknown algorithm with a ValidationError naming it', () => {
    try {
      hmac('md5' as never, key, data);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('algorithm');
    }
  });
});

describe('verifyHmac', () => {
  const expected = Buffer.from(rfc4231Sha256, 'hex');

  it('accepts the right MAC and rejects a one-bit change, a truncation and another key', () => {
    expect(verifyHmac('sha256', key, data, expected)).toBe(true);
    const flipped = Buffer.from(expected);
    flipped[31]! ^= 0x80;
    expect(verifyHmac('sha256', key, data, flipped)).toBe(false);
    expect(verifyHmac('sha256', key, data, expected.subarray(0, 16))).toBe(false);
    expect(verifyHmac('sha256', 'Jeff', data, expected)).toBe(false);
  });

  it('requires the expected MAC as bytes (hex or base64 is decoded by the caller)', () => {
    expect(() => verifyHmac('sha256', key, data, rfc4231Sha256 as never)).toThrow(ValidationError);
  });
});
