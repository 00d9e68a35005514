import { parseOrThrow } from '@wirebridge/core';
import { z } from 'zod';
import type { FrontForm } from '../unionpay-types.js';
import { signMessage } from '../wire/signature.js';
import { frontPaymentFields, type UnionPayWireContext } from '../wire/unionpay-codec.js';
import {
  amountSchema,
  currencySchema,
  orderIdSchema,
  orderTimeSchema,
  passthroughSchema,
} from './operation-support.js';

/** Input of `payments.createFrontForm` (spec §11 `FrontPaymentInput`). */
export interface FrontPaymentInput {
  orderId: string;
  orderTime?: Date;
  amount: number;
  currency: 'CNY';
  channelType?: '07' | '08';
  paymentDeadline?: Date;
  passthrough?: string;
  frontUrl?: string;
  backUrl?: string;
}

function frontInputSchema(wire: UnionPayWireContext) {
  return z.object({
    orderId: orderIdSchema,
    orderTime: orderTimeSchema(wire),
    amount: amountSchema,
    currency: currencySchema,
    channelType: z.enum(['07', '08']).optional(),
    paymentDeadline: z.date().optional(),
    passthrough: passthroughSchema(wire),
    frontUrl: z.url().optional(),
    backUrl: z
      .url()
      .refine((value) => !value.includes('?'), 'must not carry a ?query (spec §4)')
      .optional(),
  });
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Front consume 01/01 (spec §2): local, nothing is sent. Returns the signed fields and an auto-submitting
 * HTML form for the browser; the result comes by notification or `payments.query`.
 *
 * @throws ValidationError naming the field, before anything is signed.
 */
export function createFrontForm(
  wire: UnionPayWireContext,
  gatewayBaseUrl: string,
  rawInput: FrontPaymentInput,
): FrontForm {
  const input = parseOrThrow(frontInputSchema(wire), rawInput, 'input of unionpay.payments.createFrontForm', {
    vendor: 'unionpay',
    operation: 'unionpay.payments.createFrontForm',
  });
  const fields = signMessage(frontPaymentFields(wire, input), wire.signer(), wire.encoding);
  const action = new URL('frontTransReq.do', gatewayBaseUrl.replace(/\/?$/, '/')).toString();
  const inputs = Object.keys(fields)
    .sort()
    .map((key) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(fields[key] ?? '')}"/>`)
    .join('\n');
  const html = `<!DOCTYPE html>\n<html><head><meta charset="${wire.encoding}"/></head><body onload="document.forms[0].submit()">\n<form action="${escapeHtml(action)}" method="post">\n${inputs}\n</form>\n</body></html>\n`;
  return { action, fields: Object.freeze(fields), html, orderId: input.orderId, orderTime: input.orderTime };
}
