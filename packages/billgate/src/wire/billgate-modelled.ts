/**
 * Every **Modelled** part of the Billgate contract, in one module (spec §1): the tag sets of 9100 (network
 * cancel), 5000 (auth query) and 0300 (test call), the result codes other than `0000` and the client-side
 * synthetic ones, and the 5001 status values. Replace or extend these at onboarding with Billgate's
 * integration document; nothing else in the package needs to change.
 */
import type { VendorErrorCategory } from '@wirebridge/core';

/** How one result code is read (spec §6). */
export interface BillgateCodeMeaning {
  category: VendorErrorCategory;
  retryable: boolean;
}

/** Modelled result codes (1002) and their meaning (spec §6). `0000` (success) is Sourced and handled apart. */
export const MODELLED_RESULT_CODES: Readonly<Record<string, BillgateCodeMeaning>> = Object.freeze({
  B001: { category: 'invalid_request', retryable: false },
  B002: { category: 'authentication', retryable: false },
  B101: { category: 'not_found', retryable: false },
  B102: { category: 'duplicate', retryable: false },
  B103: { category: 'duplicate', retryable: false },
  B104: { category: 'invalid_request', retryable: false },
  B105: { category: 'declined', retryable: false },
  B201: { category: 'limit_exceeded', retryable: false },
  B202: { category: 'declined', retryable: false },
  B203: { category: 'declined', retryable: false },
  B901: { category: 'unavailable', retryable: true },
  B902: { category: 'pending', retryable: true },
});

/** Codes Billgate never sends but would not be surprising either: anything else is a definitive decline. */
export const DEFAULT_RESULT_MEANING: Readonly<BillgateCodeMeaning> = Object.freeze({
  category: 'declined',
  retryable: false,
});

/** Result codes that a network cancel (9100) answers when nothing stays charged (spec §2.1 step 5). */
export const NETWORK_CANCEL_SETTLED_CODES: ReadonlySet<string> = new Set(['0000', 'B101', 'B102']);

/** Request tags of 9100: the transaction id only (spec §4.5, Modelled). */
export const NETWORK_CANCEL_REQUEST_TAGS = ['1001'] as const;
/** Request tags of 5000: the transaction id when known (spec §4.5, Modelled). */
export const AUTH_QUERY_REQUEST_TAGS = ['1001'] as const;
/** Request tags of 0300: the deal date, now (spec §4.5, Modelled). */
export const TEST_CALL_REQUEST_TAGS = ['0011'] as const;

/** 5001 tag 0078 values (spec §4.5, Modelled). */
export const AUTH_QUERY_STATUS_VALUES: Readonly<
  Record<string, 'approved' | 'partially_cancelled' | 'cancelled' | 'failed'>
> = Object.freeze({
  '0000': 'approved',
  '1000': 'partially_cancelled',
  '2000': 'cancelled',
  '3000': 'failed',
});

/** The 0078 wire value of a state (simulator side). */
export function authQueryStatusCode(
  state: 'approved' | 'partially_cancelled' | 'cancelled' | 'failed',
): string {
  for (const [code, name] of Object.entries(AUTH_QUERY_STATUS_VALUES)) if (name === state) return code;
  return '3000';
}

/** 5000 answers "no such transaction" with this code (Modelled: B101). */
export const AUTH_QUERY_NOT_FOUND_CODE = 'B101';
