import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OutcomeUnknownError, VendorError, type WirebridgeError } from '../../src/errors/index.js';
import { createOperationRunner, defineCodes, defineOperation } from '../../src/pipeline/index.js';
import {
  createSoapClientFactory,
  createSoapTransport,
  type SoapOperationRequest,
  type SoapReply,
  soapServiceFault,
} from '../../src/soap/index.js';
import {
  type LedgerServer,
  type LedgerServerOptions,
  ledgerWsdlPath,
  startLedgerServer,
} from './support/ledger-server.js';

// A vendor package's declarations, written against the made-up ledger service.
const ledgerCodes = defineCodes({
  vendor: 'ledger',
  codes: { OK: 'success', T0440: { category: 'invalid_request', retryable: false } },
});

const TransferInput = z.object({
  reference: z.string(),
  fromAccount: z.string(),
  toAccount: z.string(),
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
});
const TransferResult = z.object({ transferId: z.string(), status: z.string() });

/** The vendor code of a fault: the first five characters of `detail/error-reply/error`, else the faultcode. */
function vendorCodeOf(reply: Extract<SoapReply, { kind: 'fault' }>): string {
  const detail = reply.fault.detail as { 'error-reply'?: { error?: unknown } } | undefined;
  const text = detail?.['error-reply']?.error;
  return typeof text === 'string' ? text.slice(0, 5) : reply.fault.faultCode;
}

const postTransfer = defineOperation({
  name: 'ledger.transfers.post',
  input: TransferInput,
  output: TransferResult,
  idempotency: 'unsafe',
  codes: ledgerCodes,
  encode: (input): SoapOperationRequest => ({
    operation: 'PostTransfer',
    args: {
      reference: input.reference,
      from_account: input.fromAccount,
      to_account: input.toAccount,
      amount: String(input.amountMinor),
      currency: input.currency,
    },
  }),
  decode: (reply: SoapReply) => {
    if (reply.kind === 'fault') return { code: vendorCodeOf(reply), message: reply.fault.faultString };
    const result = reply.result as { transfer_id?: unknown; status?: unknown };
    return { code: 'OK', value: { transferId: result.transfer_id, status: result.status } };
  },
});

const transferInput = {
  reference: 'REF-PIPE-1',
  fromAccount: 'TEST-ACCOUNT-A',
  toAccount: 'TEST-ACCOUNT-B',
  amountMinor: 5_000,
  currency: 'USD',
};

let ledger: LedgerServer | undefined;
let closeRunner: (() => Promise<void>) | undefined;

afterEach(async () => {
  await closeRunner?.();
  await ledger?.close();
});

async function runnerAgainst(options: LedgerServerOptions) {
  ledger = await startLedgerServer(options);
  const factory = createSoapClientFactory({ vendor: 'ledger' });
  const transport = createSoapTransport(factory, {
    ledger: { wsdlPath: ledgerWsdlPath, endpoint: ledger.url },
  });
  const runner = createOperationRunner({ vendor: 'ledger', transport });
  closeRunner = () => runner.close();
  return runner;
}

async function failure(promise: Promise<unknown>): Promise<WirebridgeError> {
  return promise.then(
    () => expect.fail('the call should have failed'),
    (error: WirebridgeError) => error,
  );
}

describe('SOAP transport in the call pipeline', () => {
  it('runs a declared operation and validates its output', async () => {
    const runner = await runnerAgainst({});
    const result = await runner.run(postTransfer, transferInput, { timeoutMs: 5_000 });
    expect(result).toEqual({ transferId: 'TX-0001', status: 'ACCEPTED' });
    expect(ledger?.received).toHaveLength(1);
  });

  it('turns a timeout after the request was written into OutcomeUnknownError for an unsafe operation, sent once', async () => {
    // The ledger takes the transfer and never answers.
    const runner = await runnerAgainst({ PostTransfer: () => new Promise(() => undefined) });

    const error = await failure(runner.run(postTransfer, transferInput, { timeoutMs: 300 }));

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.operation).toBe('ledger.transfers.post');
    expect((error as OutcomeUnknownError).reference).toBeDefined();
    await ledger?.receivedCount(1);
    expect(ledger?.received).toHaveLength(1);
  });

  it('maps a SOAP Fault through the codes table to a definitive VendorError, sent once', async () => {
    const runner = await runnerAgainst({
      PostTransfer: async () => {
        throw soapServiceFault({
          faultCode: 'soapenv:Server',
          faultString: 'business exception',
          detail: { 'error-reply': { error: 'T0440 INVALID PROMO' } },
        });
      },
    });

    const error = await failure(runner.run(postTransfer, transferInput, { timeoutMs: 5_000 }));

    expect(error).toBeInstanceOf(VendorError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect((error as VendorError).category).toBe('invalid_request');
    expect((error as VendorError).vendorCode).toBe('T0440');
    expect((error as VendorError).vendorMessage).toBe('business exception');
    expect(ledger?.received).toHaveLength(1);
  });
});
