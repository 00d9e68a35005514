/**
 * Every **Modelled** part of the UnionPay contract (spec §1), isolated so it can be reconciled with
 * UnionPay's integration documents at onboarding. Each is also a client option.
 */

/** "No file for that settle date" on 76 (spec §6, Modelled). Option `fileNotFoundResponseCodes`. */
export const MODELLED_FILE_NOT_FOUND_CODES: readonly string[] = ['98'];

/** `txnTime` is formatted in UTC+08:00 (spec §3, Modelled: inferred from the demos). Option `timeZoneOffsetMinutes`. */
export const MODELLED_TIME_ZONE_OFFSET_MINUTES = 480;

/**
 * Card info query (70/03, Q001) response fields are not public (spec §2, Modelled): everything except the
 * envelope fields is passed through raw, and `issInsCode` is read as `issuerCode`.
 */
export const MODELLED_CARD_INFO_ENVELOPE_FIELDS: ReadonlySet<string> = new Set([
  'version',
  'encoding',
  'signMethod',
  'certId',
  'signature',
  'signPubKeyCert',
  'accNo',
  'respCode',
  'respMsg',
  'merId',
  'orderId',
  'txnTime',
  'txnType',
  'txnSubType',
  'bizType',
  'accessType',
]);

/** The wire field the Modelled card-info response carries the issuer in. */
export const MODELLED_CARD_INFO_ISSUER_FIELD = 'issInsCode';
