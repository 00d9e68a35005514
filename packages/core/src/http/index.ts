// @wirebridge/core http/ — explicit public API (DESIGN §11: no `export *`).
export { createHttpTransport } from './create-http-transport.js';
export { FORM_CONTENT_TYPE, formRequestBody, parseFormBody } from './form-body.js';
export type { HttpProxyOptions, HttpTlsOptions, HttpTransportOptions } from './http-transport-options.js';
export {
  DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SOCKETS,
  defaultIsUnknownOutcomeStatus,
} from './http-transport-options.js';
export type { HttpMethod, HttpRequest, HttpResponse, HttpSendOptions, HttpTransport } from './http-types.js';
export type { SerializedBody } from './json-body.js';
export { JSON_CONTENT_TYPE, jsonRequestBody, parseJsonBody } from './json-body.js';
