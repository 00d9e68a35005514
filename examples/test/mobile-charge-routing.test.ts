import { describe, expect, it } from 'vitest';
import { mobileChargeRoutingDemo } from '../src/routing/mobile-charge-routing-demo.js';

describe('mobile-charge routing tour (Billgate and Ventaja simulators)', () => {
  it('moves traffic off a degraded Billgate and back after the window', async () => {
    const report = await mobileChargeRoutingDemo(() => undefined);
    const [healthy, degraded, recovered] = report.phases;
    expect(healthy?.servedBy).toEqual(['billgate', 'billgate', 'billgate', 'billgate']);
    // The failed Billgate attempt failed over within the same charge, then Ventaja is preferred.
    expect(degraded?.servedBy).toEqual(['ventaja', 'ventaja', 'ventaja', 'ventaja']);
    expect(degraded?.stats.find((standing) => standing.provider === 'billgate')).toMatchObject({
      successes: 4,
      total: 5,
    });
    expect(recovered?.servedBy).toEqual(['billgate', 'billgate', 'billgate']);
    expect(recovered?.stats.find((standing) => standing.provider === 'billgate')).toMatchObject({ total: 3 });
  });
});
