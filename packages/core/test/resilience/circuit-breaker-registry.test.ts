import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircuitOpenError, TransportError, VendorError } from '../../src/index.js';
import { CircuitBreakerRegistry } from '../../src/resilience/index.js';

const fail = () => Promise.reject(new TransportError({ message: 'refused' }));
const succeed = () => Promise.resolve('ok');

describe('CircuitBreakerRegistry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens after consecutive failures, fails fast, half-opens and closes on success', async () => {
    const registry = new CircuitBreakerRegistry({ failureThreshold: 3, halfOpenAfterMs: 10_000 });
    for (let index = 0; index < 3; index++)
      await expect(registry.execute('kicc', fail)).rejects.toThrow('refused');
    expect(registry.state('kicc')).toBe('open');

    let called = false;
    const rejection = await registry
      .execute('kicc', async () => {
        called = true;
        return 'sent';
      })
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(CircuitOpenError);
    expect((rejection as CircuitOpenError).circuit).toBe('kicc');
    expect(called).toBe(false);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(registry.state('kicc')).toBe('half_open');
    await expect(registry.execute('kicc', succeed)).resolves.toBe('ok');
    expect(registry.state('kicc')).toBe('closed');
  });

  it('a failed trial call in half-open opens the circuit again', async () => {
    const registry = new CircuitBreakerRegistry({ failureThreshold: 1, halfOpenAfterMs: 1_000 });
    await expect(registry.execute('bank-081', fail)).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(registry.execute('bank-081', fail)).rejects.toThrow('refused');
    expect(registry.state('bank-081')).toBe('open');
  });

  it('does not count a declined payment against the vendor', async () => {
    const registry = new CircuitBreakerRegistry({ failureThreshold: 2 });
    const decline = () => Promise.reject(new VendorError({ category: 'declined', vendorCode: '51' }));
    for (let index = 0; index < 5; index++) await expect(registry.execute('kicc', decline)).rejects.toThrow();
    expect(registry.state('kicc')).toBe('closed');
  });

  it('isolate(name) holds one circuit open and reset(name) closes it; others are untouched', async () => {
    const registry = new CircuitBreakerRegistry();
    await registry.execute('coocon:jeonbuk', succeed);
    await registry.execute('coocon:shinhan', succeed);
    registry.isolate('coocon:jeonbuk');
    await expect(registry.execute('coocon:jeonbuk', succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000); // isolation does not time out into half-open
    await expect(registry.execute('coocon:jeonbuk', succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(registry.execute('coocon:shinhan', succeed)).resolves.toBe('ok');
    expect(registry.list()).toEqual([
      { name: 'coocon:jeonbuk', state: 'isolated' },
      { name: 'coocon:shinhan', state: 'closed' },
    ]);
    registry.reset('coocon:jeonbuk');
    await expect(registry.execute('coocon:jeonbuk', succeed)).resolves.toBe('ok');
    expect(registry.state('coocon:jeonbuk')).toBe('closed');
  });

  it('reset forgets the failure count of an open circuit', async () => {
    const registry = new CircuitBreakerRegistry({ failureThreshold: 2, halfOpenAfterMs: 60_000 });
    await expect(registry.execute('kicc', fail)).rejects.toThrow();
    await expect(registry.execute('kicc', fail)).rejects.toThrow();
    expect(registry.state('kicc')).toBe('open');
    registry.reset('kicc');
    await expect(registry.execute('kicc', fail)).rejects.toThrow('refused');
    expect(registry.state('kicc')).toBe('closed'); // one failure after reset is below the threshold
  });
});
