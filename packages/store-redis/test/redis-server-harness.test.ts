// The test harness itself: a missing redis-server must say how to install it, and a started one must stop.
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from './support/redis-server.js';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('redis-server test harness', () => {
  it('fails with installation instructions when the binary is missing', async () => {
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      /redis-server was not found.*apt-get install redis-server/,
    );
  });

  it('starts a server on a loopback port other than 6379, and stops it', async () => {
    const server = await startRedisServer();
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await accepts(server.port)).toBe(true);
    await server.stop();
    expect(await accepts(server.port)).toBe(false);
  });
});
