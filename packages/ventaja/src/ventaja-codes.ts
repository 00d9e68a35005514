import { type CodeEntry, type CodesTable, defineCodes, type VendorErrorCategory } from '@wirebridge/core';
import { VentajaError } from './ventaja-error.js';

/** One row of the Ventaja result-code table (spec §6). */
export interface VentajaCodeMeaning {
  category: VendorErrorCategory;
  retryable: boolean;
  meaning: string;
}

const row = (category: VendorErrorCategory, retryable: boolean, meaning: string): VentajaCodeMeaning => ({
  category,
  retryable,
  meaning,
});

const invalidMember = row('invalid_request', false, 'invalid member ID / MP2 ID / PRN (check digit)');
const invalidField = row(
  'invalid_request',
  false,
  'invalid contact, applicable date, name, birth date, member type, payment type, country code or institution',
);
const invalidBiller = row('invalid_request', false, 'invalid biller code');

/**
 * Ventaja `responseCode` → category and retryability (spec §6), as data. `100` (success) is handled by the
 * pipeline and not listed; unlisted codes 101–996 are `declined`, not retryable, and kept raw.
 */
export const VENTAJA_RESPONSE_CODES: ReadonlyMap<number, VentajaCodeMeaning> = new Map([
  [101, row('declined', false, 'request rejected: payment type not allowed')],
  [
    102,
    row(
      'authentication',
      false,
      'access denied: bad credentials, no API right, or source IP not allow-listed',
    ),
  ],
  [103, row('invalid_request', false, 'incomplete data')],
  [105, invalidMember],
  [119, invalidMember],
  [143, invalidMember],
  [107, row('limit_exceeded', false, 'amount below the minimum or above the maximum')],
  [109, invalidField],
  [110, invalidField],
  [111, invalidField],
  [112, invalidField],
  [114, invalidField],
  [115, invalidField],
  [117, invalidField],
  [118, invalidField],
  [113, row('insufficient_funds', false, 'outlet credit too low')],
  [122, row('authentication', false, 'invalid signature / payload tampered')],
  [124, row('duplicate', false, 'duplicate agentRefNo')],
  [125, row('duplicate', false, 'already cancelled')],
  [126, row('declined', false, 'already batched to the institution: cannot cancel')],
  [128, row('declined', false, 'beyond cut-off: cannot cancel')],
  [129, row('not_found', false, 'no record found')],
  [130, invalidBiller],
  [138, invalidBiller],
  [139, invalidBiller],
  [131, row('duplicate', false, 'duplicate transaction: the applicable period overlaps')],
  [132, row('invalid_request', false, 'invalid agent reference number')],
  [133, row('invalid_request', false, 'invalid request code')],
  [136, row('duplicate', false, 'PRN already paid')],
  [141, row('invalid_request', false, 'invalid identifier')],
  [997, row('unavailable', true, 'connection to the provider unavailable')],
  [998, row('unavailable', true, 'server down / maintenance')],
  [999, row('unknown', true, 'system error')],
]);

/** The success code (spec §4.2). */
export const VENTAJA_SUCCESS_CODE = 100;

/** Overrides of the table, keyed by `responseCode` (option `codeOverrides`). */
export type VentajaCodeOverrides = Readonly<
  Record<number, { category: VendorErrorCategory; retryable: boolean }>
>;

/** What an operation does with particular codes beyond the shared table. */
export interface VentajaCodesVariant {
  /**
   * `process` and `topup-request` move money: a `999` there is an unknown outcome and the resolver runs
   * (spec §6), so the code is read as `pending` by the pipeline. @default false
   */
  moneyMoving?: boolean;
  /** Codes read as success for this operation (cancel: `125` = already cancelled, spec §2). @default [] */
  successCodes?: readonly number[];
}

/** Builds the codes table an operation uses: spec §6 plus `codeOverrides`, plus the operation's variant. */
export function createVentajaCodes(
  overrides: VentajaCodeOverrides = {},
  variant: VentajaCodesVariant = {},
): CodesTable {
  const codes: Record<string, CodeEntry> = { [String(VENTAJA_SUCCESS_CODE)]: 'success' };
  for (const [code, meaning] of VENTAJA_RESPONSE_CODES) {
    codes[String(code)] = { category: meaning.category, retryable: meaning.retryable };
  }
  for (const [code, entry] of Object.entries(overrides)) {
    codes[code] = { category: entry.category, retryable: entry.retryable };
  }
  if (variant.moneyMoving) codes['999'] = 'pending';
  for (const code of variant.successCodes ?? []) codes[String(code)] = 'success';
  return defineCodes({
    vendor: 'ventaja',
    codes,
    // Unlisted 101–996 are declined and kept raw (spec §6).
    fallback: { category: 'declined', retryable: false },
    createError: (options) => new VentajaError(options),
  });
}

/** The category and retryability of one `responseCode` under the table and overrides (for tests and tools). */
export function classifyVentajaCode(
  code: number,
  overrides: VentajaCodeOverrides = {},
): { category: VendorErrorCategory; retryable: boolean } | 'success' {
  const outcome = createVentajaCodes(overrides).lookup(String(code));
  if (outcome.outcome === 'success') return 'success';
  if (outcome.outcome === 'pending') return { category: 'pending', retryable: false };
  return { category: outcome.category, retryable: outcome.retryable };
}
