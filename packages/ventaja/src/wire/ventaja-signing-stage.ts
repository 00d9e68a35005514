import type { KeyObject } from 'node:crypto';
import type { HttpRequest, Stage } from '@wirebridge/core';
import type { VentajaHost, VentajaUnsignedRequest } from './ventaja-codec.js';
import { signVentajaPayload, type VentajaSignatureAlgorithm } from './ventaja-signature.js';

/** What the transport stage receives: a host and a request whose body is the exact signed bytes. */
export interface VentajaSignedRequest {
  host: VentajaHost;
  request: HttpRequest;
}

/** The signing keys in force, per host; swapped atomically by `rotateSigningKey` (spec §5 "Rotation"). */
export interface VentajaKeyRing {
  keyFor(host: VentajaHost): KeyObject;
  readonly algorithm: VentajaSignatureAlgorithm;
}

/**
 * The `sign` stage, inserted after `encode` (DESIGN §2): signs the bytes `encode` serialized and hands those
 * same bytes to the transport. Nothing re-serializes afterwards, which is what keeps `/` and non-ASCII text
 * verifiable (spec §5 step 4).
 */
export function createVentajaSigningStage(keys: VentajaKeyRing): Stage {
  return {
    name: 'sign',
    run(exchange) {
      const unsigned = exchange.request as VentajaUnsignedRequest;
      const signature = signVentajaPayload(unsigned.body, keys.keyFor(unsigned.host), keys.algorithm);
      const signed: VentajaSignedRequest = {
        host: unsigned.host,
        request: {
          method: 'POST',
          path: unsigned.path,
          headers: { Signature: signature },
          body: unsigned.body,
        },
      };
      exchange.request = signed;
    },
  };
}
