import type { WirebridgeError } from '../errors/wirebridge-error.js';
import type { CallDeadline } from './call-deadline.js';
import { FramedConnection } from './framed-connection.js';
import type { Framer } from './framer.js';
import { openSocket, type SocketTarget } from './open-socket.js';
import {
  closedBeforeWrite,
  deadlineBeforeWrite,
  failureAfterWrite,
  replyFramingError,
} from './socket-failures.js';

/** One call of the per-request mode. @internal */
export interface PerRequestCall {
  target: SocketTarget;
  framer: Framer;
  frame: Buffer;
  deadline: CallDeadline;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
}

/**
 * Connect → write one frame → read one frame → close (Billgate §3, Coocon §3 outbound). The socket is never
 * reused, and it is destroyed however the call ends, so the peer sees the connection close on a timeout.
 * @internal
 */
export async function exchangeOnce(call: PerRequestCall): Promise<Buffer> {
  const { target, deadline } = call;
  const context = target.context;
  const beforeWrite = () =>
    deadlineBeforeWrite(context, deadline.firedBy() ?? 'timeout', call.timeoutMs, call.callerSignal);
  const socket = await openSocket(target, deadline, beforeWrite);

  return new Promise<Buffer>((resolve, reject) => {
    let written = false;
    let settled = false;
    // Failures are passed as thunks: the socket closing after a successful reply also reports here, and building
    // an error (with its stack) that is then thrown away cost ~20 µs per exchange (bench/README.md).
    const settle = (outcome: { frame: Buffer } | { error: () => WirebridgeError }) => {
      if (settled) return;
      settled = true;
      deadline.signal.removeEventListener('abort', onDeadline);
      connection.destroy();
      if ('frame' in outcome) resolve(outcome.frame);
      else reject(outcome.error());
    };
    const connection = new FramedConnection(socket, call.framer.createDecoder(), {
      onFrame: (frame) => settle({ frame }),
      onFramingError: (error) => settle({ error: () => replyFramingError(context, error) }),
      onClose: ({ errorCode, cause }) => {
        if (!written) {
          settle({ error: () => closedBeforeWrite(context, errorCode) });
          return;
        }
        const reason = errorCode === 'ECONNRESET' || errorCode === 'EPIPE' ? 'reset' : 'closed';
        settle({
          error: () => failureAfterWrite(context, reason, { timeoutMs: call.timeoutMs, errorCode, cause }),
        });
      },
    });
    const onDeadline = () => {
      if (!written) {
        settle({ error: beforeWrite });
        return;
      }
      const firedBy = deadline.firedBy();
      const reason = firedBy === 'caller' ? 'aborted' : firedBy === 'closed' ? 'client_closed' : 'timeout';
      settle({
        error: () =>
          failureAfterWrite(context, reason, {
            timeoutMs: call.timeoutMs,
            ...(firedBy === 'caller' ? { cause: call.callerSignal?.reason } : {}),
          }),
      });
    };
    if (deadline.signal.aborted) {
      onDeadline();
      return;
    }
    deadline.signal.addEventListener('abort', onDeadline, { once: true });
    written = connection.write(call.frame);
    if (!written) settle({ error: () => closedBeforeWrite(context, undefined) });
  });
}
