import type { CodesTable } from '@wirebridge/core';
import type { FaysalCodec } from '../wire/faysal-codec.js';
import type { FaysalWire, FaysalWireRequest } from '../wire/faysal-wire.js';

/** What one client shares with the operation declarations it builds (per client: codec and codes are options). */
export interface FaysalOperationContext {
  wire: FaysalWire;
  codec: FaysalCodec;
  /** Codes of safe operations (unknown → retryable). */
  safeCodes: CodesTable;
  /** Codes of money-moving operations (unknown and pending → the resolver). */
  moneyCodes: CodesTable;
  timeouts: { default: number } & Partial<Record<string, number>>;
  resolve: { delaysMs: readonly number[]; deadlineMs: number };
  /**
   * Requests of keyed calls in flight, by reference: a retry after a definitive not-found re-sends these exact
   * bytes (same id, rrn, stan and signature; spec §2.1 step 3).
   */
  inFlight: Map<string, FaysalWireRequest>;
  clock: () => Date;
}
