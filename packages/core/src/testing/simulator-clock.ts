import { ValidationError } from '../errors/index.js';

/** Options of {@link createSimulatorClock}. */
export interface SimulatorClockOptions {
  /** The clock time flows from, in milliseconds since the epoch. @default Date.now */
  now?: () => number;
  /** Where the simulated time starts. @default the base clock's current time */
  start?: Date | number;
}

/**
 * The clock of a simulator: its base clock plus an offset the test moves. Vendor rules that depend on the
 * date (a same-day duplicate check, a cut-off hour, a certificate's validity, an expiry) read this clock, so
 * a test crosses midnight with `advance()` instead of waiting (specs: "a clock option plus state.advance(ms)").
 */
export interface SimulatorClock {
  /** The simulated time. */
  now(): Date;
  /** The simulated time in milliseconds since the epoch. */
  epochMs(): number;
  /**
   * Moves the simulated time forward (or back, with a negative value).
   * @throws ValidationError when `ms` is not a finite number.
   */
  advance(ms: number): void;
  /**
   * Jumps to a given time; time keeps flowing from there.
   * @throws ValidationError when `at` is not a valid date.
   */
  set(at: Date | number): void;
}

/**
 * Creates a simulator clock. With fake timers installed, `Date.now` is faked too and the clock follows them.
 * @throws ValidationError when `start` is not a valid date.
 */
export function createSimulatorClock(options: SimulatorClockOptions = {}): SimulatorClock {
  const base = options.now ?? Date.now;
  let offset = 0;
  const set = (at: Date | number, field: string) => {
    const target = at instanceof Date ? at.getTime() : at;
    if (typeof target !== 'number' || !Number.isFinite(target)) throw invalid(field, 'must be a valid date');
    offset = target - base();
  };
  if (options.start !== undefined) set(options.start, 'start');
  return {
    now: () => new Date(base() + offset),
    epochMs: () => base() + offset,
    advance(ms) {
      if (typeof ms !== 'number' || !Number.isFinite(ms)) throw invalid('ms', 'must be a finite number');
      offset += ms;
    },
    set: (at) => set(at, 'at'),
  };
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `Invalid simulator clock ${path}`,
    issues: [{ path, message, code: 'invalid_value' }],
  });
}
