import { type CodeEntry, type CodesTable, defineCodes, type VendorErrorCategory } from '@wirebridge/core';
import { KiccError } from './kicc-error.js';
import { modelledCodes, modelledResultCodes } from './wire/modelled-codec.js';

/** How one `resCd` is classified: a category and whether repeating the same call may succeed. */
export interface KiccResultMeaning {
  category: VendorErrorCategory;
  retryable: boolean;
}

/** Sourced KICC result codes (spec §6); the Modelled `R…` codes come from the modelled codec. */
const sourcedResultCodes: Readonly<Record<string, KiccResultMeaning>> = {
  // Refund/cancel result not yet known: resend with refundQueryFlag=Y (spec §2, §6).
  VTIM: { category: 'pending', retryable: true },
  VT00: { category: 'pending', retryable: true },
  '8521': { category: 'limit_exceeded', retryable: false },
  '8035': { category: 'insufficient_funds', retryable: false },
  '8527': { category: 'insufficient_funds', retryable: false },
  '8311': { category: 'declined', retryable: false },
  '8314': { category: 'declined', retryable: false },
  '8315': { category: 'declined', retryable: false },
  '8316': { category: 'declined', retryable: false },
  '8350': { category: 'declined', retryable: false },
  '8373': { category: 'declined', retryable: false },
};

/** The `resCd` of success. */
export const KICC_SUCCESS_CODE = '0000';

/** The default result-code table: Sourced codes plus the Modelled `R…` placeholders (spec §6). */
export const KICC_RESULT_CODES: Readonly<Record<string, KiccResultMeaning>> = Object.freeze({
  ...sourcedResultCodes,
  ...modelledResultCodes,
});

/** Unmapped non-`0000` codes: a definite failure, not an unknown outcome (spec §6). */
const unmappedMeaning: KiccResultMeaning = { category: 'unknown', retryable: false };

/**
 * Classifies a `resCd`: `0000` is success; `options.resultCodes` overrides win over the defaults; anything
 * unlisted is `unknown`, not retryable (spec §6).
 */
export function mapKiccResult(
  resCd: string,
  overrides?: Readonly<Record<string, KiccResultMeaning>>,
): { category: VendorErrorCategory | 'success'; retryable: boolean } {
  if (resCd === KICC_SUCCESS_CODE) return { category: 'success', retryable: false };
  const meaning = overrides?.[resCd] ?? KICC_RESULT_CODES[resCd] ?? unmappedMeaning;
  return { category: meaning.category, retryable: meaning.retryable };
}

/**
 * Builds the pipeline's codes table for one client (defaults merged with its `resultCodes`). With
 * `resolveDuplicateKey`, `R101` is read as pending: for a keyed call it means the same `shopTransactionId` already
 * executed today, so the resolver looks it up (spec §6 "R101 → resolver") instead of failing the caller.
 */
export function createKiccCodes(
  overrides?: Readonly<Record<string, KiccResultMeaning>>,
  options: { resolveDuplicateKey?: boolean } = {},
): CodesTable {
  const merged: Record<string, KiccResultMeaning> = { ...KICC_RESULT_CODES, ...overrides };
  const codes: Record<string, CodeEntry> = { [KICC_SUCCESS_CODE]: 'success' };
  for (const [code, meaning] of Object.entries(merged)) {
    // `pending` codes send the call down the unknown-outcome path (resolver), never to the caller as a failure.
    codes[code] = meaning.category === 'pending' ? 'pending' : meaning;
  }
  if (options.resolveDuplicateKey) codes[modelledCodes.duplicateTransactionId] = 'pending';
  return defineCodes({
    vendor: 'kicc',
    codes,
    fallback: unmappedMeaning,
    createError: (options) => new KiccError(options),
  });
}
