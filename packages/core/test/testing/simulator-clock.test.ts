import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { createSimulatorClock } from '../../src/testing/index.js';

describe('simulator clock', () => {
  it('follows its base clock, moved by advance() and set()', () => {
    let base = Date.UTC(2025, 0, 1, 14, 0, 0);
    const clock = createSimulatorClock({ now: () => base });
    expect(clock.now().toISOString()).toBe('2025-01-01T14:00:00.000Z');

    base += 1_000;
    expect(clock.epochMs()).toBe(Date.UTC(2025, 0, 1, 14, 0, 1));

    clock.advance(10 * 60 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2025-01-02T00:00:01.000Z');

    clock.set(new Date('2025-06-30T08:59:59.000Z'));
    base += 500;
    expect(clock.now().toISOString()).toBe('2025-06-30T08:59:59.500Z');
  });

  it('starts where told', () => {
    const clock = createSimulatorClock({ now: () => 0, start: Date.UTC(2030, 11, 31) });
    expect(clock.now().toISOString()).toBe('2030-12-31T00:00:00.000Z');
  });

  it('refuses a non-finite advance or an invalid date with a ValidationError', () => {
    const clock = createSimulatorClock();
    expect(() => clock.advance(Number.NaN)).toThrow(ValidationError);
    expect(() => clock.set(new Date('not a date'))).toThrow(ValidationError);
    expect(() => createSimulatorClock({ start: Number.POSITIVE_INFINITY })).toThrow(ValidationError);
  });
});
