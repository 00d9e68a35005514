import type { CodesTable, DecodedReply } from '@wirebridge/core';
import type { SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { WU_SUCCESS_CODE } from '../western-union-codes.js';
import type { ResolvedWesternUnionOptions } from '../western-union-config.js';
import type { QuoteCodecConfig } from '../wire/quote-codec.js';
import { decodeFaultReply } from '../wire/wu-fault.js';

/** What every operation declaration of one client is built from. */
export interface WuOperationContext {
  options: ResolvedWesternUnionOptions;
  /** The codes table of the client (default table plus overrides). */
  codes: CodesTable;
  /** The store's table: `unavailable` faults run the resolver (spec §2.1). */
  storeCodes: CodesTable;
  /** The codec view of the options. */
  codec: QuoteCodecConfig;
}

/** Decodes a SOAP reply: a Fault gives its WU code (spec §6), a result goes through `read`. */
export function decodeSoapReply(reply: SoapReply, read: (result: unknown) => unknown): DecodedReply {
  if (reply.kind === 'fault') return decodeFaultReply(reply);
  return { code: WU_SUCCESS_CODE, value: read(reply.result) };
}

/** `mtcn`: 10 digits in practice, ≤16 in the XSD (spec §4.7). */
export const mtcnSchema = z.string().regex(/^\d{10,16}$/, 'must be 10–16 digits');

/** `reference` = `foreign_remote_system.reference_no` (spec §4.1): rejected, never truncated, when longer than 20. */
export const referenceSchema = z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'must be 1–20 letters or digits');

export const moneySchema = z.object({ amount: z.number().int().nonnegative(), currency: z.string() });
