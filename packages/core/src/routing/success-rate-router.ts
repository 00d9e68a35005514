import { ValidationError } from '../errors/families.js';
import type { CircuitBreakerRegistry, CircuitStateName } from '../resilience/circuit-breaker-registry.js';
import { DEFAULT_BUCKET_MS, DEFAULT_WINDOW_MS, MemoryWindowStore } from '../store/memory-window-store.js';
import type { WindowStore } from '../store/store-types.js';
import { canFailOver, windowCountOf } from './route-outcome.js';

/** One provider the router may choose. */
export interface RoutedProvider<TProvider> {
  /** The provider's name: the key of its success window, and of its circuit unless `circuit` is given. */
  name: string;
  /** The provider itself (a client offering the routed capability). */
  provider: TProvider;
  /**
   * What a call of `amount` costs with this provider, in any unit shared by all providers: a number, or a
   * function of the amount (e.g. a percentage with a minimum). Cheaper providers are tried first.
   */
  fee: number | ((amount: number) => number);
  /** The circuit to consult in `breakers`. @default name */
  circuit?: string;
}

/** Options of {@link createSuccessRateRouter}. */
export interface SuccessRateRouterOptions<TProvider> {
  /** The providers of one capability, at least one, names unique. */
  providers: readonly RoutedProvider<TProvider>[];
  /** Length of the success window: the product counts the last 5 minutes. @default 300_000 */
  windowMs?: number;
  /** Bucket width of the default in-memory window. @default 10_000 */
  bucketMs?: number;
  /** The rate at or above which the cheapest provider is preferred. @default 0.95 */
  preferThreshold?: number;
  /**
   * Where success windows live. Pass a shared one (e.g. `RedisWindowStore`) so every instance of the service
   * routes on the same counts; configure it with the same window. @default a `MemoryWindowStore` of `windowMs`/`bucketMs`
   */
  store?: WindowStore;
  /** The circuit breakers of the providers' clients: a provider whose circuit is not closed is not preferred. @default none */
  breakers?: CircuitBreakerRegistry;
  /** Clock in epoch ms, for windows. @default Date.now */
  now?: () => number;
}

/** A provider's standing, as {@link SuccessRateRouter.stats} and {@link SuccessRateRouter.rank} report it. */
export interface ProviderStanding {
  provider: string;
  /** Success rate over the window, 0..1; `1` with no data. */
  rate: number;
  successes: number;
  total: number;
  /** The provider's circuit (`closed` without `breakers`). */
  breaker: CircuitStateName;
  /** The fee for the amount ranked (for `stats()`, the fee of an amount of 0). */
  fee: number;
  /** Rate at or above the threshold and circuit closed. */
  preferred: boolean;
}

/** One provider call made by {@link SuccessRateRouter.run}. */
export interface RouteAttempt {
  provider: string;
  outcome: 'success' | 'failure';
  /** Whether the router went on to the next provider after this failure. */
  failedOver?: boolean;
  error?: unknown;
}

/** What {@link SuccessRateRouter.run} returns. */
export interface RouteResult<TResult> {
  /** The provider that served the call. */
  provider: string;
  result: TResult;
  /** Every provider call made, in order (earlier ones failed over). */
  attempts: RouteAttempt[];
}

/** Options of one routed call. */
export interface RouteCallOptions {
  /** Stops the failover: once aborted, no further provider is tried. */
  signal?: AbortSignal;
  /** Told about each provider call as it ends. */
  onAttempt?: (attempt: RouteAttempt) => void;
}

/** The router of {@link createSuccessRateRouter}. */
export interface SuccessRateRouter<TProvider> {
  /** The providers ordered for a call of `amount`: the one that would be tried first, then the failover order. */
  rank(amount: number): Promise<ProviderStanding[]>;
  /**
   * Calls `call` with the best provider for `amount`, and with the next ones while the failure is safe to fail
   * over ({@link canFailOver}); records each outcome in the provider's window. Rejects with the last provider's
   * error unchanged — an `OutcomeUnknownError` is never followed by another provider: resolve it with that
   * provider's status inquiry first.
   */
  run<TResult>(
    amount: number,
    call: (provider: TProvider, name: string) => Promise<TResult>,
    options?: RouteCallOptions,
  ): Promise<RouteResult<TResult>>;
  /** Counts an outcome for `provider` by hand (e.g. one resolved later by the service). */
  record(provider: string, success: boolean, at?: number): Promise<void>;
  /** Each provider's rate, counts and circuit, in the order the providers were given. */
  stats(): Promise<ProviderStanding[]>;
}

/**
 * Routes calls between providers of one capability by success rate and fee (DESIGN §6): each provider's rate over
 * the last `windowMs`, counted when the provider accepts or rejects the request (not at later confirmation); no
 * data counts as 100 %; providers by fee, cheapest first; the first whose rate is ≥ `preferThreshold` and whose
 * circuit is closed wins; when none qualifies, the highest rate wins, ties by fee.
 *
 * A decision reads one window per provider and records one: constant work per call for a fixed set of providers,
 * and memory bounded by providers × buckets.
 * @throws ValidationError naming the option when the providers or numbers are invalid.
 */
export function createSuccessRateRouter<TProvider>(
  options: SuccessRateRouterOptions<TProvider>,
): SuccessRateRouter<TProvider> {
  const providers = checkProviders(options.providers);
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
  const preferThreshold = options.preferThreshold ?? 0.95;
  if (!(preferThreshold >= 0 && preferThreshold <= 1)) {
    throw invalidOption('preferThreshold', 'must be a number from 0 to 1');
  }
  const store = options.store ?? new MemoryWindowStore({ windowMs, bucketMs });
  const now = options.now ?? (() => Date.now());
  const byName = new Map(providers.map((entry) => [entry.name, entry]));

  // An in-process window and local breakers answer synchronously: rank without a promise per provider.
  const syncStore = store instanceof MemoryWindowStore ? store : undefined;
  const syncBreakers = options.breakers === undefined || !options.breakers.sharesState;

  function standingOf(
    entry: RoutedProvider<TProvider>,
    amount: number,
    counts: { successes: number; total: number },
    breaker: CircuitStateName,
  ): ProviderStanding {
    const { successes, total } = counts;
    const rate = total === 0 ? 1 : successes / total;
    const fee = typeof entry.fee === 'number' ? entry.fee : entry.fee(amount);
    return {
      provider: entry.name,
      rate,
      successes,
      total,
      breaker,
      fee,
      preferred: rate >= preferThreshold && breaker === 'closed',
    };
  }

  /** The standing read synchronously, when the window and the breakers are in-process; else `undefined`. */
  function standingNow(entry: RoutedProvider<TProvider>, amount: number): ProviderStanding | undefined {
    if (syncStore === undefined || !syncBreakers) return undefined;
    const breaker = options.breakers?.state(entry.circuit ?? entry.name) ?? 'closed';
    return standingOf(entry, amount, syncStore.rateNow(entry.name, now()), breaker);
  }

  async function standing(entry: RoutedProvider<TProvider>, amount: number): Promise<ProviderStanding> {
    const known = standingNow(entry, amount);
    if (known !== undefined) return known;
    const [counts, breaker] = await Promise.all([
      store.rate(entry.name, now()),
      options.breakers?.currentState(entry.circuit ?? entry.name) ?? Promise.resolve('closed' as const),
    ]);
    return standingOf(entry, amount, counts, breaker);
  }

  async function rank(amount: number): Promise<ProviderStanding[]> {
    const standings =
      syncStore !== undefined && syncBreakers
        ? providers.map((entry) => standingNow(entry, amount) as ProviderStanding)
        : await Promise.all(providers.map((entry) => standing(entry, amount)));
    const byFee = (a: ProviderStanding, b: ProviderStanding) => a.fee - b.fee;
    const preferred = standings.filter((entry) => entry.preferred).sort(byFee);
    // None qualifies: the highest rate wins, ties by fee; the same order serves as the failover order.
    const others = standings
      .filter((entry) => !entry.preferred)
      .sort((a, b) => b.rate - a.rate || a.fee - b.fee);
    return [...preferred, ...others];
  }

  async function record(provider: string, success: boolean, at: number = now()): Promise<void> {
    if (!byName.has(provider)) throw invalidOption('provider', `is not one of the router's providers`);
    await store.record(provider, success, at);
  }

  return {
    rank,
    record,
    async stats() {
      return Promise.all(providers.map((entry) => standing(entry, 0)));
    },
    async run(amount, call, callOptions = {}) {
      const attempts: RouteAttempt[] = [];
      const order = await rank(amount);
      let lastError: unknown;
      for (const candidate of order) {
        if (callOptions.signal?.aborted) break;
        const entry = byName.get(candidate.provider) as RoutedProvider<TProvider>;
        try {
          const result = await call(entry.provider, entry.name);
          await store.record(entry.name, true, now());
          const attempt: RouteAttempt = { provider: entry.name, outcome: 'success' };
          attempts.push(attempt);
          callOptions.onAttempt?.(attempt);
          return { provider: entry.name, result, attempts };
        } catch (error) {
          lastError = error;
          if (windowCountOf(error) === 'failure') await store.record(entry.name, false, now());
          const failedOver = canFailOver(error);
          const attempt: RouteAttempt = { provider: entry.name, outcome: 'failure', failedOver, error };
          attempts.push(attempt);
          callOptions.onAttempt?.(attempt);
          if (!failedOver) throw error;
        }
      }
      throw lastError ?? callOptions.signal?.reason;
    },
  };
}

function checkProviders<TProvider>(
  providers: readonly RoutedProvider<TProvider>[] | undefined,
): readonly RoutedProvider<TProvider>[] {
  if (!Array.isArray(providers) || providers.length === 0) {
    throw invalidOption('providers', 'must list at least one provider');
  }
  const names = new Set<string>();
  providers.forEach((entry, index) => {
    if (typeof entry?.name !== 'string' || entry.name.length === 0) {
      throw invalidOption(`providers.${index}.name`, 'must be a non-empty string');
    }
    if (names.has(entry.name)) throw invalidOption(`providers.${index}.name`, `duplicates "${entry.name}"`);
    names.add(entry.name);
    const feeIsValid =
      typeof entry.fee === 'function' || (typeof entry.fee === 'number' && Number.isFinite(entry.fee));
    if (!feeIsValid) throw invalidOption(`providers.${index}.fee`, 'must be a finite number or a function');
  });
  return providers;
}

function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `createSuccessRateRouter: ${path} ${message}`,
    issues: [{ path, message, code: 'invalid_value' }],
  });
}
