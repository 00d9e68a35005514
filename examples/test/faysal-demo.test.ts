import { describe, expect, it } from 'vitest';
import { faysalDemo } from '../src/faysal/faysal-demo.js';

describe('faysal demo', () => {
  it('tours title fetch, credit, a lost reply resolved without a second debit, a refused input and a return', async () => {
    const lines: string[] = [];
    await faysalDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toMatch(/1\. title fetch PK\d{2}\*+\d{4}: active, rail BOOK, id TF-/);
    expect(text).toMatch(/2\. credit WB-DEMO-0001: completed \(FBL\d+, rrn \d{12}\)/);
    expect(text).toContain('resolved by inquiry: completed');
    expect(text).toContain('bank debits for WB-DEMO-0002: 1');
    expect(text).toMatch(/4\. bad IBAN refused before sending: VALIDATION .*beneficiary\.account/);
    expect(text).toMatch(/5\. .*returned to the pool: completed \(5000 PKR\)/);
    // The full beneficiary IBAN is never printed.
    expect(text).not.toMatch(/PK\d{2}FAYS\d{16}/);
  });
});
