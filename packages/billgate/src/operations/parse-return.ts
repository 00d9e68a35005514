import { ProtocolError, parseOrThrow, SignatureError } from '@wirebridge/core';
import { z } from 'zod';
import { mapBillgateResult } from '../billgate-codes.js';
import { BillgateError } from '../billgate-error.js';
import { verifyBillgateHashData } from '../wire/billgate-checksum.js';
import { MOBILE_SERVICE_CODE } from '../wire/billgate-constants.js';
import { parseKst } from '../wire/billgate-dates.js';
import { openFrame } from '../wire/billgate-frame.js';
import { parseReturnForm, repairMessageBase64 } from '../wire/billgate-return.js';
import { RETURN_FIELD_NAMES, readReturnFields } from '../wire/billgate-window.js';
import {
  type BillgateOperationContext,
  krwAmountSchema,
  krwSchema,
  orderIdSchema,
} from './billgate-operation-context.js';

export const parseReturnInput = z.object({
  rawBody: z.union([
    z.string(),
    z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be bytes or a string'),
  ]),
  headers: z.record(z.string(), z.string()).optional(),
  expected: z.object({ orderId: orderIdSchema, amount: krwAmountSchema, currency: krwSchema }),
});

/** What `parseReturn` hands to `charge`. */
export interface PreparedMobilePayment {
  orderId: string;
  orderDate: Date;
  transactionId: string;
  amount: number;
  currency: 'KRW';
  /** The window MESSAGE frame (`LLLL` included): pass it to `charge` unchanged. Never log it. */
  authorization: string;
  serviceType: string;
}

/**
 * Verifies and parses the RETURN_URL POST (spec §5.3): fields belong to us and to the expected order, the result
 * code is success, HASH_DATA matches our own amount (constant time), and MESSAGE opens under our key.
 */
export function parseMobileReturn(
  context: BillgateOperationContext,
  rawInput: z.input<typeof parseReturnInput>,
): PreparedMobilePayment {
  const operation = 'billgate.mobile.parseReturn';
  const input = parseOrThrow(parseReturnInput, rawInput, `input of ${operation}`, {
    vendor: 'billgate',
    operation,
  });
  const fields = readReturnFields(parseReturnForm(input.rawBody, context.config.returnCharset));
  const mismatch = (key: keyof typeof RETURN_FIELD_NAMES) =>
    new ProtocolError({
      message: `Billgate return field ${RETURN_FIELD_NAMES[key]} does not match this merchant/order`,
      vendor: 'billgate',
      operation,
      details: { field: RETURN_FIELD_NAMES[key] },
    });
  if (fields.serviceId !== context.config.serviceId) throw mismatch('serviceId');
  if (fields.serviceCode !== MOBILE_SERVICE_CODE) throw mismatch('serviceCode');
  if (fields.orderId !== input.expected.orderId) throw mismatch('orderId');
  if (fields.responseCode !== '0000') {
    const detailCode = fields.detailCode || undefined;
    const meaning = mapBillgateResult(fields.responseCode, detailCode, context.config.resultCodes);
    throw new BillgateError({
      operation,
      category: meaning.category === 'success' ? 'unknown' : meaning.category,
      retryable: meaning.retryable,
      vendorCode: fields.responseCode,
      ...(fields.responseMessage ? { vendorMessage: fields.responseMessage } : {}),
      ...(detailCode ? { detailCode } : {}),
      ...(fields.detailMessage ? { detailMessage: fields.detailMessage } : {}),
    });
  }
  // AMOUNT comes from our own order record, never from the post (spec §5.3 step 4).
  const hashInput = {
    serviceId: context.config.serviceId,
    orderId: input.expected.orderId,
    orderDate: fields.orderDate,
    amount: input.expected.amount,
  };
  if (!verifyBillgateHashData(fields.hashData, hashInput)) {
    throw new SignatureError({
      message: 'Billgate return HASH_DATA does not verify',
      vendor: 'billgate',
      operation,
    });
  }
  const parsedDate = parseKst(fields.orderDate);
  if (parsedDate === undefined) throw mismatch('orderDate');
  const { transactionId } = fields;
  if (!/^[\x21-\x7e]{1,40}$/.test(transactionId)) throw mismatch('transactionId');
  const authorization = repairMessageBase64(fields.message);
  let merchantId: string;
  try {
    merchantId = openFrame(Buffer.from(authorization, 'latin1'), context.ciphers, context.text).message
      .merchantId;
  } catch (error) {
    throw new SignatureError({
      message: 'Billgate return MESSAGE does not open under our key',
      vendor: 'billgate',
      operation,
      cause: error,
    });
  }
  // Proof the MESSAGE was built for us (spec §5.3 step 5).
  if (merchantId !== context.config.serviceId) {
    throw new SignatureError({
      message: 'Billgate return MESSAGE was built for another SERVICE_ID',
      vendor: 'billgate',
      operation,
    });
  }
  return {
    orderId: input.expected.orderId,
    orderDate: parsedDate,
    transactionId,
    amount: input.expected.amount,
    currency: 'KRW',
    authorization,
    serviceType: fields.serviceType,
  };
}
