import { ConfigError, isWirebridgeError, ProtocolError } from '@wirebridge/core';
import type { BinEntry, BinFormat, BinSource } from './bin-types.js';
import { loadUnionPayBinTable } from './load-bin-table.js';
import type { UnionPayBinTable } from './unionpay-bin-table.js';

/** Result of {@link RefreshableBinTable.refresh}. */
export type BinRefreshResult =
  | { ok: true; changed: boolean; version: string; size: number }
  | { ok: false; error: Error };

/**
 * A BIN table refreshed from its source (spec §8.7): load → parse → validate (`minEntries`, `maxShrinkRatio`)
 * → swap one reference. Readers see the old or the new table, never a mix; a failed refresh keeps the old one.
 */
export class RefreshableBinTable {
  #current: UnionPayBinTable | undefined;
  #inFlight: Promise<BinRefreshResult> | undefined;
  readonly #options: {
    source: BinSource;
    format: BinFormat;
    minEntries: number;
    maxShrinkRatio: number;
  };

  constructor(options: {
    source: BinSource;
    format: BinFormat;
    /** Fewest entries a new table may have. @default 1000 */
    minEntries?: number;
    /** Largest shrink vs the current table, as a fraction. @default 0.5 */
    maxShrinkRatio?: number;
    initial?: UnionPayBinTable;
  }) {
    this.#options = {
      source: options.source,
      format: options.format,
      minEntries: options.minEntries ?? 1_000,
      maxShrinkRatio: options.maxShrinkRatio ?? 0.5,
    };
    this.#current = options.initial;
  }

  /** The table in use. @throws ConfigError before the first successful refresh without `initial`. */
  current(): UnionPayBinTable {
    if (this.#current === undefined)
      throw new ConfigError({ message: 'BIN table not loaded yet: call refresh()' });
    return this.#current;
  }

  /** Longest-prefix lookup in the current table (`undefined` before the first load). */
  lookup(pan: string): BinEntry | undefined {
    return this.#current?.lookup(pan);
  }

  /** Loads, validates and swaps; concurrent calls share one in-flight refresh. Never throws. */
  refresh(): Promise<BinRefreshResult> {
    this.#inFlight ??= this.#refreshOnce().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Refreshes every `intervalMs` (timer `unref()`'d); returns `stop()`. */
  startSchedule(intervalMs: number, onResult?: (result: BinRefreshResult) => void): () => void {
    const timer = setInterval(() => {
      void this.refresh().then((result) => onResult?.(result));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #refreshOnce(): Promise<BinRefreshResult> {
    try {
      const table = await loadUnionPayBinTable(this.#options.source, this.#options.format);
      const current = this.#current;
      if (current !== undefined && current.version === table.version) {
        return { ok: true, changed: false, version: table.version, size: table.size };
      }
      if (table.size < this.#options.minEntries) {
        throw new ProtocolError({
          message: `new BIN table has ${table.size} entries, fewer than minEntries ${this.#options.minEntries}`,
          vendor: 'unionpay',
        });
      }
      if (current !== undefined && table.size < current.size * (1 - this.#options.maxShrinkRatio)) {
        throw new ProtocolError({
          message: `new BIN table would shrink from ${current.size} to ${table.size} entries, beyond maxShrinkRatio ${this.#options.maxShrinkRatio}`,
          vendor: 'unionpay',
        });
      }
      this.#current = table; // the single swap
      return { ok: true, changed: true, version: table.version, size: table.size };
    } catch (error) {
      return {
        ok: false,
        error: isWirebridgeError(error) || error instanceof Error ? error : new Error('BIN refresh failed'),
      };
    }
  }
}
