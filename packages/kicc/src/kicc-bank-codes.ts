/** A 3-digit Korean bank code; the listed ones are those of {@link KICC_BANK_CODES}. */
export type KiccBankCode =
  | '003'
  | '004'
  | '011'
  | '020'
  | '023'
  | '031'
  | '032'
  | '071'
  | '081'
  | '088'
  | (string & {});

/** Banks that issue KICC virtual accounts (spec §11, Sourced from the EP8 sample). No bank-list call exists. */
export const KICC_BANK_CODES: Readonly<Record<string, string>> = Object.freeze({
  '003': 'IBK 기업',
  '004': 'KB 국민',
  '011': 'NH 농협',
  '020': '우리',
  '023': 'SC제일',
  '031': '대구',
  '032': '부산',
  '071': '우체국',
  '081': '하나',
  '088': '신한',
});
