import type { IncomingMessage } from 'node:http';

/** The body of a request, or the reason it was not read completely. */
export type LimitedBody = { body: Buffer } | { failure: 'too_large' | 'aborted' };

/**
 * Reads a request body without ever holding more than `maxBytes`: a larger declared `Content-Length` is refused
 * before reading, and a stream that grows past the limit stops being read.
 */
export function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ failure: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: LimitedBody) => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle({ failure: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => settle({ body: Buffer.concat(chunks, size) }));
    request.once('error', () => settle({ failure: 'aborted' }));
    request.once('close', () => settle({ failure: 'aborted' }));
  });
}
