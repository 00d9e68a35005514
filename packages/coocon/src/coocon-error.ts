import { registerFamily, VendorError, type VendorErrorOptions } from '@wirebridge/core';

/**
 * Coocon answered with a non-success response code (bytes 38–41). `vendorCode` is that code,
 * `vendorMessage` the header's responseMessage; callers branch on `category` and `retryable` (spec §6).
 */
export class CooconError extends VendorError {
  constructor(options: VendorErrorOptions) {
    super({ ...options, vendor: 'coocon' });
  }
}
registerFamily(CooconError, 'CooconError');
