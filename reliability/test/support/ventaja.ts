// The Ventaja client + simulator wiring is the package's own test support (packages/ventaja/test/support.ts): one rig for the
// package's tests and the reliability suite, so a change to the client options is made once.
export { c15Bill, clientOptionsFor, startPair, testKeyPair } from '../../../packages/ventaja/test/support.js';
