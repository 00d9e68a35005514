import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedCipher } from '../../src/crypto/index.js';
import { CryptoError, ValidationError } from '../../src/errors/index.js';

const hex = (text: string): Buffer => Buffer.from(text.replaceAll(' ', ''), 'hex');

// RFC 4269 Appendix B.1–B.4 (also OpenSSL's evpciph SEED-ECB vectors).
const rfc4269Vectors = [
  {
    name: 'B.1',
    key: '00000000000000000000000000000000',
    plaintext: '000102030405060708090a0b0c0d0e0f',
    ciphertext: '5ebac6e0054e166819aff1cc6d346cdb',
  },
  {
    name: 'B.2',
    key: '000102030405060708090a0b0c0d0e0f',
    plaintext: '00000000000000000000000000000000',
    ciphertext: 'c11f22f20140505084483597e4370f43',
  },
  {
    name: 'B.3',
    key: '4706480851e61be85d74bfb3fd956185',
    plaintext: '83a2f8a288641fb9a4e9a5cc2f131c7d',
    ciphertext: 'ee54d13ebcae706d226bc3142cd40d4a',
  },
  {
    name: 'B.4',
    key: '28dbc3bc49ffd87dcfa509b11d422be7',
    plaintext: 'b41e6be2eba84a148e2eed84593c5ec7',
    ciphertext: '9b9b7bfcd1813cb95d0b3618f40f5122',
  },
];

function issuePaths(error: unknown): string[] {
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((issue) => issue.path);
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('createSeedCipher: RFC 4269 known answers', () => {
  for (const vector of rfc4269Vectors) {
    it(`encrypts and decrypts Appendix ${vector.name} in ECB`, () => {
      const cipher = createSeedCipher({ key: hex(vector.key), mode: 'ecb', padding: 'none' });
      expect(cipher.encrypt(hex(vector.plaintext)).toString('hex')).toBe(vector.ciphertext);
      expect(cipher.decrypt(hex(vector.ciphertext)).toString('hex')).toBe(vector.plaintext);
    });
  }
});

describe('createSeedCipher: CBC', () => {
  const key = hex('4706480851e61be85d74bfb3fd956185');
  const iv = hex('00112233445566778899aabbccddeeff');
  const plaintext = hex(
    '000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f 83a2f8a288641fb9a4e9a5cc2f131c7d',
  );

  it('equals CBC chained by hand from the ECB primitive: C[i] = E(P[i] xor C[i-1]), C[-1] = IV', () => {
    const ecb = createSeedCipher({ key, mode: 'ecb', padding: 'none' });
    const expected: Buffer[] = [];
    let previous = iv;
    for (let offset = 0; offset < plaintext.length; offset += 16) {
      const block = Buffer.alloc(16);
      for (let index = 0; index < 16; index++) block[index] = plaintext[offset + index]! ^ previous[index]!;
      previous = ecb.encrypt(block);
      expected.push(previous);
    }
    const cbc = createSeedCipher({ key, mode: 'cbc', iv, padding: 'none' });
    const ciphertext = cbc.encrypt(plaintext);
    expect(ciphertext.toString('hex')).toBe(Buffer.concat(expected).toString('hex'));
    expect(cbc.decrypt(ciphertext).toString('hex')).toBe(plaintext.toString('hex'));
  });

  // Computed independently with OpenSSL 3.0 when this test was written:
  //   printf 0123456789ABCDEF | openssl enc -provider legacy -provider default -seed-cbc \
  //     -K 4246494650434532384f4735394b4133 -iv 50524a35395132474850543834345451 | xxd -p -c 32
  // (key ASCII "BFIFPCE28OG59KA3", IV ASCII "PRJ59Q2GHPT844TQ": public test values of a SEED-CBC gateway).
  const publicTestKey = Buffer.from('BFIFPCE28OG59KA3', 'ascii');
  const publicTestIv = Buffer.from('PRJ59Q2GHPT844TQ', 'ascii');

  it('matches OpenSSL SEED-CBC with PKCS#7 on a block-aligned input (full padding block)', () => {
    const cipher = createSeedCipher({ key: publicTestKey, mode: 'cbc', iv: publicTestIv, padding: 'pkcs7' });
    const ciphertext = cipher.encrypt(Buffer.from('0123456789ABCDEF', 'ascii'));
    expect(ciphertext.toString('hex')).toBe(
      '8d7f7737ba7d589207544e5c6fbc86b175df3393666678e9f2fa5e02e5678e5e',
    );
    expect(cipher.decrypt(ciphertext).toString('ascii')).toBe('0123456789ABCDEF');
  });

  it('matches OpenSSL SEED-CBC with PKCS#7 on a short input', () => {
    const cipher = createSeedCipher({ key: publicTestKey, mode: 'cbc', iv: publicTestIv });
    expect(cipher.encrypt(Buffer.from('0300', 'ascii')).toString('base64')).toBe('+IWvhIjw63CWwtvJxGXAHg==');
  });
});

describe('createSeedCipher: padding', () => {
  // OpenSSL 3.0 `enc -seed-ecb -K 434f4f434f4e54455354000000000000` (ASCII "COOCONTEST" zero-padded).
  const shortKey = hex('434f4f434f4e54455354000000000000');

  it('matches OpenSSL SEED-ECB with PKCS#7 for short and aligned inputs', () => {
    const cipher = createSeedCipher({ key: shortKey, mode: 'ecb' });
    expect(cipher.encrypt(Buffer.from('0200')).toString('hex')).toBe('f9659eadae7ba9289ffa3d33d7159e88');
    expect(cipher.encrypt(Buffer.from('ABCDEFGHIJKLMNOP')).toString('hex')).toBe(
      '8741d7b150a0611abd83a90bd4139d54527e417a7990d878dec5aeea956cda04',
    );
  });

  it('adds a full block of 0x10 when the input is block-aligned', () => {
    const padded = createSeedCipher({ key: shortKey, mode: 'ecb' }).encrypt(Buffer.alloc(32, 0x41));
    expect(padded).toHaveLength(48);
    const raw = createSeedCipher({ key: shortKey, mode: 'ecb', padding: 'none' }).decrypt(padded);
    expect(raw.subarray(32).toString('hex')).toBe('10'.repeat(16));
  });

  it('pads the empty input to one block and decrypts it back to empty', () => {
    const cipher = createSeedCipher({ key: shortKey, mode: 'cbc', iv: Buffer.alloc(16, 7) });
    const ciphertext = cipher.encrypt(Buffer.alloc(0));
    expect(ciphertext).toHaveLength(16);
    expect(cipher.decrypt(ciphertext)).toHaveLength(0);
  });

  it("rejects unaligned plaintext with padding 'none' as a ValidationError on plaintext", () => {
    const cipher = createSeedCipher({ key: shortKey, mode: 'ecb', padding: 'none' });
    expect(issuePaths(thrown(() => cipher.encrypt(Buffer.alloc(17))))).toEqual(['plaintext']);
  });

  it('rejects ciphertext that is not a positive multiple of 16 with a CryptoError', () => {
    const pkcs7 = createSeedCipher({ key: shortKey, mode: 'ecb' });
    expect(thrown(() => pkcs7.decrypt(Buffer.alloc(15)))).toBeInstanceOf(CryptoError);
    expect(thrown(() => pkcs7.decrypt(Buffer.alloc(0)))).toBeInstanceOf(CryptoError);
    const none = createSeedCipher({ key: shortKey, mode: 'ecb', padding: 'none' });
    expect(thrown(() => none.decrypt(Buffer.alloc(20)))).toBeInstanceOf(CryptoError);
  });

  it('rejects a corrupted last block or a wrong key as invalid PKCS#7 padding', () => {
    const cipher = createSeedCipher({ key: shortKey, mode: 'cbc', iv: Buffer.alloc(16) });
    // 31 bytes: the last block holds 15 data bytes and one 0x01 pad byte. Flipping bits of the first
    // ciphertext block's last byte flips the same bits of the decrypted pad byte (CBC), and no flip can
    // produce other valid padding because the data byte before it is '!' (0x21), not 0x02.
    const ciphertext = cipher.encrypt(Buffer.from('a message of thirty-one bytes!!'));
    expect(ciphertext).toHaveLength(32);
    let rejected = 0;
    for (let delta = 1; delta < 256; delta++) {
      const tampered = Buffer.from(ciphertext);
      tampered[15]! ^= delta;
      try {
        cipher.decrypt(tampered);
      } catch (error) {
        expect(error).toBeInstanceOf(CryptoError);
        rejected++;
      }
    }
    expect(rejected).toBe(255);
    const wrongKey = createSeedCipher({ key: Buffer.alloc(16, 1), mode: 'cbc', iv: Buffer.alloc(16) });
    const aligned = cipher.encrypt(Buffer.alloc(16, 0x30));
    expect(thrown(() => wrongKey.decrypt(aligned))).toBeInstanceOf(CryptoError);
  });
});

describe('createSeedCipher: options', () => {
  it('names key and iv in ValidationErrors for bad lengths and misplaced IVs', () => {
    expect(issuePaths(thrown(() => createSeedCipher({ key: Buffer.alloc(15), mode: 'ecb' })))).toEqual([
      'key',
    ]);
    expect(issuePaths(thrown(() => createSeedCipher({ key: Buffer.alloc(24), mode: 'ecb' })))).toEqual([
      'key',
    ]);
    expect(
      issuePaths(thrown(() => createSeedCipher({ key: Buffer.alloc(16), mode: 'cbc', iv: Buffer.alloc(8) }))),
    ).toEqual(['iv']);
    expect(issuePaths(thrown(() => createSeedCipher({ key: Buffer.alloc(16), mode: 'cbc' })))).toEqual([
      'iv',
    ]);
    expect(
      issuePaths(
        thrown(() => createSeedCipher({ key: Buffer.alloc(16), mode: 'ecb', iv: Buffer.alloc(16) })),
      ),
    ).toEqual(['iv']);
  });

  it('names key when it is not bytes (key text must be decoded by the caller)', () => {
    const options = { key: 'BFIFPCE28OG59KA3', mode: 'ecb' } as unknown as Parameters<
      typeof createSeedCipher
    >[0];
    expect(issuePaths(thrown(() => createSeedCipher(options)))).toEqual(['key']);
  });

  it('keeps its own copy of the key and IV', () => {
    const key = hex('28dbc3bc49ffd87dcfa509b11d422be7');
    const iv = Buffer.alloc(16, 9);
    const cipher = createSeedCipher({ key, mode: 'cbc', iv });
    const before = cipher.encrypt(Buffer.from('same input'));
    key.fill(0);
    iv.fill(0);
    expect(cipher.encrypt(Buffer.from('same input')).toString('hex')).toBe(before.toString('hex'));
  });
});

describe('createSeedCipher: round-trip property', () => {
  it('decrypt(encrypt(data)) = data for random keys, IVs and data in ECB and CBC', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.constantFrom('ecb' as const, 'cbc' as const),
        (key, iv, data, mode) => {
          const cipher = createSeedCipher(mode === 'cbc' ? { key, mode, iv } : { key, mode });
          const ciphertext = cipher.encrypt(data);
          expect(ciphertext.length % 16).toBe(0);
          expect(ciphertext.length).toBeGreaterThan(data.length);
          expect(Buffer.from(cipher.decrypt(ciphertext)).equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
