// @wirebridge/core/soap — explicit public API (DESIGN §11: no `export *`). The only entry that loads `soap`
// (an optional peer dependency, DESIGN §1).

export { createSoapClientFactory } from './create-soap-client-factory.js';
export type {
  ParsedSoapEnvelope,
  SoapEnvelopeParser,
  SoapEnvelopeParserOptions,
} from './create-soap-envelope-parser.js';
export {
  createSoapEnvelopeParser,
  DEFAULT_INBOUND_ENVELOPE_MAX_BYTES,
} from './create-soap-envelope-parser.js';
export type { SoapOperationRequest, SoapTransport } from './create-soap-transport.js';
export { createSoapTransport } from './create-soap-transport.js';
export type { SoapRedactionOptions } from './redact-soap.js';
export { redactSoapExchange, redactSoapText } from './redact-soap.js';
export { DEFAULT_SOAP_MAX_RESPONSE_BYTES } from './resolve-soap-options.js';
export type { SoapFaultEnvelopeOptions, SoapServiceFault } from './soap-fault-envelope.js';
export { buildSoapFaultEnvelope, soapServiceFault } from './soap-fault-envelope.js';
export type {
  SoapArgs,
  SoapCallOptions,
  SoapCallResult,
  SoapClient,
  SoapClientFactory,
  SoapClientFactoryOptions,
  SoapClientOptions,
  SoapExchangeText,
  SoapFault,
  SoapReply,
} from './soap-types.js';
export type {
  SoapServer,
  SoapServerEndpoint,
  SoapServerExchange,
  SoapServerOptions,
  SoapServerTlsOptions,
  SoapServiceHandler,
  SoapServices,
} from './start-soap-server.js';
export { startSoapServer } from './start-soap-server.js';
export type { UnsafeXmlReason } from './xml-safety.js';
export { findUnsafeXml } from './xml-safety.js';
