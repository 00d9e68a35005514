import { defineOperation, type Resolution, type ResolutionContext } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { WU_NO_MATCH_CODE } from '../western-union-codes.js';
import { WesternUnionError } from '../western-union-error.js';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import {
  buildStoreRequest,
  type CommitTokenContents,
  commitTokenIdentity,
  decodeCommitToken,
  decodeTransferReply,
} from '../wire/quote-codec.js';
import { readPaymentTransactions } from '../wire/transfer-state-codec.js';
import { child, textAt } from '../wire/xrsi-object.js';
import { decodeSoapReply, moneySchema, type WuOperationContext } from './operation-context.js';
import type { defineStatusOperation } from './transfer-status.js';

/** Result of `transfers.send` (spec §11 `WuTransfer`). */
export const transferSchema = z.object({
  reference: z.string(),
  mtcn: z.string(),
  newMtcn: z.string(),
  sendAmount: moneySchema,
  receiveAmount: moneySchema,
  fees: z.object({
    charges: z.number().int(),
    plusCharges: z.number().int(),
    messageCharge: z.number().int(),
    currency: z.string(),
  }),
  taxes: z.object({ municipal: z.number().int(), state: z.number().int(), county: z.number().int() }),
  grossTotal: moneySchema,
  exchangeRate: z.string(),
  rateFixedOnSend: z.boolean(),
  filedAt: z.date().optional(),
  filedAtRaw: z.object({ date: z.string().optional(), time: z.string().optional() }),
  resolvedBy: z.enum(['reply', 'status']).optional(),
  raw: z.unknown(),
});
/** Result of `transfers.send`: the stored transfer with its MTCN, amounts, fees and filing time. */
export type WuTransfer = z.output<typeof transferSchema>;

/** PayStatus values that prove the store committed (spec §2.1); `CAN` = sent and already cancelled. */
const storedStatuses = new Set(['W/C', 'WCQ', 'PAID', 'CAN']);

function destinationCurrency(contents: CommitTokenContents): string {
  return (
    textAt(
      contents.request,
      'payment_details',
      'destination_country_currency',
      'iso_code',
      'currency_code',
    ) ?? ''
  );
}

/**
 * `transfers.send`: `SendMoneyStore_H2H` (spec §2, unsafe). Never re-sent: a lost reply, an unreadable one or an
 * `unavailable` fault is resolved through PayStatus by the quote's MTCN (spec §2.1), which never leads to a second
 * store or a new reference.
 */
export function defineSendOperation(
  context: WuOperationContext,
  statusOperation: ReturnType<typeof defineStatusOperation>,
) {
  const environment = context.options.environment;
  const delays = context.options.resolveDelaysMs;
  const sendCurrency = context.options.origin.currency;
  const inputSchema = z
    .object({
      commitToken: z
        .string()
        .min(1)
        .transform((token, refinement) => {
          try {
            return decodeCommitToken(token, environment);
          } catch (error) {
            const issue = (error as { issues?: { message: string }[] }).issues?.[0];
            refinement.addIssue({ code: 'custom', message: issue?.message ?? 'not a commit token' });
            return z.NEVER;
          }
        }),
    })
    .strict();

  const resolveByStatus = async (
    resolution: ResolutionContext<z.output<typeof inputSchema>>,
  ): Promise<Resolution<WuTransfer>> => {
    const contents = resolution.input.commitToken;
    const identity = commitTokenIdentity(contents);
    let status: Awaited<
      ReturnType<typeof resolution.run<typeof statusOperation.input, typeof statusOperation.output>>
    >;
    try {
      status = await resolution.run(statusOperation, { mtcn: identity.mtcn });
    } catch (error) {
      if (error instanceof WesternUnionError && error.vendorCode === WU_NO_MATCH_CODE) {
        // spec §2.1: "no such transfer" must hold on every attempt before it is believed.
        if (resolution.step < delays.length) return { status: 'pending' };
        return {
          status: 'failed',
          error: new WesternUnionError({
            operation: 'western-union.transfers.send',
            category: 'not_found',
            retryable: false,
            vendorCode: WU_NO_MATCH_CODE,
            vendorMessage: 'the transfer was not stored; start over with a new quote and a new reference',
            idempotencyKey: identity.reference,
            details: { mtcn: identity.mtcn, newMtcn: identity.newMtcn },
          }),
        };
      }
      // Inconclusive: the pipeline records it and asks again, then reports OutcomeUnknownError.
      throw error;
    }
    if (!storedStatuses.has(status.rawStatus)) return { status: 'pending' };
    const transaction = readPaymentTransactions(status.raw).transactions[0];
    const rawTransaction = child(child(status.raw, 'payment_transactions'), 'payment_transaction');
    const first = Array.isArray(rawTransaction) ? rawTransaction[0] : rawTransaction;
    const decoded = decodeTransferReply(
      {
        financials: transaction?.financials ?? contents.echo.financials,
        payment_details: child(first, 'payment_details'),
        mtcn: identity.mtcn,
        new_mtcn: identity.newMtcn,
        foreign_remote_system: contents.echo.foreign_remote_system,
        filing_date: transaction?.filingDate,
        filing_time: transaction?.filingTime,
      },
      {
        sendCurrency,
        receiveCurrency: destinationCurrency(contents),
        config: context.codec,
        fallbackReference: identity.reference,
      },
    );
    return { status: 'completed', value: { ...decoded, raw: status.raw, resolvedBy: 'status' } };
  };

  return defineOperation({
    name: 'western-union.transfers.send',
    input: inputSchema,
    output: transferSchema,
    idempotency: 'unsafe',
    timeoutMs: context.options.timeouts.send,
    codes: context.storeCodes,
    reference: (input) => commitTokenIdentity(input.commitToken).reference,
    resolve: resolveByStatus,
    resolutionDelaysMs: delays,
    encode: (input): SoapOperationRequest => ({
      service: 'store',
      operation: MINIMAL_WSDL_SHAPES.store.operation,
      args: buildStoreRequest(input.commitToken),
    }),
    decode: (reply: SoapReply, attempt) =>
      decodeSoapReply(reply, (result) => {
        const contents = attempt.input.commitToken;
        const identity = commitTokenIdentity(contents);
        const decoded = decodeTransferReply(result, {
          sendCurrency,
          receiveCurrency: destinationCurrency(contents),
          config: context.codec,
          fallbackReference: identity.reference,
        });
        return { ...decoded, resolvedBy: 'reply' };
      }),
  });
}
