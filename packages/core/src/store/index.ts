// Store interfaces for state shared across instances, and their in-memory implementations (DESIGN §6, §12).
export { MemoryBreakerStateStore } from './memory-breaker-state-store.js';
export { DEFAULT_LOCK_MS, MemoryIdempotencyStore } from './memory-idempotency-store.js';
export { MemorySequenceStore } from './memory-sequence-store.js';
export type { MemoryWindowStoreOptions } from './memory-window-store.js';
export { DEFAULT_BUCKET_MS, DEFAULT_WINDOW_MS, MemoryWindowStore } from './memory-window-store.js';
export type { MemoryStoreOptions } from './store-options.js';
export type {
  BreakerState,
  BreakerStateStore,
  ClaimResult,
  IdempotencyStore,
  SequenceStore,
  WindowStore,
} from './store-types.js';
