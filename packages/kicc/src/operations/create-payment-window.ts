import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import { decodeWebpay, encodeWebpay } from '../wire/kicc-codec.js';
import { encodeCustomer, encodeMerchantValues } from '../wire/modelled-codec.js';
import {
  amountSchema,
  customerSchema,
  kiccText,
  merchantValuesSchema,
  orderNumberSchema,
} from './kicc-schemas.js';
import { type KiccOperationDependencies, kiccDecoder } from './operation-support.js';

const name = 'kicc.virtualAccounts.createPaymentWindow';

/** Input of `virtualAccounts.createPaymentWindow` (spec §4.2, §11). */
export function paymentWindowInputSchema(dependencies: KiccOperationDependencies) {
  const mode = dependencies.config.byteLengthMode;
  return z
    .object({
      orderNumber: orderNumberSchema,
      amount: amountSchema,
      currency: z.literal('KRW'),
      returnUrl: z.url({ protocol: /^https?$/ }).max(256),
      device: z.enum(['pc', 'mobile']),
      itemName: kiccText(50, mode),
      language: z.enum(['KOR', 'ENG', 'CHN', 'JPN']).optional(),
      customer: customerSchema(mode).optional(),
      merchantValues: merchantValuesSchema(mode),
    })
    .strict();
}

/** What a service passes to `virtualAccounts.createPaymentWindow`. */
export type PaymentWindowInput = z.input<ReturnType<typeof paymentWindowInputSchema>>;

const output = z.object({ orderNumber: z.string(), paymentWindowUrl: z.url() });

/**
 * `virtualAccounts.createPaymentWindow`: `webpay` with `payMethodTypeCode=22`, keyed on `shopOrderNo`
 * (spec §2). No money moves until `approve`, so an unknown outcome is settled by resending the same order.
 */
export function createPaymentWindowOperation(dependencies: KiccOperationDependencies) {
  const { config } = dependencies;
  const input = paymentWindowInputSchema(dependencies);
  return defineOperation({
    name,
    input,
    output,
    idempotency: 'keyed',
    reference: (value) => value.orderNumber,
    codes: dependencies.codes,
    encode: (value) =>
      encodeWebpay({
        merchantId: config.merchantId,
        orderNumber: value.orderNumber,
        amount: value.amount,
        returnUrl: value.returnUrl,
        device: value.device,
        language: value.language,
        itemName: value.itemName,
        customerInfo: encodeCustomer(value.customer),
        shopValueInfo: encodeMerchantValues(value.merchantValues),
      }),
    decode: kiccDecoder<z.output<typeof input>>(name, (body, context) => ({
      orderNumber: context.input.orderNumber,
      paymentWindowUrl: decodeWebpay(body, name),
    })),
    // spec §2: "— (no money moves; resend)". A window request creates nothing that can be paid twice.
    resolutionDelaysMs: [0],
    resolve: async () => ({ status: 'not_executed' }),
  });
}
