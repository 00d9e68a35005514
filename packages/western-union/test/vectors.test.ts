import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeliveryOptionTemplate, parseWesternUnionFault, validateTemplateFields } from '../src/index.js';
import { buildNotificationAck } from '../src/wire/nis-codec.js';
import {
  commitTokenIdentity,
  decodeCommitToken,
  decodeTransferReply,
  encodeCommitToken,
  type QuoteCodecConfig,
} from '../src/wire/quote-codec.js';
import { fromWireAmount, toWireAmount } from '../src/wire/wu-amounts.js';
import { parseFilingDateTime } from '../src/wire/wu-dates.js';

const config: QuoteCodecConfig = {
  partner: {
    identifier: 'WGQTEST0001',
    counterId: 'US125TEST1T',
    channelName: 'WIREBRIDGE',
    channelVersion: '9500',
  },
  origin: { country: 'US', currency: 'USD' },
  amountScaleOverrides: {},
  kycDateFormat: 'MMDDYYYY',
  environment: 'uat',
  clock: () => new Date('2025-02-10T12:00:00Z'),
};

describe('test vectors (spec §10)', () => {
  it('reads the public UNICEF amounts as minor units and the rate as text', () => {
    const decoded = decodeTransferReply(
      {
        payment_details: { exchange_rate: '0.7856', fix_on_send: 'N' },
        financials: {
          originators_principal_amount: '254455',
          destination_principal_amount: '199900',
          charges: '3000',
          gross_total_amount: '257455',
        },
        mtcn: '0352466394',
        new_mtcn: '2324380352466394',
      },
      { sendCurrency: 'USD', receiveCurrency: 'EUR', config, fallbackReference: 'WB1' },
    );
    expect(decoded.sendAmount).toEqual({ amount: 254_455, currency: 'USD' });
    expect(decoded.receiveAmount).toEqual({ amount: 199_900, currency: 'EUR' });
    expect(decoded.fees.charges).toBe(3_000);
    expect(decoded.grossTotal.amount).toBe(257_455);
    expect(decoded.exchangeRate).toBe('0.7856');
    expect(typeof decoded.exchangeRate).toBe('string');
    expect(decoded.rateFixedOnSend).toBe(false);
    // Both MTCNs are kept as sent (the leading zero included); neither is derived from the other.
    expect(decoded.mtcn).toBe('0352466394');
    expect(decoded.newMtcn).toBe('2324380352466394');
  });

  it('keeps a new_mtcn that does not embed the mtcn: it is never derived', () => {
    const decoded = decodeTransferReply(
      { mtcn: '0352466394', new_mtcn: '9999999999999999', financials: {} },
      { sendCurrency: 'USD', receiveCurrency: 'PHP', config, fallbackReference: 'WB1' },
    );
    expect(decoded.newMtcn).toBe('9999999999999999');
  });

  it('KRW 10000 ⇄ wire 1000000 under the default scale; overrides change it', () => {
    expect(toWireAmount(10_000, 'KRW', {}, 'amount.send')).toBe('1000000');
    expect(fromWireAmount('1000000', 'KRW', {}, 'x')).toBe(10_000);
    expect(toWireAmount(20_000, 'USD', {}, 'amount.send')).toBe('20000');
    expect(toWireAmount(10_000, 'KRW', { KRW: 1 }, 'amount.send')).toBe('10000');
    // A three-decimal currency whose minor units do not fit 2 wire decimals is refused.
    expect(() => toWireAmount(1_005, 'KWD', {}, 'amount.send')).toThrow(/amount\.send/);
    expect(() => fromWireAmount('12.5', 'USD', {}, 'charges')).toThrow(/charges/);
  });

  it('parses the NymCard template row', () => {
    const template = parseDeliveryOptionTemplate([
      { T_INDEX: '000', DESCRIPTION: 'header;;' },
      {
        T_INDEX: '001',
        DESCRIPTION:
          'receiver.bank_account.account_holder;Account Name; 35; 1563; Account Name required; 0; UPRSTRING; NL; 35;',
      },
    ]);
    expect(template.fields).toHaveLength(1);
    expect(template.fields[0]).toMatchObject({
      xpath: 'receiver.bank_account.account_holder',
      maxLength: 35,
      fieldId: '1563',
      required: true,
      inputType: 'UPRSTRING',
      label: 'Account Name',
      requiredMessage: 'Account Name required',
    });
  });

  it('reads filing dates and times (spec §4.7)', () => {
    const now = new Date('2025-02-10T12:00:00Z');
    expect(parseFilingDateTime('02-01', '0135P EDT', now)?.toISOString()).toBe('2025-02-01T17:35:00.000Z');
    expect(parseFilingDateTime('08-31-23', '1200A PST', now)?.toISOString()).toBe('2023-08-31T08:00:00.000Z');
    expect(parseFilingDateTime('12/18/24', '04:41:18', now)?.toISOString()).toBe('2024-12-18T09:41:18.000Z');
    expect(parseFilingDateTime('07-04-24', '04:41:18', now)?.toISOString()).toBe('2024-07-04T08:41:18.000Z');
    // Without a year, a date after today is last year's.
    expect(parseFilingDateTime('12-31', '0100P EST', now)?.getUTCFullYear()).toBe(2024);
    expect(parseFilingDateTime('13-01', '0100P EST', now)).toBeUndefined();
    expect(parseFilingDateTime('02-01', '0100P UTC', now)).toBeUndefined();
    expect(parseFilingDateTime('02-01', undefined, now)).toBeUndefined();
  });
});

describe('properties', () => {
  it('wire amounts round-trip for every whole minor amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom('USD', 'EUR', 'PHP', 'KRW', 'JPY'),
        (minor, currency) => {
          const wire = toWireAmount(minor, currency, {}, 'amount');
          expect(/^\d+$/.test(wire)).toBe(true);
          expect(fromWireAmount(wire, currency, {}, 'amount')).toBe(minor);
        },
      ),
    );
  });

  it('parseWesternUnionFault never throws and reads any A1234 code', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseWesternUnionFault(text);
        expect(typeof parsed.vendorCode).toBe('string');
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('E', 'T', 'U', 'R', 'M'),
        fc.integer({ min: 0, max: 9999 }),
        fc.stringMatching(/^[A-Z ]{0,30}$/),
        (letter, number, message) => {
          const code = `${letter}${String(number).padStart(4, '0')}`;
          const parsed = parseWesternUnionFault(
            `<xrsi:error-reply><error>${code} ${message}</error></xrsi:error-reply>`,
          );
          expect(parsed.vendorCode).toBe(code);
          expect(parsed.vendorMessage).toBe(message.trim());
        },
      ),
    );
  });

  it('template validation accepts values within the rules and names every violation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.stringMatching(/^\d{1,60}$/), (maxLength, digits) => {
        const template = parseDeliveryOptionTemplate([
          {
            T_INDEX: '001',
            DESCRIPTION: `receiver.account;Account; ${maxLength}; 1; Required; 0; DIGIT; NL; ${maxLength};`,
          },
        ]);
        const issues = validateTemplateFields(template, { 'receiver.account': digits });
        if (digits.length > maxLength)
          expect(issues).toEqual([{ xpath: 'receiver.account', problem: 'too_long' }]);
        else expect(issues).toEqual([]);
        expect(validateTemplateFields(template, {})).toEqual([
          { xpath: 'receiver.account', problem: 'missing' },
        ]);
        expect(validateTemplateFields(template, { 'receiver.account': 'x' })).toEqual([
          { xpath: 'receiver.account', problem: 'not_digits' },
        ]);
      }),
    );
  });

  it('a commit token round-trips and carries its reference and MTCNs', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        fc.stringMatching(/^\d{10}$/),
        (reference, mtcn) => {
          const token = encodeCommitToken({
            v: 1,
            env: 'uat',
            request: { foreign_remote_system: { reference_no: reference } },
            echo: { mtcn, new_mtcn: `25032${mtcn}0` },
          });
          expect(commitTokenIdentity(decodeCommitToken(token, 'uat'))).toEqual({
            reference,
            mtcn,
            newMtcn: `25032${mtcn}0`,
          });
          expect(() => decodeCommitToken(token, 'prd')).toThrow(/commitToken/);
        },
      ),
    );
  });

  it('the NIS ack echoes any text escaped, drops the 4 tags and ends with ack_message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const ack = String(
          buildNotificationAck({
            partner: { id: text },
            message_text: text,
            reason_code: 'AGE',
            notification_type: 'BIS006',
          }).body,
        );
        expect(ack).not.toContain('<message_text>');
        expect(ack).not.toContain('<reason_code>');
        expect(ack).toMatch(
          /<notification_type>BIS006<\/notification_type><ack_message>Acknowledged<\/ack_message><\/xrsi:nis-notification-reply>/,
        );
        const idMatch = /<partner><id>([^<]*)<\/id><\/partner>/.exec(ack);
        expect(idMatch).not.toBeNull();
      }),
    );
  });
});
