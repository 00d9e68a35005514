import { describe, expect, it } from 'vitest';
import { createFixtureScrubber, IGNORED } from '../../src/testing/nock/index.js';

const testPan = '4111111111111111';

describe('fixture scrubber', () => {
  const scrubber = createFixtureScrubber({
    secretNames: ['merchantKey'],
    ignoredFields: ['txnTime', 'RequestTimestamp'],
    preserve: ['responseSignature'],
  });

  it('scrubs JSON bodies field by field: secrets, card and account numbers, ignored fields, free text', () => {
    expect(
      scrubber.scrubBody({
        password: 'test-password',
        merchantKey: 'test-merchant-key',
        nested: { accountNumber: '1234567890', items: [{ cvv: '123' }] },
        txnTime: '20250101120000',
        memo: `card ${testPan}`,
        responseSignature: 'kept-test-signature',
        amount: 100,
      }),
    ).toEqual({
      password: '[REDACTED]',
      merchantKey: '[REDACTED]',
      nested: { accountNumber: '******7890', items: [{ cvv: '[REDACTED]' }] },
      txnTime: IGNORED,
      memo: 'card 411111******1111',
      responseSignature: 'kept-test-signature',
      amount: 100,
    });
  });

  it('scrubs form bodies pair by pair and keeps them readable', () => {
    expect(scrubber.scrubBody('txnAmt=100&signature=abc%2Bdef&txnTime=20250101120000&merchantKey=k')).toBe(
      'txnAmt=100&signature=[REDACTED]&txnTime=[IGNORED]&merchantKey=[REDACTED]',
    );
  });

  it('scrubs XML and other text with core redaction, and blanks ignored elements', () => {
    const soap =
      '<Envelope><Body><Password>test-pass</Password><RequestTimestamp>2025-01-01T00:00:00</RequestTimestamp></Body></Envelope>';
    expect(scrubber.scrubBody(soap)).toBe(
      '<Envelope><Body><Password>[REDACTED]</Password><RequestTimestamp>[IGNORED]</RequestTimestamp></Body></Envelope>',
    );
  });

  it('scrubs secrets in query strings', () => {
    expect(scrubber.scrubPath('/pay?token=abc&id=7')).toBe('/pay?token=[REDACTED]&id=7');
    expect(scrubber.scrubPath('/cards/4111111111111111')).toBe('/cards/411111******1111');
  });

  it('scrubs headers by name: secrets redacted, ignored dropped, preserved kept', () => {
    expect(scrubber.scrubHeader('Authorization', 'Bearer test-token')).toBe('[REDACTED]');
    expect(scrubber.scrubHeader('x-api-key', 'test-key')).toBe('[REDACTED]');
    expect(scrubber.scrubHeader('RequestTimestamp', 'now')).toBeUndefined();
    expect(scrubber.scrubHeader('responseSignature', 'kept')).toBe('kept');
    expect(scrubber.scrubHeader('content-type', 'application/json')).toBe('application/json');
  });

  it('matches a live body against the scrubbed recording, and only when the data is the same', () => {
    const recorded = scrubber.scrubBody({ amount: 100, password: 'recorded-test-password', txnTime: '1' });
    expect(
      scrubber.bodyMatches({ amount: 100, password: 'other-test-password', txnTime: '2' }, recorded),
    ).toBe(true);
    expect(
      scrubber.bodyMatches({ amount: 101, password: 'other-test-password', txnTime: '2' }, recorded),
    ).toBe(false);
    expect(scrubber.bodyMatches({ amount: 100 }, recorded)).toBe(false);

    const recordedForm = scrubber.scrubBody('a=1&signature=x&txnTime=1&a=2');
    // nock passes a form body parsed (querystring shape) when the request says it is a form, as text otherwise.
    expect(scrubber.bodyMatches({ a: ['1', '2'], signature: 'y', txnTime: '9' }, recordedForm)).toBe(true);
    expect(scrubber.bodyMatches('a=1&signature=y&txnTime=9&a=2', recordedForm)).toBe(true);
    expect(scrubber.bodyMatches('a=1&signature=y&txnTime=9&a=3', recordedForm)).toBe(false);

    const recordedText = scrubber.scrubBody('<Amount>100</Amount><Password>p</Password>');
    expect(scrubber.bodyMatches('<Amount>100</Amount><Password>q</Password>', recordedText)).toBe(true);
    expect(scrubber.bodyMatches('<Amount>200</Amount><Password>q</Password>', recordedText)).toBe(false);
  });

  it('keeps preserved pairs of a name=value text body byte for byte, and redacts the rest', () => {
    // A signed gateway reply whose certificate value holds line breaks, so it is not a strict form.
    const reply =
      'certId=68759663125&signPubKeyCert=-----BEGIN CERTIFICATE-----\r\nMIIE\r\n-----END CERTIFICATE-----' +
      `&accNo=${testPan}&merId=777290058110048&responseSignature=c2lnbmF0dXJl+/==&password=test-password`;
    const scrubbed = String(scrubber.scrubBody(reply));
    expect(scrubbed).toContain('&responseSignature=c2lnbmF0dXJl+/==&');
    expect(scrubbed).toContain('-----BEGIN CERTIFICATE-----\r\nMIIE\r\n');
    expect(scrubbed).not.toContain(testPan);
    expect(scrubbed).not.toContain('test-password');
    // The same text is scrubbed identically on replay, so request comparison is stable.
    expect(scrubber.scrubBody(reply)).toBe(scrubbed);
  });
});
