import { localDate } from './local-date.js';
import type { MemoryStoreOptions } from './store-options.js';
import { requireName } from './store-options.js';
import type { SequenceStore } from './store-types.js';

interface Counter {
  value: number;
  /** Local date of the last value, for sequences that reset daily. */
  date?: string;
}

/**
 * {@link SequenceStore} for one process. Values start at 1; with `resetDaily` a sequence starts again at 1
 * on the first call after the local date in `resetDaily.timeZone` changes (telegram serials that restart
 * each business day). In-memory values do not survive a restart: services whose vendor rejects a reused
 * serial use `@wirebridge/store-redis` (DESIGN §6).
 */
export class MemorySequenceStore implements SequenceStore {
  readonly #counters = new Map<string, Counter>();
  readonly #now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /**
   * @throws {ValidationError} naming `name` when it is empty, or `resetDaily.timeZone` when the zone is unknown.
   */
  async next(name: string, options?: { resetDaily?: { timeZone: string } }): Promise<number> {
    requireName(name, 'name', 'SequenceStore.next');
    const resetDaily = options?.resetDaily;
    // Computed before touching the counter, so a bad zone leaves the sequence unchanged.
    const date =
      resetDaily === undefined
        ? undefined
        : localDate(this.#now(), resetDaily.timeZone, 'resetDaily.timeZone');
    const counter = this.#counters.get(name);
    // A counter first used without resetDaily adopts today's date rather than restarting: reusing a serial
    // is worse than starting the daily cycle a day late.
    const newDay = date !== undefined && counter?.date !== undefined && counter.date !== date;
    if (counter === undefined || newDay) {
      this.#counters.set(name, date === undefined ? { value: 1 } : { value: 1, date });
      return 1;
    }
    counter.value += 1;
    if (date !== undefined) counter.date = date;
    return counter.value;
  }
}
