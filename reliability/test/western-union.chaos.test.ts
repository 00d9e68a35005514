// Western Union (SOAP 1.1): send (store), cancel and refund — unsafe, resolved through PayStatus — under faults.
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import { WesternUnionClient } from '@wirebridge/western-union';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';
import { cashQuoteInput, clientOptions, type Harness, startHarness } from './support/western-union.js';

const VENDOR = 'western-union';
let harness: Harness;
let proxy: FaultProxy;
const extra: WesternUnionClient[] = [];

beforeAll(async () => {
  harness = await startHarness();
  const url = new URL(Object.values(harness.simulator.endpoints)[0] as string);
  proxy = await startFaultProxy({ target: { host: url.hostname, port: Number(url.port) } });
});
afterEach(async () => {
  proxy.clearFaults();
  await Promise.all(extra.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await harness.close();
  await proxy.close();
});

const shortTimeouts = { default: 400, quote: 400, send: 300, cancel: 300, refund: 300 };
function clientWith(options: { viaProxy?: boolean; short?: boolean }) {
  const endpoints = options.viaProxy
    ? Object.fromEntries(
        Object.entries(harness.simulator.endpoints).map(([service, url]) => {
          const parsed = new URL(url as string);
          parsed.host = `${proxy.host}:${proxy.port}`;
          return [service, parsed.toString()];
        }),
      )
    : harness.simulator.endpoints;
  const client = new WesternUnionClient(
    clientOptions(harness.simulator, {
      endpoints: endpoints as typeof harness.simulator.endpoints,
      ...(options.short ? { timeouts: shortTimeouts } : {}),
    }),
  );
  extra.push(client);
  return client;
}

type Op = 'send' | 'cancel' | 'refund';
const serviceOf: Record<Op, string> = { send: 'store', cancel: 'cancel', refund: 'refund' };

async function prepare(op: Op, client: WesternUnionClient) {
  const input = cashQuoteInput();
  const quoted = await harness.client.transfers.quote(input);
  if (op !== 'send') await harness.client.transfers.send({ commitToken: quoted.commitToken });
  const executions = () =>
    harness.simulator.state
      .executions()
      .filter((execution) => execution.service === serviceOf[op] && execution.mtcn === quoted.mtcn).length;
  const references = [input.reference, quoted.mtcn, quoted.newMtcn, `CN${quoted.mtcn}`, `RF${quoted.mtcn}`];
  return {
    references,
    matches: (reference: string | undefined) =>
      reference !== undefined && (references.includes(reference) || reference.includes(quoted.mtcn)),
    call: () =>
      op === 'send'
        ? client.transfers.send({ commitToken: quoted.commitToken })
        : op === 'cancel'
          ? client.transfers.cancel({ mtcn: quoted.mtcn })
          : client.transfers.refund({ mtcn: quoted.mtcn }),
    executions,
  };
}

type SimFault = Parameters<Harness['simulator']['inject']>[0];
const simulatorFaults: Array<{
  name: string;
  fault: Omit<SimFault, 'operation'>;
  short?: boolean;
  settleMs?: number;
}> = [
  {
    name: 'delay past the deadline after committing',
    fault: { kind: 'delay', commit: true, delayMs: 900 },
    short: true,
    settleMs: 1_000,
  },
  {
    name: 'delay past the deadline before committing',
    fault: { kind: 'delay', delayMs: 900 },
    short: true,
    settleMs: 1_000,
  },
  { name: 'reset after committing', fault: { kind: 'reset', commit: true } },
  { name: 'reset before committing', fault: { kind: 'reset' } },
  { name: 'reset mid-response', fault: { kind: 'reset', commit: true, midResponse: true } },
  { name: 'truncated reply', fault: { kind: 'malformed' } },
  { name: 'reply with a <__proto__> element', fault: { kind: 'proto' } },
  { name: 'SOAP fault E9256', fault: { kind: 'fault', code: 'E9256' } },
  { name: 'non-standard fault', fault: { kind: 'nonStandardFault' } },
  { name: 'HTTP 503 (HTML)', fault: { kind: 'http503' } },
  { name: 'three resets after committing', fault: { kind: 'reset', commit: true, times: 3 } },
];

const proxyFaults: ProxyFaultEntry[] = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-response (80 bytes)', fault: { kind: 'reset', afterBytes: 80 } },
  { name: 'proxy: partial writes of 64 bytes', fault: { kind: 'partial-write', bytes: 64, pauseMs: 0 } },
  { name: 'proxy: garbage answer', fault: { kind: 'garbage', direction: 'to-client' } },
  {
    name: 'proxy: slow drip of the answer (1 byte every 3 ms), then the network heals',
    fault: { kind: 'partial-write', bytes: 1, pauseMs: 3, direction: 'to-client' },
    clearAfterMs: 400,
  },
  { name: 'proxy: black hole (never heals)', fault: { kind: 'black-hole' } },
  { name: 'proxy: black hole, then the network heals', fault: { kind: 'black-hole' }, clearAfterMs: 200 },
  {
    name: 'proxy: slow request (arrives after the client gave up)',
    fault: { kind: 'latency', ms: 500, direction: 'to-target' },
    clearAfterMs: 600,
    settleMs: 700,
  },
];

for (const op of ['send', 'cancel', 'refund'] as const) {
  describe(`western-union: transfers.${op}, simulator fault table`, () => {
    for (const entry of simulatorFaults) {
      it(entry.name, async () => {
        const client = entry.short ? clientWith({ short: true }) : harness.client;
        const prepared = await prepare(op, client);
        harness.simulator.inject({ operation: serviceOf[op], ...entry.fault } as SimFault);
        await checkMoneyCase({
          vendor: VENDOR,
          operation: `transfers.${op}`,
          fault: entry.name,
          faults: (entry.fault as { times?: number }).times ?? 1,
          reference: (error) => prepared.matches(error.reference),
          run: prepared.call,
          executions: prepared.executions,
          settleMs: entry.settleMs ?? 0,
        });
      });
    }
  });

  describe(`western-union: transfers.${op}, fault proxy table`, () => {
    for (const entry of proxyFaults) {
      it(entry.name, async () => {
        const prepared = await prepare(op, clientWith({ viaProxy: true, short: true }));
        await checkUnderProxyFault(proxy, entry, {
          vendor: VENDOR,
          operation: `transfers.${op}`,
          reference: (error) => prepared.matches(error.reference),
          run: prepared.call,
          executions: prepared.executions,
        });
      });
    }
  });
}
