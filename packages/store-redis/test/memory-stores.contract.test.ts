// The shared store contracts against core's in-memory stores: the reference behaviour the Redis stores match.
import {
  MemoryBreakerStateStore,
  MemoryIdempotencyStore,
  MemorySequenceStore,
  MemoryWindowStore,
} from '@wirebridge/core';
import { breakerStateStoreContract } from './contract/breaker-state-store-contract.js';
import { idempotencyStoreContract } from './contract/idempotency-store-contract.js';
import { sequenceStoreContract } from './contract/sequence-store-contract.js';
import { windowStoreContract } from './contract/window-store-contract.js';

idempotencyStoreContract('MemoryIdempotencyStore', (now) => new MemoryIdempotencyStore({ now }));
sequenceStoreContract('MemorySequenceStore', (now) => new MemorySequenceStore({ now }));
windowStoreContract('MemoryWindowStore', (options) => new MemoryWindowStore(options));
breakerStateStoreContract('MemoryBreakerStateStore', () => new MemoryBreakerStateStore());
