import { describe, expect, it } from 'vitest';
import { billgateDemo } from '../src/billgate/billgate-demo.js';

describe('billgate demo', () => {
  it('charges, cancels part, reverses a lost approval and refuses a zero cancel', async () => {
    const lines: string[] = [];
    await billgateDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toMatch(/charged 10000 KRW, transaction TX\d{14}/);
    expect(text).toMatch(/partial cancel of 3000 KRW; the rest lives on as TX\d{14}/);
    expect(text).toContain('status: partially_cancelled, 3000 KRW cancelled');
    expect(text).toContain('nothing charged (compensated, 0920/02)');
    // approve, partial cancel, approve (lost), reverse: the lost approval executed once and was reversed.
    expect(text).toContain('simulator ledger: 4 movements, lost approval reversed');
    expect(text).toContain('refused before sending: amount');
  });
});
