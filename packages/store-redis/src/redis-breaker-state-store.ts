import { type BreakerState, type BreakerStateStore, ProtocolError, ValidationError } from '@wirebridge/core';
import { z } from 'zod';
import { applyFailurePolicy } from './failure-policy.js';
import { RedisRunner } from './redis-runner.js';
import {
  DEFAULT_BREAKER_STATE_TTL_MS,
  type FailurePolicy,
  parseOptions,
  type RedisBreakerStateStoreOptions,
  resolveSettings,
  storeOptionsSchema,
} from './redis-store-options.js';
import { requireName } from './validation.js';

const breakerStates: ReadonlySet<string> = new Set(['closed', 'open', 'half_open', 'isolated']);

const storedState = z.object({
  state: z.enum(['closed', 'open', 'half_open', 'isolated']),
  since: z.number(),
  snapshot: z.unknown().optional(),
});

/**
 * {@link BreakerStateStore} on Redis, so a breaker opened (or isolated by an operator) on one instance is
 * seen by all (DESIGN §5, §6). Same semantics as core's `MemoryBreakerStateStore`: `set` replaces the state,
 * `get` returns a fresh copy or `undefined`.
 *
 * Key: `<keyPrefix>breaker:<name>`, a JSON string written with one `SET … PX ttlMs` (atomic), expiring `ttlMs`
 * (7 days) after the last `set`; an expired state reads as "none stored", i.e. the breaker starts closed.
 * `snapshot` must be JSON-serialisable (cockatiel's `toJSON()` is).
 *
 * Fails open by default: when Redis cannot answer, `get` answers `undefined` and `set` is dropped, so each
 * instance runs on its local breaker; the error is logged. With `failurePolicy: 'fail-closed'` both reject.
 */
export class RedisBreakerStateStore implements BreakerStateStore {
  readonly #runner: RedisRunner;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #policy: FailurePolicy;
  readonly #logger: RedisBreakerStateStoreOptions['logger'];

  /** @throws {ConfigError} naming the offending option. */
  constructor(options: RedisBreakerStateStoreOptions) {
    const parsed = parseOptions(storeOptionsSchema, options, 'RedisBreakerStateStore');
    const settings = resolveSettings(parsed);
    this.#runner = new RedisRunner(settings.client, settings);
    this.#prefix = `${settings.keyPrefix}breaker:`;
    this.#ttlMs = parsed.ttlMs ?? DEFAULT_BREAKER_STATE_TTL_MS;
    this.#policy = parsed.failurePolicy ?? 'fail-open';
    this.#logger = settings.logger;
  }

  /** The Redis key holding breaker `name`'s state (for operators and tests). */
  keyOf(name: string): string {
    return this.#prefix + name;
  }

  async get(name: string): Promise<BreakerState | undefined> {
    requireName(name, 'name', 'BreakerStateStore.get');
    return applyFailurePolicy(
      this.#policy,
      this.#logger,
      'BreakerStateStore.get',
      async () => {
        const raw = await this.#runner.run('BreakerStateStore.get', (client) => client.get(this.keyOf(name)));
        return raw === null ? undefined : parseStoredState(raw);
      },
      () => undefined,
    );
  }

  /** @throws {ValidationError} naming `state.state`, `state.since` or `state.snapshot` when malformed. */
  async set(name: string, state: BreakerState): Promise<void> {
    requireName(name, 'name', 'BreakerStateStore.set');
    const serialized = serializeState(state);
    await applyFailurePolicy(
      this.#policy,
      this.#logger,
      'BreakerStateStore.set',
      async () => {
        await this.#runner.run('BreakerStateStore.set', (client) =>
          client.set(this.keyOf(name), serialized, 'PX', this.#ttlMs),
        );
      },
      () => undefined,
    );
  }
}

function serializeState(state: BreakerState): string {
  if (!breakerStates.has(state?.state)) {
    throw new ValidationError({
      message: 'BreakerStateStore.set: unknown breaker state',
      issues: [
        {
          path: 'state.state',
          message: 'must be closed, open, half_open or isolated',
          code: 'invalid_value',
        },
      ],
    });
  }
  if (typeof state.since !== 'number' || !Number.isFinite(state.since)) {
    throw new ValidationError({
      message: 'BreakerStateStore.set: since must be a time in milliseconds',
      issues: [{ path: 'state.since', message: 'must be a finite number', code: 'invalid_type' }],
    });
  }
  try {
    return JSON.stringify(
      state.snapshot === undefined
        ? { state: state.state, since: state.since }
        : { state: state.state, since: state.since, snapshot: state.snapshot },
    );
  } catch (error) {
    throw new ValidationError({
      message: 'BreakerStateStore.set: snapshot must be JSON-serialisable',
      issues: [{ path: 'state.snapshot', message: 'must be JSON-serialisable', code: 'invalid_type' }],
      cause: error,
    });
  }
}

function parseStoredState(raw: string): BreakerState {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ProtocolError({
      message: 'BreakerStateStore.get: the stored state is not JSON',
      operation: 'BreakerStateStore.get',
      cause: error,
    });
  }
  const result = storedState.safeParse(json);
  if (!result.success) {
    throw new ProtocolError({
      message: 'BreakerStateStore.get: the stored state has an unexpected shape',
      operation: 'BreakerStateStore.get',
    });
  }
  const { state, since, snapshot } = result.data;
  return snapshot === undefined ? { state, since } : { state, since, snapshot };
}
