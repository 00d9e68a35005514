import { type CodesTable, type HttpResponse, sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { createVentajaCodes } from '../ventaja-codes.js';
import type { VentajaSettings } from '../ventaja-config.js';
import {
  decodeVentajaReply,
  encodeVentajaRequest,
  type VentajaEndpoint,
  type VentajaReply,
  type VentajaUnsignedRequest,
} from '../wire/ventaja-codec.js';

/** What every operation factory is built from: the client's settings and its code tables. */
export interface VentajaOperationKit {
  settings: VentajaSettings;
  /** Spec §6 with `codeOverrides`. */
  codes: CodesTable;
  /** For `process` / `topup-request`: `999` is an unknown outcome (spec §6). */
  moneyCodes: CodesTable;
  /** For `cancel`: `125` (already cancelled) is a success (spec §2). */
  cancelCodes: CodesTable;
}

/** Builds the kit once per client. */
export function createOperationKit(settings: VentajaSettings): VentajaOperationKit {
  return {
    settings,
    codes: createVentajaCodes(settings.codeOverrides),
    moneyCodes: createVentajaCodes(settings.codeOverrides, { moneyMoving: true }),
    cancelCodes: createVentajaCodes(settings.codeOverrides, { successCodes: [125] }),
  };
}

/** Encodes one request with the client's credentials and wire generation. */
export function encodeFor(
  kit: VentajaOperationKit,
  endpoint: VentajaEndpoint,
  data: Record<string, unknown> | null,
): VentajaUnsignedRequest {
  return encodeVentajaRequest(endpoint, data, kit.settings.credentials, kit.settings.generation);
}

/** Decodes a reply, reading `data` with `read` only when the code means success for this operation. */
export function decodeWith<T>(
  response: HttpResponse,
  operation: string,
  codes: CodesTable,
  read: (reply: VentajaReply) => T,
): { code: string; message?: string; value?: T } {
  const reply = decodeVentajaReply(response, operation);
  const result: { code: string; message?: string; value?: T } = { code: reply.code };
  if (reply.message !== undefined) result.message = reply.message;
  if (codes.lookup(reply.code).outcome === 'success') result.value = read(reply);
  return result;
}

/** Philippine pesos in centavos (spec §4.4): any other currency is a `ValidationError` on `…currency`. */
export const pesoAmount = z.object({
  amount: z.number().int('must be whole centavos').positive().max(1_000_000_000_000),
  currency: z.literal('PHP', { error: 'must be PHP' }),
});

/** A Money output in PHP. */
export const pesoMoney = z.object({ amount: z.number().int().nonnegative(), currency: z.literal('PHP') });

/** Biller codes as Ventaja issues them (`C15`, `G01`). */
export const billerCode = z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'must be a Ventaja biller code');

/** Account numbers: masked to the last 4 in logs (spec §5 "Redaction"). */
export const accountNumber = sensitive(
  z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be 1–40 letters, digits or dashes'),
  'account_number',
);

/** Account holder name: initials only in logs (spec §5). */
export const holderName = sensitive(z.string().trim().min(1).max(100), 'name');

/** Transaction and reference numbers returned by Ventaja. */
export const vendorNumber = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a Ventaja transaction or reference number');

/** The `agentRefNo` schema under the client's pattern (spec §4.4). */
export function agentRefNo(kit: VentajaOperationKit) {
  const pattern = kit.settings.agentRefNoPattern;
  return z.string().refine((value) => new RegExp(pattern.source, pattern.flags).test(value), {
    message: `must match ${pattern}`,
  });
}

/** Per-call memory shared by the attempts and resolution steps of one call (keyed by its validated input). */
export function createCallMemory<T extends object>(initial: () => T) {
  const memory = new WeakMap<object, T>();
  return (input: object): T => {
    let entry = memory.get(input);
    if (!entry) {
      entry = initial();
      memory.set(input, entry);
    }
    return entry;
  };
}
