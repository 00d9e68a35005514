import { describe, expect, it } from 'vitest';
import { type CallEvent, createEventLogger, toEcsFields } from '../../src/observability/index.js';
import { CapturingLogger } from './support/capturing-logger.js';

const startedAt = Date.UTC(2024, 2, 1, 6, 30, 0, 123);

function event(overrides: Partial<CallEvent> = {}): CallEvent {
  return {
    vendor: 'example',
    operation: 'example.transfers.create',
    attempt: 1,
    durationMs: 12.5,
    outcome: 'success',
    timestamp: startedAt,
    ...overrides,
  };
}

describe('toEcsFields', () => {
  it('maps a successful attempt to ECS names, with the duration in integer nanoseconds', () => {
    expect(toEcsFields(event({ idempotencyKey: 'ord-1' }))).toEqual({
      '@timestamp': '2024-03-01T06:30:00.123Z',
      'event.dataset': 'wirebridge.call',
      'event.duration': 12_500_000,
      'event.outcome': 'success',
      'labels.vendor': 'example',
      'labels.operation': 'example.transfers.create',
      'labels.attempt': 1,
      'labels.idempotency_key': 'ord-1',
    });
  });

  it('omits error.code, the idempotency key and the resolved label when the event has none', () => {
    const fields = toEcsFields(event());
    expect('error.code' in fields).toBe(false);
    expect('labels.idempotency_key' in fields).toBe(false);
    expect('labels.resolved' in fields).toBe(false);
  });

  it('labels an attempt whose outcome was settled by resolution after a lost reply', () => {
    expect(toEcsFields(event({ resolved: true }))['labels.resolved']).toBe(true);
  });

  it('carries the outcome and code of failed and unknown attempts', () => {
    expect(toEcsFields(event({ outcome: 'failure', code: 'TIMEOUT', attempt: 2 }))).toMatchObject({
      'event.outcome': 'failure',
      'error.code': 'TIMEOUT',
      'labels.attempt': 2,
    });
    expect(toEcsFields(event({ outcome: 'unknown', code: 'OUTCOME_UNKNOWN' }))['event.outcome']).toBe(
      'unknown',
    );
  });

  it('rounds sub-nanosecond durations to an integer and clamps nonsense to 0', () => {
    expect(toEcsFields(event({ durationMs: 0.000_000_4 }))['event.duration']).toBe(0);
    expect(toEcsFields(event({ durationMs: 1.234_567_8 }))['event.duration']).toBe(1_234_568);
    expect(toEcsFields(event({ durationMs: -5 }))['event.duration']).toBe(0);
    expect(toEcsFields(event({ durationMs: Number.NaN }))['event.duration']).toBe(0);
  });

  it('does not throw on an invalid timestamp', () => {
    expect(() => toEcsFields(event({ timestamp: Number.NaN }))).not.toThrow();
    expect(() => toEcsFields(event({ timestamp: 9e15 }))).not.toThrow();
  });
});

describe('createEventLogger', () => {
  it('logs successes at info and failures and unknown outcomes at warn, with the ECS fields', () => {
    const sink = new CapturingLogger();
    const listener = createEventLogger(sink);
    listener(event());
    listener(event({ attempt: 2, outcome: 'failure', code: 'R101' }));
    listener(event({ attempt: 3, outcome: 'unknown', code: 'TIMEOUT' }));
    expect(sink.lines.map((line) => line.level)).toEqual(['info', 'warn', 'warn']);
    expect(sink.lines[1]?.object).toEqual(
      toEcsFields(event({ attempt: 2, outcome: 'failure', code: 'R101' })),
    );
    expect(sink.lines.map((line) => line.message)).toEqual([
      'example.transfers.create attempt 1: success',
      'example.transfers.create attempt 2: failure (R101)',
      'example.transfers.create attempt 3: unknown (TIMEOUT)',
    ]);
  });
});
