/** Seeded reference data of the simulator (spec §9). Illustrative values, no real rates. */

/** Exchange rates origin currency → destination currency, 4 decimals as WU prints them. */
export const SIMULATOR_FX: Readonly<Record<string, string>> = {
  'USD>PHP': '56.1200',
  'KRW>PHP': '0.0421',
  'USD>PKR': '278.5000',
  'KRW>PKR': '0.2090',
};

/** Corridors: origin `country currency` → destinations. */
export const SIMULATOR_CORRIDORS: readonly { origin: [string, string]; destination: [string, string] }[] = [
  { origin: ['US', 'USD'], destination: ['PH', 'PHP'] },
  { origin: ['KR', 'KRW'], destination: ['PH', 'PHP'] },
  { origin: ['US', 'USD'], destination: ['PK', 'PKR'] },
  { origin: ['KR', 'KRW'], destination: ['PK', 'PKR'] },
];

/** ISO alpha-2 → alpha-3, for NIS pushes (spec §7 uses alpha-3). */
export const ALPHA3: Readonly<Record<string, string>> = { US: 'USA', KR: 'KOR', PH: 'PHL', PK: 'PAK' };

/** `GetCountriesCurrencies` records (7, so a listing spans 3 pages of 3). */
export const SIMULATOR_COUNTRIES: readonly Record<string, string>[] = [
  { ISO_COUNTRY_CD: 'BD', CURRENCY_CD: 'BDT', COUNTRY_LONG: 'Bangladesh', CURRENCY_NAME: 'Taka' },
  { ISO_COUNTRY_CD: 'IN', CURRENCY_CD: 'INR', COUNTRY_LONG: 'India', CURRENCY_NAME: 'Indian Rupee' },
  { ISO_COUNTRY_CD: 'NP', CURRENCY_CD: 'NPR', COUNTRY_LONG: 'Nepal', CURRENCY_NAME: 'Nepalese Rupee' },
  { ISO_COUNTRY_CD: 'PK', CURRENCY_CD: 'PKR', COUNTRY_LONG: 'Pakistan', CURRENCY_NAME: 'Pakistan Rupee' },
  { ISO_COUNTRY_CD: 'PH', CURRENCY_CD: 'PHP', COUNTRY_LONG: 'Philippines', CURRENCY_NAME: 'Philippine Peso' },
  { ISO_COUNTRY_CD: 'LK', CURRENCY_CD: 'LKR', COUNTRY_LONG: 'Sri Lanka', CURRENCY_NAME: 'Sri Lanka Rupee' },
  { ISO_COUNTRY_CD: 'VN', CURRENCY_CD: 'VND', COUNTRY_LONG: 'Vietnam', CURRENCY_NAME: 'Dong' },
];

/** The wallet template code of delivery service `800`. */
export const WALLET_TEMPLATE_CODE = 'WALLET1';

/** `GETDELIVERYOPTIONTEMPLATE` rows of the wallet template: a COMBO provider, mobile country code, purpose. */
export const WALLET_TEMPLATE_ROWS: readonly Record<string, string>[] = [
  { PRODUCT: '800', CATEGORY: 'WALLET', T_INDEX: '000', DESCRIPTION: 'Mobile wallet;Receiver details;;;' },
  {
    PRODUCT: '800',
    CATEGORY: 'WALLET',
    T_INDEX: '001',
    DESCRIPTION:
      'wallet_details.service_provider_code;Wallet Provider; 10; 2001; Wallet provider required; 0; COMBO; NL; 2;',
  },
  { PRODUCT: '800', CATEGORY: 'WALLET', T_INDEX: '002', DESCRIPTION: '1;0;GCASH;GCash' },
  { PRODUCT: '800', CATEGORY: 'WALLET', T_INDEX: '003', DESCRIPTION: '1;0;PAYMAYA;PayMaya' },
  {
    PRODUCT: '800',
    CATEGORY: 'WALLET',
    T_INDEX: '004',
    DESCRIPTION:
      'receiver.mobile_phone.phone_number.country_code;Mobile Country Code; 4; 2002; Mobile country code required; 0; DIGIT; NL; 4;',
  },
  {
    PRODUCT: '800',
    CATEGORY: 'WALLET',
    T_INDEX: '005',
    DESCRIPTION: 'receiver.reason_for_sending;Purpose; 40; 2003; Purpose required; 0; UPRSTRING; NL; 40;',
  },
];
