import { describe, expect, it } from 'vitest';
import { westernUnionDemo } from '../src/western-union/western-union-demo.js';

describe('western-union demo', () => {
  it('tours quote, send, a lost store reply resolved once, a refused input, cancel, template, a fault and heartbeat', async () => {
    const lines: string[] = [];
    await westernUnionDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toMatch(
      /1\. quote WBDEMO0001: MTCN \d{10}, 200\.00 USD → 11224\.00 PHP at 56\.1200, fee 8\.00 USD/,
    );
    expect(text).toMatch(/2\. sent MTCN \d{10} \(new MTCN \d{16}\), status available/);
    expect(text).toMatch(
      /3\. store reply lost after commit → resolved by status; stores at WU for MTCN \d{10}: 1/,
    );
    expect(text).toMatch(/4\. bad input refused before sending: VALIDATION .*reference.*walletProviderCode/);
    expect(text).toMatch(/5\. cancel MTCN \d{10}: cancelled/);
    expect(text).toContain(
      '6. wallet template requires: wallet_details.service_provider_code, receiver.mobile_phone.phone_number.country_code, receiver.reason_for_sending',
    );
    expect(text).toContain('7. SOAP fault T0440: invalid_request, retryable false');
    expect(text).toContain('8. heartbeat ok: true');
    // Names and phone numbers of the people never appear.
    expect(text).not.toMatch(/MINJI|CRUZ|2135550100/);
  });
});
