import { ValidationError } from '@wirebridge/core';
import type { BinEntry } from './bin-types.js';

const MAX_PREFIX_LENGTH = 12;

/**
 * An immutable BIN table with longest-prefix lookup (spec §8.7): one `Map` per prefix length, probed from the
 * longest down, so a lookup costs at most 12 map reads.
 */
export class UnionPayBinTable {
  readonly size: number;
  readonly version: string;
  readonly loadedAt: Date;
  readonly #byLength: ReadonlyArray<ReadonlyMap<string, BinEntry> | undefined>;

  private constructor(byLength: Array<Map<string, BinEntry> | undefined>, size: number, version: string) {
    this.#byLength = byLength;
    this.size = size;
    this.version = version;
    this.loadedAt = new Date();
    Object.freeze(this);
  }

  /**
   * Builds a table. Duplicate prefixes are refused unless `onDuplicate: 'last-wins'`.
   * @throws ValidationError naming the bad entry (`entries.<n>.prefix`).
   */
  static fromEntries(
    entries: Iterable<BinEntry>,
    meta: { version?: string; source?: string; onDuplicate?: 'error' | 'last-wins' } = {},
  ): UnionPayBinTable {
    const byLength: Array<Map<string, BinEntry> | undefined> = [];
    let size = 0;
    let index = 0;
    for (const entry of entries) {
      if (!/^\d{1,12}$/.test(entry.prefix)) {
        throw new ValidationError({
          message: `BIN entry ${index}: prefix must be 1–12 digits`,
          issues: [
            { path: `entries.${index}.prefix`, code: 'invalid_format', message: 'must be 1–12 digits' },
          ],
        });
      }
      let map = byLength[entry.prefix.length];
      if (map === undefined) {
        map = new Map();
        byLength[entry.prefix.length] = map;
      }
      if (map.has(entry.prefix)) {
        if ((meta.onDuplicate ?? 'error') === 'error') {
          throw new ValidationError({
            message: `BIN entry ${index}: duplicate prefix`,
            issues: [{ path: `entries.${index}.prefix`, code: 'duplicate', message: 'prefix appears twice' }],
          });
        }
      } else size++;
      map.set(entry.prefix, Object.freeze({ ...entry }));
      index++;
    }
    return new UnionPayBinTable(byLength, size, meta.version ?? 'unversioned');
  }

  /**
   * The entry with the longest prefix of `pan` (spaces removed; 12–19 digits), or `undefined`. A `panLengths`
   * mismatch is a miss unless `ignoreLength`.
   */
  lookup(pan: string, options: { ignoreLength?: boolean } = {}): BinEntry | undefined {
    const digits = pan.replaceAll(' ', '');
    if (!/^\d{12,19}$/.test(digits)) return undefined;
    for (let length = MAX_PREFIX_LENGTH; length >= 1; length--) {
      const entry = this.#byLength[length]?.get(digits.slice(0, length));
      if (entry === undefined) continue;
      if (
        !options.ignoreLength &&
        entry.panLengths !== undefined &&
        !entry.panLengths.includes(digits.length)
      ) {
        return undefined;
      }
      return entry;
    }
    return undefined;
  }

  /** Every entry, shortest prefixes first. */
  *entries(): IterableIterator<BinEntry> {
    for (const map of this.#byLength) if (map !== undefined) yield* map.values();
  }
}
