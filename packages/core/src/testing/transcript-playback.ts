import type { Socket } from 'node:net';
import { FrameSplitter, type TestingFramer } from './frame-boundary.js';
import type { ReplayMismatchReason } from './replay-mismatch-error.js';
import { resetSocket } from './socket-faults.js';
import type { TcpTranscriptEntry } from './tcp-transcript.js';

/*
 * The server side of one replayed connection (DESIGN §9: TCP contract tests): wait for each recorded request,
 * compare it outside the volatile ranges, write the recorded answers, end where the real server ended.
 */

/**
 * Bytes that legitimately differ between the recording and the replay: timestamps, serial numbers, MACs over
 * them. Offsets are relative to the start of each entry (each frame, when recorded with a framer).
 *
 * - `out` ranges are not compared: the client may send anything there.
 * - `in` ranges are filled from the client's latest request (at `sourceOffset`) in the replayed answer, so a
 *   response that echoes the request's serial or timestamp echoes the replay's values, not the recorded ones.
 */
export interface VolatileRange {
  direction: 'out' | 'in';
  /** First byte of the range, from the start of the entry. */
  offset: number;
  /** Length of the range in bytes. */
  length: number;
  /** Index of the one transcript entry it applies to. @default every entry of `direction` */
  entry?: number;
  /** `in` ranges only: where the echoed bytes sit in the request. @default `offset` */
  sourceOffset?: number;
}

/** One way the replayed client strayed from the transcript. Never holds the bytes themselves. */
export interface TcpTranscriptMismatch {
  reason: Extract<
    ReplayMismatchReason,
    'request-differs' | 'unexpected-connection' | 'unexpected-bytes' | 'incomplete-request'
  >;
  /** The connection, by accept order (0 for the first). */
  connection: number;
  /** Index in the transcript of the entry expected at that point. */
  entry?: number;
  /** First differing byte, from the start of the entry (outside the volatile ranges). */
  offset?: number;
  /** Length of the recorded entry. */
  expectedLength?: number;
  /** Length of what the client sent for it. */
  actualLength?: number;
}

/** A transcript entry with its index in the whole transcript and its bytes decoded. */
export interface IndexedEntry {
  /** Index in the whole transcript. */
  index: number;
  entry: TcpTranscriptEntry;
  bytes: Buffer;
}

/** What one replayed connection needs from its replayer. */
export interface PlayOptions {
  volatile: readonly VolatileRange[];
  framer: TestingFramer | undefined;
  onMismatch(mismatch: TcpTranscriptMismatch): void;
  onFinished(): void;
}

/** Walks one connection's entries: waits for each request, compares it, writes the recorded answers. */
export function playConnection(
  socket: Socket,
  connection: number,
  steps: IndexedEntry[],
  options: PlayOptions,
): void {
  const splitter = options.framer === undefined ? undefined : new FrameSplitter(options.framer);
  let received: Buffer = Buffer.alloc(0);
  let lastRequest: Buffer = Buffer.alloc(0);
  let cursor = 0;
  let failed = false;

  const fail = (mismatch: Omit<TcpTranscriptMismatch, 'connection'>) => {
    failed = true;
    options.onMismatch({ connection, ...mismatch });
    resetSocket(socket);
  };

  /** The next request as the client sent it, once it arrived completely. */
  const nextRequest = (expected: Buffer): Buffer | undefined => {
    if (splitter === undefined) {
      if (received.length < expected.length) return undefined;
      const request = received.subarray(0, expected.length);
      received = received.subarray(expected.length);
      return request;
    }
    const { frames, error } = splitter.push(received);
    received = Buffer.alloc(0);
    if (error !== undefined) return splitter.takeRemainder();
    // Frames beyond the first go back to the buffer for the next step.
    const [first, ...rest] = frames;
    if (rest.length > 0) received = Buffer.concat([...rest, splitter.takeRemainder()]);
    return first;
  };

  const advance = () => {
    while (!failed && cursor < steps.length) {
      const step = steps[cursor]!;
      if (step.entry.direction === 'in') {
        if (step.entry.end === true) socket.end();
        else socket.write(echoVolatile(step, lastRequest, options.volatile));
        cursor++;
        continue;
      }
      const request = nextRequest(step.bytes);
      if (request === undefined) return;
      const offset = firstDifference(step, request, options.volatile);
      if (offset !== undefined) {
        fail({
          reason: 'request-differs',
          entry: step.index,
          offset,
          expectedLength: step.bytes.length,
          actualLength: request.length,
        });
        return;
      }
      lastRequest = request;
      cursor++;
    }
    if (!failed && cursor >= steps.length) {
      options.onFinished();
      if (received.length > 0 || (splitter?.bufferedLength ?? 0) > 0) {
        fail({ reason: 'unexpected-bytes', actualLength: received.length + (splitter?.bufferedLength ?? 0) });
      }
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (failed) return;
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    advance();
  });
  socket.on('end', () => {
    if (failed || cursor >= steps.length) return;
    if (steps[cursor]!.entry.direction === 'out') {
      const step = steps[cursor]!;
      fail({
        reason: 'incomplete-request',
        entry: step.index,
        expectedLength: step.bytes.length,
        actualLength: received.length + (splitter?.bufferedLength ?? 0),
      });
    }
  });
  // The recording may start with the server speaking (a greeting).
  advance();
}

/** First offset where `actual` differs from the recorded request outside the volatile ranges. */
function firstDifference(
  step: IndexedEntry,
  actual: Buffer,
  volatile: readonly VolatileRange[],
): number | undefined {
  const expected = step.bytes;
  const ranges = volatile.filter(
    (range) => range.direction === 'out' && (range.entry === undefined || range.entry === step.index),
  );
  const isVolatile = (offset: number) =>
    ranges.some((range) => offset >= range.offset && offset < range.offset + range.length);
  const common = Math.min(expected.length, actual.length);
  for (let offset = 0; offset < common; offset++) {
    if (expected[offset] !== actual[offset] && !isVolatile(offset)) return offset;
  }
  return expected.length === actual.length ? undefined : common;
}

/** The recorded answer with its `in` volatile ranges copied from the replay's latest request. */
function echoVolatile(step: IndexedEntry, lastRequest: Buffer, volatile: readonly VolatileRange[]): Buffer {
  const ranges = volatile.filter(
    (range) => range.direction === 'in' && (range.entry === undefined || range.entry === step.index),
  );
  if (ranges.length === 0) return step.bytes;
  const answer = Buffer.from(step.bytes);
  for (const range of ranges) {
    const source = range.sourceOffset ?? range.offset;
    const length = Math.min(range.length, answer.length - range.offset, lastRequest.length - source);
    if (length > 0) lastRequest.copy(answer, range.offset, source, source + length);
  }
  return answer;
}
