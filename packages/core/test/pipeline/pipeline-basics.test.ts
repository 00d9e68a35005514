import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  type CallEvent,
  CircuitOpenError,
  createHttpTransport,
  createOperationRunner,
  type OperationRunner,
  ProtocolError,
  ValidationError,
  VendorError,
} from '../../src/index.js';
import { type Behaviour, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';
import { getBalance, referenceOf, transferOperation } from './support/transfer-operations.js';

let server: ScriptedServer;
let runner: OperationRunner;
let events: CallEvent[];

async function setUp(
  behave: (index: number) => Behaviour,
  extra: Partial<Parameters<typeof createOperationRunner>[0]> = {},
) {
  server = await startScriptedServer((_request, index) => behave(index));
  events = [];
  runner = createOperationRunner({
    vendor: 'acme',
    transport: createHttpTransport({ baseUrl: server.url, vendor: 'acme' }),
    retry: { random: () => 0 }, // zero backoff: attempts are counted, not timed
    onEvent: (event) => events.push(event),
    ...extra,
  });
}

afterEach(async () => {
  await runner?.close();
  await server?.close();
});

describe('call pipeline: validation', () => {
  it('refuses bad input with every bad field named, before any connection is made', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '00', id: 'X' } }));
    const error = await runner
      .run(transferOperation({ idempotency: 'keyed' }), { amount: 0, currency: 'won' } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['amount', 'currency']);
    expect((error as ValidationError).operation).toBe('acme.transfers.create');
    expect(server.connections()).toBe(0);
    expect(events).toEqual([]);
  });

  it('refuses bad call options the same way', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '00', id: 'X' } }));
    const error = await runner
      .run(getBalance, { accountId: 'A1' }, { timeoutMs: -1, maxAttempts: 0 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'options.timeoutMs',
      'options.maxAttempts',
    ]);
    expect(server.connections()).toBe(0);
  });

  it('does not send when the signal is already aborted', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '00', id: 'X' } }));
    const controller = new AbortController();
    controller.abort();
    await expect(
      runner.run(getBalance, { accountId: 'A1' }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(server.connections()).toBe(0);
  });
});

describe('call pipeline: results, codes and retries', () => {
  it('returns the validated result and emits one success event', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '00', id: 'TX-1' } }));
    await expect(runner.run(getBalance, { accountId: 'A1' })).resolves.toEqual({ id: 'TX-1' });
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /accounts/A1',
    ]);
    expect(events).toMatchObject([
      { vendor: 'acme', operation: 'acme.accounts.balance', attempt: 1, outcome: 'success', code: '00' },
    ]);
  });

  it('retries a safe call on a 503 and on a retryable vendor code, one event per attempt', async () => {
    const script: Behaviour[] = [
      { kind: 'status', status: 503 },
      { kind: 'json', body: { code: '91' } },
      { kind: 'json', body: { code: '00', id: 'TX-3' } },
    ];
    await setUp((index) => script[index]!);
    await expect(runner.run(getBalance, { accountId: 'A1' })).resolves.toEqual({ id: 'TX-3' });
    expect(server.requests).toHaveLength(3);
    expect(events.map((event) => [event.attempt, event.outcome, event.code])).toEqual([
      [1, 'failure', 'PROTOCOL'],
      [2, 'failure', '91'],
      [3, 'success', '00'],
    ]);
  });

  it('maps a declined code to the vendor error and does not retry it', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '51' } }));
    const error = await runner.run(getBalance, { accountId: 'A1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ category: 'insufficient_funds', vendorCode: '51', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('honours maxAttempts from the call', async () => {
    await setUp(() => ({ kind: 'status', status: 503 }));
    await expect(runner.run(getBalance, { accountId: 'A1' }, { maxAttempts: 2 })).rejects.toBeInstanceOf(
      ProtocolError,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('a keyed call reuses one reference on every retry', async () => {
    const script: Behaviour[] = [
      { kind: 'json', body: { code: '91' } },
      { kind: 'json', body: { code: '00', id: 'TX-9' } },
    ];
    await setUp((index) => script[index]!);
    await runner.run(
      transferOperation({ idempotency: 'keyed' }),
      { amount: 100, currency: 'KRW' },
      { idempotencyKey: 'ORDER-77' },
    );
    expect(server.requests.map((request) => referenceOf(request.body))).toEqual(['ORDER-77', 'ORDER-77']);
  });

  it('never retries an unsafe call, even on a retryable code', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '91' } }));
    await expect(
      runner.run(transferOperation({ idempotency: 'unsafe' }), { amount: 100, currency: 'KRW' }),
    ).rejects.toMatchObject({ vendorCode: '91' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('call pipeline: policies and stages', () => {
  it('opens the vendor circuit after repeated failures and then fails fast without I/O', async () => {
    await setUp(() => ({ kind: 'status', status: 503 }));
    const { CircuitBreakerRegistry } = await import('../../src/index.js');
    await runner.close();
    const breakers = new CircuitBreakerRegistry({ failureThreshold: 2, halfOpenAfterMs: 60_000 });
    runner = createOperationRunner({
      vendor: 'acme',
      transport: createHttpTransport({ baseUrl: server.url }),
      retry: { random: () => 0, maxAttempts: 1 },
      breakers,
    });
    for (let index = 0; index < 2; index++)
      await expect(runner.run(getBalance, { accountId: 'A1' })).rejects.toThrow();
    const requestsBefore = server.requests.length;
    await expect(runner.run(getBalance, { accountId: 'A1' })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(server.requests.length).toBe(requestsBefore);
    expect(runner.breakers.list()).toEqual([{ name: 'acme', state: 'open' }]);
  });

  it('runs a vendor stage inserted after encode on the exact request that is sent', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '00', id: 'TX-1' } }), {
      stages: [
        {
          after: 'encode',
          stage: {
            name: 'sign',
            run: (exchange) => {
              const request = exchange.request as { headers?: Record<string, string> };
              request.headers = {
                ...request.headers,
                'x-signature': `signed:${(exchange.request as { method: string }).method}`,
              };
            },
          },
        },
      ],
    });
    await runner.run(getBalance, { accountId: 'A1' });
    expect(server.requests[0]?.headers['x-signature']).toBe('signed:GET');
  });
});
