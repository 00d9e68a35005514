// Per-file guards (DESIGN §9, issue 13): no unhandled rejection, no leaked socket, server or timer.
// Registered before every test file's own hooks, so its afterAll runs last (hooks run as a stack).
import { afterAll, beforeAll, expect } from 'vitest';
import { flushCounters } from './counters.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
};

/** Resource kinds that a client or a simulator may leak; the worker's own (pipes, message ports) are ignored. */
const WATCHED = new Set([
  'TCPSocketWrap',
  'TCPServerWrap',
  'TLSWrap',
  'Timeout',
  'UDPWrap',
  'GetAddrInfoReqWrap',
]);

function watchedCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED.has(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function excess(baseline: Record<string, number>): Record<string, number> {
  const now = watchedCounts();
  const over: Record<string, number> = {};
  for (const [kind, count] of Object.entries(now)) {
    const extra = count - (baseline[kind] ?? 0);
    if (extra > 0) over[kind] = extra;
  }
  return over;
}

let baseline: Record<string, number> = {};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // The runner has short-lived timers of its own: the baseline is the minimum over a few samples, so a timer
  // that happened to be pending at the first sample cannot hide a leaked one at the end.
  baseline = watchedCounts();
  for (let sample = 0; sample < 4; sample += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = watchedCounts();
    for (const kind of Object.keys(baseline)) baseline[kind] = Math.min(baseline[kind] ?? 0, now[kind] ?? 0);
  }
});

afterAll(async () => {
  // Sockets and servers close asynchronously: give them a bounded moment to go.
  const deadline = Date.now() + 3_000;
  let over = excess(baseline);
  while (Object.keys(over).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    over = excess(baseline);
  }
  // A rejection that surfaces only after the last test still counts.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onUnhandled);
  flushCounters({ leakedResources: over, unhandledRejections: unhandled.length });
  expect(
    { unhandledRejections: unhandled.map((reason) => String(reason)), leakedResources: over },
    'no unhandled rejection; every socket, server and timer closed once the file closed its clients and simulators',
  ).toEqual({ unhandledRejections: [], leakedResources: {} });
}, 10_000);
