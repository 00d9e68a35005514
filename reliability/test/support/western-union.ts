// The Western Union client + simulator wiring is the package's own test support (packages/western-union/test/support/harness.ts): one rig for the
// package's tests and the reliability suite, so a change to the client options is made once.
export {
  cashQuoteInput,
  clientOptions,
  type Harness,
  startHarness,
} from '../../../packages/western-union/test/support/harness.js';
