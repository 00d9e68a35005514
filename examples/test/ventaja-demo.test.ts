import { describe, expect, it } from 'vitest';
import { ventajaDemo } from '../src/ventaja/ventaja-demo.js';

describe('Ventaja demo', () => {
  it('pays a bill, resolves a lost reply with one execution, refuses a cancel locally, and tops up', async () => {
    const lines: string[] = [];
    await ventajaDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toMatch(/1\. bill paid: PRT-13\d{6}-\d{6}/);
    expect(text).toContain('resolved by inquiry');
    expect(text).toMatch(/ledger executions for WB[0-9A-Z]{13}: 1$/m);
    expect(text).toContain('cancel of biller C15 refused locally (billerCode); requests sent: 0');
    expect(text).toMatch(/4\. e-load top-up succeeded: LT-13/);
    // 100,000.00 − 2 × 120.50 − 100.00
    expect(text).toContain('outlet credit now PHP 99659.00');
    expect(text).not.toContain('816218000');
  });
});
