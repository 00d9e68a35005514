import { ProtocolError, ValidationError } from '@wirebridge/core';
import { fromWireAmount, toWireAmount } from './wu-amounts.js';
import { formatKycDate, type KycDateFormat, parseFilingDateTime } from './wu-dates.js';
import {
  channelBlock,
  deviceBlock,
  foreignRemoteSystemBlock,
  isoCode,
  type PartnerBlocks,
  partnerInfoBufferBlock,
} from './xrsi-blocks.js';
import { child, element, setAtPath, textAt, textOf, type XrsiObject } from './xrsi-object.js';

/** A person or company as the SDK takes it (spec §11 `WuParty`). */
export interface WuPartyInput {
  name: { first: string; middle?: string | undefined; last: string } | { business: string };
  address?:
    | {
        line1: string;
        line2?: string | undefined;
        city: string;
        state?: string | undefined;
        postalCode?: string | undefined;
        country: string;
      }
    | undefined;
  mobilePhone?: { countryCode: string; nationalNumber: string } | undefined;
  contactPhone?: string | undefined;
  email?: string | undefined;
}

/** The validated quote input the codec builds from (spec §11 `WuQuoteInput`). */
export interface QuoteRequestInput {
  reference: string;
  destination: { country: string; currency: string };
  amount: { send: number } | { receive: number };
  deliveryService: string;
  walletProviderCode?: string | undefined;
  sender: WuPartyInput & {
    kyc?:
      | {
          idType: string;
          idCountryOfIssue: string;
          idNumber: string;
          idIssueDate?: Date | undefined;
          idExpirationDate?: Date | undefined;
          dateOfBirth?: Date | undefined;
          occupation?: string | undefined;
          templateId?: string | undefined;
        }
      | undefined;
  };
  receiver: WuPartyInput & { reasonForSending?: string | undefined };
  templateFields?: Record<string, string> | undefined;
  notify?: boolean | undefined;
}

/** What the quote codec needs from the client configuration. */
export interface QuoteCodecConfig {
  partner: PartnerBlocks;
  origin: { country: string; currency: string };
  amountScaleOverrides: Readonly<Record<string, number>>;
  kycDateFormat: KycDateFormat;
  environment: 'uat' | 'prd';
  clock: () => Date;
}

function nameBlock(name: WuPartyInput['name']): XrsiObject {
  if ('business' in name) return { attributes: { name_type: 'C' }, business_name: name.business };
  // spec §4: `name_type` D (domestic) for individuals.
  return element({
    attributes: { name_type: 'D' },
    first_name: name.first,
    middle_name: name.middle,
    last_name: name.last,
  }) as XrsiObject;
}

function addressBlock(party: WuPartyInput, currency: string): XrsiObject | undefined {
  const address = party.address;
  if (address === undefined) return undefined;
  return element({
    addr_line1: address.line1,
    addr_line2: address.line2,
    city: address.city,
    state: address.state,
    postal_code: address.postalCode,
    country_code: isoCode(address.country, currency),
  });
}

function mobilePhoneBlock(party: WuPartyInput): XrsiObject | undefined {
  if (party.mobilePhone === undefined) return undefined;
  return {
    phone_number: {
      country_code: party.mobilePhone.countryCode,
      national_number: party.mobilePhone.nationalNumber,
    },
  };
}

function complianceBlock(
  kyc: QuoteRequestInput['sender']['kyc'],
  format: KycDateFormat,
): XrsiObject | undefined {
  if (kyc === undefined) return undefined;
  const date = (value: Date | undefined) => (value === undefined ? undefined : formatKycDate(value, format));
  return element({
    template_id: kyc.templateId,
    id_details: { id_type: kyc.idType, id_country_of_issue: kyc.idCountryOfIssue, id_number: kyc.idNumber },
    id_issue_date: date(kyc.idIssueDate),
    id_expiration_date: date(kyc.idExpirationDate),
    date_of_birth: date(kyc.dateOfBirth),
    occupation: kyc.occupation,
  });
}

/**
 * Builds `send-money-validation-request` in the XSD sequence order of spec §4.1–4.2 (node-soap writes keys in
 * insertion order). `templateFields` are merged at their dotted paths afterwards; a template value wins.
 * @throws ValidationError when an amount does not convert to a whole wire amount.
 */
export function buildValidationRequest(input: QuoteRequestInput, config: QuoteCodecConfig): XrsiObject {
  const { origin } = config;
  const sender = element({
    name: nameBlock(input.sender.name),
    address: addressBlock(input.sender, origin.currency),
    compliance_details: complianceBlock(input.sender.kyc, config.kycDateFormat),
    email: input.sender.email,
    contact_phone: input.sender.contactPhone,
    mobile_phone: mobilePhoneBlock(input.sender),
  });
  const receiver = element({
    name: nameBlock(input.receiver.name),
    address: addressBlock(input.receiver, input.destination.currency),
    contact_phone: input.receiver.contactPhone,
    mobile_phone: mobilePhoneBlock(input.receiver),
    reason_for_sending: input.receiver.reasonForSending,
  });
  const isSend = 'send' in input.amount;
  const financials = isSend
    ? {
        originators_principal_amount: toWireAmount(
          (input.amount as { send: number }).send,
          origin.currency,
          config.amountScaleOverrides,
          'amount.send',
        ),
      }
    : {
        destination_principal_amount: toWireAmount(
          (input.amount as { receive: number }).receive,
          input.destination.currency,
          config.amountScaleOverrides,
          'amount.receive',
        ),
      };
  const request = element({
    device: deviceBlock('WEB'),
    channel: channelBlock(config.partner),
    sender,
    receiver,
    payment_details: {
      recording_country_currency: isoCode(origin.country, origin.currency),
      destination_country_currency: isoCode(input.destination.country, input.destination.currency),
      originating_country_currency: isoCode(origin.country, origin.currency),
      // spec §4.2: WMN when the send amount is given, WMF ("fixed") when the receive amount is.
      transaction_type: isSend ? 'WMN' : 'WMF',
      payment_type: 'Cash',
      duplicate_detection_flag: 'D',
    },
    financials,
    delivery_services: { code: input.deliveryService },
    wallet_details: element({ service_provider_code: input.walletProviderCode }),
    foreign_remote_system: foreignRemoteSystemBlock(config.partner, input.reference),
    partner_info_buffer: partnerInfoBufferBlock(input.notify ?? true),
  }) as XrsiObject;
  for (const [xpath, value] of Object.entries(input.templateFields ?? {})) setAtPath(request, xpath, value);
  return request;
}

/** The reply blocks echoed verbatim into the store (spec §4.2–4.3). */
export interface QuoteEcho {
  instant_notification?: unknown;
  financials?: unknown;
  mtcn?: unknown;
  new_mtcn?: unknown;
  foreign_remote_system?: unknown;
}

/** Contents of a `commitToken` (spec §4.3). */
export interface CommitTokenContents {
  v: 1;
  env: 'uat' | 'prd';
  request: XrsiObject;
  echo: QuoteEcho;
}

/** `commitToken` = base64url(JSON `{ v: 1, env, request, echo }`) (spec §4.3). It holds PII: store it encrypted. */
export function encodeCommitToken(contents: CommitTokenContents): string {
  return Buffer.from(JSON.stringify(contents), 'utf8').toString('base64url');
}

/**
 * Reads a `commitToken`. @throws ValidationError naming `commitToken` when it is not one of ours, or was made for
 * another environment.
 */
export function decodeCommitToken(token: string, environment: 'uat' | 'prd'): CommitTokenContents {
  const invalid = (message: string) =>
    new ValidationError({
      message: 'Invalid input: commitToken',
      vendor: 'western-union',
      issues: [{ path: 'commitToken', code: 'invalid_value', message }],
    });
  let contents: unknown;
  try {
    contents = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'), (key, value) =>
      key === '__proto__' ? undefined : value,
    );
  } catch {
    throw invalid('not a commit token from transfers.quote');
  }
  const parsed = contents as Partial<CommitTokenContents> | null;
  if (typeof parsed !== 'object' || parsed === null || parsed.v !== 1 || typeof parsed.request !== 'object') {
    throw invalid('not a commit token from transfers.quote');
  }
  if (parsed.env !== environment) throw invalid(`made for the ${String(parsed.env)} environment`);
  const echo = parsed.echo as QuoteEcho | undefined;
  if (typeof echo !== 'object' || echo === null || typeof textOf(echo.mtcn) !== 'string') {
    throw invalid('the token carries no mtcn');
  }
  return parsed as CommitTokenContents;
}

/** The reference and MTCNs a token stands for. */
export function commitTokenIdentity(contents: CommitTokenContents): {
  reference: string;
  mtcn: string;
  newMtcn: string;
} {
  return {
    reference: textAt(contents.request, 'foreign_remote_system', 'reference_no') ?? '',
    mtcn: textOf(contents.echo.mtcn) ?? '',
    newMtcn: textOf(contents.echo.new_mtcn) ?? '',
  };
}

/**
 * Builds `send-money-store-request` in the store sequence of spec §4.3: the validation content plus the reply
 * blocks, with `wallet_details` moved ahead of `payment_details`.
 */
export function buildStoreRequest(contents: CommitTokenContents): XrsiObject {
  const request = contents.request;
  const pick = (name: string) => (Object.hasOwn(request, name) ? request[name] : undefined);
  const echo = contents.echo as Record<string, XrsiObject | string | undefined>;
  const ordered: Record<string, unknown> = {
    device: pick('device'),
    channel: pick('channel'),
    instant_notification: echo.instant_notification,
    sender: pick('sender'),
    receiver: pick('receiver'),
    wallet_details: pick('wallet_details'),
    payment_details: pick('payment_details'),
    financials: echo.financials,
    delivery_services: pick('delivery_services'),
    mtcn: echo.mtcn,
    new_mtcn: echo.new_mtcn,
    foreign_remote_system: echo.foreign_remote_system ?? pick('foreign_remote_system'),
    partner_info_buffer: pick('partner_info_buffer'),
  };
  return element(ordered as Record<string, XrsiObject>) as XrsiObject;
}

/** The amounts and identifiers of a validation or store reply (spec §4.2 reply table). */
export interface DecodedTransferReply {
  reference: string;
  mtcn: string;
  newMtcn: string;
  sendAmount: { amount: number; currency: string };
  receiveAmount: { amount: number; currency: string };
  fees: { charges: number; plusCharges: number; messageCharge: number; currency: string };
  taxes: { municipal: number; state: number; county: number };
  grossTotal: { amount: number; currency: string };
  exchangeRate: string;
  rateFixedOnSend: boolean;
  filedAt?: Date;
  filedAtRaw: { date?: string; time?: string };
  raw: unknown;
}

/**
 * Reads a `send-money-validation-reply` or `send-money-store-reply` (spec §4.2). Amounts become SDK minor units;
 * `exchange_rate` stays text (never a float). `mtcn` and `new_mtcn` are both read, neither derived from the other.
 * @throws ProtocolError when a required element is missing or malformed.
 */
export function decodeTransferReply(
  reply: unknown,
  context: {
    sendCurrency: string;
    receiveCurrency: string;
    config: QuoteCodecConfig;
    fallbackReference: string;
  },
): DecodedTransferReply {
  const { config } = context;
  const financials = child(reply, 'financials');
  const amount = (name: string, currency: string) =>
    fromWireAmount(textAt(financials, name), currency, config.amountScaleOverrides, `financials.${name}`) ??
    0;
  const tax = (name: string) =>
    fromWireAmount(
      textAt(financials, 'taxes', name),
      context.sendCurrency,
      config.amountScaleOverrides,
      name,
    ) ?? 0;
  const mtcn = textAt(reply, 'mtcn')?.trim();
  const newMtcn = textAt(reply, 'new_mtcn')?.trim();
  if (mtcn === undefined || !/^\d{1,16}$/.test(mtcn)) {
    throw new ProtocolError({
      message: 'western-union reply: mtcn missing or malformed',
      vendor: 'western-union',
    });
  }
  const filingDate = textAt(reply, 'filing_date');
  const filingTime = textAt(reply, 'filing_time');
  const filedAt = parseFilingDateTime(filingDate, filingTime, config.clock());
  return {
    reference: textAt(reply, 'foreign_remote_system', 'reference_no') ?? context.fallbackReference,
    mtcn,
    newMtcn: newMtcn ?? '',
    sendAmount: {
      amount: amount('originators_principal_amount', context.sendCurrency),
      currency: context.sendCurrency,
    },
    receiveAmount: {
      amount: amount('destination_principal_amount', context.receiveCurrency),
      currency: context.receiveCurrency,
    },
    fees: {
      charges: amount('charges', context.sendCurrency),
      plusCharges: amount('plus_charges_amount', context.sendCurrency),
      messageCharge: amount('message_charge', context.sendCurrency),
      currency: context.sendCurrency,
    },
    taxes: { municipal: tax('municipal_tax'), state: tax('state_tax'), county: tax('county_tax') },
    grossTotal: {
      amount: amount('gross_total_amount', context.sendCurrency),
      currency: context.sendCurrency,
    },
    exchangeRate: textAt(reply, 'payment_details', 'exchange_rate')?.trim() ?? '',
    rateFixedOnSend: textAt(reply, 'payment_details', 'fix_on_send') === 'Y',
    ...(filedAt === undefined ? {} : { filedAt }),
    filedAtRaw: {
      ...(filingDate === undefined ? {} : { date: filingDate }),
      ...(filingTime === undefined ? {} : { time: filingTime }),
    },
    raw: reply,
  };
}

/** The blocks of a validation reply that the store echoes (spec §4.2). */
export function quoteEchoOf(reply: unknown): QuoteEcho {
  return {
    instant_notification: child(reply, 'instant_notification'),
    financials: child(reply, 'financials'),
    mtcn: child(reply, 'mtcn'),
    new_mtcn: child(reply, 'new_mtcn'),
    foreign_remote_system: child(reply, 'foreign_remote_system'),
  };
}
