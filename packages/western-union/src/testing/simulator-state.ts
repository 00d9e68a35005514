import { type DasName, dasPagingFields } from '../wire/das-codec.js';
import { parseDeliveryOptionTemplate, validateTemplateFields } from '../wire/template-grammar.js';
import { child, getAtPath, textAt, type XrsiObject } from '../wire/xrsi-object.js';
import {
  SIMULATOR_CORRIDORS,
  SIMULATOR_COUNTRIES,
  SIMULATOR_FX,
  WALLET_TEMPLATE_CODE,
  WALLET_TEMPLATE_ROWS,
} from './simulator-corridors.js';

/** A business refusal the simulator answers with a WU Fault (spec §6). */
export class SimulatedFault extends Error {
  constructor(
    readonly code: string,
    readonly text: string,
  ) {
    super(`${code} ${text}`);
  }
}

/** Pay status of a stored transfer (spec §9: `W/C → PAID | CAN | REF`). */
export type SimulatedStatus = 'W/C' | 'PAID' | 'CAN' | 'REF';

/** A stored transfer. */
export interface SimulatedTransfer {
  mtcn: string;
  newMtcn: string;
  reference: string;
  moneyTransferKey: string;
  status: SimulatedStatus;
  expired: boolean;
  locked: boolean;
  origin: { country: string; currency: string; principal: string };
  destination: { country: string; currency: string; payout: string };
  financials: XrsiObject;
  /** How many times `SendMoneyStore_H2H` committed this MTCN (must stay 1). */
  storeCount: number;
  cancelCount: number;
  refundCount: number;
}

/** One executed side effect, in order. */
export interface SimulatorExecution {
  service: 'validation' | 'store' | 'cancel' | 'refund';
  mtcn: string;
  reference: string;
}

interface SimulatedQuote {
  reference: string;
  reply: XrsiObject;
  destination: { country: string; currency: string };
  origin: { country: string; currency: string };
}

/** The simulator's ledger and business rules (spec §9). Pure data; the server wires it to SOAP. */
export class SimulatorState {
  private readonly quotes = new Map<string, SimulatedQuote>();
  private readonly quotesByReference = new Map<string, string>();
  private readonly stored = new Map<string, SimulatedTransfer>();
  private readonly ledger: SimulatorExecution[] = [];
  private random: number;

  constructor(
    seed: number,
    private readonly clock: () => Date,
  ) {
    this.random = seed >>> 0 || 1;
  }

  /** Deterministic digits (a 32-bit xorshift), so a seeded simulator allocates the same MTCNs. */
  private digits(count: number): string {
    let text = '';
    while (text.length < count) {
      this.random ^= this.random << 13;
      this.random ^= this.random >>> 17;
      this.random ^= this.random << 5;
      this.random >>>= 0;
      text += String(this.random % 10);
    }
    return text;
  }

  transfers(): readonly SimulatedTransfer[] {
    return [...this.stored.values()].map((transfer) => ({ ...transfer }));
  }

  executions(): readonly SimulatorExecution[] {
    return [...this.ledger];
  }

  transfer(mtcn: string): SimulatedTransfer | undefined {
    return this.stored.get(mtcn);
  }

  pay(mtcn: string): void {
    const transfer = this.stored.get(mtcn);
    if (transfer?.status === 'W/C') transfer.status = 'PAID';
  }

  expire(mtcn: string): void {
    const transfer = this.stored.get(mtcn);
    if (transfer !== undefined) transfer.expired = true;
  }

  /** `sendmoneyValidation`: prices the corridor, allocates `mtcn` and `new_mtcn`, checks wallet template fields. */
  validate(request: unknown): XrsiObject {
    const reference = textAt(request, 'foreign_remote_system', 'reference_no') ?? '';
    // WU's duplicate detection (`duplicate_detection_flag=D`): the same reference gets the same reservation.
    const known = this.quotesByReference.get(reference);
    if (known !== undefined) return this.quotes.get(known)?.reply as XrsiObject;
    const originCountry = textAt(
      request,
      'payment_details',
      'originating_country_currency',
      'iso_code',
      'country_code',
    );
    const originCurrency = textAt(
      request,
      'payment_details',
      'originating_country_currency',
      'iso_code',
      'currency_code',
    );
    const destinationCountry = textAt(
      request,
      'payment_details',
      'destination_country_currency',
      'iso_code',
      'country_code',
    );
    const destinationCurrency = textAt(
      request,
      'payment_details',
      'destination_country_currency',
      'iso_code',
      'currency_code',
    );
    const corridor = SIMULATOR_CORRIDORS.find(
      (entry) =>
        entry.origin[0] === originCountry &&
        entry.origin[1] === originCurrency &&
        entry.destination[0] === destinationCountry &&
        entry.destination[1] === destinationCurrency,
    );
    const rate = SIMULATOR_FX[`${originCurrency}>${destinationCurrency}`];
    if (corridor === undefined || rate === undefined)
      throw new SimulatedFault('T0908', 'CORRIDOR NOT AVAILABLE');
    const deliveryCode = textAt(request, 'delivery_services', 'code');
    if (deliveryCode !== '000' && deliveryCode !== '800')
      throw new SimulatedFault('C1100', 'INVALID DELIVERY SERVICE');
    if (deliveryCode === '800') {
      const template = parseDeliveryOptionTemplate(
        WALLET_TEMPLATE_ROWS as { T_INDEX: string; DESCRIPTION: string }[],
      );
      const values = Object.fromEntries(
        template.fields.map((field) => [field.xpath, getAtPath(request as XrsiObject, field.xpath)]),
      );
      const issues = validateTemplateFields(template, values);
      if (issues.length > 0)
        throw new SimulatedFault('C2107', `MISSING OR INVALID FIELD ${issues[0]?.xpath ?? ''}`);
    }
    const sendText = textAt(request, 'financials', 'originators_principal_amount');
    const receiveText = textAt(request, 'financials', 'destination_principal_amount');
    const rateValue = Number(rate);
    const originScale = originCurrency === 'KRW' ? 100 : 1;
    let principal: number;
    let payout: number;
    if (sendText !== undefined) {
      principal = Number(sendText);
      payout = Math.round(principal * rateValue);
    } else if (receiveText !== undefined) {
      payout = Number(receiveText);
      principal = Math.round(payout / rateValue / originScale) * originScale;
    } else {
      throw new SimulatedFault('C1200', 'PRINCIPAL AMOUNT REQUIRED');
    }
    if (!Number.isSafeInteger(principal) || principal <= 0)
      throw new SimulatedFault('C1201', 'INVALID AMOUNT');
    // spec §9: fee 2.5% + 300 minor units of the origin currency.
    const charges = (Math.round((principal / originScale) * 0.025) + 300) * originScale;
    const mtcn = this.digits(10);
    const now = this.clock();
    const year = String(now.getUTCFullYear() % 100).padStart(2, '0');
    const dayOfYear = String(
      Math.floor((now.getTime() - Date.UTC(now.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
    ).padStart(3, '0');
    // spec §9: `YY`+`DDD`+`8`+mtcn, mimicking observed values.
    const newMtcn = `${year}${dayOfYear}8${mtcn}`;
    const reply: XrsiObject = {
      channel: { version: '9500' },
      instant_notification: { addl_service_charges: `01030000${this.digits(8)}` },
      payment_details: {
        transaction_type: sendText !== undefined ? 'WMN' : 'WMF',
        exchange_rate: rate,
        fix_on_send: 'Y',
      },
      financials: {
        taxes: { municipal_tax: '0', state_tax: '0', county_tax: '0' },
        originators_principal_amount: String(principal),
        destination_principal_amount: String(payout),
        gross_total_amount: String(principal + charges),
        plus_charges_amount: '0',
        charges: String(charges),
        message_charge: '0',
      },
      mtcn,
      new_mtcn: newMtcn,
      foreign_remote_system: child(request, 'foreign_remote_system') as XrsiObject,
      filing_date: `${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`,
      filing_time: '0135P EDT',
    };
    this.quotes.set(mtcn, {
      reference,
      reply,
      origin: { country: originCountry as string, currency: originCurrency as string },
      destination: { country: destinationCountry as string, currency: destinationCurrency as string },
    });
    this.quotesByReference.set(reference, mtcn);
    this.ledger.push({ service: 'validation', mtcn, reference });
    return reply;
  }

  /** `SendMoneyStore_H2H`: requires the echoed blocks; an unknown or already stored MTCN is `T0499` (spec §9). */
  store(request: unknown): XrsiObject {
    const mtcn = textAt(request, 'mtcn') ?? '';
    const quote = this.quotes.get(mtcn);
    if (quote === undefined || this.stored.has(mtcn))
      throw new SimulatedFault('T0499', 'INVALID MTCN OR ALREADY STORED');
    for (const name of ['instant_notification', 'financials', 'new_mtcn', 'foreign_remote_system']) {
      if (child(request, name) === undefined)
        throw new SimulatedFault('C1300', `MISSING ${name.toUpperCase()}`);
    }
    if (textAt(request, 'new_mtcn') !== textAt(quote.reply, 'new_mtcn')) {
      throw new SimulatedFault('T0499', 'NEW MTCN DOES NOT MATCH');
    }
    const financials = quote.reply.financials as XrsiObject;
    this.stored.set(mtcn, {
      mtcn,
      newMtcn: textAt(quote.reply, 'new_mtcn') as string,
      reference: quote.reference,
      moneyTransferKey: `MTK${this.digits(9)}`,
      status: 'W/C',
      expired: false,
      locked: false,
      origin: { ...quote.origin, principal: textAt(financials, 'originators_principal_amount') as string },
      destination: {
        ...quote.destination,
        payout: textAt(financials, 'destination_principal_amount') as string,
      },
      financials,
      storeCount: 1,
      cancelCount: 0,
      refundCount: 0,
    });
    this.ledger.push({ service: 'store', mtcn, reference: quote.reference });
    return {
      ...quote.reply,
      advisory_text: 'THANK YOU FOR USING WESTERN UNION',
      promo_text_message: ['TEST PROMOTION LINE 1', 'TEST PROMOTION LINE 2'],
      new_points_earned: '0',
    };
  }

  private transaction(transfer: SimulatedTransfer): XrsiObject {
    return {
      money_transfer_key: transfer.moneyTransferKey,
      pay_status_description: transfer.status,
      mtcn: transfer.mtcn,
      new_mtcn: transfer.newMtcn,
      financials: transfer.financials,
      payment_details: {
        exchange_rate: SIMULATOR_FX[`${transfer.origin.currency}>${transfer.destination.currency}`] ?? '',
      },
      filing_date: '02-01',
      filing_time: '0135P EDT',
    };
  }

  /** `PayStatus`: one transaction or `number_matches` 0. */
  payStatus(request: unknown): XrsiObject {
    const transfer = this.stored.get(textAt(request, 'mtcn') ?? '');
    if (transfer === undefined)
      return { number_matches: '0', current_page_number: '1', last_page_number: '1' };
    return {
      payment_transactions: { payment_transaction: this.transaction(transfer) },
      number_matches: '1',
      current_page_number: '1',
      last_page_number: '1',
    };
  }

  /** `Search` (`CANCEL_SEND`/`REFUND`): serves state and locks the transfer (`refund_cancel_flag=N`). */
  search(request: unknown): XrsiObject {
    const transfer = this.stored.get(textAt(request, 'payment_transaction', 'mtcn') ?? '');
    if (transfer === undefined) return { number_matches: '0' };
    transfer.locked = true;
    return {
      payment_transactions: { payment_transaction: this.transaction(transfer) },
      number_matches: '1',
      refund_cancel_flag: 'N',
    };
  }

  /** `CancelSend`: only from `W/C`, with the Search `money_transfer_key` as `database_key`. */
  cancel(request: unknown): XrsiObject {
    const transfer = this.stored.get(textAt(request, 'mtcn') ?? '');
    if (transfer === undefined || transfer.moneyTransferKey !== textAt(request, 'database_key')) {
      throw new SimulatedFault('T0305', 'TRANSACTION NOT FOUND');
    }
    if (transfer.status !== 'W/C') throw new SimulatedFault('C3100', 'TRANSACTION CANNOT BE CANCELLED');
    transfer.status = 'CAN';
    transfer.cancelCount += 1;
    this.ledger.push({ service: 'cancel', mtcn: transfer.mtcn, reference: transfer.reference });
    return {
      channel: child(request, 'channel') as XrsiObject,
      error_queue_count: '0',
      foreign_remote_system: child(request, 'foreign_remote_system') as XrsiObject,
    };
  }

  /** `refund-request` (Modelled): from `W/C` or after expiry. */
  refund(request: unknown): XrsiObject {
    const transfer = this.stored.get(textAt(request, 'mtcn') ?? '');
    if (transfer === undefined || transfer.moneyTransferKey !== textAt(request, 'money_transfer_key')) {
      throw new SimulatedFault('T0305', 'TRANSACTION NOT FOUND');
    }
    if (transfer.status !== 'W/C' && !(transfer.expired && transfer.status !== 'PAID')) {
      throw new SimulatedFault('C3200', 'TRANSACTION CANNOT BE REFUNDED');
    }
    transfer.status = 'REF';
    transfer.refundCount += 1;
    this.ledger.push({ service: 'refund', mtcn: transfer.mtcn, reference: transfer.reference });
    return {
      channel: child(request, 'channel') as XrsiObject,
      foreign_remote_system: child(request, 'foreign_remote_system') as XrsiObject,
    };
  }

  /** `DAS_Service`: pages after 3 records (`DATA_MORE=Y`), continuing after the record named in q3/q4 (or q5/q6). */
  das(request: unknown): XrsiObject {
    const name = textAt(request, 'name') ?? '';
    const filters = child(request, 'filters');
    const filter = (index: number) => textAt(filters, `queryfilter${index}`);
    let records: readonly Record<string, string>[];
    let pagingKeys: [number, number] = [3, 4];
    switch (name) {
      case 'GetCountriesCurrencies':
      case 'GetDestinationCountries':
        records = SIMULATOR_COUNTRIES;
        break;
      case 'GetOriginationCurrencies':
        records = [
          {
            ISO_COUNTRY_CD: 'KR',
            CURRENCY_CD: 'KRW',
            COUNTRY_LONG: 'Korea, Republic of',
            CURRENCY_NAME: 'Won',
          },
          {
            ISO_COUNTRY_CD: 'US',
            CURRENCY_CD: 'USD',
            COUNTRY_LONG: 'United States',
            CURRENCY_NAME: 'US Dollar',
          },
        ];
        break;
      case 'GetDestinationCurrencies':
        pagingKeys = [5, 6];
        records = SIMULATOR_COUNTRIES.filter((record) => record.ISO_COUNTRY_CD === filter(3));
        break;
      case 'GetDeliveryServices': {
        pagingKeys = [5, 6];
        const [country, currency] = (filter(3) ?? '').split(' ');
        const served = SIMULATOR_CORRIDORS.some(
          (entry) => entry.destination[0] === country && entry.destination[1] === currency,
        );
        records = served
          ? [
              { SVC_CODE: '000', SVC_NAME: 'MONEY IN MINUTES', TEMPLT: '' },
              { SVC_CODE: '800', SVC_NAME: 'MOBILE WALLET', TEMPLT: WALLET_TEMPLATE_CODE },
            ]
          : [];
        break;
      }
      case 'GetDeliveryOptionTemplate':
        pagingKeys = [5, 6];
        records = filter(3) === WALLET_TEMPLATE_CODE ? WALLET_TEMPLATE_ROWS : [];
        break;
      default:
        throw new SimulatedFault('D0001', 'UNKNOWN DAS QUERY');
    }
    let start = 0;
    const after = [filter(pagingKeys[0]), filter(pagingKeys[1])];
    if (after[0] !== undefined) {
      const [firstField, secondField] = dasPagingFields(name as DasName);
      const index = records.findIndex(
        (record) => record[firstField] === after[0] && record[secondField] === after[1],
      );
      if (index < 0) throw new SimulatedFault('D0002', 'INVALID PAGING KEY');
      start = index + 1;
    }
    const page = records.slice(start, start + 3);
    const more = start + 3 < records.length;
    const recordElement = name.toUpperCase();
    return {
      MTML: {
        REPLY: {
          DATA_CONTEXT: {
            HEADER: {
              ACCOUNT_NUM: 'SIMULATOR',
              DATA_MORE: more ? 'Y' : 'N',
              DATA_NUM_RECS: String(page.length),
              NAME: name,
              FSID: '1',
              COUNTER_ID: 'SIM',
              TERM_ID: 'SIM',
            },
            RECORDSET: page.length === 0 ? '' : { [recordElement]: page.map((record) => ({ ...record })) },
          },
        },
      },
    };
  }
}
