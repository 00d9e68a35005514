import { describe, expect, it } from 'vitest';
import { kiccDemo } from '../src/kicc/kicc-demo.js';

describe('KICC demo section', () => {
  it('issues, takes a duplicated deposit webhook once, resolves a lost reply, and bulk-deactivates without double cancels', async () => {
    const lines: string[] = [];
    await kiccDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(lines[1]).toMatch(
      /^1\. issued VA .+ \d{4}\*\*\*\*\d{4} for 1500000 KRW \(msgAuthValue verified\)$/,
    );
    expect(text).toMatch(
      /2\. deposit webhook delivered [2-9] times, handled 1 time\(s\): virtual_account\.deposited/,
    );
    expect(text).toContain('(confirmed_by_inquiry); VAs for that order: 1');
    expect(text).toMatch(/4\. cancelling the deposited VA is refused: .*invalid_request \(R203\)/);
    expect(text).toMatch(/5\. bulk deactivation of 40 VAs: 40 deactivated, peak [1-4] in flight \(bound 4\)/);
    expect(text).toContain('6. same-day rerun: 40 reported deactivated, cancels executed in total: 40');
    // No full account number is printed.
    expect(text).not.toMatch(/\d{10,}/);
  });
});
