import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passesLuhn, redactText } from '../../src/observability/index.js';
import { AMEX_TEST_PAN, VISA_TEST_PAN, withCheckDigit, withWrongCheckDigit } from './support/card-numbers.js';

describe('redactText: card numbers', () => {
  it('masks a Luhn-valid card number written continuously, with spaces or with dashes', () => {
    expect(redactText(`charging ${VISA_TEST_PAN} now`)).toBe('charging 411111******1111 now');
    expect(redactText('card 4111 1111 1111 1111.')).toBe('card 4111 11** **** 1111.');
    expect(redactText('card=4111-1111-1111-1111&x=1')).toBe('card=4111-11**-****-1111&x=1');
    expect(redactText(`amex ${AMEX_TEST_PAN}`)).toBe('amex ***********0005');
  });

  it('leaves a 16-digit order id that fails the Luhn check alone', () => {
    const orderId = withWrongCheckDigit('202406151234567');
    expect(orderId).toHaveLength(16);
    expect(passesLuhn(orderId)).toBe(false);
    expect(redactText(`order ${orderId} paid`)).toBe(`order ${orderId} paid`);
  });

  it('leaves longer digit strings (20-digit transaction ids) and short numbers alone', () => {
    const transactionId = withCheckDigit('4111111111111111111'); // 20 digits, Luhn-valid on purpose
    expect(redactText(`txn ${transactionId}`)).toBe(`txn ${transactionId}`);
    expect(redactText('amount 1000000 KRW at 1718000000')).toBe('amount 1000000 KRW at 1718000000');
  });

  it('leaves zero-padded references alone even when they happen to pass the Luhn check', () => {
    const reference = withCheckDigit('000000123456789');
    expect(redactText(`ref ${reference}`)).toBe(`ref ${reference}`);
  });

  it('finds the card number inside a longer run of digit groups', () => {
    expect(redactText('2024-01-01 4111 1111 1111 1111')).toBe('2024-01-01 4111 11** **** 1111');
  });

  it('masks every random Luhn-valid card number embedded in text', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{11,17}$/),
        fc.constantFrom('', ' ', '-'),
        fc.stringMatching(/^[a-z ]{0,12}$/),
        (payload, separator, words) => {
          const pan = withCheckDigit(payload);
          const written = separator === '' ? pan : (pan.match(/.{1,4}/g) ?? []).join(separator);
          const output = redactText(`${words} ${written} ${words}`);
          expect(output).not.toContain(written);
          expect(output).toContain('*');
          // The last 4 digits are all that can remain of a 13–15 digit number.
          const visibleDigits = output.replace(/[^0-9]/g, '');
          expect(visibleDigits.length).toBeLessThanOrEqual(pan.length >= 16 ? 10 : 4);
        },
      ),
    );
  });
});

describe('redactText: secrets next to their names', () => {
  it('replaces values of secret-like names in query strings, form bodies and logfmt', () => {
    expect(redactText('signature=QmFzZTY0U2ln&certId=12345&amount=1000')).toBe(
      'signature=[REDACTED]&certId=12345&amount=1000',
    );
    expect(redactText('login user=alice password="hunter 2" ok')).toBe(
      'login user=alice password="[REDACTED]" ok',
    );
  });

  it('finds a secret parameter inside a URL logged under another name', () => {
    expect(redactText('url=https://api.example.test/v1?token=abc123&page=2')).toBe(
      'url=https://api.example.test/v1?token=[REDACTED]&page=2',
    );
  });

  it('replaces JSON values, also inside an escaped JSON string', () => {
    expect(redactText('{"cvv":"123","pin":1234,"amount":1000,"keyword":"x"}')).toBe(
      '{"cvv":"[REDACTED]","pin":"[REDACTED]","amount":1000,"keyword":"x"}',
    );
    expect(redactText('{"body":"{\\"password\\":\\"p@ss\\",\\"id\\":\\"7\\"}"}')).toBe(
      '{"body":"{\\"password\\":\\"[REDACTED]\\",\\"id\\":\\"7\\"}"}',
    );
  });

  it('replaces header values and inspected objects', () => {
    expect(redactText('Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln\nAccept: */*')).toBe(
      'Authorization: [REDACTED]\nAccept: */*',
    );
    expect(redactText("{ user: 'alice', apiKey: 'k-123', amount: 5 }")).toBe(
      "{ user: 'alice', apiKey: '[REDACTED]', amount: 5 }",
    );
    expect(redactText('retrying with Bearer abc.def.ghi')).toBe('retrying with Bearer [REDACTED]');
  });

  it('replaces XML element content and attributes', () => {
    const envelope =
      '<soap:Body><ns:Login><ns:UserId>u1</ns:UserId><ns:Password>s3cret</ns:Password></ns:Login>' +
      '<ds:SignatureValue>QUJD</ds:SignatureValue><auth pin="0000"/></soap:Body>';
    expect(redactText(envelope)).toBe(
      '<soap:Body><ns:Login><ns:UserId>u1</ns:UserId><ns:Password>[REDACTED]</ns:Password></ns:Login>' +
        '<ds:SignatureValue>[REDACTED]</ds:SignatureValue><auth pin="[REDACTED]"/></soap:Body>',
    );
  });

  it('removes private-key PEM blocks and URL passwords', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    expect(redactText(`loaded ${pem}`)).toBe(
      'loaded -----BEGIN PRIVATE KEY-----[REDACTED]-----END PRIVATE KEY-----',
    );
    expect(redactText('redis://app:pa55word@127.0.0.1:6379')).toBe('redis://app:[REDACTED]@127.0.0.1:6379');
  });

  it('leaves names that only look similar alone', () => {
    const text = 'keyword=refund&idempotencyKey=ord-1&macAddress=00:11&signatureAlgorithm=RSA-SHA256';
    expect(redactText(text)).toBe(text);
  });
});
