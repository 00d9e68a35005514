export type { JsonRpcCallOptions, JsonRpcClient, JsonRpcClientOptions } from './json-rpc-client.js';
export { createJsonRpcClient } from './json-rpc-client.js';
export type {
  EncodedJsonRpcRequest,
  JsonRpcCall,
  JsonRpcErrorObject,
  JsonRpcParams,
  JsonRpcResponse,
} from './json-rpc-codec.js';
export { decodeJsonRpcResponse, encodeJsonRpcRequest, resultOrThrow } from './json-rpc-codec.js';
