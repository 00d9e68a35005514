// @wirebridge/billgate/testing — the simulated Billgate (spec §9, DESIGN §9). Explicit exports only.
export type {
  BillgateSimulator,
  BillgateSimulatorFault,
  BillgateSimulatorOptions,
} from './billgate-simulator.js';
export { startBillgateSimulator } from './billgate-simulator.js';
export type {
  SimulatedTransaction,
  SimulatedTransactionState,
  SimulatorLedgerEntry,
} from './simulator-ledger.js';
