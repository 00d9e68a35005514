/*
 * The simulator's vendor-side state (spec §9): outlet credit, billers, transactions keyed by `agentRefNo`,
 * e-load products, prefixes and telco status. Pure data and rules; the HTTP side lives in ventaja-simulator.ts.
 */

/** One executed money movement, as the simulator's ledger records it. */
export interface SimulatorTransaction {
  kind: 'bill' | 'topup';
  agentRefNo: string;
  transactionNumber: string;
  referenceNumber: string;
  amountMinor: number;
  billerCode?: string;
  productCode?: string;
  status: 'POSTED' | 'CANCELLED' | 'REJECTED' | 'SUCCESS' | 'PENDING' | 'FAILED';
  /** Simulated epoch ms when it was executed. */
  executedAt: number;
  /** When a PENDING top-up settles, and how. */
  settlesAt?: number;
  settlesAs?: 'SUCCESS' | 'FAILED';
  batched: boolean;
}

/** A biller the simulator knows (spec §9). */
export interface SimulatorBiller {
  accountPattern: RegExp;
  minMinor: number;
  maxMinor: number;
  cancellable: boolean;
  pullData?: Record<string, unknown>;
}

/** An e-load product (spec §9; **Modelled** shape). */
export interface SimulatorProduct {
  productCode: string;
  telco: string;
  description: string;
  amountMinor?: number;
  minMinor?: number;
  maxMinor?: number;
}

export const simulatorBillers: ReadonlyMap<string, SimulatorBiller> = new Map([
  ['C15', { accountPattern: /^\d{9}$/, minMinor: 100, maxMinor: 5_000_000, cancellable: false }],
  ['G01', { accountPattern: /^[A-Za-z0-9-]{1,40}$/, minMinor: 100, maxMinor: 5_000_000, cancellable: true }],
  [
    'P02',
    {
      accountPattern: /^[A-Za-z0-9-]{1,40}$/,
      minMinor: 100,
      maxMinor: 5_000_000,
      cancellable: false,
      pullData: { amountDue: 1234.5, dueDate: '2025-02-28', customerName: 'J*** D*** C***' },
    },
  ],
]);

export const simulatorProducts: readonly SimulatorProduct[] = [
  { productCode: 'GLOBE50', telco: 'GLOBE', description: 'Globe Load 50', amountMinor: 5_000 },
  { productCode: 'GLOBE100', telco: 'GLOBE', description: 'Globe Load 100', amountMinor: 10_000 },
  { productCode: 'SMART100', telco: 'SMART', description: 'Smart Load 100', amountMinor: 10_000 },
  {
    productCode: 'SMARTOPEN',
    telco: 'SMART',
    description: 'Smart open load',
    minMinor: 1_000,
    maxMinor: 100_000,
  },
];

export const simulatorPrefixes: readonly { prefix: string; telco: string }[] = [
  { prefix: '0917', telco: 'GLOBE' },
  { prefix: '0918', telco: 'SMART' },
  { prefix: '0905', telco: 'GLOBE' },
];

/** Outlet credit at start: PHP 100,000.00 (spec §9). */
export const INITIAL_CREDIT_MINOR = 10_000_000;

/** The mutable ledger of one simulator. */
export class SimulatorLedger {
  creditMinor = INITIAL_CREDIT_MINOR;
  readonly transactions: SimulatorTransaction[] = [];
  readonly telcoStatus = new Map<string, 'UP' | 'DOWN' | 'MAINTENANCE'>([
    ['GLOBE', 'UP'],
    ['SMART', 'UP'],
  ]);
  #sequence = 0;

  find(agentRefNo: string, kind: SimulatorTransaction['kind']): SimulatorTransaction | undefined {
    return this.transactions.find(
      (transaction) => transaction.agentRefNo === agentRefNo && transaction.kind === kind,
    );
  }

  /** Next `transactionNumber` / `referenceNumber` pair, in Ventaja's sample formats (spec §4.3). */
  nextNumbers(
    kind: SimulatorTransaction['kind'],
    at: Date,
  ): { transactionNumber: string; referenceNumber: string } {
    this.#sequence += 1;
    const month = `${at.getUTCFullYear()}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
    const serial = String(this.#sequence).padStart(6, '0');
    return kind === 'bill'
      ? { transactionNumber: `PRT-13${month}-${serial}`, referenceNumber: `BP-${month}${serial}` }
      : { transactionNumber: `LT-13${month}-${serial}`, referenceNumber: `GL${month}${serial}` };
  }
}
