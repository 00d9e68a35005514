/**
 * The base of every error the SDK throws (DESIGN §3).
 *
 * Identity is carried by a `Symbol.for` brand rather than the prototype chain, so `instanceof`
 * keeps working when a service ends up with two copies of core (the CJS and the ESM build, or two
 * versions deduplicated differently by the package manager).
 */

const brandKey = 'wirebridge.error';
const familyKey = 'wirebridge.error.families';

/** @internal The global brand placed on every Wirebridge error instance. */
export const errorBrand: unique symbol = Symbol.for(brandKey) as never;
/** @internal The list of family names an instance belongs to, base first. */
export const familiesSymbol: unique symbol = Symbol.for(familyKey) as never;

/** Every `code` a Wirebridge error can carry; callers branch on `code`, `category` and `retryable`. */
export type WirebridgeErrorCode =
  | 'VALIDATION'
  | 'CONFIG'
  | 'TRANSPORT'
  | 'TIMEOUT'
  | 'OUTCOME_UNKNOWN'
  | 'PROTOCOL'
  | 'SIGNATURE'
  | 'FRAMING'
  | 'CRYPTO'
  | 'SOAP_FAULT'
  | 'JSON_RPC'
  | 'VENDOR'
  | 'CIRCUIT_OPEN'
  | 'BULKHEAD_REJECTED'
  | 'RATE_LIMITED'
  | 'ABORTED';

/** Options shared by every Wirebridge error constructor. */
export interface WirebridgeErrorOptions {
  /** Human-readable summary. Must never contain a secret, a full account/card number or a personal name. */
  message: string;
  /** Whether repeating the same call may succeed. Each family documents its default. */
  retryable?: boolean;
  /** Vendor package that raised the error, e.g. `kicc`. */
  vendor?: string;
  /** Fully qualified operation name, e.g. `kicc.virtualAccounts.issue`. */
  operation?: string;
  /** The idempotency reference the call used, so support can find the request at the vendor. */
  idempotencyKey?: string;
  /** Redacted, structured context (never raw request bodies). */
  details?: Readonly<Record<string, unknown>>;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Root of the error hierarchy. Never thrown directly; every thrown error is one of its families.
 */
export class WirebridgeError extends Error {
  /** Stable machine-readable code of the family. */
  readonly code: WirebridgeErrorCode;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** Vendor package that raised the error. */
  readonly vendor?: string;
  /** Fully qualified operation name. */
  readonly operation?: string;
  /** Idempotency reference used by the call, when there was one. */
  readonly idempotencyKey?: string;
  /** Redacted structured details. */
  readonly details?: Readonly<Record<string, unknown>>;

  /** @internal */
  readonly [errorBrand] = true;
  /** @internal */
  readonly [familiesSymbol]: readonly string[];

  constructor(code: WirebridgeErrorCode, options: WirebridgeErrorOptions, defaultRetryable = false) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? defaultRetryable;
    if (options.vendor !== undefined) this.vendor = options.vendor;
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.idempotencyKey !== undefined) this.idempotencyKey = options.idempotencyKey;
    if (options.details !== undefined) this.details = options.details;
    this[familiesSymbol] = collectFamilies(new.target);
  }

  /** Brand-based identity: survives two copies of core in one process. */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    return isInstanceOfFamily(instance, familyNameOf(this));
  }

  /** A plain, redacted object for logs and JSON responses (no stack, no raw cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      vendor: this.vendor,
      operation: this.operation,
      idempotencyKey: this.idempotencyKey,
      details: this.details,
    };
  }
}

const familyNames = new WeakMap<object, string>();

/**
 * Registers a class under a global family name. The name, not the class object, is what `instanceof`
 * compares, so two copies of the same class agree.
 * @internal
 */
export function registerFamily(
  errorClass: abstract new (...args: never[]) => WirebridgeError,
  name: string,
): void {
  familyNames.set(errorClass, name);
  // `name` lives on the prototype so every instance reports its family without per-instance work.
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
}

function familyNameOf(errorClass: object): string {
  return familyNames.get(errorClass) ?? (errorClass as { name: string }).name;
}

function collectFamilies(errorClass: object): string[] {
  const families: string[] = [];
  let current: object | null = errorClass;
  while (current && current !== Function.prototype) {
    families.unshift(familyNameOf(current));
    current = Object.getPrototypeOf(current) as object | null;
  }
  return families;
}

function isInstanceOfFamily(instance: unknown, family: string): boolean {
  if (typeof instance !== 'object' || instance === null) return false;
  const branded = instance as { [errorBrand]?: unknown; [familiesSymbol]?: unknown };
  if (branded[errorBrand] !== true) return false;
  const families = branded[familiesSymbol];
  return Array.isArray(families) && families.includes(family);
}

registerFamily(WirebridgeError, 'WirebridgeError');

/** True when `value` is any Wirebridge error, from any copy of core. */
export function isWirebridgeError(value: unknown): value is WirebridgeError {
  return isInstanceOfFamily(value, 'WirebridgeError');
}
