import { z } from 'zod';
import {
  defineCodes,
  defineOperation,
  type HttpRequest,
  type HttpResponse,
  parseJsonBody,
  type Resolution,
  type ResolutionContext,
} from '../../../src/index.js';

// Example operations of a fictional vendor "acme", declared the way vendor packages declare theirs.

export const acmeCodes = defineCodes({
  vendor: 'acme',
  codes: {
    '00': 'success',
    '09': 'pending',
    '14': { category: 'invalid_request' },
    '51': { category: 'insufficient_funds' },
    '91': { category: 'unavailable', retryable: true },
  },
});

const Reply = z.object({ code: z.string(), id: z.string().optional() });
export const decodeAcme = (response: HttpResponse) => {
  const reply = Reply.parse(parseJsonBody(response));
  return { code: reply.code, value: reply.id === undefined ? undefined : { id: reply.id } };
};

export const TransferInput = z.object({
  amount: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export const TransferOutput = z.object({ id: z.string() });

const encodeTransfer = (
  input: z.output<typeof TransferInput>,
  context: { idempotencyKey: string | undefined },
): HttpRequest => ({
  method: 'POST',
  path: '/transfers',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ reference: context.idempotencyKey, ...input }),
});

type Resolver = (
  context: ResolutionContext<z.output<typeof TransferInput>>,
) => Promise<Resolution<z.output<typeof TransferOutput>>>;

export function transferOperation(options: {
  idempotency: 'keyed' | 'unsafe';
  resolve?: Resolver;
  compensate?: Resolver;
  resolutionDelaysMs?: number[];
}) {
  return defineOperation({
    name: 'acme.transfers.create',
    input: TransferInput,
    output: TransferOutput,
    idempotency: options.idempotency,
    timeoutMs: 300,
    resolutionDelaysMs: options.resolutionDelaysMs ?? [0, 0, 0],
    codes: acmeCodes,
    encode: encodeTransfer,
    decode: decodeAcme,
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.compensate ? { compensate: options.compensate } : {}),
  });
}

export const getBalance = defineOperation({
  name: 'acme.accounts.balance',
  input: z.object({ accountId: z.string().min(1) }),
  output: TransferOutput,
  idempotency: 'safe',
  timeoutMs: 300,
  codes: acmeCodes,
  encode: (input): HttpRequest => ({ method: 'GET', path: `/accounts/${input.accountId}` }),
  decode: decodeAcme,
});

/** The reference the server received in a recorded transfer body. */
export const referenceOf = (body: string) => (JSON.parse(body) as { reference: string }).reference;
