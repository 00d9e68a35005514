import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  SignatureError,
  TransportError,
  ValidationError,
  VendorError,
} from '../../src/index.js';
import { executeWithRetry, fullJitterDelay } from '../../src/resilience/index.js';

describe('fullJitterDelay', () => {
  it('draws from [0, min(cap, base × 2^(retry−1)))', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    // random() → just under 1 gives the top of each window; → 0 gives 0.
    const top = (retry: number) => fullJitterDelay(retry, { ...options, random: () => 0.999_999 });
    expect([1, 2, 3, 4, 5].map(top)).toEqual([99, 199, 399, 799, 999]);
    expect(fullJitterDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(fullJitterDelay(40, { ...options, random: () => 0.5 })).toBe(500);
  });
});

describe('executeWithRetry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries a retryable error after a jittered delay, and stops on success', async () => {
    const attempts: number[] = [];
    const delays: number[] = [];
    const promise = executeWithRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new TransportError({ message: 'refused' });
        return 'ok';
      },
      { baseDelayMs: 100, random: () => 0.5, onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    await vi.advanceTimersByTimeAsync(49);
    expect(attempts).toEqual([1]); // the first retry waits 50 ms (0.5 × 100)
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(100); // second retry: 0.5 × 200
    await expect(promise).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
    expect(delays).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const promise = executeWithRetry(
      async () => {
        calls++;
        throw new TransportError({ message: `refused ${calls}` });
      },
      { maxAttempts: 3, random: () => 0 },
    );
    const assertion = expect(promise).rejects.toThrow('refused 3');
    await vi.runAllTimersAsync();
    await assertion;
    expect(calls).toBe(3);
  });

  it.each([
    ['a ValidationError', () => new ValidationError({ message: 'bad', issues: [] })],
    ['a SignatureError', () => new SignatureError({ message: 'bad MAC' })],
    ['a non-retryable VendorError', () => new VendorError({ category: 'declined', vendorCode: '51' })],
    ['a plain Error (a bug)', () => new Error('bug')],
  ])('never retries %s', async (_label, makeError) => {
    let calls = 0;
    await expect(
      executeWithRetry(async () => {
        calls++;
        throw makeError();
      }),
    ).rejects.toBeDefined();
    expect(calls).toBe(1);
  });

  it('stops waiting at once when the signal aborts during a backoff', async () => {
    const controller = new AbortController();
    let calls = 0;
    const promise = executeWithRetry(
      async () => {
        calls++;
        throw new TransportError({ message: 'refused' });
      },
      { signal: controller.signal, baseDelayMs: 60_000, random: () => 0.9 },
    );
    const assertion = expect(promise).rejects.toBeInstanceOf(AbortedError);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await assertion;
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
