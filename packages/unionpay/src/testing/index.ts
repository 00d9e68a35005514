// @wirebridge/unionpay/testing — the simulator (spec §9). Explicit exports only.
export { encodeFileContent, writeZip } from './simulator-files.js';
export type {
  SimNotification,
  SimTransaction,
  UnionPayFault,
  UnionPaySimulator,
  UnionPaySimulatorOptions,
} from './simulator-types.js';
export { startUnionPaySimulator } from './unionpay-simulator.js';
