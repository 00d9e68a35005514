import { parseOrThrow, sensitive, ValidationError } from '@wirebridge/core';
import { z } from 'zod';
import { createBillgateChecksum } from '../wire/billgate-checksum.js';
import { BILLGATE_CARRIER_CODES } from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import { encodeWireText } from '../wire/billgate-text.js';
import type { BillgateCarrierCode } from '../wire/billgate-types.js';
import {
  BILLGATE_WINDOW_SCRIPT_URLS,
  buildWindowFields,
  type WindowFormValues,
} from '../wire/billgate-window.js';
import {
  type BillgateOperationContext,
  krwAmountSchema,
  krwSchema,
  orderDateSchema,
  orderIdSchema,
} from './billgate-operation-context.js';

const carrierNames = Object.values(BILLGATE_CARRIER_CODES) as [BillgateCarrierCode, ...BillgateCarrierCode[]];

export const paymentRequestInput = z.object({
  orderId: orderIdSchema,
  orderDate: orderDateSchema,
  amount: krwAmountSchema,
  currency: krwSchema,
  itemName: z.string().min(1).max(100),
  itemCode: z.string().max(50).optional(),
  userId: z.string().max(50).optional(),
  userName: sensitive(z.string().max(50), 'name').optional(),
  userEmail: sensitive(z.email().max(100), 'personal').optional(),
  returnUrl: z.url({ protocol: /^https?$/ }),
  cancelFlag: z.boolean().optional(),
  reserved: z.tuple([z.string().optional(), z.string().optional(), z.string().optional()]).optional(),
  logoUrl: z.url({ protocol: /^https?$/ }).optional(),
  prefill: z
    .object({
      birthDate: z
        .string()
        .regex(/^\d{6}$/, 'must be YYMMDD')
        .optional(),
      carrier: z.enum(carrierNames).optional(),
      mobileNumber: z
        .string()
        .regex(/^01\d{8,9}$/, 'must be digits without hyphens')
        .optional(),
      readOnlyNumber: z.boolean().optional(),
    })
    .optional(),
});

/** What the browser needs to open the window (spec §4.6). */
export interface MobilePaymentRequest {
  scriptUrl: string;
  protocolType: 'https_tpay' | 'https_pay';
  /** Form fields, to be posted in EUC-KR (`accept-charset="EUC-KR"`). */
  fields: Record<string, string>;
}

/** Builds the payment window form incl. CHECK_SUM (spec §4.6, §5.2). Local: nothing is sent. */
export function createMobilePaymentRequest(
  context: BillgateOperationContext,
  rawInput: z.input<typeof paymentRequestInput>,
  production: boolean,
): MobilePaymentRequest {
  const operation = 'billgate.mobile.createPaymentRequest';
  const input = parseOrThrow(paymentRequestInput, rawInput, `input of ${operation}`, {
    vendor: 'billgate',
    operation,
  });
  const { serviceId } = context.config;
  const random = context.config.randomBytes;
  const checksum = createBillgateChecksum(
    { serviceId, orderId: input.orderId, amount: input.amount },
    random ? Buffer.from(random(4)).toString('hex') : undefined,
  );
  const fields = buildWindowFields({
    ...input,
    serviceId,
    orderDate: formatKst(input.orderDate),
    checksum,
  } as WindowFormValues);
  // The form is posted in EUC-KR: a character it cannot carry would arrive as '?' (spec §5.1 text rules).
  const textFields: Array<[keyof typeof input, string | undefined]> = [
    ['itemName', input.itemName],
    ['userName', input.userName],
    ['itemCode', input.itemCode],
    ['userId', input.userId],
  ];
  for (const [name, value] of textFields) {
    if (value === undefined) continue;
    try {
      encodeWireText(value, context.text.outbound, name);
    } catch {
      throw new ValidationError({
        message: `${operation}: ${name} cannot be encoded in ${context.text.outbound}`,
        vendor: 'billgate',
        operation,
        issues: [
          { path: name, message: `cannot be encoded in ${context.text.outbound}`, code: 'UNENCODABLE' },
        ],
      });
    }
  }
  return {
    scriptUrl: production ? BILLGATE_WINDOW_SCRIPT_URLS.production : BILLGATE_WINDOW_SCRIPT_URLS.test,
    protocolType: production ? 'https_pay' : 'https_tpay',
    fields,
  };
}
