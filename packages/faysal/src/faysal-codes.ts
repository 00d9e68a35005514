import type { VendorErrorCategory } from '@wirebridge/core';

/** One row of the result-code table. */
export interface FaysalCodeMeaning {
  category: VendorErrorCategory;
  /** For `unknown` codes this is the safe-operation value; money-moving operations run the resolver instead. */
  retryable: boolean;
  meaning: string;
}

type Row = readonly [codes: string, category: VendorErrorCategory, retryable: boolean, meaning: string];

// spec §6. Meanings are Sourced (PAYSYS openapi.yaml); which codes Faysal returns and their mapping are Modelled.
// `0000` (success) is not an error and is not in the table. JSON-RPC error codes are keyed `rpc:<code>`.
const rows: readonly Row[] = [
  ['0110', 'duplicate', false, 'duplicate transaction (a matching original is a replay, spec §2.1)'],
  [
    '0150 0151 0152 0154 0156 0158 0499',
    'pending',
    false,
    'host status unknown / advice pending / stand-in / SAF / host timeout / timed out by member / no SBP response',
  ],
  ['0113 0126 0227 0297', 'unknown', true, 'internal error'],
  ['0146 0155 0299 0409 0410', 'unavailable', true, 'unable to process / host link down / RAAST link down'],
  [
    '0101 0401 0402 0403',
    'limit_exceeded',
    false,
    'account, per-transaction, daily amount or daily count limit',
  ],
  ['0404', 'insufficient_funds', false, 'pool balance too low'],
  [
    '0102 0106 0109 0118 0119 0148 0172 0180 0296 0405',
    'invalid_request',
    false,
    'invalid account / IMD / field / date / currency / amount mismatch / format / beneficiary',
  ],
  ['0193 0431', 'invalid_request', false, 'title fetch missing or expired: fetch again'],
  [
    '0103 0120 0159 0163 0164 0167 0192 0194 0195 0406 0407 0408 0412',
    'declined',
    false,
    'inactive, locked or closed account, bank not enrolled, host reject, transaction rejected, failed at RAAST',
  ],
  ['0190 0411', 'not_found', false, 'customer / transaction not found'],
  ['0181 0221 0222', 'authentication', false, 'security violation / inactive channel / invalid signature'],
  [
    'rpc:-32700 rpc:-32600 rpc:-32601 rpc:-32602',
    'invalid_request',
    false,
    'parse error / invalid request / unknown method / invalid params',
  ],
  ['rpc:-32603', 'unknown', true, 'internal error'],
  [
    'rpc:-32001 rpc:-32002 rpc:-32003',
    'authentication',
    false,
    'invalid signature / unknown key / decryption failed',
  ],
  ['rpc:-32004', 'unavailable', true, 'rate limited; honour data.retryAfterMs'],
  ['rpc:-32005', 'unavailable', true, 'maintenance window'],
];

/**
 * The result-code table (spec §6) as data: 4-digit `responseCode`s and `rpc:<code>` JSON-RPC error codes →
 * category, retryable and meaning. Codes not listed: other 4-digit codes are `declined`, not retryable (Modelled
 * default); other JSON-RPC codes are `unknown`, not retryable. Override per client with `codeOverrides`.
 */
export const FAYSAL_RESPONSE_CODES: ReadonlyMap<string, FaysalCodeMeaning> = new Map(
  rows.flatMap(([codes, category, retryable, meaning]) =>
    codes.split(' ').map((code) => [code, Object.freeze({ category, retryable, meaning })] as const),
  ),
);

/** The code meaning success. */
export const FAYSAL_SUCCESS_CODE = '0000';

/** Default of a 4-digit code not in the table (spec §6 "other 4-digit"). */
export const FAYSAL_DEFAULT_CODE_MEANING: FaysalCodeMeaning = Object.freeze({
  category: 'declined',
  retryable: false,
  meaning: 'other code (Modelled default)',
});

/** Default of a JSON-RPC error code not in the table. */
export const FAYSAL_DEFAULT_RPC_MEANING: FaysalCodeMeaning = Object.freeze({
  category: 'unknown',
  retryable: false,
  meaning: 'unlisted JSON-RPC error',
});

/** The key under which a JSON-RPC error code sits in the table. */
export function rpcCodeKey(rpcErrorCode: number): string {
  return `rpc:${rpcErrorCode}`;
}
