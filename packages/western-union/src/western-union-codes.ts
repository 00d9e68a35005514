import { type CodeEntry, type CodesTable, defineCodes, type VendorErrorCategory } from '@wirebridge/core';
import { WesternUnionError } from './western-union-error.js';

/** How one WU result code is read. */
export interface WuCodeMeaning {
  category: VendorErrorCategory;
  retryable: boolean;
}

/** The code the wire layer reports for a reply without a Fault. */
export const WU_SUCCESS_CODE = 'OK';
/** The code reported when PayStatus definitively finds no transfer (spec §2.1). */
export const WU_NO_MATCH_CODE = 'NO_MATCH';

// spec §6: UNICEF's "depends on WU" list. Modelled as a WU-side condition: never retried automatically.
const dependsOnWu = [
  'E0604 T2337 T3251 T3252 T3253 E0801 E1300 R5643 T0305 T0354 T0355 T0357 T0358 T0361 T0365 T0367 T0400 T0402',
  'T0403 T0410 T0411 T0436 T0441 T0442 T0445 T0457 T0460 T0462 T0463 T0464 T0466 T0479 T0485 T0488 T0499 T0780',
  'T0851 T0908 T0998 T1236 T1403 T1404 T1406 T3503 T4443 T4445 T4704 T4816 T4820 T4830 T4832 T4836 T4839 T4840',
  'T4900 T4977 T4989 T5499 T5500 T5519 T5522 T5552 T6216 T6253 T6332 T6750 T6791 T8002 T8004 T8881 T9103 T9133',
  'T9980 U0004 U0006 U0007 U0051 U0119 U2400 U2402 U2520 U2521 U2535 U2539 U2540 U7777 U8001 U8004 U8010 U8011',
  'U8100 U8101 U8200 U8201 U9001 U9002 U9010 U9011 U9013 U9015 U9016 U9020 U9021 U9022 U9023 U9024 U9025 U9081',
  'M0006 E9248 T0371 NONE',
]
  .join(' ')
  .split(' ');

function buildTable(): Map<string, WuCodeMeaning> {
  const table = new Map<string, WuCodeMeaning>();
  for (const code of dependsOnWu) table.set(code, { category: 'unavailable', retryable: false });
  // spec §6: the one public system error; "PLEASE RETRY".
  table.set('E9256', { category: 'unavailable', retryable: true });
  // spec §6: invalid promo code (UNIBANK).
  table.set('T0440', { category: 'invalid_request', retryable: false });
  table.set('T3006', { category: 'invalid_request', retryable: false });
  // spec §6: a bare "Rejected" without a code, seen on NIS reply rejection.
  table.set('Rejected', { category: 'declined', retryable: false });
  // spec §2.1: PayStatus found nothing: the payment was not stored.
  table.set(WU_NO_MATCH_CODE, { category: 'not_found', retryable: false });
  // spec §6: HTTP 401/403 or a refused client certificate.
  table.set('HTTP_AUTH', { category: 'authentication', retryable: false });
  return table;
}

/**
 * WU result code → category and `retryable` (spec §6). Data, versioned with the package; override single codes
 * with the client option `errorCodeOverrides`. Codes not listed are `declined`, not retryable (Modelled default).
 */
export const WESTERN_UNION_ERROR_TABLE: ReadonlyMap<string, WuCodeMeaning> = buildTable();

/** The default of codes missing from the table (spec §6, Modelled). */
export const WU_DEFAULT_MEANING: WuCodeMeaning = { category: 'declined', retryable: false };

/**
 * Maps a WU code to its category and `retryable` with the default table (spec §6). `operation` is accepted for
 * the public signature; the store's special handling of `unavailable` lives in its own codes table.
 */
export function mapWesternUnionError(vendorCode: string, _operation: string): WuCodeMeaning {
  return WESTERN_UNION_ERROR_TABLE.get(vendorCode) ?? WU_DEFAULT_MEANING;
}

/**
 * Builds the pipeline codes table of one client: the default table plus overrides. With
 * `unavailableIsPending` (the store, spec §2.1) an `unavailable` fault runs the PayStatus resolver instead of
 * failing: a fault is never evidence that nothing was stored.
 */
export function createWesternUnionCodes(
  overrides: Readonly<Record<string, WuCodeMeaning>>,
  options: { unavailableIsPending?: boolean } = {},
): CodesTable {
  const codes: Record<string, CodeEntry> = { [WU_SUCCESS_CODE]: 'success' };
  const merged = new Map(WESTERN_UNION_ERROR_TABLE);
  for (const [code, meaning] of Object.entries(overrides)) merged.set(code, meaning);
  for (const [code, meaning] of merged) {
    codes[code] =
      options.unavailableIsPending === true && meaning.category === 'unavailable' ? 'pending' : meaning;
  }
  return defineCodes({
    vendor: 'western-union',
    codes,
    fallback: WU_DEFAULT_MEANING,
    createError: (errorOptions) => new WesternUnionError(errorOptions),
  });
}
