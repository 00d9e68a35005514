// @wirebridge/ventaja/testing — the Ventaja simulator (spec §9). Explicit exports only.
export type { SimulatorTransaction } from './simulator-ledger.js';
export type {
  VentajaSimulator,
  VentajaSimulatorFault,
  VentajaSimulatorOptions,
} from './ventaja-simulator.js';
export { startVentajaSimulator } from './ventaja-simulator.js';
