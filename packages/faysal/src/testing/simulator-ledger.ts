import { fromWireAmount, toWireAmount } from '../domain/amount.js';
import { ibanBankCode, pakistanIbanFor } from '../domain/iban.js';
import { formatKarachiTimestamp, karachiDate, karachiTime } from '../domain/karachi-time.js';

// The simulated bank's state and business rules (spec §9 "State", "Behaviour"). It speaks the Modelled
// param/result names; method names come from the codec, so a codec that renames methods swaps both sides.

/** A simulated beneficiary account. */
export interface SimulatedAccount {
  iban: string;
  accountNumber: string;
  title: string;
  cnic: string;
  status: 'ACTIVE' | 'INACTIVE' | 'BLOCKED' | 'CLOSED';
  bankImd: string;
}

/** One transaction the simulated bank executed (the ledger tests check). */
export interface SimulatedTransaction {
  partnerReference: string;
  returnReference?: string;
  status: 'COMPLETED' | 'PENDING' | 'ON_HOLD' | 'REJECTED' | 'FAILED' | 'RETURNED';
  responseCode: string;
  responseDesc: string;
  rail: 'BOOK' | 'RAAST' | 'IBFT';
  bankReference: string;
  amountMinor: number;
  beneficiaryAccount: string;
  rrn: string;
  stan: string;
  txnDate: string;
  creditedAt?: string;
  failedAt?: string;
  returnedAt?: string;
  settleAt?: number;
  failOnSettle?: boolean;
}

interface SimulatedReturn {
  returnReference: string;
  partnerReference: string;
  status: 'COMPLETED';
  amountMinor: number;
  bankReference: string;
  returnedAt: string;
}

interface TitleFetchRecord {
  id: string;
  account: string;
  amountMinor: number;
  expiresAt: number;
}

type Result = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: wire params, checked field by field (requireFields) before use
type Params = Record<string, any>;

/** Thrown by a handler for invalid params: becomes JSON-RPC `-32602` with `data.fields`. */
export class InvalidParams extends Error {
  constructor(readonly fields: string[]) {
    super('Invalid params');
  }
}

const banks = [
  {
    bankId: 1,
    bankDisplayName: 'Faysal Bank',
    bankShortBIC: 'FAYSPKKA',
    bankBIC: 'FAYSPKKAXXX',
    bankIMD: '990001',
    code: 'FAYS',
    ibft: 'Y',
    raast: 'Y',
  },
  {
    bankId: 2,
    bankDisplayName: 'Other Bank',
    bankShortBIC: 'OTHRPKKA',
    bankBIC: 'OTHRPKKAXXX',
    bankIMD: '990002',
    code: 'OTHR',
    ibft: 'Y',
    raast: 'N',
  },
  {
    bankId: 3,
    bankDisplayName: 'Raast Bank',
    bankShortBIC: 'RAASPKKA',
    bankBIC: 'RAASPKKAXXX',
    bankIMD: '990003',
    code: 'RAAS',
    ibft: 'N',
    raast: 'Y',
  },
] as const;

const descriptions: Readonly<Record<string, string>> = {
  '0000': 'PROCESSED OK',
  '0102': 'INVALID ACCOUNT',
  '0103': 'ACCOUNT INACTIVE',
  '0110': 'DUPLICATE TRANSACTION',
  '0118': 'INVALID DATE',
  '0120': 'ACCOUNT CLOSED',
  '0148': 'AMOUNT MISMATCH',
  '0151': 'ADVICE PENDING',
  '0193': 'TITLE FETCH MISSING',
  '0195': 'TRANSACTION REJECTED',
  '0402': 'PER TRANSACTION LIMIT EXCEEDED',
  '0403': 'DAILY LIMIT EXCEEDED',
  '0404': 'INSUFFICIENT FUNDS',
  '0406': 'RAIL NOT AVAILABLE',
  '0411': 'NO TRANSACTION FOUND',
  '0431': 'TITLE FETCH EXPIRED',
};

/** The response block of a code. */
export function responseBlock(code: string): { responseCode: string; responseDesc: string } {
  return { responseCode: code, responseDesc: descriptions[code] ?? `CODE ${code}` };
}

const pkr = (minor: number) => toWireAmount(minor, 'PKR');

/** Creates the simulated bank. */
export function createSimulatorLedger(options: {
  now: () => number;
  pendingMs?: number;
  titleFetchTtlMs?: number;
}) {
  const accounts: SimulatedAccount[] = [];
  let accountSerial = 0;
  const addAccount = (bankIndex: number, title: string, status: SimulatedAccount['status']) => {
    accountSerial += 1;
    const bank = banks[bankIndex]!;
    // Deterministic numbers, so recorded contract fixtures replay byte for byte.
    const digits = `${String(bankIndex + 1).padStart(7, '0')}${String(accountSerial).padStart(9, '0')}`;
    const iban = pakistanIbanFor(bank.code, digits);
    accounts.push({
      iban,
      accountNumber: digits,
      title,
      cnic: `35202${String(1_000_000 + accountSerial)}${accountSerial % 10}`,
      status,
      bankImd: bank.bankIMD,
    });
  };
  addAccount(0, 'MUHAMMAD ALI', 'ACTIVE');
  addAccount(0, 'AYESHA KHAN', 'INACTIVE');
  addAccount(0, 'BILAL AHMED', 'CLOSED');
  addAccount(1, 'FATIMA NOOR', 'ACTIVE');
  addAccount(2, 'USMAN TARIQ', 'ACTIVE');

  const poolIban = pakistanIbanFor('FAYS', '0000009900000001');
  const pool = {
    balanceMinor: 1_000_000_000,
    perTransactionMinor: 500_000_000,
    dailyMinor: 2_000_000_000,
    dailyCount: 500,
  };
  const daily = { usedMinor: 0, count: 0 };
  const transactions = new Map<string, SimulatedTransaction>();
  const returns = new Map<string, SimulatedReturn>();
  const titleFetches = new Map<string, TitleFetchRecord>();
  const debits = new Map<string, number>();
  let bankSerial = 0;
  const titleFetchTtlMs = options.titleFetchTtlMs ?? 30 * 60 * 1_000;

  const nowDate = () => new Date(options.now());
  const bankReference = () => {
    bankSerial += 1;
    return `FBL${karachiDate(nowDate()).slice(2)}${String(bankSerial).padStart(5, '0')}`;
  };
  const findAccount = (account: string) =>
    accounts.find((candidate) => candidate.iban === account || candidate.accountNumber === account);
  const bankOf = (account: SimulatedAccount) => banks.find((bank) => bank.bankIMD === account.bankImd)!;
  const railFor = (
    account: SimulatedAccount,
    requested: string | undefined,
  ): 'BOOK' | 'RAAST' | 'IBFT' | undefined => {
    const bank = bankOf(account);
    const rail = requested ?? 'AUTO';
    // spec §2: AUTO = book when the IBAN's bank code is FAYS, else RAAST if available, else IBFT.
    if (rail === 'AUTO') {
      if (ibanBankCode(account.iban) === 'FAYS') return 'BOOK';
      return bank.raast === 'Y' ? 'RAAST' : 'IBFT';
    }
    if (rail === 'BOOK') return bank.code === 'FAYS' ? 'BOOK' : undefined;
    if (rail === 'RAAST') return bank.raast === 'Y' ? 'RAAST' : undefined;
    if (rail === 'IBFT') return bank.ibft === 'Y' ? 'IBFT' : undefined;
    return undefined;
  };

  /** Moves settled IBFT credits to their final state (spec §9 `pendingMs`). */
  const settle = () => {
    const now = options.now();
    for (const transaction of transactions.values()) {
      if (
        transaction.status !== 'PENDING' ||
        transaction.settleAt === undefined ||
        transaction.settleAt > now
      )
        continue;
      const at = formatKarachiTimestamp(new Date(transaction.settleAt));
      delete transaction.settleAt;
      if (transaction.failOnSettle) {
        Object.assign(transaction, { status: 'FAILED', failedAt: at, ...responseBlockFields('0412') });
      } else {
        Object.assign(transaction, { status: 'COMPLETED', creditedAt: at, ...responseBlockFields('0000') });
      }
    }
  };

  const requireFields = (params: Params, paths: string[]) => {
    const missing = paths.filter((path) => {
      const value = path
        .split('.')
        .reduce<unknown>(
          (node, key) => (node == null ? undefined : (node as Record<string, unknown>)[key]),
          params,
        );
      return value === undefined || value === null || value === '';
    });
    if (missing.length > 0) throw new InvalidParams(missing);
  };
  const amountOf = (params: Params, path: string) => {
    try {
      if (params.amount?.currency !== 'PKR') throw new Error('currency');
      return fromWireAmount(params.amount.value, 'PKR');
    } catch {
      throw new InvalidParams([path]);
    }
  };

  const creditResult = (transaction: SimulatedTransaction): Result => ({
    status:
      transaction.status === 'FAILED' || transaction.status === 'RETURNED' ? 'COMPLETED' : transaction.status,
    bankReference: transaction.bankReference,
    rail: transaction.rail,
    info: { rrn: transaction.rrn, stan: transaction.stan },
    ...(transaction.creditedAt === undefined ? {} : { creditedAt: transaction.creditedAt }),
  });

  const transactionView = (transaction: SimulatedTransaction): Result => ({
    partnerReference: transaction.partnerReference,
    ...(transaction.returnReference === undefined ? {} : { returnReference: transaction.returnReference }),
    status: transaction.status,
    responseCode: transaction.responseCode,
    responseDesc: transaction.responseDesc,
    rail: transaction.rail,
    bankReference: transaction.bankReference,
    amount: { value: pkr(transaction.amountMinor), currency: 'PKR' },
    ...(transaction.creditedAt === undefined ? {} : { creditedAt: transaction.creditedAt }),
    ...(transaction.failedAt === undefined ? {} : { failedAt: transaction.failedAt }),
    ...(transaction.returnedAt === undefined ? {} : { returnedAt: transaction.returnedAt }),
  });

  const handlers = {
    titleFetch(params: Params): Result {
      requireFields(params, ['info.rrn', 'beneficiary.account', 'amount.value', 'purposeCode']);
      const amountMinor = amountOf(params, 'amount');
      const account = findAccount(params.beneficiary.account);
      if (!account) return { response: responseBlock('0102') };
      const rail = railFor(account, params.rail);
      if (!rail) return { response: responseBlock('0406') };
      const bank = bankOf(account);
      const id = `TF-${(titleFetches.size + 1).toString(16).padStart(6, '0')}`;
      const expiresAt = options.now() + titleFetchTtlMs;
      titleFetches.set(id, { id, account: account.iban, amountMinor, expiresAt });
      const cnic = params.beneficiary.cnic as string | undefined;
      return {
        response: responseBlock('0000'),
        titleFetchId: id,
        account: {
          title: account.title,
          iban: account.iban,
          accountNumber: account.accountNumber,
          status: account.status,
        },
        bank: { bankImd: bank.bankIMD, bankBic: bank.bankBIC, bankName: bank.bankDisplayName },
        rail,
        cnicMatch: cnic === undefined ? 'NOT_CHECKED' : cnic === account.cnic ? 'MATCH' : 'MISMATCH',
        expiresAt: formatKarachiTimestamp(new Date(expiresAt)),
        info: { rrn: params.info.rrn, stan: params.info.stan },
      };
    },
    credit(params: Params): Result {
      requireFields(params, [
        'info.rrn',
        'info.stan',
        'partnerReference',
        'remitter.name',
        'remitter.idNumber',
        'beneficiary.account',
        'beneficiary.bankImd',
        'beneficiary.title',
        'amount.value',
        'source.fxRate',
        'purposeCode',
      ]);
      const amountMinor = amountOf(params, 'amount');
      const info = { rrn: params.info.rrn as string, stan: params.info.stan as string };
      const existing = transactions.get(params.partnerReference);
      if (existing) {
        // spec §2.1: a reused partnerReference is 0110 with the original, which the client compares.
        return {
          response: responseBlock('0110'),
          original: {
            ...creditResult(existing),
            amount: { value: pkr(existing.amountMinor), currency: 'PKR' },
            beneficiary: { account: existing.beneficiaryAccount },
          },
        };
      }
      const account = findAccount(params.beneficiary.account);
      if (!account) return { response: responseBlock('0102'), info };
      const rail = railFor(account, params.rail);
      if (!rail) return { response: responseBlock('0406'), info };
      const titleFetchId = params.titleFetchId as string | undefined;
      if (titleFetchId === undefined) {
        if (rail !== 'BOOK') return { response: responseBlock('0193'), info };
      } else {
        const titleFetch = titleFetches.get(titleFetchId);
        if (!titleFetch || titleFetch.account !== account.iban)
          return { response: responseBlock('0193'), info };
        if (titleFetch.expiresAt < options.now()) return { response: responseBlock('0431'), info };
        if (titleFetch.amountMinor !== amountMinor) return { response: responseBlock('0148'), info };
      }
      const base = {
        partnerReference: params.partnerReference as string,
        rail,
        amountMinor,
        beneficiaryAccount:
          account.iban === params.beneficiary.account ? account.iban : account.accountNumber,
        bankReference: bankReference(),
        txnDate: params.info.txnDate as string,
        ...info,
      };
      if (account.status !== 'ACTIVE') {
        // Rejected: nothing is debited (spec §4.3 statuses).
        const code = account.status === 'CLOSED' ? '0120' : '0103';
        const rejected: SimulatedTransaction = { ...base, status: 'REJECTED', ...responseBlockFields(code) };
        transactions.set(base.partnerReference, rejected);
        return { response: responseBlock(code), ...creditResult(rejected) };
      }
      if (amountMinor > pool.perTransactionMinor) return { response: responseBlock('0402'), info };
      if (daily.usedMinor + amountMinor > pool.dailyMinor || daily.count + 1 > pool.dailyCount) {
        return { response: responseBlock('0403'), info };
      }
      if (pool.balanceMinor < amountMinor) return { response: responseBlock('0404'), info };
      pool.balanceMinor -= amountMinor;
      daily.usedMinor += amountMinor;
      daily.count += 1;
      debits.set(base.partnerReference, (debits.get(base.partnerReference) ?? 0) + 1);
      const pending = rail === 'IBFT' && options.pendingMs !== undefined;
      const transaction: SimulatedTransaction = pending
        ? {
            ...base,
            status: 'PENDING',
            ...responseBlockFields('0151'),
            settleAt: options.now() + options.pendingMs!,
          }
        : {
            ...base,
            status: 'COMPLETED',
            ...responseBlockFields('0000'),
            creditedAt: formatKarachiTimestamp(nowDate()),
          };
      transactions.set(base.partnerReference, transaction);
      return { response: responseBlock(pending ? '0151' : '0000'), ...creditResult(transaction) };
    },
    inquiry(params: Params): Result {
      requireFields(params, ['info.rrn', 'query']);
      settle();
      const query = params.query as Params;
      let transaction: SimulatedTransaction | undefined;
      if (typeof query.partnerReference === 'string') transaction = transactions.get(query.partnerReference);
      else if (typeof query.returnReference === 'string') {
        const found = returns.get(query.returnReference);
        if (found) {
          return {
            response: responseBlock('0000'),
            transaction: {
              partnerReference: found.partnerReference,
              returnReference: found.returnReference,
              status: found.status,
              ...responseBlock('0000'),
              rail: 'BOOK',
              bankReference: found.bankReference,
              amount: { value: pkr(found.amountMinor), currency: 'PKR' },
              returnedAt: found.returnedAt,
            },
            info: { rrn: params.info.rrn, stan: params.info.stan },
          };
        }
      } else if (typeof query.orrn === 'string') {
        transaction = [...transactions.values()].find(
          (candidate) =>
            candidate.rrn === query.orrn &&
            candidate.stan === query.ostan &&
            candidate.txnDate === query.otxnDate,
        );
      } else throw new InvalidParams(['query']);
      if (!transaction)
        return { response: responseBlock('0411'), info: { rrn: params.info.rrn, stan: params.info.stan } };
      return {
        response: responseBlock('0000'),
        transaction: transactionView(transaction),
        info: { rrn: params.info.rrn, stan: params.info.stan },
      };
    },
    return(params: Params): Result {
      requireFields(params, ['info.rrn', 'returnReference', 'original.partnerReference', 'reason']);
      settle();
      const info = { rrn: params.info.rrn, stan: params.info.stan };
      if (returns.has(params.returnReference)) return { response: responseBlock('0110'), info };
      const transaction = transactions.get(params.original.partnerReference);
      if (!transaction) return { response: responseBlock('0411'), info };
      // spec §4.3: only a FAILED (or ON_HOLD) credit can be returned; anything else is 0195.
      if (transaction.status !== 'FAILED' && transaction.status !== 'ON_HOLD')
        return { response: responseBlock('0195'), info };
      const at = formatKarachiTimestamp(nowDate());
      const record: SimulatedReturn = {
        returnReference: params.returnReference,
        partnerReference: transaction.partnerReference,
        status: 'COMPLETED',
        amountMinor: transaction.amountMinor,
        bankReference: bankReference(),
        returnedAt: at,
      };
      returns.set(record.returnReference, record);
      Object.assign(transaction, {
        status: 'RETURNED',
        returnedAt: at,
        returnReference: record.returnReference,
      });
      pool.balanceMinor += transaction.amountMinor;
      return {
        response: responseBlock('0000'),
        returnStatus: 'COMPLETED',
        returnedAmount: { value: pkr(record.amountMinor), currency: 'PKR' },
        bankReference: record.bankReference,
        info,
      };
    },
    balance(params: Params): Result {
      requireFields(params, ['info.rrn']);
      return {
        response: responseBlock('0000'),
        account: {
          iban: poolIban,
          title: 'WIREBRIDGE POOL',
          currency: 'PKR',
          availableBalance: pkr(pool.balanceMinor),
          ledgerBalance: pkr(pool.balanceMinor),
        },
        limits: {
          perTransaction: pkr(pool.perTransactionMinor),
          daily: pkr(pool.dailyMinor),
          dailyUsed: pkr(daily.usedMinor),
          dailyCount: pool.dailyCount,
          dailyCountUsed: daily.count,
        },
      };
    },
    bankList(): Result {
      return {
        response: responseBlock('0000'),
        banks: banks.map((bank) => ({
          bankId: bank.bankId,
          bankDisplayName: bank.bankDisplayName,
          bankShortBIC: bank.bankShortBIC,
          bankBIC: bank.bankBIC,
          bankIMD: bank.bankIMD,
          accountNumberHelp: 'IBAN (24) or account number (up to 20 digits)',
          accountNumberREGEX: '^(PK\\d{2}[A-Z]{4}\\d{16}|\\d{1,20})$',
          isAvailable1LINKIBFT: bank.ibft,
          isAvailableRAASTP2P: bank.raast,
        })),
      };
    },
    ping(): Result {
      return { response: responseBlock('0000'), serverTime: formatKarachiTimestamp(nowDate()) };
    },
  };

  return {
    accounts,
    handlers,
    settle,
    transactions,
    /** The txnDate/txnTime skew in seconds against the simulator clock (spec §3, `0118` above 300 s). */
    skewSeconds(txnDate: string, txnTime: string): number {
      const now = nowDate();
      const ours = `${karachiDate(now)}${karachiTime(now)}`;
      const toSeconds = (stamp: string) => {
        const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
        if (!match) return Number.NaN;
        const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
        return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) / 1_000;
      };
      return Math.abs(toSeconds(`${txnDate}${txnTime}`) - toSeconds(ours));
    },
    failCredit(partnerReference: string) {
      settle();
      const transaction = transactions.get(partnerReference);
      if (!transaction) throw new Error(`no transaction ${partnerReference}`);
      if (transaction.status === 'PENDING') transaction.failOnSettle = true;
      else if (transaction.status === 'COMPLETED') {
        Object.assign(transaction, {
          status: 'FAILED',
          failedAt: formatKarachiTimestamp(nowDate()),
          ...responseBlockFields('0412'),
        });
      } else throw new Error(`cannot fail a ${transaction.status} credit`);
    },
    setPoolBalance(minor: number) {
      pool.balanceMinor = minor;
    },
    debitCount: (partnerReference: string) => debits.get(partnerReference) ?? 0,
    transactionView,
  };
}

function responseBlockFields(code: string): { responseCode: string; responseDesc: string } {
  return responseBlock(code);
}

/** The simulated bank (see {@link createSimulatorLedger}). */
export type SimulatorLedger = ReturnType<typeof createSimulatorLedger>;
