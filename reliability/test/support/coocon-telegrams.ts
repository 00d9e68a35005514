// The deposit notice of spec §4.6, as the package's own tests define it: one copy of the example telegram.
export { exampleDeposit as COOCON_EXAMPLE_DEPOSIT } from '../../../packages/coocon/test/support.js';
