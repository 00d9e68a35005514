import type { KiccClientOptions } from '../kicc-config.js';

/** Options of `startKiccSimulator` (spec §9). */
export interface KiccSimulatorOptions {
  /** Port to listen on (loopback). @default 0 (ephemeral) */
  port?: number;
  /** Malls and their secret keys. @default [{ merchantId: 'T5102001', secretKey: 'kicc-simulator-secret' }] */
  merchants?: ReadonlyArray<{ merchantId: string; secretKey: string }>;
  /** Where webhooks are POSTed. @default none (no webhooks are sent) */
  webhookUrl?: string;
  /** Delays between webhook resends, standing for KICC's 10 × 3 min. @default ten × 50 ms */
  webhookRetryDelaysMs?: readonly number[];
  /** Per-delivery timeout. @default 1_000 */
  webhookTimeoutMs?: number;
  /** Delay before a settlement refund completes and its `notiType` 50 is sent. @default 20 */
  refundDelayMs?: number;
  /** Refuse a partial refund whose `remainAmount` does not match with `R204`. @default true */
  rejectAmountMismatch?: boolean;
  /** The simulator's clock (KST "today", expiry, `pgCno` prefix). @default () => new Date() */
  clock?: () => Date;
}

/** A fault injected into the simulator (spec §9). */
export type KiccFault = {
  /** Which requests (or webhooks, by `transactionId`) it applies to. @default every one */
  match?: { path?: string; idempotencyKey?: string; transactionId?: string };
  /** How many times it fires. @default 1 */
  times?: number;
  fault:
    | { kind: 'delay'; ms: number }
    | {
        kind:
          | 'reset-before-processing'
          | 'reset-before-response'
          | 'reset-mid-response'
          | 'malformed-body'
          | 'bad-msg-auth'
          | 'vtim';
      }
    | { kind: 'http-status'; status: number }
    | { kind: 'res-code'; resCd: string; resMsg?: string }
    | { kind: 'duplicate-webhook'; copies: number }
    | { kind: 'drop-webhook'; attempts: number };
};

/** A VA held by the simulator. */
export interface SimVirtualAccount {
  transactionId: string;
  merchantId: string;
  orderNumber: string;
  accountNumber: string;
  bankCode: string;
  amount: number;
  state: 'awaiting_deposit' | 'deposited' | 'cancelled' | 'expired';
  expiresAt: Date;
  /** Cancels executed on this VA: must never exceed 1. */
  cancelCount: number;
  /** Won refunded so far. */
  refundedAmount: number;
}

/** One webhook delivery attempt. */
export interface SimWebhook {
  notificationType: string;
  transactionId: string;
  attempt: number;
  /** HTTP status received; undefined when dropped or the connection failed. */
  status?: number;
  body: string;
}

/** One request the simulator executed (changed state), for "exactly one execution" checks. */
export interface SimExecution {
  operation: 'issue' | 'approval' | 'cancel' | 'refund';
  merchantId: string;
  idempotencyKey: string;
  transactionId: string;
}

/** A request as received, parsed. */
export interface SimRequest {
  path: string;
  body: unknown;
}

/** A running KICC simulator (spec §9, §11). */
export interface KiccSimulator {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `{ environment: { baseUrl }, merchantId, secretKey, webhook: { extraAllowedIps: ['127.0.0.1', '::1'] } }`. */
  clientOptions(
    merchantId?: string,
  ): Partial<KiccClientOptions> & Pick<KiccClientOptions, 'environment' | 'merchantId' | 'secretKey'>;
  /** Drives a deposit into a VA → state `deposited` + webhook 30 (resolves once delivery settled). */
  deposit(input: {
    accountNumber?: string;
    transactionId?: string;
    amount?: number;
    depositorName?: string;
    depositorBankCode?: string;
  }): Promise<void>;
  /** A bank error after a deposit notice → webhook 31. */
  cancelDeposit(transactionId: string): Promise<void>;
  /** Completes the payment window without a browser: returns the `authorizationId`. */
  completeAuthorization(orderNumber: string, bankCode?: string): Promise<{ authorizationId: string }>;
  /**
   * Puts `count` unpaid VAs straight into the books (no HTTP, not in `executions()`), for tests that need many
   * accounts, such as bulk deactivation. Returns their transaction ids. Extension of spec §11.
   */
  seedVirtualAccounts(count: number, options?: { merchantId?: string; amount?: number }): string[];
  /** Arms `fault` for the next `times` matching requests or webhooks; returns a handle to disarm it. */
  inject(fault: KiccFault): {
    /** Disarms the fault so it fires no more. */
    remove(): void;
  };
  /** A snapshot of every VA the simulator holds, expiry applied. */
  accounts(): readonly SimVirtualAccount[];
  /** Every webhook delivery attempt, oldest first. */
  webhooks(): readonly SimWebhook[];
  /** Every state-changing execution, oldest first (extension of spec §11). */
  executions(): readonly SimExecution[];
  /** Every request received on the API paths, oldest first (extension of spec §11). */
  requests(): readonly SimRequest[];
  /** Resolves when every scheduled webhook delivery has settled (extension of spec §11). */
  webhooksSettled(): Promise<void>;
  /** Requests being served right now. */
  inFlight(): number;
  /** The most requests ever served at once, for concurrency-limit checks. */
  maxInFlightSeen(): number;
  /** Stops webhook deliveries, waits for them to settle and closes the server. */
  close(): Promise<void>;
}
