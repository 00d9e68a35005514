// @wirebridge/kicc/testing — the KICC simulator (spec §9, DESIGN §9). Explicit exports only.
export { startKiccSimulator } from './kicc-simulator.js';
export type {
  KiccFault,
  KiccSimulator,
  KiccSimulatorOptions,
  SimExecution,
  SimRequest,
  SimVirtualAccount,
  SimWebhook,
} from './simulator-types.js';
