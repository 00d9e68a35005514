// @wirebridge/faysal/testing — the simulator (spec §9). Explicit exports only.
export type {
  FaysalFault,
  FaysalFaultKind,
  FaysalSimulator,
  FaysalSimulatorOptions,
} from './faysal-simulator.js';
export { startFaysalSimulator } from './faysal-simulator.js';
export type { SimulatedAccount, SimulatedTransaction } from './simulator-ledger.js';
