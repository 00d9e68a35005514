// @wirebridge/core/testing — simulator base, fault proxy, TCP transcripts (DESIGN §9). Explicit exports only;
// nothing here imports nock (its helpers live behind @wirebridge/core/testing/nock).

export type { FaultProxy, FaultProxyOptions, FaultProxyStats } from './fault-proxy.js';
export { startFaultProxy } from './fault-proxy.js';
export type {
  FaultInjection,
  FaultMatch,
  FaultSwitchboard,
  InjectedFault,
  PendingFault,
} from './fault-switchboard.js';
export { createFaultSwitchboard } from './fault-switchboard.js';
export type { FrameBoundary, TestingFramer } from './frame-boundary.js';
export type {
  HttpSimulatorReply,
  HttpSimulatorRequest,
  HttpSimulatorServer,
  HttpSimulatorServerOptions,
} from './http-simulator-server.js';
export { DEFAULT_SIMULATOR_MAX_BODY_BYTES, startHttpSimulatorServer } from './http-simulator-server.js';
export type {
  ProxyBlackHoleFault,
  ProxyDirection,
  ProxyDirections,
  ProxyFault,
  ProxyGarbageFault,
  ProxyLatencyFault,
  ProxyPartialWriteFault,
  ProxyResetFault,
} from './proxy-faults.js';
export type { ReplayMismatchReason } from './replay-mismatch-error.js';
export { ReplayMismatchError } from './replay-mismatch-error.js';
export type { SimulatorClock, SimulatorClockOptions } from './simulator-clock.js';
export { createSimulatorClock } from './simulator-clock.js';
export type {
  BadSignatureFault,
  BlackHoleFault,
  DelayFault,
  DuplicatePushFault,
  GarbageFault,
  PartialWriteFault,
  ResetBeforeResponseFault,
  ResetMidResponseFault,
  SimulatorFault,
  SocketFault,
  VendorCodeFault,
} from './simulator-faults.js';
export { assertValidFault, isSocketFault } from './simulator-faults.js';
export type { FaultedWriteOutcome, WriteWithFaultOptions } from './socket-faults.js';
export {
  DEFAULT_GARBAGE_BYTES,
  DEFAULT_PARTIAL_WRITE_PAUSE_MS,
  garbageBytes,
  resetSocket,
  writeWithFault,
} from './socket-faults.js';
export type {
  TcpSimulatorConnection,
  TcpSimulatorFrame,
  TcpSimulatorFramingFailure,
  TcpSimulatorReply,
  TcpSimulatorServer,
  TcpSimulatorServerOptions,
} from './tcp-simulator-server.js';
export { startTcpSimulatorServer } from './tcp-simulator-server.js';
export type { TcpTranscript, TcpTranscriptEntry } from './tcp-transcript.js';
export { parseTcpTranscript, readTcpTranscript, writeTcpTranscript } from './tcp-transcript.js';
export type { TcpTranscriptRecorder, TcpTranscriptRecorderOptions } from './tcp-transcript-recorder.js';
export { recordTcpTranscript } from './tcp-transcript-recorder.js';
export type { TcpTranscriptReplayer, TcpTranscriptReplayOptions } from './tcp-transcript-replayer.js';
export { replayTcpTranscript } from './tcp-transcript-replayer.js';
export type { ListenOptions } from './tracked-server.js';
export { DEFAULT_TESTING_HOST } from './tracked-server.js';
export type { TcpTranscriptMismatch, VolatileRange } from './transcript-playback.js';
