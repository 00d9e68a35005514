import { ConfigError, FramingError } from '../errors/families.js';
import type { Framer } from './framer.js';
import { createLengthPrefixFramer, type LengthPrefixOptions } from './length-prefix-framer.js';

/** Options of {@link asciiLengthFramer}. */
export interface AsciiLengthFramerOptions extends LengthPrefixOptions {
  /** Number of ASCII decimal digits of the prefix, zero-padded on the left (Billgate `LLLL` and Coocon: 4). 1–15. */
  digits: number;
}

const zero = 0x30;
const nine = 0x39;

/**
 * A prefix of `digits` ASCII decimal digits, zero-padded on the left: the framing of Korean bank and PG
 * telegrams (Billgate `LLLL`, Coocon `0404`). Any byte that is not `0`–`9` in the prefix is a `FramingError`
 * (an HTTP probe such as `GET ` hitting a telegram port is refused at once).
 *
 * @throws ConfigError when an option is invalid.
 */
export function asciiLengthFramer(options: AsciiLengthFramerOptions): Framer {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError({ message: 'asciiLengthFramer: options are required' });
  }
  const { digits } = options;
  // 15 digits keep every declarable value an exact JavaScript integer.
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) {
    throw new ConfigError({ message: 'asciiLengthFramer: digits must be an integer from 1 to 15' });
  }
  return createLengthPrefixFramer(
    {
      factory: 'asciiLengthFramer',
      prefixBytes: digits,
      largestDeclarable: 10 ** digits - 1,
      writeLength(target, declared) {
        target.write(String(declared).padStart(digits, '0'), 0, digits, 'latin1');
      },
      readDeclaredLength(prefix) {
        let value = 0;
        for (let index = 0; index < digits; index += 1) {
          const byte = prefix[index] as number;
          if (byte < zero || byte > nine) {
            throw new FramingError({
              message: `frame length prefix is not ${digits} ASCII digits`,
              details: { reason: 'non_digit_length', offset: index },
            });
          }
          value = value * 10 + (byte - zero);
        }
        return value;
      },
    },
    options,
  );
}
