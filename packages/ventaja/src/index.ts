// @wirebridge/ventaja — explicit public API (DESIGN §11, spec §11). No `export *`.
export type {
  BillCancellation,
  BillInput,
  BillPayment,
  BillValidation,
  EloadProduct,
  Topup,
  TopupInput,
  VentajaMobileChargeOptions,
} from './ventaja-client.js';
export { VentajaClient } from './ventaja-client.js';
export type { VentajaCodeMeaning, VentajaCodeOverrides } from './ventaja-codes.js';
export { classifyVentajaCode, VENTAJA_RESPONSE_CODES } from './ventaja-codes.js';
export type { VentajaClientOptions, VentajaTimeouts } from './ventaja-config.js';
export {
  DEFAULT_CANCELLABLE_BILLERS,
  DEFAULT_PULL_DATA_BILLERS,
  VENTAJA_DEFAULTS,
  VENTAJA_SANDBOX_HOSTS,
} from './ventaja-config.js';
export type { VentajaErrorOptions, VentajaResolution } from './ventaja-error.js';
export { VentajaError } from './ventaja-error.js';
export { DEFAULT_AGENT_REF_NO_PATTERN, generateAgentRefNo } from './wire/agent-ref-no.js';
export { fromVentajaAmount, toVentajaAmount } from './wire/ventaja-amount.js';
export type { VentajaEnvelope } from './wire/ventaja-envelope.js';
export { serializeVentajaEnvelope } from './wire/ventaja-envelope.js';
export { fromVentajaMsisdn, toVentajaMsisdn } from './wire/ventaja-msisdn.js';
export type { VentajaSignatureAlgorithm, VentajaSigningKey } from './wire/ventaja-signature.js';
export { signVentajaPayload, verifyVentajaSignature } from './wire/ventaja-signature.js';
