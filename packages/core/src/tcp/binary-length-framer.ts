import { ConfigError } from '../errors/families.js';
import type { Framer } from './framer.js';
import { createLengthPrefixFramer, type LengthPrefixOptions } from './length-prefix-framer.js';

/** Options of {@link binaryLengthFramer}. */
export interface BinaryLengthFramerOptions extends LengthPrefixOptions {
  /** Width of the unsigned length prefix in bytes. */
  bytes: 2 | 4;
  /** Byte order of the prefix. Network byte order is the usual choice. @default 'big-endian' */
  byteOrder?: 'big-endian' | 'little-endian';
}

/**
 * A prefix holding the length as an unsigned 16- or 32-bit integer. A 32-bit prefix can declare 4 GiB, so the
 * `maxFrameBytes` check (default 1 MiB) is what keeps a corrupted prefix from making us buffer without bound.
 *
 * @throws ConfigError when an option is invalid.
 */
export function binaryLengthFramer(options: BinaryLengthFramerOptions): Framer {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError({ message: 'binaryLengthFramer: options are required' });
  }
  const { bytes } = options;
  if (bytes !== 2 && bytes !== 4) {
    throw new ConfigError({ message: 'binaryLengthFramer: bytes must be 2 or 4' });
  }
  const byteOrder = options.byteOrder ?? 'big-endian';
  if (byteOrder !== 'big-endian' && byteOrder !== 'little-endian') {
    throw new ConfigError({
      message: "binaryLengthFramer: byteOrder must be 'big-endian' or 'little-endian'",
    });
  }
  const bigEndian = byteOrder === 'big-endian';
  return createLengthPrefixFramer(
    {
      factory: 'binaryLengthFramer',
      prefixBytes: bytes,
      largestDeclarable: bytes === 2 ? 0xffff : 0xffff_ffff,
      writeLength(target, declared) {
        if (bytes === 2) {
          if (bigEndian) target.writeUInt16BE(declared, 0);
          else target.writeUInt16LE(declared, 0);
        } else if (bigEndian) target.writeUInt32BE(declared, 0);
        else target.writeUInt32LE(declared, 0);
      },
      readDeclaredLength(prefix) {
        if (bytes === 2) return bigEndian ? prefix.readUInt16BE(0) : prefix.readUInt16LE(0);
        return bigEndian ? prefix.readUInt32BE(0) : prefix.readUInt32LE(0);
      },
    },
    options,
  );
}
