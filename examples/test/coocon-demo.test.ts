import { describe, expect, it } from 'vitest';
import { cooconDemo } from '../src/coocon/coocon-demo.js';

describe('Coocon demo', () => {
  it('issues, resolves a lost reply with one allocation, dedupes a pushed deposit, recovers a gap, closes the day', async () => {
    const lines: string[] = [];
    await cooconDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toMatch(/1\. issued account \*{4}\d{4} for DEMO-VA-0001/);
    expect(text).toMatch(
      /2\. reply lost after the issue: resolved by inquiry \(\*{4}\d{4}\); allocations: 1$/m,
    );
    expect(text).toContain('3. deposit pushed twice: acked 2 times, stored 1 time');
    expect(text).toContain('4. serial 2 never arrived: 결번요구 sent, re-pushed and stored');
    expect(text).toContain("5. day closed; Coocon's totals match what we stored: true");
    // No full account number is printed.
    expect(text).not.toMatch(/903\d{11}/);
  });
});
