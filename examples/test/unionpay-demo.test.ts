import { describe, expect, it } from 'vitest';
import { unionpayDemo } from '../src/unionpay/unionpay-demo.js';

describe('UnionPay demo', () => {
  it('refunds, resolves a lost payout with one execution, refuses bad input and reads the settlement file', async () => {
    const lines: string[] = [];
    await unionpayDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toMatch(/^1\. paid 120\.00 CNY by front form, queryId \d{21}$/m);
    expect(text).toContain('2. refunded 20.00 CNY: succeeded');
    expect(text).toContain(
      '3. payout reply lost after execution: resolved by query as succeeded; executions at UnionPay: 1',
    );
    expect(text).toMatch(/4\. refused before sending: amount, pan, holder\.name; requests sent: 0$/m);
    expect(text).toMatch(/5\. settlement file: 3 transactions, 640\.00 CNY, 3 CSV rows/);
    // No full card number is printed.
    expect(text).not.toContain('6216261000000000018');
  });
});
