import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OutcomeUnknownError } from '../../src/errors/index.js';
import {
  createOperationRunner,
  defineCodes,
  defineOperation,
  type OperationRunner,
} from '../../src/pipeline/index.js';
import { asciiLengthFramer, createTcpClient } from '../../src/tcp/index.js';
import { type RecordingServer, rejectionOf, startRecordingServer } from './support/framed-test-server.js';

// A fictional TCP vendor "acme": `LLLL` + `CODE|ORDER|AMOUNT` request, `CODE|TRANSACTION` reply.
const framer = asciiLengthFramer({ digits: 4, includesPrefix: false });

const acmeCodes = defineCodes({
  vendor: 'acme',
  codes: { '0000': 'success', '1001': { category: 'declined' } },
});

const chargePhone = defineOperation({
  name: 'acme.mobile.charge',
  input: z.object({ orderId: z.string().regex(/^[A-Z0-9-]{1,20}$/), amount: z.number().int().positive() }),
  output: z.object({ transactionId: z.string() }),
  idempotency: 'unsafe',
  timeoutMs: 2_000,
  codes: acmeCodes,
  encode: (input) => Buffer.from(`CHARGE|${input.orderId}|${input.amount}`, 'latin1'),
  decode: (response: Buffer) => {
    const [code = '', transactionId] = response.toString('latin1').split('|');
    return { code, value: { transactionId } };
  },
});

let server: RecordingServer | undefined;
let runner: OperationRunner | undefined;

afterEach(async () => {
  await runner?.close();
  await server?.close();
  runner = undefined;
  server = undefined;
});

async function setUp(handler: Parameters<typeof startRecordingServer>[1]) {
  server = await startRecordingServer(framer, handler);
  runner = createOperationRunner({
    vendor: 'acme',
    transport: createTcpClient({ host: '127.0.0.1', port: server.port, framer, vendor: 'acme' }),
  });
  return runner;
}

describe('TCP client as the pipeline transport', () => {
  it('runs an operation over a per-request TCP exchange', async () => {
    const pipeline = await setUp((payload) =>
      Buffer.from(`0000|TX-${payload.toString('latin1').split('|')[1]}`),
    );
    await expect(pipeline.run(chargePhone, { orderId: 'ORDER-1', amount: 5_000 })).resolves.toEqual({
      transactionId: 'TX-ORDER-1',
    });
    expect(server?.frames.map((frame) => frame.payload.toString('latin1'))).toEqual(['CHARGE|ORDER-1|5000']);
  });

  it('reports a reset after the request was read as OutcomeUnknownError, having sent the unsafe charge exactly once', async () => {
    const pipeline = await setUp((_payload, connection) => {
      connection.reset();
      return undefined;
    });
    const error = await rejectionOf(pipeline.run(chargePhone, { orderId: 'ORDER-2', amount: 5_000 }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ operation: 'acme.mobile.charge', vendor: 'acme', attempts: [] });
    expect((error as OutcomeUnknownError).cause).toMatchObject({ details: { reason: 'reset' } });
    expect(server?.frames).toHaveLength(1);
  });
});
