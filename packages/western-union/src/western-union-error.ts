import { registerFamily, VendorError, type VendorErrorOptions } from '@wirebridge/core';

/**
 * Western Union answered with a non-success code (a SOAP Fault, or a definitive "no such transfer"). Branch on
 * `category` and `retryable`, never on the message (DESIGN §3). `vendor` is always `'western-union'`.
 */
export class WesternUnionError extends VendorError {
  constructor(options: VendorErrorOptions) {
    super({ ...options, vendor: 'western-union' });
  }
}
// Identity by family name, so `instanceof` holds across duplicated copies of the package (DESIGN §3).
registerFamily(WesternUnionError, 'WesternUnionError');
