import { defineOperation, type HttpResponse, ProtocolError } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayPaymentCodes } from '../unionpay-codes.js';
import {
  buildRequest,
  certificateUpdateFields,
  freshOrderId,
  type UnionPayWireContext,
} from '../wire/unionpay-codec.js';
import { readGatewayReply } from './operation-support.js';

/** What 95 returned: UnionPay's current encryption certificate (PEM). */
export const encryptionCertificateReplySchema = z.object({ certificatePem: z.string().min(1) });

/**
 * Encryption-certificate update query 95/00, `certType=01` (spec §2, §5.7): safe. The client compares the
 * serial and swaps; `ping()` uses the same call as a health check.
 */
export function defineRefreshEncryptionCertificate(wire: UnionPayWireContext) {
  return defineOperation({
    name: 'unionpay.encryptionCertificate.refresh',
    input: z.object({}),
    output: encryptionCertificateReplySchema,
    idempotency: 'safe',
    codes: unionPayPaymentCodes,
    encode: () => buildRequest(wire, 'back', certificateUpdateFields(wire, freshOrderId(wire))),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, unionPayPaymentCodes, response, attempt);
      const certificatePem = reply.fields.encryptPubKeyCert;
      if (certificatePem === undefined || certificatePem === '') {
        throw new ProtocolError({
          message: `${attempt.operation}: reply has no encryptPubKeyCert`,
          vendor: 'unionpay',
        });
      }
      return { code: reply.code, message: reply.message, value: { certificatePem } };
    },
  });
}
