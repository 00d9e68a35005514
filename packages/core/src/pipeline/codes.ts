import { VendorError, type VendorErrorCategory, type VendorErrorOptions } from '../errors/families.js';

/** How one vendor result code is read. */
export type CodeEntry =
  | 'success'
  /** The vendor has not decided yet: the pipeline resolves the outcome as if the reply were lost. */
  | 'pending'
  | { category: VendorErrorCategory; retryable?: boolean };

/** What a code means to the pipeline. */
export type CodeOutcome =
  | { outcome: 'success' }
  | { outcome: 'pending' }
  | { outcome: 'error'; category: VendorErrorCategory; retryable: boolean };

/** A vendor's result-code table: data, not if-chains (DESIGN §2 step 7, STYLE). */
export interface CodesTable {
  readonly vendor: string;
  /** Classifies one result code; unlisted codes get the table's fallback. */
  lookup(code: string): CodeOutcome;
  /** Builds the vendor's own error class (`KiccError`) for a non-success code. */
  createError(options: VendorErrorOptions): VendorError;
}

/** Options of {@link defineCodes}. */
export interface DefineCodesOptions {
  vendor: string;
  codes: Readonly<Record<string, CodeEntry>>;
  /** Entry for codes not in the table. @default `{ category: 'unknown', retryable: false }` */
  fallback?: CodeEntry;
  /** Factory of the vendor's error subclass. @default `new VendorError(options)` */
  createError?: (options: VendorErrorOptions) => VendorError;
}

function toOutcome(entry: CodeEntry): CodeOutcome {
  if (entry === 'success' || entry === 'pending') return { outcome: entry };
  return { outcome: 'error', category: entry.category, retryable: entry.retryable ?? false };
}

/** Declares a vendor's result-code table. */
export function defineCodes(options: DefineCodesOptions): CodesTable {
  const outcomes = new Map<string, CodeOutcome>();
  for (const [code, entry] of Object.entries(options.codes)) outcomes.set(code, toOutcome(entry));
  const fallback = toOutcome(options.fallback ?? { category: 'unknown', retryable: false });
  const createError = options.createError ?? ((errorOptions) => new VendorError(errorOptions));
  return {
    vendor: options.vendor,
    lookup: (code) => outcomes.get(code) ?? fallback,
    createError,
  };
}
