import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

describe('pnpm demo', () => {
  it('tours the pipeline: a transfer, a refused input, and a lost reply resolved without a second transfer', async () => {
    const lines: string[] = [];
    const report = await runDemo((line) => lines.push(line));
    expect(report.firstTransferId).toMatch(/^T\d{8}$/);
    expect(report.validationFields).toEqual(['amount', 'currency']);
    expect(report.resolvedTransferId).not.toBe(report.firstTransferId);
    // The lost-reply transfer reached the ledger exactly once: resolved by inquiry, not re-sent.
    expect(report.ledgerSubmissions).toEqual([1, 1]);
    const outcomes = report.events.map((event) => `${event.operation}:${event.outcome}`);
    expect(outcomes).toContain('ledger.transfers.get:success');
    // The attempt whose reply was lost says so: its success came from resolution, not from a reply.
    const resolvedAttempts = report.events.filter((event) => event.resolved);
    expect(resolvedAttempts.map((event) => `${event.operation}:${event.outcome}`)).toEqual([
      'ledger.transfers.create:success',
    ]);
    expect(lines.join('\n')).toContain('resolved by status inquiry');
  });
});
