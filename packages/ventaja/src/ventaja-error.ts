import { registerFamily, VendorError, type VendorErrorOptions } from '@wirebridge/core';

/** How a Ventaja error was concluded, when it came from the unknown-outcome resolver (spec §2.2). */
export type VentajaResolution = 'absent-after-window';

/** Options of {@link VentajaError}. */
export interface VentajaErrorOptions extends VendorErrorOptions {
  /** Set when the resolver concluded the error (spec §2.2 `absent-after-window`). @default undefined */
  resolution?: VentajaResolution;
}

/**
 * Ventaja answered with a `responseCode` other than 100, or the resolver concluded a definitive failure.
 * `vendor` is `'ventaja'`; `vendorCode` is `String(responseCode)`. Callers branch on `category` and `retryable`.
 */
export class VentajaError extends VendorError {
  /** `'absent-after-window'` when §2.2 concluded the top-up never arrived; otherwise undefined. */
  readonly resolution?: VentajaResolution;
  constructor(options: VentajaErrorOptions) {
    super({ ...options, vendor: 'ventaja' });
    if (options.resolution !== undefined) this.resolution = options.resolution;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), resolution: this.resolution };
  }
}
registerFamily(VentajaError, 'VentajaError');
