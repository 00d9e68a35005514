// The Faysal client + simulator wiring is the package's own test support (packages/faysal/test/support/faysal-bench.ts): one rig for the
// package's tests and the reliability suite, so a change to the client options is made once.
export {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  startBench,
} from '../../../packages/faysal/test/support/faysal-bench.js';
