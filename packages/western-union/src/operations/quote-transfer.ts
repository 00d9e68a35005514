import { defineOperation, ValidationError } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import {
  buildValidationRequest,
  decodeTransferReply,
  encodeCommitToken,
  type QuoteRequestInput,
  quoteEchoOf,
} from '../wire/quote-codec.js';
import { validateTemplateFields } from '../wire/template-grammar.js';
import { getAtPath } from '../wire/xrsi-object.js';
import {
  decodeSoapReply,
  moneySchema,
  referenceSchema,
  type WuOperationContext,
} from './operation-context.js';

const alpha2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code in upper case');
const alpha3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case');
const text = (max: number) => z.string().trim().min(1).max(max);
const minorUnits = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const partySchema = z.object({
  name: z.union([
    z.object({ first: text(40), middle: text(40).optional(), last: text(40) }).strict(),
    z.object({ business: text(80) }).strict(),
  ]),
  address: z
    .object({
      line1: text(40),
      line2: text(40).optional(),
      city: text(40),
      state: text(40).optional(),
      postalCode: text(20).optional(),
      country: alpha2,
    })
    .optional(),
  mobilePhone: z
    .object({ countryCode: z.string().regex(/^\d{1,4}$/), nationalNumber: z.string().regex(/^\d{4,15}$/) })
    .optional(),
  contactPhone: z
    .string()
    .regex(/^\+?\d{4,20}$/)
    .optional(),
  email: z.email().optional(),
});

const templateSchema = z.object({
  fields: z.array(
    z.object({
      xpath: z.string(),
      label: z.string(),
      maxLength: z.number(),
      fieldId: z.string(),
      required: z.boolean(),
      requiredMessage: z.string().optional(),
      inputType: z.string(),
      options: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
    }),
  ),
  raw: z.array(z.record(z.string(), z.string())),
});

/** Input of `transfers.quote` (spec §11 `WuQuoteInput`). */
export const quoteInputSchema = z
  .object({
    reference: referenceSchema,
    destination: z.object({ country: alpha2, currency: alpha3 }),
    // Exactly one of send/receive (spec §4.2: `originators_principal_amount` xor `destination_principal_amount`).
    amount: z
      .object({ send: minorUnits.optional(), receive: minorUnits.optional() })
      .strict()
      .refine((amount) => (amount.send === undefined) !== (amount.receive === undefined), {
        message: 'give exactly one of send and receive',
      })
      .transform((amount) =>
        amount.send !== undefined ? { send: amount.send } : { receive: amount.receive as number },
      ),
    deliveryService: z.string().regex(/^\d{3}$/, 'must be a 3-digit delivery service code'),
    walletProviderCode: text(20).optional(),
    sender: partySchema.extend({
      kyc: z
        .object({
          idType: text(10),
          idCountryOfIssue: alpha2,
          idNumber: text(30),
          idIssueDate: z.date().optional(),
          idExpirationDate: z.date().optional(),
          dateOfBirth: z.date().optional(),
          occupation: text(40).optional(),
          templateId: text(20).optional(),
        })
        .optional(),
    }),
    receiver: partySchema.extend({ reasonForSending: text(40).optional() }),
    templateFields: z
      .record(z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must be a dotted xpath'), z.string())
      .optional(),
    /**
     * The corridor's delivery-option template (`referenceData.deliveryOptionTemplate`). When given, the request is
     * checked against it before sending: a missing or invalid receiver/KYC field is a `ValidationError`.
     */
    template: templateSchema.optional(),
    notify: z.boolean().optional(),
  })
  .superRefine((input, context) => {
    // spec §4.2: `wallet_details/service_provider_code` is required for wallet delivery.
    if (input.deliveryService === '800' && input.walletProviderCode === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['walletProviderCode'],
        message: 'required for delivery service 800',
      });
    }
  });

/** Result of `transfers.quote` (spec §11 `WuQuote`). */
export const quoteSchema = z.object({
  reference: z.string(),
  mtcn: z.string(),
  newMtcn: z.string(),
  commitToken: z.string(),
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
  raw: z.unknown(),
});
/** Result of `transfers.quote`: amounts, fees, taxes, rate and the `commitToken` to pass to `transfers.send`. */
export type WuQuote = z.output<typeof quoteSchema>;
/** Input of `transfers.quote`: reference, destination, send or receive amount, sender and receiver. */
export type WuQuoteInput = z.input<typeof quoteInputSchema>;

/**
 * `transfers.quote`: `sendmoneyValidation` (spec §2). Keyed on `reference` (= `reference_no`): a retry reuses it,
 * and WU's duplicate detection (`duplicate_detection_flag=D`) keeps one reservation.
 */
export function defineQuoteOperation(context: WuOperationContext) {
  const shape = MINIMAL_WSDL_SHAPES.validation;
  return defineOperation({
    name: 'western-union.transfers.quote',
    input: quoteInputSchema,
    output: quoteSchema,
    idempotency: 'keyed',
    timeoutMs: context.options.timeouts.quote,
    codes: context.codes,
    reference: (input) => input.reference,
    // A quote moves no money and WU deduplicates on reference_no: when its reply is lost, spec §2 sends it again
    // with the same reference ("not executed" makes the pipeline retry it, keyed, same reference).
    resolve: async () => ({ status: 'not_executed' }),
    resolutionDelaysMs: [0],
    encode: (input): SoapOperationRequest => {
      const request = buildValidationRequest(input as QuoteRequestInput, context.codec);
      if (input.template !== undefined) {
        // spec §4.6: the template's receiver/KYC requirements are checked on the request WU would receive.
        const values = Object.fromEntries(
          input.template.fields.map((field) => [field.xpath, getAtPath(request, field.xpath)]),
        );
        const issues = validateTemplateFields(input.template, values);
        if (issues.length > 0) {
          throw new ValidationError({
            message: `Invalid input of western-union.transfers.quote: ${issues.map((issue) => `templateFields.${issue.xpath}`).join(', ')}`,
            vendor: 'western-union',
            operation: 'western-union.transfers.quote',
            issues: issues.map((issue) => ({
              path: `templateFields.${issue.xpath}`,
              code: issue.problem,
              message: `template field ${issue.problem.replace(/_/g, ' ')}`,
            })),
          });
        }
      }
      return { service: 'validation', operation: shape.operation, args: request };
    },
    decode: (reply: SoapReply, attempt) =>
      decodeSoapReply(reply, (result) => {
        const input = attempt.input as QuoteRequestInput;
        const request = buildValidationRequest(input, context.codec);
        const decoded = decodeTransferReply(result, {
          sendCurrency: context.options.origin.currency,
          receiveCurrency: input.destination.currency,
          config: context.codec,
          fallbackReference: input.reference,
        });
        const commitToken = encodeCommitToken({
          v: 1,
          env: context.options.environment,
          request,
          echo: quoteEchoOf(result),
        });
        return { ...decoded, commitToken };
      }),
  });
}
