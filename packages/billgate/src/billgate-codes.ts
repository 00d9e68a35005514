import { type CodeEntry, type CodesTable, defineCodes, type VendorErrorCategory } from '@wirebridge/core';
import { BillgateError } from './billgate-error.js';
import {
  type BillgateCodeMeaning,
  DEFAULT_RESULT_MEANING,
  MODELLED_RESULT_CODES,
} from './wire/billgate-modelled.js';

/** The one Sourced success code (spec §6). */
export const BILLGATE_SUCCESS_CODE = '0000';

/** Client-side synthetic codes of Billgate's own client (PHP `Service.php`), keyed `code+detail` (spec §6). */
const SYNTHETIC_CODES: Readonly<Record<string, BillgateCodeMeaning>> = Object.freeze({
  '092001': { category: 'unavailable', retryable: true },
  '092002': { category: 'unknown', retryable: false },
  '092003': { category: 'unknown', retryable: false },
  '092004': { category: 'unknown', retryable: false },
  '999900': { category: 'unknown', retryable: false },
});

/**
 * Maps a result code (tag 1002, plus 1009 for the synthetic client-side codes) to its category and
 * `retryable` (spec §6). `overrides` are the client's `resultCodes` option, applied first.
 */
export function mapBillgateResult(
  code: string,
  detailCode?: string,
  overrides?: Readonly<Record<string, BillgateCodeMeaning>>,
): { category: VendorErrorCategory | 'success'; retryable: boolean } {
  if (code === BILLGATE_SUCCESS_CODE) return { category: 'success', retryable: false };
  const override = overrides?.[code];
  if (override) return { ...override };
  const synthetic = SYNTHETIC_CODES[`${code}${detailCode ?? ''}`];
  if (synthetic) return { ...synthetic };
  const modelled = MODELLED_RESULT_CODES[code];
  if (modelled) return { ...modelled };
  return { ...DEFAULT_RESULT_MEANING };
}

/** The codes table the pipeline reads (DESIGN §2 step 7), built from {@link mapBillgateResult}'s data. */
export function createBillgateCodes(overrides?: Readonly<Record<string, BillgateCodeMeaning>>): CodesTable {
  const codes: Record<string, CodeEntry> = { [BILLGATE_SUCCESS_CODE]: 'success' };
  for (const [code, meaning] of Object.entries({ ...MODELLED_RESULT_CODES, ...overrides })) {
    codes[code] = { category: meaning.category, retryable: meaning.retryable };
  }
  return defineCodes({
    vendor: 'billgate',
    codes,
    fallback: { ...DEFAULT_RESULT_MEANING },
    createError: (options) => new BillgateError(options),
  });
}
