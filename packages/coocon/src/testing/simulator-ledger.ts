/**
 * The simulated VA system's state (spec §9 State): accounts, the ledger of executed money-moving requests,
 * and the answers to outbound telegrams. Pure data and rules; the sockets are in `coocon-simulator.ts`.
 * @internal
 */
import { toSeoulParts } from '../wire/coocon-dates.js';

/** One simulated virtual account. */
export interface SimulatedAccount {
  virtualAccountNumber: string;
  merchantReference: string;
  holderName: string;
  /** `1` one-time, `2` fixed. */
  accountType: string;
  /** `0` any, `1` exact, `2` up to. */
  amountRule: string;
  expectedAmount: number;
  expiryDate: string;
  expiryTime: string;
  customerId: string;
  status: 'active' | 'terminated' | 'expired';
  issuedDate: string;
  issuedTime: string;
  terminatedDate?: string;
  terminatedTime?: string;
  totalDeposited: number;
  depositCount: number;
}

/** One executed state change, as the bank's ledger would show it. */
export interface SimulatorExecution {
  operation: 'issue' | 'terminate';
  merchantReference: string;
  virtualAccountNumber: string;
  at: Date;
}

/** What an outbound request turned into: a response code and the body fields to fill. */
export interface LedgerAnswer {
  code: string;
  message?: string;
  body?: Record<string, unknown>;
}

const statusCodes = { active: '1', terminated: '2', expired: '3' } as const;

/** Accounts and rules of spec §9 outbound side. */
export class SimulatorLedger {
  readonly accounts = new Map<string, SimulatedAccount>();
  readonly byReference = new Map<string, string>();
  readonly executions: SimulatorExecution[] = [];
  #nextAccount = 1;
  readonly #accountPrefix: string;
  readonly #clock: () => Date;
  readonly #poolSize: number;

  constructor(options: { accountPrefix: string; clock: () => Date; poolSize: number }) {
    this.#accountPrefix = options.accountPrefix;
    this.#clock = options.clock;
    this.#poolSize = options.poolSize;
  }

  issue(body: Record<string, unknown>, poolExhausted: boolean): LedgerAnswer {
    const merchantReference = String(body.merchantReference ?? '');
    if (this.byReference.has(merchantReference)) return { code: 'B003', message: 'DUPLICATE REFERENCE' };
    const amountRule = String(body.amountRule);
    const expectedAmount = Number(body.expectedAmount ?? 0);
    if (!['0', '1', '2'].includes(amountRule) || !['1', '2'].includes(String(body.accountType))) {
      return { code: 'B005', message: 'INVALID RULE' };
    }
    if ((amountRule === '0') !== (expectedAmount === 0)) return { code: 'B005', message: 'INVALID AMOUNT' };
    const now = toSeoulParts(this.#clock());
    const expiryDate = String(body.expiryDate ?? '00000000');
    const expiryTime = String(body.expiryTime ?? '000000');
    if (expiryDate !== '00000000' && `${expiryDate}${expiryTime}` <= `${now.date}${now.time}`) {
      return { code: 'B005', message: 'EXPIRY IN THE PAST' };
    }
    const requested = String(body.virtualAccountNumber ?? '');
    if (poolExhausted || (requested === '' && this.#nextAccount > this.#poolSize)) {
      return { code: 'B004', message: 'POOL EXHAUSTED' };
    }
    if (requested !== '' && this.accounts.has(requested)) return { code: 'B003', message: 'ACCOUNT IN USE' };
    const virtualAccountNumber = requested !== '' ? requested : this.#allocate();
    const account: SimulatedAccount = {
      virtualAccountNumber,
      merchantReference,
      holderName: String(body.holderName ?? ''),
      accountType: String(body.accountType),
      amountRule,
      expectedAmount,
      expiryDate,
      expiryTime,
      customerId: String(body.customerId ?? ''),
      status: 'active',
      issuedDate: now.date,
      issuedTime: now.time,
      totalDeposited: 0,
      depositCount: 0,
    };
    this.accounts.set(virtualAccountNumber, account);
    this.byReference.set(merchantReference, virtualAccountNumber);
    this.executions.push({ operation: 'issue', merchantReference, virtualAccountNumber, at: this.#clock() });
    return {
      code: '0000',
      body: { ...body, virtualAccountNumber, issuedDate: now.date, issuedTime: now.time },
    };
  }

  terminate(body: Record<string, unknown>): LedgerAnswer {
    const account = this.accounts.get(String(body.virtualAccountNumber ?? ''));
    if (account === undefined) return { code: 'B001', message: 'NO SUCH ACCOUNT' };
    if (account.status === 'terminated') {
      return {
        code: 'B002',
        message: 'ALREADY TERMINATED',
        body: { ...body, terminatedDate: account.terminatedDate, terminatedTime: account.terminatedTime },
      };
    }
    const now = toSeoulParts(this.#clock());
    account.status = 'terminated';
    account.terminatedDate = now.date;
    account.terminatedTime = now.time;
    this.executions.push({
      operation: 'terminate',
      merchantReference: account.merchantReference,
      virtualAccountNumber: account.virtualAccountNumber,
      at: this.#clock(),
    });
    return { code: '0000', body: { ...body, terminatedDate: now.date, terminatedTime: now.time } };
  }

  inquire(body: Record<string, unknown>): LedgerAnswer {
    const byNumber = String(body.virtualAccountNumber ?? '');
    const number = byNumber !== '' ? byNumber : this.byReference.get(String(body.merchantReference ?? ''));
    const account = number === undefined ? undefined : this.accounts.get(number);
    if (account === undefined) return { code: 'B001', message: 'NO SUCH ACCOUNT' };
    this.#expire(account);
    return {
      code: '0000',
      body: {
        virtualAccountNumber: account.virtualAccountNumber,
        merchantReference: account.merchantReference,
        status: statusCodes[account.status],
        accountType: account.accountType,
        amountRule: account.amountRule,
        expectedAmount: account.expectedAmount,
        totalDeposited: account.totalDeposited,
        depositCount: account.depositCount,
        expiryDate: account.expiryDate,
        expiryTime: account.expiryTime,
        holderName: account.holderName,
        issuedDate: account.issuedDate,
        terminatedDate: account.terminatedDate ?? '00000000',
      },
    };
  }

  /**
   * Why the bank would refuse this deposit (spec §9: amount rules and expiry are enforced), or undefined.
   */
  refuseDeposit(account: SimulatedAccount | undefined, amount: number): string | undefined {
    if (account === undefined) return 'no such account';
    this.#expire(account);
    if (account.status !== 'active') return `account is ${account.status}`;
    if (!Number.isSafeInteger(amount) || amount <= 0) return 'amount must be a positive integer';
    if (account.accountType === '1' && account.depositCount > 0)
      return 'one-time account already received a deposit';
    if (account.amountRule === '1' && amount !== account.expectedAmount)
      return 'amount must equal the expected amount';
    if (account.amountRule === '2' && account.totalDeposited + amount > account.expectedAmount) {
      return 'amount over the expected amount';
    }
    return undefined;
  }

  #expire(account: SimulatedAccount): void {
    if (account.status !== 'active' || account.expiryDate === '00000000') return;
    const now = toSeoulParts(this.#clock());
    if (`${account.expiryDate}${account.expiryTime}` <= `${now.date}${now.time}`) account.status = 'expired';
  }

  #allocate(): string {
    // spec §9: a pool of 14-digit numbers.
    const number = `${this.#accountPrefix}${String(this.#nextAccount).padStart(14 - this.#accountPrefix.length, '0')}`;
    this.#nextAccount += 1;
    return number;
  }
}
