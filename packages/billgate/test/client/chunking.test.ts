import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { approved, clientFor, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

it('a reply written one byte at a time (split inside LLLL) is reassembled over a real socket', async () => {
  const client = clientFor(simulator);
  simulator.inject('partialWrite', { command: '0300', value: 1 });
  simulator.inject('partialWrite', { command: '3000', value: 3 });
  await client.health.ping();
  const { approval } = await approved(client, simulator, 1200);
  expect(approval.amount).toBe(1200);
  expect(simulator.received.map((message) => message.command)).toEqual(['0300', '3000']);
  await client.close();
});
