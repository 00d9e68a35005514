/** Received serials per transaction date (spec §7 serial store), for gap detection. */

/** Where a receiver records the serials it received; share one across receiver instances. */
export interface CooconSerialStore {
  /** Records that `serial` of `transactionDate` arrived (idempotent). */
  record(transactionDate: string, serial: number): Promise<void>;
  /** Every serial recorded for `transactionDate`, ascending. */
  list(transactionDate: string): Promise<number[]>;
}

/** An in-memory {@link CooconSerialStore} (one process; use a shared store for several receivers). */
export function createMemorySerialStore(): CooconSerialStore {
  const byDate = new Map<string, Set<number>>();
  return {
    async record(transactionDate, serial) {
      let serials = byDate.get(transactionDate);
      if (serials === undefined) {
        serials = new Set();
        byDate.set(transactionDate, serials);
      }
      serials.add(serial);
    },
    async list(transactionDate) {
      return [...(byDate.get(transactionDate) ?? [])].sort((a, b) => a - b);
    },
  };
}

/** Serials in 1..upTo (or 1..max received) that never arrived. @internal */
export function missingSerialsOf(received: readonly number[], upTo?: number): number[] {
  const seen = new Set(received);
  const last = Math.max(upTo ?? 0, ...received, 0);
  const missing: number[] = [];
  for (let serial = 1; serial <= last; serial += 1) if (!seen.has(serial)) missing.push(serial);
  return missing;
}
