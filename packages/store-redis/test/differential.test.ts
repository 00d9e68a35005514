// Random operation sequences run against core's memory store and the Redis store side by side (fast-check):
// every answer must be the same, so "matches core's semantics" holds beyond the hand-written cases.
import {
  type ClaimResult,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  MemorySequenceStore,
  MemoryWindowStore,
  type SequenceStore,
  type WindowStore,
} from '@wirebridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedisIdempotencyStore, RedisSequenceStore, RedisWindowStore } from '../src/index.js';
import { manualClock } from './support/manual-clock.js';
import { useRedisServer } from './support/redis-fixture.js';

const redis = useRedisServer();

type IdempotencyOperation =
  | { kind: 'claim'; key: string; ttlMs: number; lockMs: number }
  | { kind: 'complete'; key: string; token: number; ttlMs: number; result?: string }
  | { kind: 'release'; key: string; token: number }
  | { kind: 'advance'; ms: number };

const key = fc.constantFrom('deposit:1', 'deposit:2');
const duration = fc.constantFrom(1_000, 5_000, 10_000, 30_000);
const idempotencyOperation: fc.Arbitrary<IdempotencyOperation> = fc.oneof(
  fc.record({ kind: fc.constant('claim' as const), key, ttlMs: duration, lockMs: duration }),
  fc.record(
    {
      kind: fc.constant('complete' as const),
      key,
      token: fc.nat(5),
      ttlMs: duration,
      result: fc.string({ maxLength: 8 }),
    },
    { requiredKeys: ['kind', 'key', 'token', 'ttlMs'] },
  ),
  fc.record({ kind: fc.constant('release' as const), key, token: fc.nat(5) }),
  fc.record({
    kind: fc.constant('advance' as const),
    ms: fc.constantFrom(1, 999, 1_000, 4_999, 5_000, 20_000),
  }),
);

/** Runs the operations on one store; claims' tokens are replaced by their order so two stores compare. */
async function runIdempotency(
  store: IdempotencyStore,
  advance: (ms: number) => void,
  operations: readonly IdempotencyOperation[],
): Promise<unknown[]> {
  const tokens: string[] = [];
  const answers: unknown[] = [];
  const tokenAt = (index: number) => tokens[index % Math.max(tokens.length, 1)] ?? 'no-token';
  for (const operation of operations) {
    if (operation.kind === 'claim') {
      const result: ClaimResult = await store.claim(operation.key, operation);
      if (result.state === 'claimed') {
        tokens.push(result.token);
        answers.push({ state: 'claimed', token: tokens.length - 1 });
      } else answers.push(result);
    } else if (operation.kind === 'complete') {
      const options =
        operation.result === undefined
          ? { ttlMs: operation.ttlMs }
          : { ttlMs: operation.ttlMs, result: operation.result };
      await store.complete(operation.key, tokenAt(operation.token), options);
    } else if (operation.kind === 'release') {
      await store.release(operation.key, tokenAt(operation.token));
    } else advance(operation.ms);
  }
  // Finally, what every key looks like to a newcomer.
  for (const finalKey of ['deposit:1', 'deposit:2']) {
    const result = await store.claim(finalKey, { ttlMs: 1_000, lockMs: 1_000 });
    answers.push(result.state === 'claimed' ? { state: 'claimed' } : result);
  }
  return answers;
}

describe('Redis stores answer exactly like core memory stores on random operation sequences', () => {
  it('IdempotencyStore: claim / complete / release / time passing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(idempotencyOperation, { minLength: 5, maxLength: 30, size: 'max' }),
        async (operations) => {
          const memoryClock = manualClock();
          const redisClock = manualClock();
          const memory = new MemoryIdempotencyStore({ now: memoryClock.now });
          const onRedis = new RedisIdempotencyStore({
            client: redis.client,
            keyPrefix: redis.uniquePrefix(),
            now: redisClock.now,
          });
          const expected = await runIdempotency(memory, memoryClock.advance, operations);
          const actual = await runIdempotency(onRedis, redisClock.advance, operations);
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('WindowStore: records in any order, rates at any time', async () => {
    const start = Date.UTC(2024, 0, 1);
    type WindowOperation =
      | { kind: 'record'; key: string; success: boolean; at: number }
      | { kind: 'rate'; key: string; now: number };
    const windowOperation: fc.Arbitrary<WindowOperation> = fc.oneof(
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('record' as const),
          key: fc.constantFrom('billgate', 'billgate', 'ventaja'),
          success: fc.boolean(),
          at: fc.integer({ min: 0, max: 90_000 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('rate' as const),
          key: fc.constantFrom('billgate', 'ventaja'),
          now: fc.integer({ min: 0, max: 120_000 }),
        }),
      },
    );
    const run = async (store: WindowStore, operations: readonly WindowOperation[]) => {
      const answers: unknown[] = [];
      for (const operation of operations) {
        if (operation.kind === 'record')
          await store.record(operation.key, operation.success, start + operation.at);
        else answers.push(await store.rate(operation.key, start + operation.now));
      }
      return answers;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(windowOperation, { minLength: 10, maxLength: 60, size: 'max' }),
        async (operations) => {
          const options = { windowMs: 30_000, bucketMs: 5_000 };
          const memory = new MemoryWindowStore(options);
          const onRedis = new RedisWindowStore({
            client: redis.client,
            keyPrefix: redis.uniquePrefix(),
            failurePolicy: 'fail-closed',
            ...options,
          });
          expect(await run(onRedis, operations)).toEqual(await run(memory, operations));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('SequenceStore: plain and daily sequences with the clock moving forward', async () => {
    const sequenceOperation = fc.record({
      name: fc.constantFrom('serial', 'stan'),
      daily: fc.boolean(),
      advanceMs: fc.constantFrom(0, 60_000, 3_600_000, 6 * 3_600_000, 86_400_000),
    });
    type SequenceOperation = { name: string; daily: boolean; advanceMs: number };
    const run = async (
      store: SequenceStore,
      advance: (ms: number) => void,
      operations: readonly SequenceOperation[],
    ) => {
      const values: number[] = [];
      for (const operation of operations) {
        advance(operation.advanceMs);
        values.push(
          await store.next(
            operation.name,
            operation.daily ? { resetDaily: { timeZone: 'Asia/Seoul' } } : undefined,
          ),
        );
      }
      return values;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(sequenceOperation, { minLength: 5, maxLength: 30, size: 'max' }),
        async (operations) => {
          const memoryClock = manualClock(Date.parse('2024-03-01T10:00:00Z'));
          const redisClock = manualClock(Date.parse('2024-03-01T10:00:00Z'));
          const memory = new MemorySequenceStore({ now: memoryClock.now });
          const onRedis = new RedisSequenceStore({
            client: redis.client,
            keyPrefix: redis.uniquePrefix(),
            now: redisClock.now,
          });
          expect(await run(onRedis, redisClock.advance, operations)).toEqual(
            await run(memory, memoryClock.advance, operations),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
