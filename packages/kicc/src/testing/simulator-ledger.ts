import { randomBytes } from 'node:crypto';
import { KICC_BANK_CODES } from '../kicc-bank-codes.js';
import { formatKst, parseKst } from '../wire/kicc-kst.js';
import { computeMsgAuthValue, verifyMsgAuthValue } from '../wire/kicc-mac.js';
import type { SimExecution, SimVirtualAccount } from './simulator-types.js';

/*
 * The simulator's state and the KICC semantics it applies (spec §9). JSON in, JSON out; the HTTP server, faults
 * and webhooks live in kicc-simulator.ts.
 */

type Body = Record<string, unknown>;
type Answer = Body;

/** A VA with what the simulator needs beyond the public view. */
export interface LedgerAccount extends SimVirtualAccount {
  idempotencyKey: string;
  bankName: string;
  holderName: string;
  issuedAt: string;
  deposit?: { depositDate: string; depositAmount: number; depositorName: string; depositBankCode: string };
  cancelPgCno?: string;
}

/** A webhook the ledger wants sent. */
export interface LedgerNotification {
  notiType: string;
  transactionId: string;
  body: Body;
  delayMs?: number;
}

const forbidden = /['"<>\\;|\r\n]/;
const answer = (resCd: string, resMsg: string): Answer => ({ resCd, resMsg });
const invalid = () => answer('R401', 'invalid field');

/** Every string anywhere in a request body is free of KICC's forbidden characters (spec §3). */
function hasForbiddenText(value: unknown): boolean {
  if (typeof value === 'string') return forbidden.test(value);
  if (Array.isArray(value)) return value.some(hasForbiddenText);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasForbiddenText);
  return false;
}

function text(body: Body, field: string, max: number, required = true): string | undefined | null {
  const value = body[field];
  if (value === undefined || value === '') return required ? null : undefined;
  if (typeof value !== 'string' || value.length > max) return null;
  return value;
}

function object(value: unknown): Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {};
}

/** The simulator's books. */
export class SimulatorLedger {
  readonly accounts = new Map<string, LedgerAccount>();
  readonly executions: SimExecution[] = [];
  readonly #byAccountNumber = new Map<string, string>();
  readonly #transactions = new Map<
    string,
    { kind: 'approval'; pgCno: string } | { kind: 'revise'; response: Body }
  >();
  readonly #orders = new Set<string>();
  readonly #windows = new Map<
    string,
    {
      merchantId: string;
      orderNumber: string;
      amount: number;
      returnUrl: string;
      goodsName: string;
      authorizationId?: string;
      bankCode?: string;
    }
  >();
  #sequence = 0;

  constructor(
    private readonly merchants: ReadonlyMap<string, string>,
    private readonly clock: () => Date,
    private readonly options: { rejectAmountMismatch: boolean; refundDelayMs: number; url: () => string },
    private readonly notify: (notification: LedgerNotification) => void,
  ) {}

  #today(): string {
    return formatKst(this.clock(), 'yyyyMMdd');
  }

  #now14(): string {
    return formatKst(this.clock(), 'yyyyMMddHHmmss');
  }

  /** `pgCno`: 20 digits, KST time-prefixed (spec §9). */
  #nextPgCno(): string {
    this.#sequence++;
    return `${this.#now14().slice(2)}${String(this.#sequence).padStart(8, '0')}`;
  }

  #transactionKey(merchantId: string, idempotencyKey: string, day: string): string {
    return `${merchantId}|${idempotencyKey}|${day}`;
  }

  /** Moves a VA past its expiry to `expired` when the clock says so. */
  #refresh(account: LedgerAccount): LedgerAccount {
    if (account.state === 'awaiting_deposit' && this.clock().getTime() >= account.expiresAt.getTime()) {
      account.state = 'expired';
    }
    return account;
  }

  account(transactionId: string): LedgerAccount | undefined {
    const account = this.accounts.get(transactionId);
    return account ? this.#refresh(account) : undefined;
  }

  accountByNumber(accountNumber: string): LedgerAccount | undefined {
    const pgCno = this.#byAccountNumber.get(accountNumber);
    return pgCno === undefined ? undefined : this.account(pgCno);
  }

  /** Checks `mallId`, free text and the per-day key; returns an error answer or the mall's key. */
  #common(body: Body, keyField: 'shopTransactionId' | null): Answer | { secretKey: string } {
    const merchantId = body.mallId;
    if (typeof merchantId !== 'string' || !this.merchants.has(merchantId))
      return answer('R302', 'unknown mallId');
    if (hasForbiddenText(body)) return invalid();
    if (keyField) {
      const key = text(body, keyField, 60);
      if (!key || !/^[A-Za-z0-9_-]+$/.test(key)) return invalid();
    }
    return { secretKey: this.merchants.get(merchantId)! };
  }

  #statusCode(account: LedgerAccount): string {
    switch (account.state) {
      case 'awaiting_deposit':
      case 'expired':
        return 'TS07';
      case 'cancelled':
        return 'TS02';
      default:
        return account.refundedAmount > 0 ? 'TS06' : 'TS03';
    }
  }

  /** The approval-shaped view of a VA (spec §4.1); `msgAuthValue` only on approval and issue replies. */
  approvalShape(account: LedgerAccount, options: { withMac: boolean; withDeposit: boolean }): Answer {
    const response: Body = {
      resCd: '0000',
      resMsg: '정상처리',
      mallId: account.merchantId,
      pgCno: account.transactionId,
      shopTransactionId: account.idempotencyKey,
      shopOrderNo: account.orderNumber,
      amount: account.amount,
      transactionDate: account.issuedAt,
      statusCode: this.#statusCode(account),
      statusMessage:
        account.state === 'cancelled' ? '승인취소' : account.state === 'deposited' ? '입금완료' : '입금대기',
      escrowUsed: 'N',
      paymentInfo: {
        payMethodTypeCode: '22',
        approvalNo: '',
        approvalDate: account.issuedAt,
        virtualAccountInfo: {
          bankCode: account.bankCode,
          bankName: account.bankName,
          accountNo: account.accountNumber,
          depositName: account.holderName,
          expiryDate: formatKst(account.expiresAt, 'yyyyMMddHHmmss'),
        },
        cashReceiptInfo: { resCd: '', resMsg: '', approvalNo: '', approvalDate: '' },
      },
    };
    if (options.withMac) {
      response.msgAuthValue = computeMsgAuthValue(this.merchants.get(account.merchantId)!, [
        account.transactionId,
        account.amount,
        account.issuedAt,
      ]);
    }
    if (options.withDeposit && account.deposit) response.depositInfo = { ...account.deposit };
    if (options.withDeposit && account.cancelPgCno) response.cancelPgCno = account.cancelPgCno;
    return response;
  }

  #createAccount(fields: {
    merchantId: string;
    idempotencyKey: string;
    orderNumber: string;
    amount: number;
    bankCode: string;
    holderName: string;
    expiresAt: Date;
    operation: 'issue' | 'approval' | 'seed';
  }): LedgerAccount {
    const transactionId = this.#nextPgCno();
    const accountNumber = `5621104${String(this.#sequence).padStart(7, '0')}`;
    const account: LedgerAccount = {
      transactionId,
      merchantId: fields.merchantId,
      orderNumber: fields.orderNumber,
      accountNumber,
      bankCode: fields.bankCode,
      amount: fields.amount,
      state: 'awaiting_deposit',
      expiresAt: fields.expiresAt,
      cancelCount: 0,
      refundedAmount: 0,
      idempotencyKey: fields.idempotencyKey,
      bankName: `${KICC_BANK_CODES[fields.bankCode] ?? '은행'}은행`,
      holderName: fields.holderName,
      issuedAt: this.#now14(),
    };
    this.accounts.set(transactionId, account);
    this.#byAccountNumber.set(accountNumber, transactionId);
    this.#orders.add(`${fields.merchantId}|${fields.orderNumber}`);
    this.#transactions.set(this.#transactionKey(fields.merchantId, fields.idempotencyKey, this.#today()), {
      kind: 'approval',
      pgCno: transactionId,
    });
    if (fields.operation !== 'seed') {
      this.executions.push({
        operation: fields.operation,
        merchantId: fields.merchantId,
        idempotencyKey: fields.idempotencyKey,
        transactionId,
      });
    }
    return account;
  }

  /** Test convenience: unpaid VAs put straight into the books, as if issued earlier today. */
  seed(merchantId: string, count: number, amount: number): string[] {
    if (!this.merchants.has(merchantId)) throw new Error(`simulator: unknown merchant ${merchantId}`);
    const expiresAt = new Date(this.clock().getTime() + 3 * 24 * 60 * 60 * 1_000);
    return Array.from({ length: count }, () => {
      const reference = `seed-${randomBytes(8).toString('hex')}`;
      return this.#createAccount({
        merchantId,
        idempotencyKey: reference,
        orderNumber: reference,
        amount,
        bankCode: '088',
        holderName: '',
        expiresAt,
        operation: 'seed',
      }).transactionId;
    });
  }

  /** Modelled issue (spec §4.1). */
  issue(body: Body): Answer {
    const common = this.#common(body, 'shopTransactionId');
    if (!('secretKey' in common)) return common;
    const merchantId = body.mallId as string;
    const orderNumber = text(body, 'shopOrderNo', 40);
    const method = object(object(body.payMethodInfo).virtualAccountMethodInfo);
    const goodsName = text(object(body.orderInfo), 'goodsName', 50);
    const bankCode = text(method, 'bankCode', 3);
    const expiryDate = text(method, 'expiryDate', 14);
    const accountTypeCode = text(method, 'accountTypeCode', 2);
    const amount = body.amount;
    if (
      !orderNumber ||
      !goodsName ||
      !bankCode ||
      !expiryDate ||
      !/^\d{14}$/.test(expiryDate) ||
      !['10', '20', '22'].includes(accountTypeCode ?? '') ||
      (accountTypeCode === '22' && !text(method, 'fixedAccountNo', 20)) ||
      typeof amount !== 'number' ||
      !Number.isSafeInteger(amount) ||
      amount <= 0 ||
      body.currency !== '00' ||
      body.payMethodTypeCode !== '22' ||
      body.approvalReqDate !== this.#today()
    ) {
      return invalid();
    }
    const key = body.shopTransactionId as string;
    if (this.#transactions.has(this.#transactionKey(merchantId, key, this.#today()))) {
      return answer('R101', 'duplicate shopTransactionId');
    }
    if (this.#orders.has(`${merchantId}|${orderNumber}`)) return answer('R102', 'duplicate shopOrderNo');
    const account = this.#createAccount({
      merchantId,
      idempotencyKey: key,
      orderNumber,
      amount,
      bankCode,
      holderName: text(method, 'depositName', 20) ?? '',
      expiresAt: parseKst(expiryDate),
      operation: 'issue',
    });
    return this.approvalShape(account, { withMac: true, withDeposit: false });
  }

  /** `webpay` (spec §4.2): the same order asks for the same window again. */
  webpay(body: Body): Answer {
    const common = this.#common(body, null);
    if (!('secretKey' in common)) return common;
    const merchantId = body.mallId as string;
    const orderNumber = text(body, 'shopOrderNo', 40);
    const returnUrl = text(body, 'returnUrl', 256);
    const goodsName = text(object(body.orderInfo), 'goodsName', 50);
    const amount = body.amount;
    if (
      !orderNumber ||
      !returnUrl ||
      !goodsName ||
      typeof amount !== 'number' ||
      !Number.isSafeInteger(amount) ||
      amount <= 0 ||
      body.payMethodTypeCode !== '22' ||
      body.currency !== '00'
    ) {
      return invalid();
    }
    if (this.#orders.has(`${merchantId}|${orderNumber}`)) return answer('R102', 'duplicate shopOrderNo');
    let windowId = [...this.#windows.entries()].find(
      ([, window]) => window.merchantId === merchantId && window.orderNumber === orderNumber,
    )?.[0];
    if (windowId === undefined) {
      windowId = randomBytes(8).toString('hex');
      this.#windows.set(windowId, { merchantId, orderNumber, amount, returnUrl, goodsName });
    }
    return { resCd: '0000', resMsg: '정상처리', authPageUrl: `${this.options.url()}/sim/auth/${windowId}` };
  }

  /** The payment window: the payer picks a bank; returns where the browser is sent. */
  authorize(windowId: string, bankCode: string): string | undefined {
    const window = this.#windows.get(windowId);
    if (!window) return undefined;
    window.authorizationId ??= `auth${randomBytes(10).toString('hex')}`;
    window.bankCode = bankCode;
    const location = new URL(window.returnUrl);
    location.searchParams.set('resCd', '0000');
    location.searchParams.set('shopOrderNo', window.orderNumber);
    location.searchParams.set('authorizationId', window.authorizationId);
    return location.toString();
  }

  /** `completeAuthorization` of the simulator API. */
  authorizeOrder(orderNumber: string, bankCode: string): string | undefined {
    const windowId = [...this.#windows.entries()].find(
      ([, window]) => window.orderNumber === orderNumber,
    )?.[0];
    if (windowId === undefined) return undefined;
    this.authorize(windowId, bankCode);
    return this.#windows.get(windowId)?.authorizationId;
  }

  /** `approval` after the window (spec §4.2). */
  approval(body: Body): Answer {
    const common = this.#common(body, 'shopTransactionId');
    if (!('secretKey' in common)) return common;
    const merchantId = body.mallId as string;
    const orderNumber = text(body, 'shopOrderNo', 40);
    const authorizationId = text(body, 'authorizationId', 60);
    if (!orderNumber || !authorizationId || body.approvalReqDate !== this.#today()) return invalid();
    const key = body.shopTransactionId as string;
    if (this.#transactions.has(this.#transactionKey(merchantId, key, this.#today()))) {
      return answer('R101', 'duplicate shopTransactionId');
    }
    const window = [...this.#windows.values()].find(
      (candidate) =>
        candidate.merchantId === merchantId &&
        candidate.orderNumber === orderNumber &&
        candidate.authorizationId === authorizationId,
    );
    if (!window) return answer('R201', 'authorization not found');
    if (this.#orders.has(`${merchantId}|${orderNumber}`)) return answer('R102', 'duplicate shopOrderNo');
    const expiresAt = new Date(this.clock().getTime() + 3 * 24 * 60 * 60 * 1_000);
    const account = this.#createAccount({
      merchantId,
      idempotencyKey: key,
      orderNumber,
      amount: window.amount,
      bankCode: window.bankCode ?? '088',
      holderName: '',
      expiresAt,
      operation: 'approval',
    });
    return this.approvalShape(account, { withMac: true, withDeposit: false });
  }

  /** `revise` (spec §4.3): cancel (40) and refunds (60/62/63). */
  revise(body: Body): Answer {
    const common = this.#common(body, 'shopTransactionId');
    if (!('secretKey' in common)) return common;
    const merchantId = body.mallId as string;
    const key = body.shopTransactionId as string;
    const pgCno = text(body, 'pgCno', 20);
    const reviseTypeCode = text(body, 'reviseTypeCode', 2);
    if (!pgCno || !reviseTypeCode || body.cancelReqDate !== this.#today()) return invalid();
    const stored = this.#transactions.get(this.#transactionKey(merchantId, key, this.#today()));
    if (body.refundQueryFlag === 'Y') {
      // The documented re-query: answers what the request with this key did; never executes (Modelled).
      if (stored?.kind === 'revise') return { ...stored.response };
      return answer('R201', 'transaction not found');
    }
    if (stored) return answer('R101', 'duplicate shopTransactionId');
    if (!verifyMsgAuthValue(String(common.secretKey), [pgCno, key], String(body.msgAuthValue ?? ''))) {
      return answer('R301', 'msgAuthValue mismatch');
    }
    const account = this.account(pgCno);
    if (!account || account.merchantId !== merchantId) return answer('R201', 'transaction not found');
    if (reviseTypeCode === '40') return this.#cancel(account, key);
    if (['60', '62', '63'].includes(reviseTypeCode)) return this.#refund(account, key, body, reviseTypeCode);
    return invalid();
  }

  #reviseResponse(
    account: LedgerAccount,
    key: string,
    cancelAmount: number,
    remainAmount: number,
    refundDate: string,
  ): Answer {
    const cancelPgCno = this.#nextPgCno();
    const now = this.#now14();
    return {
      resCd: '0000',
      resMsg: '정상취소',
      mallId: account.merchantId,
      shopTransactionId: key,
      shopOrderNo: account.orderNumber,
      oriPgCno: account.transactionId,
      cancelPgCno,
      transactionDate: now,
      cancelAmount,
      remainAmount,
      statusCode: account.state === 'cancelled' ? 'TS02' : 'TS06',
      statusMessage: account.state === 'cancelled' ? '승인취소' : '부분취소',
      escrowUsed: 'N',
      reviseInfo: {
        payMethodTypeCode: '22',
        approvalNo: '',
        approvalDate: now,
        refundInfo: { refundDate, depositPgCno: '' },
        cashReceiptInfo: { resCd: '', resMsg: '', approvalNo: '', cancelDate: '' },
      },
    };
  }

  #record(account: LedgerAccount, key: string, response: Answer, operation: 'cancel' | 'refund'): void {
    this.#transactions.set(this.#transactionKey(account.merchantId, key, this.#today()), {
      kind: 'revise',
      response,
    });
    this.executions.push({
      operation,
      merchantId: account.merchantId,
      idempotencyKey: key,
      transactionId: account.transactionId,
    });
  }

  #cancel(account: LedgerAccount, key: string): Answer {
    if (account.state === 'deposited') return answer('R203', 'already deposited');
    if (account.state !== 'awaiting_deposit') return answer('R202', 'already closed');
    account.state = 'cancelled';
    account.cancelCount++;
    const response = this.#reviseResponse(account, key, account.amount, 0, '');
    account.cancelPgCno = response.cancelPgCno as string;
    this.#record(account, key, response, 'cancel');
    return response;
  }

  #refund(account: LedgerAccount, key: string, body: Body, reviseTypeCode: string): Answer {
    if (account.state !== 'deposited') return answer('R401', 'not deposited');
    const refundInfo = object(body.refundInfo);
    if (!text(refundInfo, 'refundBankCode', 3) || !text(refundInfo, 'refundAccountNo', 14)) return invalid();
    const remaining = account.amount - account.refundedAmount;
    const partial = body.amount !== undefined;
    const amount = partial ? body.amount : remaining;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || amount > remaining) {
      return answer('R204', 'amount mismatch');
    }
    if (partial && this.options.rejectAmountMismatch && body.remainAmount !== remaining - amount) {
      return answer('R204', 'remaining amount mismatch');
    }
    account.refundedAmount += amount;
    if (account.refundedAmount === account.amount) account.state = 'cancelled';
    const settlement = reviseTypeCode === '60' || reviseTypeCode === '62';
    const refundDate = formatKst(
      new Date(this.clock().getTime() + (settlement ? 86_400_000 : 0)),
      'yyyyMMdd',
    );
    const response = this.#reviseResponse(
      account,
      key,
      amount,
      account.amount - account.refundedAmount,
      refundDate,
    );
    if (account.state === 'cancelled') account.cancelPgCno = response.cancelPgCno as string;
    this.#record(account, key, response, 'refund');
    this.notify({
      notiType: '50',
      transactionId: account.transactionId,
      body: {
        ...this.#notificationBase(account, '50'),
        amount,
        cancelPgCno: response.cancelPgCno,
        cancelDate: response.transactionDate,
      },
      delayMs: settlement ? this.options.refundDelayMs : 0,
    });
    return response;
  }

  /** `retrieveTransaction` (spec §4.4): today and yesterday only. */
  retrieveTransaction(body: Body): Answer {
    const common = this.#common(body, 'shopTransactionId');
    if (!('secretKey' in common)) return common;
    const day = text(body, 'transactionDate', 8);
    const today = this.#today();
    const yesterday = formatKst(new Date(this.clock().getTime() - 86_400_000), 'yyyyMMdd');
    if (!day || (day !== today && day !== yesterday)) return invalid();
    const stored = this.#transactions.get(
      this.#transactionKey(body.mallId as string, body.shopTransactionId as string, day),
    );
    if (!stored) return answer('R201', 'transaction not found');
    if (stored.kind === 'revise') return { ...stored.response };
    return this.approvalShape(this.account(stored.pgCno)!, { withMac: false, withDeposit: false });
  }

  /** Modelled VA inquiry (spec §4.5). */
  retrieveVirtualAccount(body: Body): Answer {
    const common = this.#common(body, null);
    if (!('secretKey' in common)) return common;
    const pgCno = text(body, 'pgCno', 20);
    if (!pgCno) return invalid();
    const account = this.account(pgCno);
    if (!account || account.merchantId !== body.mallId) return answer('R201', 'transaction not found');
    return this.approvalShape(account, { withMac: false, withDeposit: true });
  }

  #notificationBase(account: LedgerAccount, notiType: string): Body {
    return {
      resCd: '0000',
      resMsg: '정상',
      mallId: account.merchantId,
      notiType,
      pgCno: account.transactionId,
      shopOrderNo: account.orderNumber,
      shopTransactionId: account.idempotencyKey,
      amount: account.amount,
      transactionDate: this.#now14(),
      statusCode: this.#statusCode(account),
      payMethodTypeCode: '22',
      virtualAccountInfo: {
        bankCode: account.bankCode,
        bankName: account.bankName,
        accountNo: account.accountNumber,
        depositName: account.holderName,
        expiryDate: formatKst(account.expiresAt, 'yyyyMMddHHmmss'),
      },
    };
  }

  /** A deposit into an awaiting VA (spec §9 "Driving deposits"). */
  deposit(
    account: LedgerAccount,
    input: { amount?: number; depositorName?: string; depositorBankCode?: string },
  ): LedgerNotification {
    if (account.state !== 'awaiting_deposit')
      throw new Error(`simulator: VA is ${account.state}, deposit refused`);
    account.state = 'deposited';
    account.deposit = {
      depositDate: this.#now14(),
      depositAmount: input.amount ?? account.amount,
      depositorName: input.depositorName ?? '홍길동',
      depositBankCode: input.depositorBankCode ?? '004',
    };
    return {
      notiType: '30',
      transactionId: account.transactionId,
      body: {
        ...this.#notificationBase(account, '30'),
        statusMessage: '입금완료',
        depositInfo: { ...account.deposit },
      },
    };
  }

  /** A bank error after a deposit notice (spec §7 `notiType` 31). */
  cancelDeposit(account: LedgerAccount): LedgerNotification {
    if (account.state !== 'deposited' || !account.deposit)
      throw new Error('simulator: VA has no deposit to cancel');
    const cancelPgCno = this.#nextPgCno();
    account.state = 'awaiting_deposit';
    const deposit = account.deposit;
    delete account.deposit;
    return {
      notiType: '31',
      transactionId: account.transactionId,
      body: {
        ...this.#notificationBase(account, '31'),
        depositInfo: { ...deposit },
        cancelPgCno,
        cancelDate: this.#now14(),
      },
    };
  }
}
