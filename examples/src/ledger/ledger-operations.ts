import {
  defineCodes,
  defineOperation,
  type HttpRequest,
  type HttpResponse,
  jsonRequestBody,
  parseJsonBody,
} from '@wirebridge/core';
import { z } from 'zod';

// A tiny example "vendor" declared exactly as a real vendor package declares its operations
// (STYLE: an operation is a declaration). Its wire format is the demo ledger's JSON.

const ledgerCodes = defineCodes({
  vendor: 'ledger',
  codes: {
    '0000': 'success',
    '0404': { category: 'not_found' },
    '0051': { category: 'insufficient_funds' },
    '0096': { category: 'unavailable', retryable: true },
  },
});

const LedgerReply = z.object({ resultCode: z.string(), transferId: z.string().optional() });

function decodeLedgerReply(response: HttpResponse) {
  const reply = LedgerReply.parse(parseJsonBody(response));
  return { code: reply.resultCode, value: { transferId: reply.transferId } };
}

const TransferResult = z.object({ transferId: z.string().regex(/^T\d{8}$/) });

/** Looks a transfer up by its reference: the status inquiry (safe to repeat). */
export const getTransfer = defineOperation({
  name: 'ledger.transfers.get',
  input: z.object({ reference: z.string().regex(/^[\w-]{1,64}$/) }),
  output: TransferResult,
  idempotency: 'safe',
  codes: ledgerCodes,
  encode: (input): HttpRequest => ({ method: 'GET', path: `/transfers/${input.reference}` }),
  decode: decodeLedgerReply,
});

/** Sends money; keyed on `reference`, so a lost reply is resolved by {@link getTransfer}, never re-sent blindly. */
export const createTransfer = defineOperation({
  name: 'ledger.transfers.create',
  input: z.object({
    amount: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
  output: TransferResult,
  idempotency: 'keyed',
  timeoutMs: 2_000,
  resolutionDelaysMs: [0, 200, 500],
  codes: ledgerCodes,
  encode: (input, context): HttpRequest => ({
    method: 'POST',
    path: '/transfers',
    ...jsonRequestBody({ reference: context.idempotencyKey, amount: input.amount, currency: input.currency }),
  }),
  decode: decodeLedgerReply,
  resolve: async (context) => {
    try {
      const found = await context.run(
        getTransfer,
        { reference: context.idempotencyKey ?? '' },
        { maxAttempts: 1 },
      );
      return { status: 'completed', value: found };
    } catch (error) {
      if ((error as { category?: string }).category === 'not_found') return { status: 'not_executed' };
      throw error; // inconclusive: the pipeline reports an unknown outcome, never a second send
    }
  },
});
