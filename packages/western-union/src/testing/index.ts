// @wirebridge/western-union/testing — the simulator (spec §9). Explicit exports only.
export type {
  SimulatedTransfer,
  SimulatorExecution,
  SimulatorRequest,
  WesternUnionSimulator,
  WesternUnionSimulatorFault,
  WesternUnionSimulatorOptions,
} from './western-union-simulator.js';
export { startWesternUnionSimulator } from './western-union-simulator.js';
