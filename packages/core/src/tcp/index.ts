// @wirebridge/core/tcp — explicit public API (DESIGN §11: no `export *`).
export type { AsciiLengthFramerOptions } from './ascii-length-framer.js';
export { asciiLengthFramer } from './ascii-length-framer.js';
export type { BinaryLengthFramerOptions } from './binary-length-framer.js';
export { binaryLengthFramer } from './binary-length-framer.js';
export type { TcpTransport } from './create-tcp-client.js';
export { createTcpClient } from './create-tcp-client.js';
export { createTcpServer } from './create-tcp-server.js';
export type { FrameDecoder, Framer } from './framer.js';
export type { LengthPrefixOptions } from './length-prefix-framer.js';
export { DEFAULT_MAX_FRAME_BYTES } from './length-prefix-framer.js';
export type { TcpSendOptions } from './prepare-frame.js';
export type { AfterWriteReason } from './socket-failures.js';
export type {
  PerRequestTcpClientOptions,
  PooledTcpClientOptions,
  TcpClientCommonOptions,
  TcpClientOptions,
  TcpHeartbeatOptions,
  TcpReconnectOptions,
  TcpTlsOptions,
  UnsolicitedFrameInfo,
} from './tcp-client-options.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_POOL_IDLE_TIMEOUT_MS,
  DEFAULT_RECONNECT_ATTEMPTS,
} from './tcp-client-options.js';
export type {
  TcpFrameHandler,
  TcpServer,
  TcpServerConnection,
  TcpServerOptions,
  TcpServerTlsOptions,
} from './tcp-server-options.js';
export { DEFAULT_SERVER_IDLE_TIMEOUT_MS, DEFAULT_SERVER_MAX_CONNECTIONS } from './tcp-server-options.js';
