import type { BillgateCarrierCode } from '../wire/billgate-types.js';

/** Life of one transaction in the simulator (spec §9): `pending → approved → partially_cancelled/cancelled`. */
export type SimulatedTransactionState =
  | 'pending'
  | 'approved'
  | 'partially_cancelled'
  | 'cancelled'
  /** Reversed by a network cancel (9100): nothing stays charged. */
  | 'reversed';

/** One transaction as the simulated Billgate keeps it. */
export interface SimulatedTransaction {
  /** The transaction id the window issued (1001). */
  readonly transactionId: string;
  /** Where the remaining amount lives after partial cancels (1041), else `transactionId`. */
  currentTransactionId: string;
  readonly orderId: string;
  /** `YYYYMMDDhhmmss` KST. */
  readonly orderDate: string;
  readonly amount: number;
  readonly mobileNumber: string;
  readonly carrier: BillgateCarrierCode;
  state: SimulatedTransactionState;
  cancelledAmount: number;
  approvedAt?: string;
  cancelledAt?: string;
  /** The opaque bytes of the window MESSAGE, hex: only this exact MESSAGE may be approved. */
  readonly messageOpaqueHex: string;
}

/** One money movement the simulator executed, in order. */
export interface SimulatorLedgerEntry {
  /** The command that moved money: 3000 approve, 9000 cancel, 9100 reversal. */
  command: '3000' | '9000' | '9100';
  transactionId: string;
  orderId: string;
  /** `approve`, `cancel` (full), `partial_cancel`, `reverse` (9100). */
  effect: 'approve' | 'cancel' | 'partial_cancel' | 'reverse';
  /** Won moved by this entry (positive for approvals, cancelled amount for the others). */
  amount: number;
}
