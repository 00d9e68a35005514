import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ProtocolError } from '../../src/errors/index.js';
import { createSoapEnvelopeParser, type SoapEnvelopeParser } from '../../src/soap/index.js';
import { ledgerWsdl, ledgerWsdlPath } from './support/ledger-server.js';

// An inbound push, the way a vendor's notification service sends one: header counters, then the message.
const inbound =
  '<NS1:Envelope xmlns:NS1="http://schemas.xmlsoap.org/soap/envelope/"><NS1:Header><nrt_retry_count>0</nrt_retry_count>' +
  '<nrt_attempt_count>1</nrt_attempt_count></NS1:Header><NS1:Body><NS2:transfer-request xmlns:NS2="urn:example:ledger">' +
  '<reference>REF-1</reference><from_account>TEST-ACCOUNT-A</from_account><to_account>TEST-ACCOUNT-B</to_account>' +
  '<amount>5000</amount><currency>USD</currency></NS2:transfer-request></NS1:Body></NS1:Envelope>';

let parser: SoapEnvelopeParser;

beforeAll(async () => {
  parser = await createSoapEnvelopeParser({ wsdlPath: ledgerWsdlPath, maxBytes: 4_096 });
});

function refusal(parse: () => unknown): ProtocolError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return error as ProtocolError;
  }
  return expect.fail('parse should have failed');
}

describe('createSoapEnvelopeParser', () => {
  it('parses the header and the body element, keeping the order the elements arrived in', () => {
    const parsed = parser.parse(Buffer.from(inbound), 'text/xml; charset=utf-8');
    expect(parsed.element).toBe('transfer-request');
    expect(parsed.header).toEqual({ nrt_retry_count: '0', nrt_attempt_count: '1' });
    expect(Object.keys(parsed.value as object)).toEqual([
      'reference',
      'from_account',
      'to_account',
      'amount',
      'currency',
    ]);
    expect(parsed.value).toMatchObject({ reference: 'REF-1', amount: '5000' });
  });

  it('accepts the WSDL as text too', async () => {
    const fromText = await createSoapEnvelopeParser({ wsdl: ledgerWsdl });
    expect(fromText.parse(inbound).element).toBe('transfer-request');
  });

  it('refuses a DOCTYPE before parsing, so its entity never appears', () => {
    const hostile = `<!DOCTYPE x [<!ENTITY marker "ENTITY-EXPANDED-MARKER">]>${inbound.replace('REF-1', '&marker;')}`;
    const error = refusal(() => parser.parse(hostile));
    expect(error.details).toEqual({ reason: 'doctype' });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('ENTITY-EXPANDED-MARKER');
  });

  it('refuses a body over maxBytes before decoding it', () => {
    const error = refusal(() => parser.parse(Buffer.alloc(4_097, 0x20)));
    expect(error.details).toEqual({ reason: 'too_large' });
  });

  it('refuses bytes that are not valid in the declared charset', () => {
    const error = refusal(() =>
      parser.parse(Buffer.from([0x3c, 0xff, 0xfe, 0x3e]), 'text/xml; charset=utf-8'),
    );
    expect(error.details).toEqual({ reason: 'invalid_encoding' });
  });

  it('refuses what is not a SOAP envelope, broken XML, a Fault and an empty Body', () => {
    expect(refusal(() => parser.parse('<html/>')).details).toEqual({ reason: 'not_soap' });
    expect(refusal(() => parser.parse(inbound.slice(0, -30))).details).toEqual({ reason: 'unparseable' });
    const fault = inbound.replace(
      /<NS1:Body>.*<\/NS1:Body>/,
      '<NS1:Body><NS1:Fault><faultcode>NS1:Client</faultcode><faultstring>x</faultstring></NS1:Fault></NS1:Body>',
    );
    expect(refusal(() => parser.parse(fault)).details).toEqual({ reason: 'fault' });
    const empty = inbound.replace(/<NS1:Body>.*<\/NS1:Body>/, '<NS1:Body></NS1:Body>');
    expect(refusal(() => parser.parse(empty)).details).toEqual({ reason: 'empty_body' });
  });

  it('refuses an element the WSDL does not declare', () => {
    const undeclared = inbound.replaceAll('transfer-request', 'unknown-request');
    expect(refusal(() => parser.parse(undeclared)).details).toEqual({ reason: 'unparseable' });
  });

  it('needs exactly one of wsdl and wsdlPath', async () => {
    await expect(createSoapEnvelopeParser({})).rejects.toBeInstanceOf(ConfigError);
    await expect(
      createSoapEnvelopeParser({ wsdl: ledgerWsdl, wsdlPath: ledgerWsdlPath }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
