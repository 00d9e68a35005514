import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/observability/index.js';
import { redactSoapExchange, redactSoapText } from '../../src/soap/index.js';

// Obviously fake values; 4111 1111 1111 1111 is the well-known Visa test number.
const request =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x:send xmlns:x="urn:x">' +
  '<sender><name name_type="D"><first_name>TESTFIRST</first_name><last_name>TESTLAST</last_name></name>' +
  '<id_number>ID-TEST-123</id_number></sender><card>4111111111111111</card><Password>test-only-password</Password>' +
  '<amount>5000</amount></x:send></soap:Body></soap:Envelope>';

describe('redactSoapText', () => {
  it('blanks the listed elements whole, nested content included, keeping their tags and attributes', () => {
    const redacted = redactSoapText(request, { elements: ['name', 'id_number'] });
    expect(redacted).toContain(`<name name_type="D">${REDACTED}</name>`);
    expect(redacted).toContain(`<id_number>${REDACTED}</id_number>`);
    expect(redacted).not.toContain('TESTFIRST');
    expect(redacted).not.toContain('TESTLAST');
    expect(redacted).not.toContain('ID-TEST-123');
    expect(redacted).toContain('<amount>5000</amount>');
  });

  it("applies core's text redaction too: card numbers and secret-named elements", () => {
    const redacted = redactSoapText(request);
    expect(redacted).not.toContain('4111111111111111');
    expect(redacted).toContain('411111');
    expect(redacted).not.toContain('test-only-password');
    // Nothing listed: personal data stays (the vendor must list its elements).
    expect(redacted).toContain('TESTFIRST');
  });

  it('redacts both texts of an exchange and keeps the status', () => {
    const exchange = { rawRequest: request, rawResponse: request, status: 200, kind: 'result' as const };
    const redacted = redactSoapExchange(exchange, { elements: ['sender'] });
    expect(redacted.status).toBe(200);
    expect(redacted.kind).toBe('result');
    expect(redacted.rawRequest).not.toContain('TESTFIRST');
    expect(redacted.rawResponse).not.toContain('TESTFIRST');
  });
});
