import type { CodeOutcome, CodesTable, VendorErrorCategory } from '@wirebridge/core';
import { FaysalError } from './faysal-error.js';
import type { FaysalClassification, FaysalCodec } from './wire/faysal-codec.js';

type Overrides = Readonly<Record<string, { category: VendorErrorCategory; retryable: boolean }>>;

function classifyCode(codec: FaysalCodec, overrides: Overrides, code: string): FaysalClassification {
  const override = overrides[code];
  if (override !== undefined) {
    return { outcome: override.category === 'pending' ? 'pending' : 'failure', ...override };
  }
  return code.startsWith('rpc:')
    ? codec.classify({ rpcErrorCode: Number(code.slice(4)) })
    : codec.classify({ responseCode: code });
}

const createError = (options: ConstructorParameters<typeof FaysalError>[0]) => new FaysalError(options);

/**
 * The two readings of the code table (spec §6): for safe operations an `unknown` code is a retryable error and a
 * pending code a plain error; for money-moving ones both hand the call to the §2.1 resolver.
 */
export function createFaysalCodeTables(
  codec: FaysalCodec,
  overrides: Overrides = {},
): { safeCodes: CodesTable; moneyCodes: CodesTable } {
  const safeCodes: CodesTable = {
    vendor: 'faysal',
    lookup(code): CodeOutcome {
      const meaning = classifyCode(codec, overrides, code);
      if (meaning.outcome === 'success') return { outcome: 'success' };
      const category = meaning.category ?? 'unknown';
      return { outcome: 'error', category, retryable: category === 'pending' ? false : meaning.retryable };
    },
    createError,
  };
  const moneyCodes: CodesTable = {
    vendor: 'faysal',
    lookup(code): CodeOutcome {
      const meaning = classifyCode(codec, overrides, code);
      if (meaning.outcome === 'success') return { outcome: 'success' };
      if (meaning.outcome === 'pending' || meaning.category === 'unknown') return { outcome: 'pending' };
      return { outcome: 'error', category: meaning.category ?? 'declined', retryable: meaning.retryable };
    },
    createError,
  };
  return { safeCodes, moneyCodes };
}
