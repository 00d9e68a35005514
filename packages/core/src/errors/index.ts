export type {
  ResolutionAttempt,
  ValidationIssue,
  VendorErrorCategory,
  VendorErrorOptions,
} from './families.js';
export {
  AbortedError,
  BulkheadRejectedError,
  CircuitOpenError,
  ConfigError,
  CryptoError,
  FramingError,
  JsonRpcError,
  OutcomeUnknownError,
  ProtocolError,
  RateLimitedError,
  SignatureError,
  SoapFaultError,
  TimeoutError,
  TransportError,
  ValidationError,
  VendorError,
} from './families.js';
export type { WirebridgeErrorCode, WirebridgeErrorOptions } from './wirebridge-error.js';
export { isWirebridgeError, registerFamily, WirebridgeError } from './wirebridge-error.js';
