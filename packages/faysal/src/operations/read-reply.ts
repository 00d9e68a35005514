import type { DecodedReply } from '@wirebridge/core';
import type { FaysalWire, FaysalWireResponse } from '../wire/faysal-wire.js';

/** The generic decode of an operation whose value needs no client-side adjustment. */
export function readReply(wire: FaysalWire, response: FaysalWireResponse): DecodedReply {
  const reply = wire.read(response);
  return reply.value === undefined
    ? { code: reply.code, message: reply.responseDesc }
    : { code: reply.code, message: reply.responseDesc, value: reply.value };
}
