// Redis going away mid-run: each store does what its failure policy documents, nothing hangs, nothing crashes,
// and the stores recover when Redis comes back.
import { createServer } from 'node:net';
import { type Logger, TimeoutError, TransportError } from '@wirebridge/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisStores,
  RedisBreakerStateStore,
  RedisIdempotencyStore,
  type RedisStores,
  RedisWindowStore,
} from '../src/index.js';
import { type RedisServer, startRedisServer } from './support/redis-server.js';

const timeouts = { connectTimeoutMs: 500, commandTimeoutMs: 500 };
/** Far above the configured timeouts, far below vitest's: proves "bounded", not a speed. */
const boundMs = 5_000;

function recordingLogger(): Logger & { warnings: { object: object; message?: string }[] } {
  const warnings: { object: object; message?: string }[] = [];
  const ignore = () => {};
  return {
    warnings,
    debug: ignore,
    info: ignore,
    error: ignore,
    warn(object, message) {
      warnings.push(message === undefined ? { object } : { object, message });
    },
  };
}

/** Runs `action` and returns its settled outcome and how long it took. */
async function timed<T>(action: () => Promise<T>) {
  const started = performance.now();
  try {
    const value = await action();
    return { ok: true as const, value, elapsedMs: performance.now() - started };
  } catch (error) {
    return { ok: false as const, error, elapsedMs: performance.now() - started };
  }
}

async function expectTransportFailure(action: () => Promise<unknown>): Promise<void> {
  const outcome = await timed(action);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error).toBeInstanceOf(TransportError);
  expect((outcome.error as TransportError).retryable).toBe(true);
  expect(outcome.elapsedMs).toBeLessThan(boundMs);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

const claimOptions = { ttlMs: 60_000, lockMs: 30_000 };

describe('Redis stopped mid-test', () => {
  let server: RedisServer;
  let open: RedisStores;
  let closed: RedisStores;
  const logger = recordingLogger();

  beforeAll(async () => {
    server = await startRedisServer();
    open = createRedisStores({ url: server.url, ...timeouts, logger });
    closed = createRedisStores({
      url: server.url,
      ...timeouts,
      windowFailurePolicy: 'fail-closed',
      breakerFailurePolicy: 'fail-closed',
    });
  });
  afterAll(async () => {
    await open?.close();
    await closed?.close();
    await server?.stop();
  });

  it('follows each store policy while Redis is down, then recovers when it is back', async () => {
    // Healthy first: every store works and writes.
    const claim = await open.idempotency.claim('deposit:1', claimOptions);
    expect(claim.state).toBe('claimed');
    const token = claim.state === 'claimed' ? claim.token : '';
    expect(await open.sequences.next('serial')).toBe(1);
    await open.windows.record('billgate', true, Date.now());
    expect((await open.windows.rate('billgate', Date.now())).total).toBe(1);
    await open.breakerStates.set('billgate', { state: 'isolated', since: Date.now() });
    expect((await closed.breakerStates.get('billgate'))?.state).toBe('isolated');

    // The store classes on their own, with no policy given: their documented defaults.
    const defaultWindows = new RedisWindowStore({ client: open.client, ...timeouts });
    const defaultBreakers = new RedisBreakerStateStore({ client: open.client, ...timeouts });

    await server.stop();

    // Idempotency and sequences fail closed, always: no pretended claim, no invented serial.
    await expectTransportFailure(() => open.idempotency.claim('deposit:2', claimOptions));
    await expectTransportFailure(() => open.idempotency.complete('deposit:1', token, { ttlMs: 60_000 }));
    await expectTransportFailure(() => open.idempotency.release('deposit:1', token));
    await expectTransportFailure(() => open.sequences.next('serial'));

    // Windows and breaker states fail open by default: no data, writes dropped, a warning logged.
    const record = await timed(() => open.windows.record('billgate', false, Date.now()));
    expect(record).toMatchObject({ ok: true, value: undefined });
    expect(record.elapsedMs).toBeLessThan(boundMs);
    expect(await open.windows.rate('billgate', Date.now())).toEqual({ successes: 0, total: 0 });
    expect(await open.breakerStates.get('billgate')).toBeUndefined();
    await expect(
      open.breakerStates.set('billgate', { state: 'open', since: Date.now() }),
    ).resolves.toBeUndefined();
    await expect(defaultWindows.record('billgate', true, Date.now())).resolves.toBeUndefined();
    expect(await defaultWindows.rate('billgate', Date.now())).toEqual({ successes: 0, total: 0 });
    expect(await defaultBreakers.get('billgate')).toBeUndefined();
    expect(logger.warnings.length).toBeGreaterThanOrEqual(4);
    expect(logger.warnings[0]?.object).toMatchObject({ error: { code: 'TRANSPORT' } });

    // …and fail closed when configured so.
    await expectTransportFailure(() => closed.windows.record('billgate', false, Date.now()));
    await expectTransportFailure(() => closed.windows.rate('billgate', Date.now()));
    await expectTransportFailure(() => closed.breakerStates.get('billgate'));
    await expectTransportFailure(() => closed.breakerStates.set('billgate', { state: 'open', since: 1 }));

    // Redis is back (empty: this test server keeps nothing on disk). The clients reconnect by themselves.
    await server.restart();
    await eventually(
      async () => (await open.idempotency.claim('deposit:3', claimOptions)).state === 'claimed',
    );
    expect(await open.idempotency.claim('deposit:3', claimOptions)).toEqual({ state: 'in_progress' });
    expect(await open.sequences.next('serial')).toBe(1);
    await eventually(async () => {
      await closed.windows.record('ventaja', true, Date.now());
      return true;
    });
    expect((await open.windows.rate('ventaja', Date.now())).total).toBe(1);
  });
});

describe('Redis frozen (accepts connections, never answers)', () => {
  let server: RedisServer;
  let stores: RedisStores;

  beforeAll(async () => {
    server = await startRedisServer();
    stores = createRedisStores({ url: server.url, ...timeouts, windowFailurePolicy: 'fail-closed' });
  });
  afterAll(async () => {
    server?.resume();
    await stores?.close();
    await server?.stop();
  });

  it('ends every operation with a TimeoutError after commandTimeoutMs instead of hanging', async () => {
    expect((await stores.idempotency.claim('deposit:1', claimOptions)).state).toBe('claimed');
    server.pause();
    try {
      const outcomes = await Promise.all([
        timed(() => stores.idempotency.claim('deposit:2', claimOptions)),
        timed(() => stores.sequences.next('serial')),
        timed(() => stores.windows.rate('billgate', Date.now())),
      ]);
      for (const outcome of outcomes) {
        expect(outcome.ok).toBe(false);
        if (outcome.ok) continue;
        expect(outcome.error).toBeInstanceOf(TimeoutError);
        expect((outcome.error as TimeoutError).timeoutMs).toBe(timeouts.commandTimeoutMs);
        expect(outcome.elapsedMs).toBeGreaterThanOrEqual(timeouts.commandTimeoutMs - 50);
        expect(outcome.elapsedMs).toBeLessThan(boundMs);
      }
      // A fail-open store answers "no data" within the same bound.
      const breaker = await timed(() => stores.breakerStates.get('billgate'));
      expect(breaker).toMatchObject({ ok: true, value: undefined });
      expect(breaker.elapsedMs).toBeLessThan(boundMs);
    } finally {
      server.resume();
    }
    await eventually(async () => (await stores.sequences.next('after-resume')) >= 1);
  });
});

describe('a client passed in with ioredis defaults (offline queue, no command timeout)', () => {
  let server: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url);
    client.on('error', () => {});
  });
  afterAll(async () => {
    server?.resume();
    client?.disconnect();
    await server?.stop();
  });

  it('still cannot hang a caller: the store enforces commandTimeoutMs itself', async () => {
    const store = new RedisIdempotencyStore({ client, ...timeouts });
    expect((await store.claim('deposit:1', claimOptions)).state).toBe('claimed');
    server.pause();
    try {
      const outcome = await timed(() => store.claim('deposit:2', claimOptions));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toBeInstanceOf(TimeoutError);
      expect(outcome.elapsedMs).toBeLessThan(boundMs);
    } finally {
      server.resume();
    }
  });
});

describe('Redis never reachable', () => {
  it('fails fast with a TransportError on a port nothing listens on, and close() does not hang', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => probe.once('listening', resolve));
    const address = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    const stores = createRedisStores({ url: `redis://127.0.0.1:${port}`, ...timeouts });
    await expectTransportFailure(() => stores.idempotency.claim('deposit:1', claimOptions));
    await expectTransportFailure(() => stores.sequences.next('serial'));
    expect(await stores.windows.rate('billgate', Date.now())).toEqual({ successes: 0, total: 0 });
    const closing = await timed(() => stores.close());
    expect(closing.ok).toBe(true);
    expect(closing.elapsedMs).toBeLessThan(boundMs);
  });
});
