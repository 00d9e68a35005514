import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/crypto/index.js';
import { ValidationError } from '../../src/errors/index.js';

describe('constantTimeEqual', () => {
  it('is true only for identical bytes', () => {
    expect(constantTimeEqual(Buffer.from('a1b2c3'), Buffer.from('a1b2c3'))).toBe(true);
    expect(constantTimeEqual(Buffer.from('a1b2c3'), Buffer.from('a1b2c4'))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), Buffer.from([1, 2, 3]))).toBe(true);
  });

  it('returns false for different lengths instead of throwing', () => {
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(constantTimeEqual(Buffer.alloc(0), Buffer.from('a'))).toBe(false);
  });

  it('compares strings as UTF-8 bytes, case-sensitively', () => {
    expect(constantTimeEqual('5bdcc146', '5bdcc146')).toBe(true);
    expect(constantTimeEqual('5bdcc146', '5BDCC146')).toBe(false);
    expect(constantTimeEqual('한', Buffer.from('한', 'utf8'))).toBe(true);
  });

  it('rejects non-byte arguments with a ValidationError', () => {
    expect(() => constantTimeEqual(42 as never, 'x')).toThrow(ValidationError);
  });
});
