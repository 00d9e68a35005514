import { ProtocolError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import {
  decodeVentajaReply,
  encodeVentajaRequest,
  readBalance,
  readBillRecord,
  readTopupRecord,
  VENTAJA_ENDPOINTS,
} from '../../src/wire/ventaja-codec.js';

const response = (body: string, status = 200) => ({ status, headers: {}, body: Buffer.from(body, 'utf8') });
const credentials = { outletId: '100000000001', uid: 'api', password: 'codec-password' };

describe('response envelope (spec §4.2)', () => {
  it('reads a numeric or numeric-string responseCode and keeps unknown keys in raw', () => {
    expect(
      decodeVentajaReply(response('{"responseCode":100,"data":{"a":1},"extra":true}'), 'op'),
    ).toMatchObject({
      code: '100',
      data: { a: 1 },
      raw: { extra: true },
    });
    expect(decodeVentajaReply(response('{"responseCode":"124"}'), 'op').code).toBe('124');
  });

  it('takes the first of message / responseMessage / description as the vendor message', () => {
    expect(
      decodeVentajaReply(response('{"responseCode":129,"description":"d","responseMessage":"r"}'), 'op')
        .message,
    ).toBe('r');
    expect(decodeVentajaReply(response('{"responseCode":129,"description":"d"}'), 'op').message).toBe('d');
  });

  it('refuses non-JSON, a missing responseCode, a non-object body and a non-200 status with ProtocolError', () => {
    for (const bad of [
      response('<html>'),
      response('{"data":{}}'),
      response('[1]'),
      response('{"responseCode":"x1"}'),
      response('{"responseCode":100}', 502),
    ]) {
      expect(() => decodeVentajaReply(bad, 'op')).toThrow(ProtocolError);
    }
  });
});

describe('request envelopes (spec §4.1, §2)', () => {
  it('unified: {id,uid,pwd,data}; v4: code and countryCode; v4 balance: code 100 to /process with data null', () => {
    const unified = encodeVentajaRequest(
      VENTAJA_ENDPOINTS.inquiry,
      { agentRefNo: 'WB1' },
      credentials,
      'unified',
    );
    expect(unified.body.toString()).toBe(
      '{"id":"100000000001","uid":"api","pwd":"codec-password","data":{"agentRefNo":"WB1"}}',
    );
    const v4 = encodeVentajaRequest(VENTAJA_ENDPOINTS.inquiry, { agentRefNo: 'WB1' }, credentials, 'v4');
    expect(v4.body.toString()).toBe(
      '{"id":"100000000001","uid":"api","pwd":"codec-password","code":107,"countryCode":"PH","data":{"agentRefNo":"WB1"}}',
    );
    const balance = encodeVentajaRequest(VENTAJA_ENDPOINTS.billsBalance, {}, credentials, 'v4');
    expect(balance.path).toBe('/process');
    expect(balance.body.toString()).toContain('"code":100,"countryCode":"PH","data":null}');
    const eload = encodeVentajaRequest(VENTAJA_ENDPOINTS.eloadBalance, {}, credentials, 'v4');
    expect(eload.body.toString()).toBe('{"id":"100000000001","uid":"api","pwd":"codec-password","data":{}}');
  });
});

describe('Modelled data shapes (spec §4.3)', () => {
  it('reads dateEntry as Manila time and status in lower case', () => {
    const record = readBillRecord(
      {
        transactionNumber: 'PRT-13202502-000017',
        referenceNumber: 'BP-202502000017',
        dateEntry: '2025-02-01T10:15:42',
        status: 'REJECTED',
        remarks: 'biller rejected',
      },
      'op',
    );
    expect(record.enteredAt.toISOString()).toBe('2025-02-01T02:15:42.000Z');
    expect(record).toMatchObject({ status: 'rejected', remarks: 'biller rejected' });
  });

  it('refuses a record without its numbers or with an offset date', () => {
    expect(() => readBillRecord({ referenceNumber: 'x', dateEntry: '2025-02-01T10:15:42' }, 'op')).toThrow(
      ProtocolError,
    );
    expect(() =>
      readBillRecord(
        { transactionNumber: 't', referenceNumber: 'r', dateEntry: '2025-02-01T10:15:42Z' },
        'op',
      ),
    ).toThrow(ProtocolError);
  });

  it('reads the balance, falling back to the first numeric key matching /balance/i', () => {
    expect(readBalance({ balance: 1000.5, currencyCode: 'PHP' }, 'op')).toBe(100_050);
    expect(readBalance({ outletName: 'x', availableBalance: '250.75' }, 'op')).toBe(25_075);
    expect(() => readBalance({ credit: 5 }, 'op')).toThrow(ProtocolError);
    expect(() => readBalance({ balance: 1.005 }, 'op')).toThrow(ProtocolError);
  });

  it('maps top-up statuses', () => {
    expect(
      readTopupRecord(
        { status: 'SUCCESS', transactionNumber: 'LT-1', dateEntry: '2025-02-01T10:16:03' },
        'op',
      ),
    ).toMatchObject({ status: 'succeeded', transactionNumber: 'LT-1' });
    expect(readTopupRecord({ status: 'PENDING' }, 'op').status).toBe('pending');
    expect(readTopupRecord({ status: 'FAILED' }, 'op').status).toBe('failed');
    expect(() => readTopupRecord({ status: 'DONE' }, 'op')).toThrow(ProtocolError);
  });
});
