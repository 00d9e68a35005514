/** The events inbound telegrams become (spec §11 `CooconEvent`), built from decoded telegrams. */
import { fromSeoulParts } from '../wire/coocon-dates.js';
import type { DecodedTelegram } from '../wire/coocon-telegram.js';
import { cooconDedupeKey } from '../wire/coocon-telegram.js';

/** What every inbound telegram event carries. */
export interface CooconTelegramMeta {
  /** `coocon:{institutionCode}:{messageType}:{transactionDate}:{serial}`; resends share it (spec §7). */
  dedupeKey: string;
  institutionCode: string;
  /** `YYYYMMDD`, KST. */
  transactionDate: string;
  transactionSerial: number;
  /** 1 on the first push, ≥ 2 on Coocon's resends. */
  sendCount: number;
  /** transactionDate + transactionTime (KST) as an instant. */
  occurredAt: Date;
  /** What decoding tolerated (a name cut mid-character). */
  warnings: string[];
  /** Every decoded field, for reconciliation; contains personal data — do not log. */
  raw: { header: Record<string, unknown>; body: Record<string, unknown> };
}

/** Day totals of a 0800/2400 close telegram. */
export interface CooconDayTotals {
  depositCount: number;
  depositTotal: number;
  cancelCount: number;
  cancelTotal: number;
}

/** A deposit (입금통지, 0200/1100). */
export interface CooconDepositEvent extends CooconTelegramMeta {
  type: 'deposit';
  virtualAccountNumber: string;
  merchantReference?: string;
  /** KRW won. */
  amount: number;
  currency: 'KRW';
  depositorName: string;
  remitterBankCode: string;
  bankTransactionId: string;
  depositMethod: 'cash' | 'transfer' | 'check' | 'other';
  afterCutoff: boolean;
  networkReference: string;
}

/** A deposit cancellation (입금취소, 0400/1100) of an earlier 0200. */
export interface CooconDepositCancelledEvent extends CooconTelegramMeta {
  type: 'deposit.cancelled';
  virtualAccountNumber: string;
  merchantReference?: string;
  amount: number;
  currency: 'KRW';
  /** The dedupe key of the cancelled deposit. */
  originalDedupeKey: string;
  originalTransactionDate: string;
  originalTransactionSerial: number;
  cancelReason: string;
  /** Set by the receiver only: whether it saw the original deposit. */
  originalSeen?: boolean;
}

/** Network management (0800): business-day open (2100), echo (2300), close with totals (2400). */
export interface CooconNetworkEvent extends CooconTelegramMeta {
  type: 'network.open' | 'network.echo' | 'network.close';
  businessDate: string;
  lastSerial?: number;
  totals?: CooconDayTotals;
}

/** Every inbound event (spec §11). */
export type CooconEvent = CooconDepositEvent | CooconDepositCancelledEvent | CooconNetworkEvent;

const depositMethods = { '1': 'cash', '2': 'transfer', '3': 'check' } as const;
const networkTypes = { dayOpen: 'network.open', echo: 'network.echo', dayClose: 'network.close' } as const;

/** Builds the event of an accepted inbound telegram. @internal */
export function eventOf(telegram: DecodedTelegram): CooconEvent | undefined {
  const { header, body } = telegram;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  const meta: CooconTelegramMeta = {
    dedupeKey: cooconDedupeKey({
      institutionCode: text(header.institutionCode),
      messageType: text(header.messageType),
      transactionDate: text(header.transactionDate),
      transactionSerial: number(header.transactionSerial),
    }),
    institutionCode: text(header.institutionCode),
    transactionDate: text(header.transactionDate),
    transactionSerial: number(header.transactionSerial),
    sendCount: number(header.sendCount),
    occurredAt: fromSeoulParts(header.transactionDate, header.transactionTime) ?? new Date(Number.NaN),
    warnings: telegram.warnings,
    raw: { header, body },
  };
  const merchantReference = text(body.merchantReference);
  const reference = merchantReference.length > 0 ? { merchantReference } : {};
  switch (telegram.kind) {
    case 'deposit':
      return {
        ...meta,
        type: 'deposit',
        virtualAccountNumber: text(body.virtualAccountNumber),
        ...reference,
        amount: number(body.amount),
        currency: 'KRW',
        depositorName: text(body.depositorName),
        remitterBankCode: text(body.remitterBankCode),
        bankTransactionId: text(body.bankTransactionId),
        depositMethod: depositMethods[text(body.depositMethod) as keyof typeof depositMethods] ?? 'other',
        afterCutoff: header.afterCutoff === '1',
        networkReference: text(header.networkReference),
      };
    case 'depositCancel': {
      const originalTransactionDate = text(header.originalTransactionDate);
      const originalTransactionSerial = number(header.originalTransactionSerial);
      return {
        ...meta,
        type: 'deposit.cancelled',
        virtualAccountNumber: text(body.virtualAccountNumber),
        ...reference,
        amount: number(body.amount),
        currency: 'KRW',
        originalDedupeKey: cooconDedupeKey({
          institutionCode: meta.institutionCode,
          messageType: '0200',
          transactionDate: originalTransactionDate,
          transactionSerial: originalTransactionSerial,
        }),
        originalTransactionDate,
        originalTransactionSerial,
        cancelReason: text(body.cancelReason),
      };
    }
    case 'dayOpen':
    case 'echo':
    case 'dayClose': {
      const event: CooconNetworkEvent = {
        ...meta,
        type: networkTypes[telegram.kind],
        businessDate: text(body.businessDate),
      };
      if (telegram.kind === 'dayClose') {
        event.lastSerial = number(body.lastSerial);
        event.totals = {
          depositCount: number(body.depositCount),
          depositTotal: number(body.depositTotal),
          cancelCount: number(body.cancelCount),
          cancelTotal: number(body.cancelTotal),
        };
      }
      return event;
    }
    default:
      // Outbound kinds (issue, inquiry…) are never pushed to us.
      return undefined;
  }
}

/** True for 0800 telegrams: serial 0, so their dedupe key is not unique and they bypass the claim (spec §7). */
export function isNetworkEvent(event: CooconEvent): event is CooconNetworkEvent {
  return event.type.startsWith('network.');
}
