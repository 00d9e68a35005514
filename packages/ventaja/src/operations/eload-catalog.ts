import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import {
  productListData,
  readPrefixes,
  readProducts,
  readTelcoStatus,
  VENTAJA_ENDPOINTS,
} from '../wire/ventaja-codec.js';
import { decodeWith, encodeFor, pesoMoney, type VentajaOperationKit } from './operation-kit.js';

/** An e-load product (spec §11 `EloadProduct`): a fixed `amount`, or an open `range`. */
export const eloadProductSchema = z.object({
  productCode: z.string(),
  telco: z.string(),
  description: z.string(),
  amount: pesoMoney.optional(),
  range: z.object({ min: pesoMoney, max: pesoMoney }).optional(),
  raw: z.unknown(),
});

const telcoName = z.string().regex(/^[A-Za-z0-9 _-]{1,30}$/, 'must be a telco name');

/** `eload.products` (`/product-list`, **Modelled** shape), `safe` (spec §2). */
export function createEloadProductsOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.eload.products';
  return defineOperation({
    name,
    input: z.object({ telco: telcoName.optional() }),
    output: z.array(eloadProductSchema),
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.eload,
    codes: kit.codes,
    encode: (input) => encodeFor(kit, VENTAJA_ENDPOINTS.productList, productListData(input)),
    decode: (response: HttpResponse) =>
      decodeWith(response, name, kit.codes, (reply) =>
        readProducts(reply.data, name).map((product) => ({
          productCode: product.productCode,
          telco: product.telco,
          description: product.description,
          ...(product.amountMinor === undefined
            ? {}
            : { amount: { amount: product.amountMinor, currency: 'PHP' as const } }),
          ...(product.rangeMinor === undefined
            ? {}
            : {
                range: {
                  min: { amount: product.rangeMinor.min, currency: 'PHP' as const },
                  max: { amount: product.rangeMinor.max, currency: 'PHP' as const },
                },
              }),
          raw: product.raw,
        })),
      ),
  });
}

/** `eload.prefixes` (`/prefix-list`, **Modelled** shape), `safe` (spec §2). */
export function createEloadPrefixesOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.eload.prefixes';
  return defineOperation({
    name,
    input: z.object({}).strict(),
    output: z.array(z.object({ prefix: z.string(), telco: z.string() })),
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.eload,
    codes: kit.codes,
    encode: () => encodeFor(kit, VENTAJA_ENDPOINTS.prefixList, {}),
    decode: (response: HttpResponse) =>
      decodeWith(response, name, kit.codes, (reply) => readPrefixes(reply.data, name)),
  });
}

/** `eload.telcoStatus` (`/telco-status`, **Modelled** shape), `safe` (spec §2). */
export function createTelcoStatusOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.eload.telcoStatus';
  return defineOperation({
    name,
    input: z.object({}).strict(),
    output: z.array(z.object({ telco: z.string(), status: z.enum(['up', 'down', 'maintenance']) })),
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.eload,
    codes: kit.codes,
    encode: () => encodeFor(kit, VENTAJA_ENDPOINTS.telcoStatus, {}),
    decode: (response: HttpResponse) =>
      decodeWith(response, name, kit.codes, (reply) => readTelcoStatus(reply.data, name)),
  });
}
