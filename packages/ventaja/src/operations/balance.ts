import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { readBalance, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { decodeWith, encodeFor, pesoMoney, type VentajaOperationKit } from './operation-kit.js';

/** `outlet.balance` (bills host) or `eload.balance`: the outlet's credit, `safe` (spec §2). */
export function createBalanceOperation(kit: VentajaOperationKit, host: 'bills' | 'eload') {
  const name = host === 'bills' ? 'ventaja.outlet.balance' : 'ventaja.eload.balance';
  const endpoint = host === 'bills' ? VENTAJA_ENDPOINTS.billsBalance : VENTAJA_ENDPOINTS.eloadBalance;
  return defineOperation({
    name,
    input: z.object({}).strict(),
    output: pesoMoney,
    idempotency: 'safe',
    timeoutMs: host === 'bills' ? kit.settings.timeouts.bills : kit.settings.timeouts.eload,
    codes: kit.codes,
    encode: () => encodeFor(kit, endpoint, {}),
    decode: (response: HttpResponse) =>
      decodeWith(response, name, kit.codes, (reply) => ({
        amount: readBalance(reply.data, name),
        currency: 'PHP' as const,
      })),
  });
}
