import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError, ValidationError } from '../../src/errors/index.js';
import {
  FORM_CONTENT_TYPE,
  formRequestBody,
  type HttpResponse,
  JSON_CONTENT_TYPE,
  jsonRequestBody,
  parseFormBody,
  parseJsonBody,
} from '../../src/http/index.js';

function responseOf(body: Buffer | string, status = 200): HttpResponse {
  return { status, headers: {}, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') };
}

describe('jsonRequestBody', () => {
  it('serializes once and labels the body as UTF-8 JSON', () => {
    expect(jsonRequestBody({ amount: 1000, memo: '한글 "q"' })).toEqual({
      body: '{"amount":1000,"memo":"한글 \\"q\\""}',
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
    });
  });

  it.each([
    ['undefined', undefined],
    ['a BigInt', { amount: 10n }],
    [
      'a cycle',
      (() => {
        const value: Record<string, unknown> = {};
        value.self = value;
        return value;
      })(),
    ],
  ])('refuses %s with a ValidationError on body', (_label, value) => {
    const error = (() => {
      try {
        jsonRequestBody(value);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('body');
  });
});

describe('parseJsonBody', () => {
  it('parses UTF-8 JSON, ignoring a byte-order mark', () => {
    expect(
      parseJsonBody(responseOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"한"}')]))),
    ).toEqual({ a: '한' });
  });

  it.each([
    ['a plain-text error page', responseOf('ACCT-12345', 502)],
    ['an empty body', responseOf('')],
    ['invalid UTF-8', responseOf(Buffer.from([0x7b, 0xff, 0x7d]))],
  ])('refuses %s with a ProtocolError that does not quote the body', (_label, response) => {
    const error = (() => {
      try {
        parseJsonBody(response);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    const protocolError = error as ProtocolError;
    expect(protocolError.details).toEqual({ status: response.status, reason: 'malformed_json' });
    expect(`${protocolError.message} ${String(protocolError.cause)}`).not.toContain('ACCT-12345');
  });
});

describe('formRequestBody and parseFormBody', () => {
  it('encodes fields in order with form encoding and the UTF-8 form content type', () => {
    expect(formRequestBody({ txnType: '01', memo: 'a b&c=d+e/한' })).toEqual({
      body: 'txnType=01&memo=a+b%26c%3Dd%2Be%2F%ED%95%9C',
      headers: { 'Content-Type': FORM_CONTENT_TYPE },
    });
    expect(FORM_CONTENT_TYPE).toBe('application/x-www-form-urlencoded; charset=UTF-8');
  });

  it('names every field whose value is not a string', () => {
    const error = (() => {
      try {
        formRequestBody({ a: 'ok', b: 1 as never, c: null as never });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['fields.b', 'fields.c']);
  });

  it('round-trips any fields through encode and decode', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme' })), (fields) => {
        expect(parseFormBody(formRequestBody(fields).body)).toEqual(fields);
      }),
    );
  });

  it('decodes + as space and refuses a repeated field', () => {
    expect(parseFormBody('respCode=00&respMsg=Success+OK&empty=')).toEqual({
      respCode: '00',
      respMsg: 'Success OK',
      empty: '',
    });
    expect(() => parseFormBody('respCode=00&respCode=99')).toThrow(ProtocolError);
  });

  it('keeps a field named __proto__ as data, not as the prototype', () => {
    const parsed = parseFormBody('__proto__=x&a=1');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
  });
});
