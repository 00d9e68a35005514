import { connect } from 'node:net';

/**
 * The raw baseline of a one-connection-per-request TCP exchange: connect, write the request bytes, read until
 * the reply frame (`LLLL` ASCII length + that many bytes) is complete, then close. No framing library, no
 * timeouts beyond the socket's own: the least code that does the same exchange.
 */
export function exchangeOverNewSocket(host: string, port: number, request: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const chunks: Buffer[] = [];
    let received = 0;
    let expected = -1;
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (expected < 0 && received >= 4) {
        const head = chunks.length === 1 ? chunk : Buffer.concat(chunks);
        expected = 4 + Number(head.subarray(0, 4).toString('latin1'));
      }
      if (expected >= 0 && received >= expected) {
        socket.destroy();
        resolve(Buffer.concat(chunks, received));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      if (expected < 0 || received < expected) reject(new Error('raw socket: closed before a whole reply'));
    });
  });
}
