import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpTransport,
  createOperationRunner,
  type OperationRunner,
  OutcomeUnknownError,
  ProtocolError,
  TransportError,
  VendorError,
} from '../../src/index.js';
import {
  type Behaviour,
  eventually,
  type ScriptedServer,
  startScriptedServer,
} from './support/scripted-server.js';
import { getBalance, referenceOf, transferOperation } from './support/transfer-operations.js';

let server: ScriptedServer;
let runner: OperationRunner;

async function setUp(behave: (index: number) => Behaviour) {
  server = await startScriptedServer((_request, index) => behave(index));
  runner = createOperationRunner({
    vendor: 'acme',
    transport: createHttpTransport({ baseUrl: server.url, vendor: 'acme' }),
    retry: { random: () => 0 },
  });
}

afterEach(async () => {
  await runner?.close();
  await server?.close();
});

const input = { amount: 25_000, currency: 'KRW' };

describe('call pipeline: unknown outcomes (DESIGN §3, §4)', () => {
  it('a timeout after the request was written closes the socket and resolves by status inquiry, sending once', async () => {
    await setUp(() => ({ kind: 'hang' }));
    const inquiries: string[] = [];
    const operation = transferOperation({
      idempotency: 'unsafe',
      resolve: async (context) => {
        inquiries.push(context.idempotencyKey ?? '');
        return { status: 'completed', value: { id: 'TX-FOUND' } };
      },
    });
    await expect(runner.run(operation, input, { idempotencyKey: 'ORDER-1' })).resolves.toEqual({
      id: 'TX-FOUND',
    });
    expect(server.requests).toHaveLength(1);
    expect(inquiries).toEqual(['ORDER-1']);
    await eventually(() => server.closedSockets() === 1); // the timed-out socket was really destroyed
  });

  it('a reset after write with no resolver is an OutcomeUnknownError carrying the reference, never a resend', async () => {
    await setUp(() => ({ kind: 'reset' }));
    const error = await runner
      .run(transferOperation({ idempotency: 'keyed' }), input, { idempotencyKey: 'ORDER-2' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({
      reference: 'ORDER-2',
      operation: 'acme.transfers.create',
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a resolver that keeps failing is inconclusive: OutcomeUnknownError listing each step, one send', async () => {
    await setUp(() => ({ kind: 'reset' }));
    const operation = transferOperation({
      idempotency: 'keyed',
      resolutionDelaysMs: [0, 0, 0],
      resolve: async () => {
        throw new TransportError({ message: 'inquiry endpoint down' });
      },
    });
    const error = (await runner
      .run(operation, input)
      .catch((caught: unknown) => caught)) as OutcomeUnknownError;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.attempts.map((attempt) => [attempt.kind, attempt.result, attempt.errorCode])).toEqual([
      ['resolve', 'error', 'TRANSPORT'],
      ['resolve', 'error', 'TRANSPORT'],
      ['resolve', 'error', 'TRANSPORT'],
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('a definitive not-found lets a keyed call be sent again with the same reference', async () => {
    const script: Behaviour[] = [{ kind: 'reset' }, { kind: 'json', body: { code: '00', id: 'TX-2ND' } }];
    await setUp((index) => script[index]!);
    const operation = transferOperation({
      idempotency: 'keyed',
      resolve: async () => ({ status: 'not_executed' }),
    });
    await expect(runner.run(operation, input, { idempotencyKey: 'ORDER-3' })).resolves.toEqual({
      id: 'TX-2ND',
    });
    expect(server.requests.map((request) => referenceOf(request.body))).toEqual(['ORDER-3', 'ORDER-3']);
  });

  it('a definitive not-found on an unsafe call is reported, not re-sent', async () => {
    await setUp(() => ({ kind: 'reset' }));
    const operation = transferOperation({
      idempotency: 'unsafe',
      resolve: async () => ({ status: 'not_executed' }),
    });
    const error = await runner.run(operation, input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ retryable: true, details: { resolvedBy: 'resolve' } });
    expect(server.requests).toHaveLength(1);
  });

  it('a pending vendor code is resolved like a lost reply', async () => {
    await setUp(() => ({ kind: 'json', body: { code: '09' } }));
    const answers = ['pending', 'completed'] as const;
    let step = 0;
    const operation = transferOperation({
      idempotency: 'unsafe',
      resolve: async () => {
        const answer = answers[step++];
        return answer === 'completed'
          ? { status: 'completed', value: { id: 'TX-LATE' } }
          : { status: 'pending' };
      },
    });
    await expect(runner.run(operation, input)).resolves.toEqual({ id: 'TX-LATE' });
    expect(step).toBe(2);
  });

  it('an unreadable reply to a money-moving call is resolved, not trusted and not retried', async () => {
    await setUp(() => ({ kind: 'json', body: { unexpected: true } }));
    const operation = transferOperation({ idempotency: 'keyed' });
    await expect(runner.run(operation, input)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests).toHaveLength(1);
  });

  it('the same unreadable reply to a safe call is a retryable ProtocolError, retried', async () => {
    await setUp(() => ({ kind: 'json', body: { unexpected: true } }));
    const error = await runner.run(getBalance, { accountId: 'A1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).retryable).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('compensation reverses a call the resolver could not settle, and its answer is the outcome', async () => {
    await setUp(() => ({ kind: 'hang' }));
    const steps: string[] = [];
    const operation = transferOperation({
      idempotency: 'unsafe',
      resolutionDelaysMs: [0],
      resolve: async () => {
        steps.push('resolve');
        return { status: 'pending' };
      },
      compensate: async (context) => {
        steps.push(`cancel ${context.idempotencyKey}`);
        return {
          status: 'failed',
          error: new VendorError({ vendor: 'acme', category: 'declined', vendorCode: 'REVERSED' }),
        };
      },
    });
    const error = await runner
      .run(operation, input, { idempotencyKey: 'ORDER-9' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ vendorCode: 'REVERSED' });
    expect(steps).toEqual(['resolve', 'cancel ORDER-9']);
    expect(server.requests).toHaveLength(1);
  });

  it('resolves inside the slot of the call: a full bulkhead of calls with lost replies never deadlocks', async () => {
    // Transfers (POST) lose their replies; the status inquiry (GET) answers.
    server = await startScriptedServer((request) =>
      request.method === 'POST' ? { kind: 'reset' } : { kind: 'json', body: { code: '00', id: 'TX-FOUND' } },
    );
    runner = createOperationRunner({
      vendor: 'acme',
      transport: createHttpTransport({ baseUrl: server.url, vendor: 'acme' }),
      bulkhead: { limit: 2, queue: 10 },
    });
    const operation = transferOperation({
      idempotency: 'unsafe',
      resolve: async (context) => ({
        status: 'completed',
        value: await context.run(getBalance, { accountId: context.idempotencyKey ?? '' }),
      }),
    });
    const calls = [1, 2, 3, 4].map((index) =>
      runner.run(operation, input, { idempotencyKey: `ORDER-B${index}` }),
    );
    await expect(Promise.all(calls)).resolves.toEqual(Array(4).fill({ id: 'TX-FOUND' }));
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(4);
  });

  it("hands the caller's timeoutMs to the resolver, so its inquiries keep to the caller's deadline", async () => {
    await setUp(() => ({ kind: 'reset' }));
    const seen: (number | undefined)[] = [];
    const operation = transferOperation({
      idempotency: 'unsafe',
      resolve: async (context) => {
        seen.push(context.timeoutMs);
        return { status: 'completed', value: { id: 'TX-FOUND' } };
      },
    });
    await runner.run(operation, input, { idempotencyKey: 'ORDER-T1', timeoutMs: 250 });
    await runner.run(operation, input, { idempotencyKey: 'ORDER-T2' });
    expect(seen).toEqual([250, undefined]);
  });
});
