import type { UnionPayClientOptions } from '../unionpay-config.js';

/** A fault the simulator injects (spec §9). */
export type UnionPayFault = {
  match?: { transactionType?: string; orderId?: string; endpoint?: 'front' | 'back' | 'query' | 'file' };
  /** How many matching requests (or notifications) it applies to. @default 1 */
  times?: number;
  fault:
    | { kind: 'delay'; ms: number }
    | {
        kind:
          | 'reset-before-response'
          | 'reset-mid-response'
          | 'malformed-body'
          | 'bad-signature'
          | 'untrusted-cert'
          | 'expired-cert'
          | 'notification-bad-signature';
      }
    | { kind: 'http-status'; status: number }
    | {
        kind: 'response-code';
        responseCode: string;
        responseMessage?: string;
        phase: 'sync' | 'final' | 'query';
      }
    | { kind: 'duplicate-notification'; copies: number }
    | { kind: 'drop-notification'; attempts: number };
};

/** Options of `startUnionPaySimulator`. */
export interface UnionPaySimulatorOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** The simulator's clock (certificate validity, `txnTime` window, queryIds). @default () => new Date() */
  clock?: () => Date;
  /** Known merchants; others get generated credentials on first `clientOptions`/`merchantCredentials`. @default [] */
  merchants?: ReadonlyArray<{ merchantId: string; signCertificate?: string | Buffer; secureKey?: string }>;
  /** Accept merchant signing certificates outside their validity (the public fixture pfx is expired). @default true */
  acceptExpiredMerchantCerts?: boolean;
  /** Delay before an accepted payout/refund/void becomes final. @default 20 */
  settleDelayMs?: number;
  /** Delays between notification sends (real: 1, 2, 4, 5 min). @default [100, 200, 400, 500] */
  notificationDelaysMs?: readonly number[];
  /** How long a notification POST may take. @default 1000 */
  notificationTimeoutMs?: number;
  /** How long the previous encryption certificate stays accepted after a rotation. @default 60_000 */
  graceMs?: number;
  /** Settlement archives (zip bytes) by `MMDD`. @default generated from the simulator's own transactions */
  settlementArchives?: Readonly<Record<string, Buffer>>;
  /** Scripted card outcomes by PAN suffix. @default all succeed */
  cardRules?: ReadonlyArray<{ panSuffix: string; finalResponseCode: string; syncResponseCode?: string }>;
}

/** One transaction in the simulator's ledger. */
export interface SimTransaction {
  merchantId: string;
  orderId: string;
  orderTime: Date;
  transactionType: string;
  queryId: string;
  amount: number;
  refundedAmount: number;
  state: 'accepted' | 'succeeded' | 'failed';
  responseCode: string;
  backUrl?: string;
}

/** One notification delivery attempt. */
export interface SimNotification {
  url: string;
  attempt: number;
  status?: number;
  fields: Readonly<Record<string, string>>;
}

/** A running simulator. */
export interface UnionPaySimulator {
  url: string;
  gatewayBaseUrl: string;
  fileDownloadUrl: string;
  trust: { rootCertificatePem: string; middleCertificatePem: string };
  encryptionCertificatePem: string;
  encryptionCertificateId: string;
  /** Ready client options: environment, trust, encryption certificate, signing. */
  clientOptions(merchantId: string): Partial<UnionPayClientOptions>;
  /** The merchant's signing key, certificate and certificate id, generated on first use. */
  merchantCredentials(merchantId: string): {
    privateKeyPem: string;
    certificatePem: string;
    certificateId: string;
  };
  /** Arms `fault` for the next `times` matching requests or notifications; returns a handle to disarm it. */
  inject(fault: UnionPayFault): {
    /** Disarms the fault; it fires no more. */
    remove(): void;
  };
  /** Finishes a front (`txnType` 01) payment as the cardholder would, and sends its notification. */
  completeFrontPayment(orderId: string, outcome: 'success' | 'failure'): Promise<void>;
  /** Issues a new encryption certificate; the previous one stays accepted for `graceMs`. */
  rotateEncryptionCertificate(): { encryptionCertificateId: string };
  /** The ledger's transactions, without card data, oldest first. */
  transactions(): readonly SimTransaction[];
  /** Every notification delivery attempt, oldest first. */
  notifications(): readonly SimNotification[];
  /**
   * Decrypts a value encrypted for the simulator's current (or grace-period) encryption certificate, so tests
   * can check what the client sent without the simulator echoing card data. Throws when it does not decrypt.
   */
  decryptSensitive(value: string, encoding?: 'UTF-8' | 'GBK'): string;
  /** Raw request bodies received, oldest first (for "nothing was sent" assertions). */
  requests(): readonly { path: string; fields: Readonly<Record<string, string>> }[];
  /** Cancels pending notifications and settlements and closes the server. */
  close(): Promise<void>;
}
