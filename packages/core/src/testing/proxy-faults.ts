import { z } from 'zod';
import { parseOrThrow } from '../pipeline/validate.js';

/** Which way bytes flow through the fault proxy: from the client to the target, or back. */
export type ProxyDirection = 'to-target' | 'to-client';

/** Which directions a proxy fault applies to. */
export type ProxyDirections = ProxyDirection | 'both';

/** Hold every chunk `ms` milliseconds before forwarding it (chunks stay in order). */
export interface ProxyLatencyFault {
  kind: 'latency';
  /** Added latency in milliseconds. */
  ms: number;
  /** @default 'both' */
  direction?: ProxyDirections;
}

/**
 * Forward at most `afterBytes` bytes from the target to the client on each connection (counted from the
 * start of the connection), then reset the client connection and drop the target one: with `afterBytes: 0`
 * the request reached the target and not a byte of the answer comes back — the canonical unknown outcome.
 */
export interface ProxyResetFault {
  kind: 'reset';
  /** Bytes from the target forwarded before the reset. @default 0 */
  afterBytes?: number;
}

/** Split every forwarded chunk into pieces of `bytes` bytes with a pause between them. */
export interface ProxyPartialWriteFault {
  kind: 'partial-write';
  /** Size of each piece in bytes. */
  bytes: number;
  /** Pause between two pieces in milliseconds. @default 5 */
  pauseMs?: number;
  /** @default 'both' */
  direction?: ProxyDirections;
}

/** Replace every forwarded chunk by as many garbage bytes (high bit set, never a digit or a letter). */
export interface ProxyGarbageFault {
  kind: 'garbage';
  /** @default 'to-client' */
  direction?: ProxyDirections;
}

/** Accept connections and read what arrives, but never connect to the target and never answer. */
export interface ProxyBlackHoleFault {
  kind: 'black-hole';
}

/** A fault of the fault proxy; several of different kinds combine (latency with partial writes). */
export type ProxyFault =
  | ProxyLatencyFault
  | ProxyResetFault
  | ProxyPartialWriteFault
  | ProxyGarbageFault
  | ProxyBlackHoleFault;

const directions = z.enum(['to-target', 'to-client', 'both']).optional();

const proxyFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().finite().nonnegative(), direction: directions }),
  z.object({ kind: z.literal('reset'), afterBytes: z.number().int().nonnegative().optional() }),
  z.object({
    kind: z.literal('partial-write'),
    bytes: z.number().int().positive(),
    pauseMs: z.number().finite().nonnegative().optional(),
    direction: directions,
  }),
  z.object({ kind: z.literal('garbage'), direction: directions }),
  z.object({ kind: z.literal('black-hole') }),
]);

/**
 * Checks a proxy fault before it is set.
 * @throws ValidationError naming the bad field (`fault.kind`, `fault.ms`…).
 */
export function assertValidProxyFault(fault: unknown): asserts fault is ProxyFault {
  parseOrThrow(proxyFaultSchema, fault, 'fault proxy fault', { prefix: 'fault' });
}

/** True when `fault` applies to bytes flowing in `direction`. */
export function appliesTo(
  fault: { direction?: ProxyDirections },
  direction: ProxyDirection,
  fallback: ProxyDirections,
): boolean {
  const directionsOfFault = fault.direction ?? fallback;
  return directionsOfFault === 'both' || directionsOfFault === direction;
}
