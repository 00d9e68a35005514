import net, { type AddressInfo, type Socket } from 'node:net';
import type { FrameBoundary } from '../../../src/testing/index.js';

/**
 * Test framing: a 4-digit ASCII length of the payload, then the payload (the shape of several Korean VAN
 * telegrams). Kept in the tests so the testing kit does not depend on a particular framer.
 */
export const fourDigitLengthPrefix: FrameBoundary = {
  frameLength(buffered) {
    if (buffered.length < 4) return undefined;
    const header = buffered.toString('latin1', 0, 4);
    if (!/^\d{4}$/.test(header)) throw new Error('length prefix is not 4 digits');
    return 4 + Number(header);
  },
};

/** Frames a payload with the 4-digit length prefix. */
export function frame(payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  return Buffer.concat([Buffer.from(String(body.length).padStart(4, '0'), 'latin1'), body]);
}

/** A plain TCP server for the tools to stand in front of. */
export interface PlainTcpServer {
  host: string;
  port: number;
  /** Connections accepted. */
  connections: number;
  /** Every byte received, per connection. */
  received: Buffer[];
  close(): Promise<void>;
}

/** Starts a TCP server on loopback; `onData` sees each connection's accumulated bytes. */
export async function startPlainTcpServer(
  onData: (socket: Socket, accumulated: Buffer) => void,
): Promise<PlainTcpServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, received: [] as Buffer[] };
  const server = net.createServer((socket) => {
    const index = state.connections++;
    state.received[index] = Buffer.alloc(0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      state.received[index] = Buffer.concat([state.received[index]!, chunk]);
      onData(socket, state.received[index]!);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    get connections() {
      return state.connections;
    },
    received: state.received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
