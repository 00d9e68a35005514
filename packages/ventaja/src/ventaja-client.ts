import type { KeyObject } from 'node:crypto';
import {
  type CallEvent,
  type CallOptions,
  createOperationRunner,
  createRedactingLogger,
  type Logger,
  type MobileChargeProvider,
  type MobileChargeRequest,
  type Money,
  type OperationRunner,
  silentLogger,
} from '@wirebridge/core';
import type { z } from 'zod';
import { createVentajaMobileChargeProvider } from './mobile-charge-provider.js';
import { createBalanceOperation } from './operations/balance.js';
import { createBillReceiptOperation } from './operations/bill-receipt.js';
import type { billPaymentSchema } from './operations/bill-schemas.js';
import { createCancelBillOperation } from './operations/cancel-bill.js';
import {
  createEloadPrefixesOperation,
  createEloadProductsOperation,
  createTelcoStatusOperation,
  type eloadProductSchema,
} from './operations/eload-catalog.js';
import { createInquireBillOperation } from './operations/inquire-bill.js';
import { createInquireTopupOperation } from './operations/inquire-topup.js';
import { createOperationKit } from './operations/operation-kit.js';
import { createPayBillOperation } from './operations/pay-bill.js';
import { createPullBillDataOperation } from './operations/pull-bill-data.js';
import { createTopupOperation } from './operations/topup.js';
import type { topupSchema } from './operations/topup-schemas.js';
import { createValidateBillOperation } from './operations/validate-bill.js';
import { resolveVentajaSettings, type VentajaClientOptions, type VentajaSettings } from './ventaja-config.js';
import { createVentajaTransport } from './ventaja-transport.js';
import { generateAgentRefNo } from './wire/agent-ref-no.js';
import type { VentajaHost } from './wire/ventaja-codec.js';
import { loadVentajaSigningKey, type VentajaSigningKey } from './wire/ventaja-signature.js';
import { createVentajaSigningStage, type VentajaKeyRing } from './wire/ventaja-signing-stage.js';

/** A bill to validate or pay (spec §11). `amount` is integer centavos in PHP. */
export interface BillInput {
  billerCode: string;
  accountNumber: string;
  /** Account holder name as the biller knows it. */
  identifier: string;
  amount: Money;
  /** The idempotency reference. @default a fresh `generateAgentRefNo()` */
  agentRefNo?: string;
  /** Biller-specific fields appended to `data` (**Modelled**). @default none */
  extra?: Record<string, string | number>;
}

/** A bills payment as Ventaja recorded it (spec §11). */
export type BillPayment = z.output<typeof billPaymentSchema>;
/** The result of `bills.validate`. */
export interface BillValidation {
  agentRefNo: string;
  details: Record<string, unknown>;
  raw: unknown;
}
/** The result of `bills.cancel`; `alreadyCancelled` when Ventaja answered `125`. */
export interface BillCancellation {
  agentRefNo: string;
  alreadyCancelled: boolean;
  enteredAt?: Date;
  raw: unknown;
}
/** An e-load product (spec §11). */
export type EloadProduct = z.output<typeof eloadProductSchema>;
/** A mobile top-up request; `msisdn` is E.164 (`+639XXXXXXXXX`). */
export interface TopupInput {
  msisdn: string;
  productCode: string;
  amount: Money;
  /** @default a fresh `generateAgentRefNo()` */
  agentRefNo?: string;
}
/** A top-up as the e-load host reports it (spec §11). */
export type Topup = z.output<typeof topupSchema>;

/** Options of {@link VentajaClient.asMobileChargeProvider}. */
export interface VentajaMobileChargeOptions {
  /** Picks the product code of a charge request. @default the rule of spec §11.1 (fixed amount, or open range) */
  productSelector?: (request: MobileChargeRequest, products: EloadProduct[]) => string;
}

/** After a key rotation, a `122` within this window is logged as `ventaja.signature_rejected` (spec §5). */
const rotationAlertWindowMs = 600_000;

/** Fills in `agentRefNo`: the caller's, else the call's `idempotencyKey`, else a fresh one (spec §4.4). */
function withAgentRefNo<T>(input: T, callOptions: CallOptions | undefined): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const record = input as { agentRefNo?: unknown };
  if (record.agentRefNo !== undefined) return input;
  return { ...input, agentRefNo: callOptions?.idempotencyKey ?? generateAgentRefNo() } as T;
}

/**
 * The Ventaja connector (spec ventaja.md): bills payment, e-load top-up and outlet balance over signed HTTP
 * JSON. Every request is serialized once, signed over those exact bytes, and sent as is (spec §5).
 */
export class VentajaClient {
  /** Bills payment (spec §2). */
  readonly bills: {
    /** Checks biller, account and amount; no money moves (`safe`). */
    validate(input: BillInput, options?: CallOptions): Promise<BillValidation>;
    /** Pays a bill, debiting the outlet (`keyed` on `agentRefNo`, resolver §2.1). */
    pay(input: BillInput, options?: CallOptions): Promise<BillPayment>;
    /** Looks a payment up (`safe`; `129` → `VentajaError` `not_found`). */
    inquire(
      input: { agentRefNo: string; transactionNumber?: string; referenceNumber?: string },
      options?: CallOptions,
    ): Promise<BillPayment>;
    /** Cancels a payment of a cancellable biller (`keyed` on the original `agentRefNo`). */
    cancel(
      input: { agentRefNo: string; transactionNumber: string; referenceNumber: string; billerCode: string },
      options?: CallOptions,
    ): Promise<BillCancellation>;
    /** Bill data (amount due…) of a pull-data biller (`safe`). */
    pullData(
      input: { billerCode: string; accountNumber: string; identifier?: string },
      options?: CallOptions,
    ): Promise<{ details: Record<string, unknown>; raw: unknown }>;
    /** The receipt of a payment (`safe`). */
    receipt(
      input: { agentRefNo: string; transactionNumber: string },
      options?: CallOptions,
    ): Promise<{ details: Record<string, unknown>; raw: unknown }>;
  };
  /** The outlet's credit on the bills host. */
  readonly outlet: {
    /** The outlet's credit on the bills host (`outlet.balance`, safe; spec §2). */
    balance(options?: CallOptions): Promise<Money>;
  };
  /** E-load (mobile top-up, spec §2; data shapes **Modelled**). */
  readonly eload: {
    /** Products, cached for `cache.productsMs`. */
    products(input?: { telco?: string }, options?: CallOptions): Promise<EloadProduct[]>;
    /** MSISDN prefixes per telco, cached for `cache.prefixesMs`. */
    prefixes(options?: CallOptions): Promise<{ prefix: string; telco: string }[]>;
    /** Per-operator health. */
    telcoStatus(options?: CallOptions): Promise<{ telco: string; status: 'up' | 'down' | 'maintenance' }[]>;
    /** Tops a mobile up: **unsafe**, never re-sent; resolver §2.2. */
    topup(input: TopupInput, options?: CallOptions): Promise<Topup>;
    /** A top-up's status (`safe`). */
    inquire(input: { agentRefNo: string; transactionNumber?: string }, options?: CallOptions): Promise<Topup>;
    /** The outlet's credit on the e-load host. */
    balance(options?: CallOptions): Promise<Money>;
  };
  /** Proves credentials, allow-listed IP and key together on every configured host. */
  readonly health: {
    /**
     * Asks each host for the outlet balance once, without retries; resolves `true` per host that answered, never
     * rejects. `eload` is absent when no e-load host is configured.
     */
    check(options?: CallOptions): Promise<{ bills: boolean; eload?: boolean }>;
  };
  /** Settings in force (defaults applied). Internal; may change without notice. */
  readonly #settings: VentajaSettings;
  readonly #runner: OperationRunner;
  readonly #keys: { bills: KeyObject; eload: KeyObject };
  readonly #logger: Logger;
  #rotatedAt: number | undefined;

  /** @throws ConfigError for invalid options, an unreadable key or a wrong passphrase (never echoed). */
  constructor(options: VentajaClientOptions) {
    const settings = resolveVentajaSettings(options);
    this.#settings = settings;
    const billsKey = loadVentajaSigningKey(options.signing, 'signing');
    this.#keys = {
      bills: billsKey,
      eload: options.signing.eload ? loadVentajaSigningKey(options.signing.eload, 'signing.eload') : billsKey,
    };
    this.#logger = options.logger ? createRedactingLogger(options.logger) : silentLogger;
    const keyRing: VentajaKeyRing = { keyFor: (host) => this.#keys[host], algorithm: settings.algorithm };
    const transport = createVentajaTransport(settings, options.transport);
    const runnerOptions = {
      vendor: 'ventaja',
      transport,
      defaultTimeoutMs: settings.timeouts.bills,
      retry: { maxAttempts: settings.maxRetries + 1 },
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
      onEvent: (event: CallEvent) => this.#watchSignatureRejections(event),
      stages: [{ after: 'encode', stage: createVentajaSigningStage(keyRing) }],
    };
    this.#runner = createOperationRunner(runnerOptions);

    const kit = createOperationKit(settings);
    const inquireBill = createInquireBillOperation(kit);
    const inquireTopup = createInquireTopupOperation(kit);
    const operations = {
      validate: createValidateBillOperation(kit),
      pay: createPayBillOperation(kit, inquireBill),
      cancel: createCancelBillOperation(kit, inquireBill),
      pullData: createPullBillDataOperation(kit),
      receipt: createBillReceiptOperation(kit),
      outletBalance: createBalanceOperation(kit, 'bills'),
      products: createEloadProductsOperation(kit),
      prefixes: createEloadPrefixesOperation(kit),
      telcoStatus: createTelcoStatusOperation(kit),
      topup: createTopupOperation(kit, inquireTopup),
      eloadBalance: createBalanceOperation(kit, 'eload'),
    };
    const runner = this.#runner;
    const productCache = new Map<string, { expiresAt: number; value: EloadProduct[] }>();
    let prefixCache: { expiresAt: number; value: { prefix: string; telco: string }[] } | undefined;

    this.bills = {
      validate: (input, callOptions) =>
        runner.run(operations.validate, withAgentRefNo(input, callOptions) as never, callOptions),
      pay: (input, callOptions) =>
        runner.run(operations.pay, withAgentRefNo(input, callOptions) as never, callOptions),
      inquire: (input, callOptions) => runner.run(inquireBill, input, callOptions),
      cancel: (input, callOptions) => runner.run(operations.cancel, input, callOptions),
      pullData: (input, callOptions) => runner.run(operations.pullData, input, callOptions),
      receipt: (input, callOptions) => runner.run(operations.receipt, input, callOptions),
    };
    this.outlet = { balance: (callOptions) => runner.run(operations.outletBalance, {}, callOptions) };
    this.eload = {
      products: async (input, callOptions) => {
        const key = input?.telco ?? '';
        const cached = productCache.get(key);
        if (cached && cached.expiresAt > Date.now()) return [...cached.value];
        const value = await runner.run(operations.products, input ?? {}, callOptions);
        if (settings.productsCacheMs > 0)
          productCache.set(key, { expiresAt: Date.now() + settings.productsCacheMs, value });
        return value;
      },
      prefixes: async (callOptions) => {
        if (prefixCache && prefixCache.expiresAt > Date.now()) return [...prefixCache.value];
        const value = await runner.run(operations.prefixes, {}, callOptions);
        if (settings.prefixesCacheMs > 0)
          prefixCache = { expiresAt: Date.now() + settings.prefixesCacheMs, value };
        return value;
      },
      telcoStatus: (callOptions) => runner.run(operations.telcoStatus, {}, callOptions),
      topup: (input, callOptions) =>
        runner.run(operations.topup, withAgentRefNo(input, callOptions) as never, callOptions),
      inquire: (input, callOptions) => runner.run(inquireTopup, input, callOptions),
      balance: (callOptions) => runner.run(operations.eloadBalance, {}, callOptions),
    };
    this.health = {
      check: async (callOptions) => {
        const probe = async (balance: () => Promise<Money>) => {
          try {
            await balance();
            return true;
          } catch {
            return false;
          }
        };
        const once = { maxAttempts: 1, ...callOptions };
        const bills = await probe(() => this.outlet.balance(once));
        if (settings.baseUrls.eload === undefined && !options.transport) return { bills };
        return { bills, eload: await probe(() => this.eload.balance(once)) };
      },
    };
  }

  /**
   * The e-load top-up as core's vendor-neutral `MobileChargeProvider` (spec §11.1): `charge` → `eload.topup`,
   * `status` → `eload.inquire`; no `cancel` (Ventaja e-load has none).
   */
  asMobileChargeProvider(options: VentajaMobileChargeOptions = {}): MobileChargeProvider {
    return createVentajaMobileChargeProvider(this, this.#settings.agentRefNoPattern, options);
  }

  /**
   * Swaps the signing key atomically (spec §5 "Rotation"): the next request is signed with it. Coordinate the
   * cut-over with Ventaja (there is no key id on the wire).
   * @param options.host `bills`, `eload`, or both when omitted.
   * @throws ConfigError when the key cannot be read; the old key stays in force.
   */
  rotateSigningKey(key: VentajaSigningKey, options: { host?: VentajaHost } = {}): void {
    const loaded = loadVentajaSigningKey(key, 'rotateSigningKey');
    if (options.host === undefined || options.host === 'bills') this.#keys.bills = loaded;
    if (options.host === undefined || options.host === 'eload') this.#keys.eload = loaded;
    this.#rotatedAt = Date.now();
  }

  /** Destroys the keep-alive agents (spec §3). */
  async close(): Promise<void> {
    await this.#runner.close();
  }

  #watchSignatureRejections(event: CallEvent): void {
    if (event.code !== '122' || this.#rotatedAt === undefined) return;
    if (Date.now() - this.#rotatedAt > rotationAlertWindowMs) return;
    // spec §5: a burst of 122 right after a rotation means Ventaja does not have the new public key yet.
    this.#logger.error(
      { event: 'ventaja.signature_rejected', operation: event.operation, attempt: event.attempt },
      'ventaja.signature_rejected: Ventaja refused the signature after a key rotation',
    );
  }
}
