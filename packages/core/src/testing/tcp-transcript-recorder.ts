import { startRelay } from './fault-proxy.js';
import { assertTestingFramer, FrameSplitter, type TestingFramer } from './frame-boundary.js';
import type { ProxyDirection } from './proxy-faults.js';
import type { TcpTranscriptEntry } from './tcp-transcript.js';
import type { ListenOptions } from './tracked-server.js';

/** Options of {@link recordTcpTranscript}. */
export interface TcpTranscriptRecorderOptions extends ListenOptions {
  /** The real server recorded (a simulator or a vendor test host). */
  target: { host: string; port: number };
  /**
   * Record one entry per frame instead of one per chunk as it arrived. Bytes that do not form a frame (a
   * malformed header, a frame cut off by the end of the connection) are recorded as they are.
   * @default per chunk
   */
  framer?: TestingFramer;
}

/** A running transcript recorder. */
export interface TcpTranscriptRecorder {
  readonly host: string;
  readonly port: number;
  /** `{ host, port }` of the recorder: point the client here instead of at the real server. */
  readonly address: { host: string; port: number };
  /** The entries recorded so far (complete frames only, when recording frames). */
  entries(): TcpTranscriptEntry[];
  /** Stops recording, closes every connection, and returns the transcript (incomplete frames included). */
  close(): Promise<TcpTranscriptEntry[]>;
}

/**
 * Starts a recording proxy in front of a real TCP server (DESIGN §9: TCP contract tests). Every byte passes
 * through unchanged and is written down as `{ direction, connection, hex }` entries, per frame with a
 * framer; server ends are recorded too, so the replay closes where the server did.
 *
 * @throws ConfigError for an invalid option or an address that cannot be listened on.
 */
export async function recordTcpTranscript(
  options: TcpTranscriptRecorderOptions,
): Promise<TcpTranscriptRecorder> {
  const framer = options?.framer;
  if (framer !== undefined) assertTestingFramer(framer, 'TCP transcript recorder');
  const entries: TcpTranscriptEntry[] = [];
  /** Per connection and direction; `undefined` once the stream stopped being frames. */
  const splitters = new Map<string, FrameSplitter | undefined>();

  const record = (connection: number, direction: ProxyDirection, bytes: Buffer) => {
    if (bytes.length === 0) return;
    entries.push({
      direction: direction === 'to-target' ? 'out' : 'in',
      connection,
      hex: bytes.toString('hex'),
    });
  };
  const flush = (key: string, connection: number, direction: ProxyDirection) => {
    const splitter = splitters.get(key);
    if (splitter !== undefined) record(connection, direction, splitter.takeRemainder());
  };

  const relay = await startRelay(
    { ...options, target: options.target },
    {
      onData(connection, direction, bytes) {
        if (framer === undefined) {
          record(connection, direction, bytes);
          return;
        }
        const key = `${connection}:${direction}`;
        if (!splitters.has(key)) splitters.set(key, new FrameSplitter(framer));
        const splitter = splitters.get(key);
        if (splitter === undefined) {
          record(connection, direction, bytes);
          return;
        }
        const { frames, error } = splitter.push(bytes);
        for (const frame of frames) record(connection, direction, frame);
        if (error !== undefined) {
          // Not frames (any more): keep every byte anyway, as it came.
          record(connection, direction, splitter.takeRemainder());
          splitters.set(key, undefined);
        }
      },
      onEnd(connection, direction) {
        flush(`${connection}:${direction}`, connection, direction);
        if (direction === 'to-client') entries.push({ direction: 'in', connection, hex: '', end: true });
      },
    },
    'TCP transcript recorder',
  );

  return {
    host: relay.host,
    port: relay.port,
    address: relay.address,
    entries: () => entries.map((entry) => ({ ...entry })),
    close: async () => {
      await relay.close();
      for (const key of splitters.keys()) {
        const [connection, direction] = key.split(':') as [string, ProxyDirection];
        flush(key, Number(connection), direction);
      }
      splitters.clear();
      return entries.map((entry) => ({ ...entry }));
    },
  };
}
