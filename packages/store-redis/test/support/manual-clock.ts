/** A clock the test moves by hand (milliseconds since the epoch). */
export interface ManualClock {
  now(): number;
  advance(milliseconds: number): void;
  set(epochMs: number): void;
}

export function manualClock(start = Date.UTC(2024, 0, 1)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}
