// @wirebridge/coocon/testing — the simulator (spec §9). Explicit exports only.
export {
  type CooconSimulator,
  type CooconSimulatorDelivery,
  type CooconSimulatorDepositInput,
  type CooconSimulatorOptions,
  startCooconSimulator,
} from './coocon-simulator.js';
export type { CooconFaultKind } from './simulator-faults.js';
export type { SimulatedAccount, SimulatorExecution } from './simulator-ledger.js';
