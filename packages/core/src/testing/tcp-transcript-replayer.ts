import net from 'node:net';
import { z } from 'zod';
import { parseOrThrow } from '../pipeline/validate.js';
import { assertTestingFramer, type TestingFramer } from './frame-boundary.js';
import { ReplayMismatchError } from './replay-mismatch-error.js';
import { resetSocket } from './socket-faults.js';
import { parseTcpTranscript, type TcpTranscript } from './tcp-transcript.js';
import { type ListenOptions, listenTracked } from './tracked-server.js';
import {
  type IndexedEntry,
  playConnection,
  type TcpTranscriptMismatch,
  type VolatileRange,
} from './transcript-playback.js';

/** Options of {@link replayTcpTranscript}. */
export interface TcpTranscriptReplayOptions extends ListenOptions {
  /** Byte ranges allowed to differ. @default none: every byte must match */
  volatile?: readonly VolatileRange[];
  /**
   * Read each request as one frame and compare it whole, so a request of a different length fails at once
   * instead of waiting for bytes that never come. @default read exactly the recorded number of bytes
   */
  framer?: TestingFramer;
}

/** A running transcript replayer. */
export interface TcpTranscriptReplayer {
  readonly host: string;
  readonly port: number;
  /** `{ host, port }`: point the client here instead of at the real server. */
  readonly address: { host: string; port: number };
  /** Every mismatch so far; each one reset the client's connection. */
  readonly mismatches: readonly TcpTranscriptMismatch[];
  /** True once every entry of every recorded connection was played. */
  readonly complete: boolean;
  /**
   * Throws a {@link ReplayMismatchError} for the first mismatch, or (`requireComplete`, default true) when part
   * of the transcript was never played. Call it after the code under test ran.
   */
  verify(options?: { requireComplete?: boolean }): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

const rangeSchema = z.object({
  direction: z.enum(['out', 'in']),
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  entry: z.number().int().nonnegative().optional(),
  sourceOffset: z.number().int().nonnegative().optional(),
});

/**
 * Starts a server that plays the server side of a recorded TCP conversation (DESIGN §9): on each connection it
 * expects the recorded request bytes — ignoring the declared volatile ranges — and answers with the recorded
 * responses, ending where the real server ended. A request that differs fails loudly: the client's connection
 * is reset, and `mismatches`/`verify()` say where (connection, entry, byte offset) without dumping the frame,
 * which may hold account numbers.
 *
 * @throws ValidationError for an invalid transcript or volatile range; ConfigError for an invalid option or
 *   an address that cannot be listened on.
 */
export async function replayTcpTranscript(
  transcript: TcpTranscript,
  options: TcpTranscriptReplayOptions = {},
): Promise<TcpTranscriptReplayer> {
  const entries = parseTcpTranscript(transcript);
  const volatile = parseOrThrow(z.array(rangeSchema), options.volatile ?? [], 'volatile ranges', {
    prefix: 'volatile',
  });
  const framer = options.framer;
  if (framer !== undefined) assertTestingFramer(framer, 'TCP transcript replayer');

  const byConnection = new Map<number, IndexedEntry[]>();
  entries.forEach((entry, index) => {
    const list = byConnection.get(entry.connection) ?? [];
    list.push({ index, entry, bytes: Buffer.from(entry.hex, 'hex') });
    byConnection.set(entry.connection, list);
  });
  const recordedConnections = Math.max(-1, ...byConnection.keys()) + 1;
  const mismatches: TcpTranscriptMismatch[] = [];
  const finished = new Set<number>();
  let nextConnection = 0;

  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const connection = nextConnection++;
    socket.on('error', () => undefined);
    if (connection >= recordedConnections) {
      mismatches.push({ reason: 'unexpected-connection', connection });
      // Reset once the client speaks: a reset racing the handshake would surface as a connect error instead.
      socket.once('data', () => resetSocket(socket));
      socket.once('end', () => resetSocket(socket));
      return;
    }
    playConnection(socket, connection, byConnection.get(connection) ?? [], {
      volatile,
      framer,
      onMismatch: (mismatch) => mismatches.push(mismatch),
      onFinished: () => finished.add(connection),
    });
  });
  const tracked = await listenTracked(server, options, 'TCP transcript replayer');

  const isComplete = () => {
    for (const connection of byConnection.keys()) if (!finished.has(connection)) return false;
    return true;
  };

  return {
    host: tracked.host,
    port: tracked.port,
    address: { host: tracked.host, port: tracked.port },
    mismatches,
    get complete() {
      return isComplete();
    },
    verify({ requireComplete = true } = {}) {
      const first = mismatches[0];
      if (first !== undefined) throw mismatchError(first, mismatches.length);
      if (requireComplete && !isComplete()) {
        const unplayed = [...byConnection.keys()].filter((connection) => !finished.has(connection));
        throw new ReplayMismatchError({
          reason: 'unused-recording',
          message: `TCP replay: the transcript was not played to the end on connection(s) ${unplayed.join(', ')}`,
          details: { connections: unplayed },
        });
      }
    },
    close: () => tracked.close(),
  };
}

function mismatchError(first: TcpTranscriptMismatch, count: number): ReplayMismatchError {
  const where = [
    `connection ${first.connection}`,
    first.entry === undefined ? undefined : `transcript entry ${first.entry}`,
    first.offset === undefined ? undefined : `byte offset ${first.offset}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const what: Record<TcpTranscriptMismatch['reason'], string> = {
    'request-differs': 'the client sent different bytes than recorded (outside the volatile ranges)',
    'unexpected-connection': 'the client opened more connections than were recorded',
    'unexpected-bytes': 'the client sent bytes after the recorded conversation ended',
    'incomplete-request': 'the client ended its side before sending the recorded request',
  };
  const lengths =
    first.expectedLength !== undefined &&
    first.actualLength !== undefined &&
    first.expectedLength !== first.actualLength
      ? ` (recorded ${first.expectedLength} bytes, received ${first.actualLength})`
      : '';
  const more = count > 1 ? `; ${count - 1} more mismatch(es)` : '';
  return new ReplayMismatchError({
    reason: first.reason,
    message: `TCP replay: ${what[first.reason]} at ${where}${lengths}${more}`,
    details: { ...first, mismatches: count },
  });
}
