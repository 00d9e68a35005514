import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.js';

/** What a test file gets from {@link useRedisServer}. */
export interface RedisFixture {
  /** The running server (valid inside tests and hooks). */
  readonly server: RedisServer;
  /** A client configured like `createRedisStores` configures its own, closed after the file. */
  readonly client: Redis;
  /** A key prefix no other test uses, so tests share one server without flushing it. */
  uniquePrefix(): string;
}

/**
 * Starts a real `redis-server` for this test file (beforeAll) and stops it (afterAll), with one client
 * configured for bounded waits. Each test takes its own key prefix.
 */
export function useRedisServer(): RedisFixture {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url, {
      connectTimeout: 2_000,
      commandTimeout: 2_000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    client.on('error', () => {});
    if (client.status !== 'ready') await new Promise((resolve) => client?.once('ready', resolve));
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('redis-server is not started (use the fixture inside tests)');
      return server;
    },
    get client() {
      if (!client) throw new Error('redis client is not started (use the fixture inside tests)');
      return client;
    },
    uniquePrefix: () => `test:${randomUUID()}:`,
  };
}
