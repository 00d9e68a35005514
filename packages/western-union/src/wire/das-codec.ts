import { ProtocolError } from '@wirebridge/core';
import { channelBlock, type PartnerBlocks } from './xrsi-blocks.js';
import { asArray, child, isReservedKey, textAt, textOf, type XrsiObject } from './xrsi-object.js';

/** DAS query names (spec §4.5). */
export type DasName =
  | 'GetCountriesCurrencies'
  | 'GetOriginationCurrencies'
  | 'GetDestinationCountries'
  | 'GetDestinationCurrencies'
  | 'GetDeliveryServices'
  | 'GetDeliveryOptionTemplate';

/** `queryfilter1..8`. */
export type DasFilters = Partial<Record<`queryfilter${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`, string>>;

/** `h2h-das-request`: `channel`, `foreign_remote_system{identifier, counter_id, reference_no: "N/A"}`, `name`, `filters` (spec §4.5). */
export function buildDasRequest(partner: PartnerBlocks, name: DasName, filters: DasFilters): XrsiObject {
  const ordered: XrsiObject = {};
  for (let index = 1; index <= 8; index += 1) {
    const key = `queryfilter${index}` as keyof DasFilters;
    const value = filters[key];
    if (value !== undefined) ordered[key] = value;
  }
  return {
    channel: channelBlock(partner),
    foreign_remote_system: {
      identifier: partner.identifier,
      counter_id: partner.counterId,
      reference_no: 'N/A',
    },
    name,
    filters: ordered,
  };
}

/** One page of a DAS reply. */
export interface DasPage {
  records: Readonly<Record<string, string>>[];
  more: boolean;
}

/**
 * Reads `h2h-das-reply/MTML/REPLY/DATA_CONTEXT/{HEADER, RECORDSET}` (spec §4.5). A single record comes back as an
 * object, so records are always normalised to an array.
 */
export function decodeDasReply(reply: unknown, name: DasName): DasPage {
  const context = child(child(child(reply, 'MTML'), 'REPLY'), 'DATA_CONTEXT');
  if (context === undefined) {
    throw new ProtocolError({ message: 'western-union DAS reply: no DATA_CONTEXT', vendor: 'western-union' });
  }
  const recordElement = name.toUpperCase();
  const records = asArray(child(child(context, 'RECORDSET'), recordElement)).map((record) => {
    const flat: Record<string, string> = {};
    if (typeof record === 'object' && record !== null) {
      for (const [key, value] of Object.entries(record)) {
        if (isReservedKey(key)) continue;
        const text = textOf(value);
        if (text !== undefined) flat[key] = text;
      }
    }
    return Object.freeze(flat);
  });
  return { records, more: textAt(context, 'HEADER', 'DATA_MORE') === 'Y' };
}

/**
 * Record fields that name the last record of a page, per query. spec §4.5 gives `COUNTRY_LONG`, `CURRENCY_NAME` for
 * countries; the others are **Modelled** on the same rule with each record's own key.
 */
const pagingFields: Readonly<Record<DasName, readonly [string, string]>> = {
  GetCountriesCurrencies: ['COUNTRY_LONG', 'CURRENCY_NAME'],
  GetOriginationCurrencies: ['COUNTRY_LONG', 'CURRENCY_NAME'],
  GetDestinationCountries: ['COUNTRY_LONG', 'CURRENCY_NAME'],
  GetDestinationCurrencies: ['COUNTRY_LONG', 'CURRENCY_NAME'],
  GetDeliveryServices: ['SVC_CODE', 'SVC_NAME'],
  GetDeliveryOptionTemplate: ['T_INDEX', 'PRODUCT'],
};

/** The two paging fields of a query (see {@link nextPageFilters}). */
export function dasPagingFields(name: DasName): readonly [string, string] {
  return pagingFields[name];
}

/**
 * The filters of the next page: q3/q4 set to the last record's values (`COUNTRY_LONG`, `CURRENCY_NAME` for
 * countries, spec §4.5). Queries whose q3 already carries a criterion page on q5/q6 instead (**Modelled**).
 */
export function nextPageFilters(
  name: DasName,
  filters: DasFilters,
  last: Readonly<Record<string, string>>,
): DasFilters {
  const [firstField, secondField] = pagingFields[name];
  const first = last[firstField] ?? '';
  const second = last[secondField] ?? '';
  const usesQ3 =
    name === 'GetDestinationCurrencies' ||
    name === 'GetDeliveryServices' ||
    name === 'GetDeliveryOptionTemplate';
  return usesQ3
    ? { ...filters, queryfilter5: first, queryfilter6: second }
    : { ...filters, queryfilter3: first, queryfilter4: second };
}

/** The filters of each DAS query (spec §4.5 table). */
export const DAS_QUERIES = {
  countriesCurrencies: (origin: { country: string; currency: string }): DasFilters => ({
    queryfilter1: 'en',
    queryfilter2: `${origin.country} ${origin.currency}`,
  }),
  originationCurrencies: (): DasFilters => ({ queryfilter1: 'en' }),
  destinationCountries: (origin: { country: string; currency: string }): DasFilters => ({
    queryfilter1: 'en',
    queryfilter2: `${origin.country} ${origin.currency}`,
  }),
  destinationCurrencies: (origin: { country: string; currency: string }, country: string): DasFilters => ({
    queryfilter1: 'en',
    queryfilter2: `${origin.country} ${origin.currency}`,
    queryfilter3: country,
  }),
  deliveryServices: (
    origin: { country: string; currency: string },
    destination: { country: string; currency: string },
  ): DasFilters => ({
    queryfilter1: 'en',
    queryfilter2: `${origin.country} ${origin.currency}`,
    queryfilter3: `${destination.country} ${destination.currency}`,
    queryfilter4: 'ALL',
  }),
  deliveryOptionTemplate: (
    destination: { country: string; currency: string },
    templateCode: string,
  ): DasFilters => ({
    queryfilter1: 'en',
    queryfilter2: `${destination.country} ${destination.currency}`,
    queryfilter3: templateCode,
    queryfilter8: 'XPath',
  }),
} as const;

/** A `GETCOUNTRIESCURRENCIES` record in SDK names. */
export function countryCurrencyOf(record: Readonly<Record<string, string>>) {
  return {
    country: record.ISO_COUNTRY_CD ?? '',
    currency: record.CURRENCY_CD ?? '',
    countryName: record.COUNTRY_LONG ?? '',
    currencyName: record.CURRENCY_NAME ?? '',
    raw: record,
  };
}

/** A `GETDELIVERYSERVICES` record in SDK names: `SVC_CODE` (`000` cash, `800` wallet), `TEMPLT`. */
export function deliveryServiceOf(record: Readonly<Record<string, string>>): {
  code: string;
  templateCode?: string;
  raw: Readonly<Record<string, string>>;
} {
  return {
    code: record.SVC_CODE ?? '',
    ...(record.TEMPLT === undefined || record.TEMPLT === '' ? {} : { templateCode: record.TEMPLT }),
    raw: record,
  };
}

/** A `GETDELIVERYOPTIONTEMPLATE` record as the template grammar reads it. */
export function templateRowOf(record: Readonly<Record<string, string>>): {
  T_INDEX: string;
  DESCRIPTION: string;
} {
  return { ...record, T_INDEX: record.T_INDEX ?? '', DESCRIPTION: record.DESCRIPTION ?? '' };
}
