/**
 * UnionPay result codes → SDK outcome (spec §6), as data. One row per code (or code range), with the
 * payout reading where the official DF demo treats the code as "query again".
 */
import { type CodeEntry, type CodesTable, defineCodes, type VendorErrorCategory } from '@wirebridge/core';
import { UnionPayError } from './unionpay-error.js';
import { MODELLED_FILE_NOT_FOUND_CODES } from './wire/modelled.js';

/** Where a code was read: a payment-family response, a payout response, a query, a file download. */
export type UnionPayResultContext = 'payment' | 'payout' | 'query' | 'file';

interface CodeRow {
  codes: readonly string[];
  entry: CodeEntry;
  /** Reading on payouts (spec §6: `01, 03, 04, 05, 12, 34, 60` mean "query again"). */
  payout?: CodeEntry;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => String(from + index).padStart(2, '0'));

const declined: CodeEntry = { category: 'declined', retryable: false };

/** The table of spec §6, top to bottom; later rows override earlier ones for the same code. */
export const UNIONPAY_CODE_ROWS: readonly CodeRow[] = [
  { codes: range(60, 99), entry: declined },
  { codes: ['30', '31', ...range(39, 44), '46'], entry: declined },
  { codes: ['00', 'A6'], entry: 'success' },
  { codes: ['01'], entry: declined, payout: 'pending' },
  { codes: ['02', '06'], entry: { category: 'unavailable', retryable: true } },
  { codes: ['03', '04', '05'], entry: 'pending' },
  { codes: ['10', '13', '35', '36'], entry: { category: 'invalid_request', retryable: false } },
  { codes: ['11', '32'], entry: { category: 'authentication', retryable: false } },
  { codes: ['12'], entry: { category: 'duplicate', retryable: false }, payout: 'pending' },
  { codes: ['33'], entry: { category: 'limit_exceeded', retryable: false } },
  { codes: ['34'], entry: { category: 'not_found', retryable: false }, payout: 'pending' },
  { codes: ['37'], entry: { category: 'limit_exceeded', retryable: true } },
  { codes: ['38'], entry: declined },
  { codes: ['45'], entry: { category: 'duplicate', retryable: false } },
  { codes: ['60'], entry: declined, payout: 'pending' },
];

function entriesFor(context: 'payment' | 'payout'): Record<string, CodeEntry> {
  const entries: Record<string, CodeEntry> = {};
  for (const row of UNIONPAY_CODE_ROWS) {
    for (const code of row.codes) entries[code] = context === 'payout' && row.payout ? row.payout : row.entry;
  }
  return entries;
}

const createError = (options: ConstructorParameters<typeof UnionPayError>[0]) => new UnionPayError(options);

/** Codes of payment-family responses (void, refund, card verify/lookup, 95). */
export const unionPayPaymentCodes: CodesTable = defineCodes({
  vendor: 'unionpay',
  codes: entriesFor('payment'),
  createError,
});

/** Codes of payout responses (spec §6: a wider pending set). */
export const unionPayPayoutCodes: CodesTable = defineCodes({
  vendor: 'unionpay',
  codes: entriesFor('payout'),
  createError,
});

/** Codes of file downloads: the Modelled "no file for that date" codes are `not_found`. */
export function unionPayFileCodes(fileNotFoundCodes: readonly string[]): CodesTable {
  const entries = entriesFor('payment');
  for (const code of fileNotFoundCodes) entries[code] = { category: 'not_found', retryable: false };
  return defineCodes({ vendor: 'unionpay', codes: entries, createError });
}

/**
 * How a `respCode` reads in a context (spec §6). `pending` codes are category `pending`; queries read their
 * own `respCode` like payments (the original's result is in `origRespCode`); files add the Modelled `98`.
 */
export function mapUnionPayResult(
  responseCode: string,
  context: UnionPayResultContext,
): { category: VendorErrorCategory | 'success'; retryable: boolean } {
  const table =
    context === 'payout'
      ? unionPayPayoutCodes
      : context === 'file'
        ? unionPayFileCodes(MODELLED_FILE_NOT_FOUND_CODES)
        : unionPayPaymentCodes;
  const outcome = table.lookup(responseCode);
  if (outcome.outcome === 'success') return { category: 'success', retryable: false };
  if (outcome.outcome === 'pending') return { category: 'pending', retryable: false };
  return { category: outcome.category, retryable: outcome.retryable };
}

/** True when a code means the original transaction is not final yet (spec §6 payout context). */
export function isPendingCode(code: string, context: 'payment' | 'payout'): boolean {
  return mapUnionPayResult(code, context).category === 'pending';
}
