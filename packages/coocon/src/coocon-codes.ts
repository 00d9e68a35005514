/**
 * Coocon response codes (bytes 38–41) → SDK outcome, as data (spec §6). Modelled except `0000`; extendable
 * per client through `CooconClientOptions.resultCodes`.
 */
import { type CodeEntry, type CodesTable, defineCodes, type VendorErrorCategory } from '@wirebridge/core';
import { CooconError } from './coocon-error.js';

/** How one response code is read. `success` only for `0000`. */
export interface CooconResultCode {
  category: VendorErrorCategory | 'success';
  retryable: boolean;
}

/** spec §6, verbatim. Codes not listed are `unknown`, not retryable (raw code and message kept). */
export const COOCON_RESULT_CODES: Readonly<Record<string, Readonly<CooconResultCode>>> = Object.freeze({
  '0000': { category: 'success', retryable: false },
  A001: { category: 'invalid_request', retryable: false }, // telegram format error
  A002: { category: 'authentication', retryable: false }, // decryption failed / wrong key
  A003: { category: 'authentication', retryable: false }, // unknown institution code
  A004: { category: 'unavailable', retryable: true }, // outside business hours
  B001: { category: 'not_found', retryable: false }, // no such virtual account / reference
  B002: { category: 'duplicate', retryable: false }, // already terminated (terminate retry ⇒ success)
  B003: { category: 'duplicate', retryable: false }, // merchantReference already used (issue retry ⇒ get)
  B004: { category: 'limit_exceeded', retryable: false }, // pool exhausted
  B005: { category: 'invalid_request', retryable: false }, // invalid expiry / amount rule
  B006: { category: 'declined', retryable: false }, // cannot terminate now (deposit in progress)
  C001: { category: 'pending', retryable: true }, // bank slow: outcome unknown ⇒ resolver runs
  C002: { category: 'unavailable', retryable: true }, // bank or relay down
  '9999': { category: 'unknown', retryable: false },
});

/** The outcome of a code not in the table (spec §6 "9999 / other"). */
export const COOCON_UNKNOWN_CODE: Readonly<CooconResultCode> = Object.freeze({
  category: 'unknown',
  retryable: false,
});

/**
 * The pipeline's codes table. `pending` codes (C001) become unknown outcomes, so money-moving calls run their
 * resolver instead of failing or being re-sent (spec §6).
 */
export function createCooconCodes(extra: Readonly<Record<string, CooconResultCode>> = {}): CodesTable {
  const codes: Record<string, CodeEntry> = {};
  for (const [code, entry] of Object.entries({ ...COOCON_RESULT_CODES, ...extra })) {
    codes[code] =
      entry.category === 'success'
        ? 'success'
        : entry.category === 'pending'
          ? 'pending'
          : { category: entry.category, retryable: entry.retryable };
  }
  return defineCodes({
    vendor: 'coocon',
    codes,
    fallback: { category: COOCON_UNKNOWN_CODE.category as VendorErrorCategory, retryable: false },
    createError: (options) => new CooconError(options),
  });
}
