/** One push as Coocon does it: connect, write, read one reply frame, close (spec §3 inbound). @internal */
import net from 'node:net';
import type { Framer } from '@wirebridge/core/tcp';

/** How the bytes of one push are written (the fault-free way is one write). */
export type PushWriteMode =
  | { kind: 'whole' }
  | { kind: 'truncate' }
  | { kind: 'slowloris'; byteIntervalMs: number }
  | { kind: 'noAckWait' };

/** Sends `bytes` to `target` and resolves with the payload of the first reply frame, or undefined. */
export function pushOnce(
  target: { host: string; port: number },
  bytes: Uint8Array,
  framer: Framer,
  options: { waitMs: number; mode: PushWriteMode; signal: AbortSignal },
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const decoder = framer.createDecoder();
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const finish = (reply: Buffer | undefined) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(reply);
    };
    const onAbort = () => finish(undefined);
    options.signal.addEventListener('abort', onAbort);
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
    socket.on('data', (chunk) => {
      try {
        const frames = decoder.push(chunk);
        if (frames.length > 0) finish(frames[0]);
      } catch {
        finish(undefined);
      }
    });
    socket.on('connect', () => {
      timers.push(setTimeout(() => finish(undefined), options.waitMs));
      const mode = options.mode;
      if (mode.kind === 'whole') socket.write(bytes);
      else if (mode.kind === 'noAckWait') socket.end(bytes, () => finish(undefined));
      else if (mode.kind === 'truncate')
        socket.end(Buffer.from(bytes).subarray(0, Math.floor(bytes.length / 2)));
      else {
        let index = 0;
        const writeNext = () => {
          if (settled || index >= bytes.length) return;
          socket.write(Buffer.from(bytes).subarray(index, index + 1));
          index += 1;
          timers.push(setTimeout(writeNext, mode.byteIntervalMs));
        };
        writeNext();
      }
    });
  });
}
