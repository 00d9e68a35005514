/** A Billgate service code (`1100` = mobile); other codes reach the wire only through `raw.invoke`. */
export type BillgateServiceCode = '0900' | '1000' | '1100' | '1200' | '1800' | (string & {});

/** Mobile carriers of the payment window (wire `0000`/`0001`/`0002`/`0010`/`0011`/`0012`, spec §4.6). */
export type BillgateCarrierCode = 'SKT' | 'KT' | 'LGU' | 'KCT' | 'CJH' | 'SKL';

/** Charsets of the tag body (spec §5.1 text rules). */
export interface TextOptions {
  /**
   * `outbound` @default 'euc-kr' (strict KS X 1001, what Billgate's samples use);
   * `inbound` @default 'cp949' (superset, so extended syllables from Billgate still decode).
   */
  textEncoding?: { outbound?: 'euc-kr' | 'cp949'; inbound?: 'euc-kr' | 'cp949' };
}

/** SEED key material of one SERVICE_ID (spec §5.1). */
export interface BillgateKey {
  /** Base64 text of 16 bytes (as `config.ini` stores it) or the 16 raw bytes. */
  key: string | Uint8Array;
  /** 16 ASCII characters used as-is, or 16 raw bytes. */
  iv: string | Uint8Array;
}

/** One Billgate message, clear header and opaque part (spec §4.1–§4.3). */
export interface BillgateMessage {
  /** Frame version, `0100`. */
  version: string;
  /** SERVICE_ID. */
  merchantId: string;
  /** Service code, `1100` for mobile. */
  serviceCode: string;
  /** Command, `xxx0` request / `xxx1` response. */
  command: string;
  /** Our order reference (ASCII, ≤ 64 bytes). */
  orderId: string;
  /** `YYYYMMDDhhmmss` in KST. */
  orderDate: string;
  /** Tag records in wire order; a repeated tag is one entry with several values. Unknown tags are kept. */
  tags: Array<[tag: string, values: string[]]>;
}
