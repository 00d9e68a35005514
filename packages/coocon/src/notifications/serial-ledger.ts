/**
 * What the receiver knows about a day's serials and money (spec §7 gap recovery, day close): holes in the
 * 0200/0400 serials with their 결번요구 attempts, the totals of acked telegrams, and the comparison with the
 * 2400 close telegram. Timers are unref'd and cleared by `close()`.
 */
import { MISSING_SERIAL_SLOTS } from '../wire/coocon-layouts.js';
import type { CooconDayTotals, CooconEvent, CooconNetworkEvent } from './coocon-events.js';
import { type CooconSerialStore, missingSerialsOf } from './serial-store.js';

/** Gap recovery settings with defaults applied. @internal */
export interface GapSettings {
  enabled: boolean;
  graceMs: number;
  autoRequest: boolean;
  maxRequests: number;
}

/** What the ledger tells the receiver. @internal */
export interface SerialLedgerHooks {
  emit(event: 'gap' | 'gapUnresolved' | 'dayClosed', info: unknown): void;
  report(error: unknown): void;
  requestMissing(input: { transactionDate: string; serials: number[] }): Promise<unknown>;
}

interface Hole {
  since: number;
  requests: number;
  unresolved: boolean;
}

const emptyTotals = (): CooconDayTotals => ({
  depositCount: 0,
  depositTotal: 0,
  cancelCount: 0,
  cancelTotal: 0,
});

/** @internal */
export class SerialLedger {
  readonly #store: CooconSerialStore;
  readonly #gap: GapSettings;
  readonly #hooks: SerialLedgerHooks;
  readonly #holes = new Map<string, Map<number, Hole>>();
  readonly #received = new Map<string, CooconDayTotals>();
  readonly #lastSerials = new Map<string, number>();
  readonly #seenDeposits = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(store: CooconSerialStore, gap: GapSettings, hooks: SerialLedgerHooks) {
    this.#store = store;
    this.#gap = gap;
    this.#hooks = hooks;
  }

  /** Records an arrived serial and schedules a gap check when it reveals new holes. */
  async record(transactionDate: string, serial: number): Promise<void> {
    await this.#store.record(transactionDate, serial);
    if (!this.#gap.enabled || this.#closed) return;
    this.#refreshHoles(transactionDate).then(
      (added) => {
        if (added) this.#schedule(() => this.#checkGaps(transactionDate, false));
      },
      (error: unknown) => this.#hooks.report(error),
    );
  }

  /** Serials below the highest received (or the day's lastSerial) that never arrived. */
  async missingSerials(transactionDate: string): Promise<number[]> {
    return missingSerialsOf(await this.#store.list(transactionDate), this.#lastSerials.get(transactionDate));
  }

  /** Whether this receiver acked the deposit with that dedupe key (for `originalSeen`). */
  hasSeenDeposit(dedupeKey: string): boolean {
    return this.#seenDeposits.has(dedupeKey);
  }

  /** Counts an acked deposit or cancellation into its day's totals. */
  countAcked(event: CooconEvent): void {
    if (event.type !== 'deposit' && event.type !== 'deposit.cancelled') return;
    const totals = this.#received.get(event.transactionDate) ?? emptyTotals();
    if (event.type === 'deposit') {
      totals.depositCount += 1;
      totals.depositTotal += event.amount;
      this.#seenDeposits.add(event.dedupeKey);
    } else {
      totals.cancelCount += 1;
      totals.cancelTotal += event.amount;
    }
    this.#received.set(event.transactionDate, totals);
  }

  /** 0800/2400: every hole below lastSerial is a gap now; then Coocon's totals are compared with ours. */
  async closeDay(event: CooconNetworkEvent): Promise<void> {
    const transactionDate = event.businessDate;
    const lastSerial = event.lastSerial ?? 0;
    this.#lastSerials.set(transactionDate, lastSerial);
    if (this.#gap.enabled) await this.#checkGaps(transactionDate, true);
    const received = { ...(this.#received.get(transactionDate) ?? emptyTotals()) };
    const expected = { ...(event.totals ?? emptyTotals()), lastSerial };
    const matches =
      expected.depositCount === received.depositCount &&
      expected.depositTotal === received.depositTotal &&
      expected.cancelCount === received.cancelCount &&
      expected.cancelTotal === received.cancelTotal;
    this.#hooks.emit('dayClosed', { transactionDate, matches, expected, received });
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Updates the holes of a date; true when new ones appeared. */
  async #refreshHoles(transactionDate: string): Promise<boolean> {
    const missing = new Set(await this.missingSerials(transactionDate));
    const holes = this.#holes.get(transactionDate) ?? new Map<number, Hole>();
    this.#holes.set(transactionDate, holes);
    for (const serial of holes.keys()) if (!missing.has(serial)) holes.delete(serial);
    let added = false;
    for (const serial of missing) {
      if (holes.has(serial)) continue;
      holes.set(serial, { since: Date.now(), requests: 0, unresolved: false });
      added = true;
    }
    return added;
  }

  /** Reports holes older than the grace period (all of them when `immediate`) and asks Coocon for them. */
  async #checkGaps(transactionDate: string, immediate: boolean): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#refreshHoles(transactionDate);
    } catch (error) {
      this.#hooks.report(error);
      return;
    }
    const holes = this.#holes.get(transactionDate);
    if (holes === undefined || holes.size === 0) return;
    const now = Date.now();
    // Pushes travel on parallel connections: a hole younger than graceMs is probably still in flight.
    const due = [...holes.entries()]
      .filter(([, hole]) => !hole.unresolved && (immediate || hole.since + this.#gap.graceMs <= now + 5))
      .map(([serial]) => serial);
    if (due.length === 0) return;
    this.#hooks.emit('gap', { transactionDate, serials: due });
    const exhausted = due.filter((serial) => holes.get(serial)!.requests >= this.#gap.maxRequests);
    if (exhausted.length > 0) {
      for (const serial of exhausted) holes.get(serial)!.unresolved = true;
      this.#hooks.emit('gapUnresolved', { transactionDate, serials: exhausted });
    }
    const toRequest = due.filter((serial) => !holes.get(serial)!.unresolved);
    if (!this.#gap.autoRequest || toRequest.length === 0) return;
    for (let start = 0; start < toRequest.length; start += MISSING_SERIAL_SLOTS) {
      const serials = toRequest.slice(start, start + MISSING_SERIAL_SLOTS);
      for (const serial of serials) holes.get(serial)!.requests += 1;
      try {
        await this.#hooks.requestMissing({ transactionDate, serials });
      } catch (error) {
        this.#hooks.report(error);
      }
    }
    // Still missing after another grace period ⇒ ask again, up to maxRequests, then gapUnresolved.
    this.#schedule(() => this.#checkGaps(transactionDate, true));
  }

  #schedule(task: () => Promise<void>): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task().catch((error: unknown) => this.#hooks.report(error));
    }, this.#gap.graceMs);
    timer.unref();
    this.#timers.add(timer);
  }
}
