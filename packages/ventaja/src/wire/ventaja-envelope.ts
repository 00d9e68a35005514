/**
 * The request envelope Ventaja reads (spec §4.1). `code` and `countryCode` are sent by the v4 generation only.
 */
export type VentajaEnvelope = {
  /** Outlet id (`credentials.outletId`). */
  id: string;
  /** API user: `api` (unified, e-load) or `teller` (v4 samples). */
  uid: string;
  /** API password. A secret: never logged. */
  pwd: string;
  /** v4 only: the operation code of spec §2. */
  code?: number;
  /** v4 only: always `PH`. */
  countryCode?: 'PH';
  /** The operation payload (spec §4.3), keys in the order the codec built them. */
  data: Record<string, unknown> | null;
};

/**
 * Serializes an envelope to the exact bytes that are signed and sent (spec §4.1, §5 step 1–2): keys in the
 * order `id, uid, pwd, code?, countryCode?, data`, no whitespace, UTF-8. `JSON.stringify` does not escape `/`,
 * which is what Ventaja verifies against; `data` keeps its insertion order and no value is rewritten.
 */
export function serializeVentajaEnvelope(envelope: VentajaEnvelope): Buffer {
  // Rebuilt explicitly so a caller's key order can never leak into the signed bytes.
  const ordered: Record<string, unknown> = { id: envelope.id, uid: envelope.uid, pwd: envelope.pwd };
  if (envelope.code !== undefined) ordered.code = envelope.code;
  if (envelope.countryCode !== undefined) ordered.countryCode = envelope.countryCode;
  ordered.data = envelope.data;
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}
