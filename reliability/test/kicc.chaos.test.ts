// KICC (HTTPS JSON, HMAC): every money-moving operation under simulator and proxy faults (issue 13).
import type { KiccFault } from '@wirebridge/kicc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KICC_NOW, KICC_PATHS, type KiccRig, kiccIssueInput, startKiccRig } from './support/kicc.js';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';

const VENDOR = 'kicc';
let rig: KiccRig;
beforeAll(async () => {
  rig = await startKiccRig();
});
afterAll(async () => {
  await rig.close();
});

type Op = 'issue' | 'approve' | 'cancel' | 'refund';
const pathOf: Record<Op, string> = {
  issue: KICC_PATHS.issue,
  approve: KICC_PATHS.approval,
  cancel: KICC_PATHS.revise,
  refund: KICC_PATHS.revise,
};
const execOp: Record<Op, string> = {
  issue: 'issue',
  approve: 'approval',
  cancel: 'cancel',
  refund: 'refund',
};

let keySequence = 0;
const nextKey = (op: Op) => `chaos-${op}-${++keySequence}`;

/** Sets up what the operation needs (with a clean client) and returns the call and how to count its executions. */
async function prepare(op: Op, viaProxy: boolean) {
  const setup = rig.client();
  const client = rig.client({ viaProxy });
  const key = nextKey(op);
  if (op === 'issue') {
    const input = kiccIssueInput();
    return {
      key,
      references: [key, input.orderNumber],
      call: (timeoutMs?: number) =>
        client.virtualAccounts.issue(input, { idempotencyKey: key, ...(timeoutMs ? { timeoutMs } : {}) }),
      executions: () =>
        rig.simulator.executions().filter((each) => each.operation === 'issue' && each.idempotencyKey === key)
          .length,
    };
  }
  if (op === 'approve') {
    const orderNumber = `WIN-${key}`;
    await setup.virtualAccounts.createPaymentWindow({
      orderNumber,
      amount: 70_000,
      currency: 'KRW',
      returnUrl: 'https://merchant.example/return',
      device: 'mobile',
      itemName: 'deposit',
    });
    const { authorizationId } = await rig.simulator.completeAuthorization(orderNumber);
    return {
      key,
      references: [key, orderNumber, authorizationId],
      call: (timeoutMs?: number) =>
        client.virtualAccounts.approve(
          { orderNumber, authorizationId },
          { idempotencyKey: key, ...(timeoutMs ? { timeoutMs } : {}) },
        ),
      executions: () =>
        rig.simulator
          .executions()
          .filter(
            (each) =>
              each.operation === 'approval' &&
              rig.simulator
                .accounts()
                .some((a) => a.transactionId === each.transactionId && a.orderNumber === orderNumber),
          ).length,
    };
  }
  const account = await setup.virtualAccounts.issue(kiccIssueInput());
  if (op === 'refund') await rig.simulator.deposit({ transactionId: account.transactionId });
  const executions = () =>
    rig.simulator
      .executions()
      .filter((each) => each.operation === execOp[op] && each.transactionId === account.transactionId).length;
  return {
    key,
    references: [key, account.transactionId, account.orderNumber],
    call: (timeoutMs?: number) =>
      op === 'cancel'
        ? client.virtualAccounts.cancel(
            { transactionId: account.transactionId },
            { idempotencyKey: key, ...(timeoutMs ? { timeoutMs } : {}) },
          )
        : client.virtualAccounts.refund(
            {
              transactionId: account.transactionId,
              mode: 'settlement',
              refundAccount: { bankCode: '004', accountNumber: '12345678901234', holderName: '홍길동' },
            },
            { idempotencyKey: key, ...(timeoutMs ? { timeoutMs } : {}) },
          ),
    executions,
  };
}

const simulatorFaults: Array<{
  name: string;
  fault: KiccFault['fault'];
  times?: number;
  timeoutMs?: number;
}> = [
  { name: 'reset before processing (request never executed)', fault: { kind: 'reset-before-processing' } },
  { name: 'reset after execution, before the response', fault: { kind: 'reset-before-response' } },
  { name: 'reset mid-response', fault: { kind: 'reset-mid-response' } },
  { name: 'truncated JSON (partial frame)', fault: { kind: 'malformed-body' } },
  { name: 'bad msgAuthValue on the reply', fault: { kind: 'bad-msg-auth' } },
  { name: 'HTTP 500', fault: { kind: 'http-status', status: 500 } },
  { name: 'HTTP 503', fault: { kind: 'http-status', status: 503 } },
  { name: 'VTIM (vendor timeout code)', fault: { kind: 'vtim' } },
  {
    name: 'timeout after the request was written (delay past deadline)',
    fault: { kind: 'delay', ms: 600 },
    timeoutMs: 250,
  },
  { name: 'two resets in a row', fault: { kind: 'reset-before-response' }, times: 2 },
];

const proxyFaults: Array<ProxyFaultEntry & { timeoutMs?: number }> = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-response (40 bytes)', fault: { kind: 'reset', afterBytes: 40 } },
  { name: 'proxy: partial writes of 16 bytes', fault: { kind: 'partial-write', bytes: 16, pauseMs: 0 } },
  { name: 'proxy: garbage answer', fault: { kind: 'garbage', direction: 'to-client' } },
  {
    name: 'proxy: slow drip of the answer (1 byte every 3 ms)',
    fault: { kind: 'partial-write', bytes: 1, pauseMs: 3, direction: 'to-client' },
    settleMs: 300,
  },
  { name: 'proxy: black hole (timeout, never reached the vendor)', fault: { kind: 'black-hole' } },
  {
    name: 'proxy: slow answer (timeout after the request was written)',
    fault: { kind: 'latency', ms: 500, direction: 'to-client' },
    settleMs: 600,
  },
  {
    name: 'proxy: slow request (arrives after the client gave up)',
    fault: { kind: 'latency', ms: 450, direction: 'to-target' },
    settleMs: 600,
  },
];

const ops: Op[] = ['issue', 'approve', 'cancel', 'refund'];

describe('kicc: simulator fault table', () => {
  for (const op of ops) {
    for (const entry of simulatorFaults) {
      it(`${op} — ${entry.name}`, async () => {
        const prepared = await prepare(op, false);
        const handle = rig.simulator.inject({
          match: { path: pathOf[op] },
          fault: entry.fault,
          times: entry.times ?? 1,
        });
        try {
          await checkMoneyCase({
            vendor: VENDOR,
            operation: `virtualAccounts.${op}`,
            fault: entry.name,
            faults: entry.times ?? 1,
            reference: (error) => prepared.references.includes(error.reference ?? ''),
            run: () => prepared.call(entry.timeoutMs),
            executions: prepared.executions,
            settleMs: entry.timeoutMs ? 700 : 0,
          });
        } finally {
          handle.remove();
        }
      });
    }
  }
});

describe('kicc: fault proxy table', () => {
  for (const op of ops) {
    for (const entry of proxyFaults) {
      it(`${op} — ${entry.name}`, async () => {
        const prepared = await prepare(op, true);
        await checkUnderProxyFault(rig.proxy, entry, {
          vendor: VENDOR,
          operation: `virtualAccounts.${op}`,
          reference: (error) => prepared.references.includes(error.reference ?? ''),
          run: () => prepared.call(entry.timeoutMs),
          executions: prepared.executions,
        });
      });
    }
  }
});

describe('kicc: repeated calls with the same key after a lost reply', () => {
  it('issue twice with one key (caller retry after its own timeout): one VA', async () => {
    const prepared = await prepare('issue', false);
    rig.simulator.inject({ match: { path: KICC_PATHS.issue }, fault: { kind: 'reset-before-response' } });
    await checkMoneyCase({
      vendor: VENDOR,
      operation: 'virtualAccounts.issue',
      fault: 'reset-before-response, then the caller repeats',
      reference: (error) => prepared.references.includes(error.reference ?? ''),
      run: async () => {
        await prepared.call().catch(() => undefined);
        return prepared.call();
      },
      executions: prepared.executions,
    });
    expect(prepared.executions()).toBe(1);
  });
});

describe('kicc: the caller deadline during resolution', () => {
  it('cancel under a black hole with timeoutMs 300: the refundQueryFlag re-query keeps to the caller deadline', async () => {
    // Found by this suite: the refundQueryFlag re-query (and the retrieve inquiries) used KICC's own reviseMs
    // (30 s by default) instead of the caller's timeoutMs, so a cancel with { timeoutMs: 300 } behind a black hole
    // took ~39 s. Resolution now passes the caller's timeoutMs to its inquiries (ResolutionContext.timeoutMs).
    const setup = rig.client();
    const account = await setup.virtualAccounts.issue(kiccIssueInput());
    const client = rig.client({
      viaProxy: true,
      timeouts: { defaultMs: 250, approvalMs: 300, reviseMs: 2_000 },
    });
    rig.proxy.setFault({ kind: 'black-hole' });
    const started = performance.now();
    try {
      const outcome = await checkMoneyCase({
        vendor: VENDOR,
        operation: 'virtualAccounts.cancel',
        fault: 'proxy: black hole, caller timeoutMs 300 (deadline check)',
        reference: (error) => [account.transactionId, 'deadline-1'].includes(error.reference ?? ''),
        run: () =>
          client.virtualAccounts.cancel(
            { transactionId: account.transactionId },
            { idempotencyKey: 'deadline-1', timeoutMs: 300 },
          ),
        executions: () =>
          rig.simulator
            .executions()
            .filter((each) => each.operation === 'cancel' && each.transactionId === account.transactionId)
            .length,
      });
      expect(outcome.kind).toBe('unknown');
      const elapsed = performance.now() - started;
      // The re-query and the inquiries keep to the caller's 300 ms: the whole resolution ends before a single
      // re-query on reviseMs (2 s) would have.
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      rig.proxy.clearFaults();
    }
  });
});

describe('kicc: clock skew between client and simulator (KST transaction dates)', () => {
  for (const [name, skewMs] of [
    ['client 20 min ahead', 20 * 60_000],
    ['client one day ahead (another KST day)', 86_400_000],
    ['client one day behind', -86_400_000],
  ] as const) {
    it(`issue, then a lost reply resolved by date — ${name}`, async () => {
      const client = rig.client({ clock: () => new Date(KICC_NOW.getTime() + skewMs) });
      const input = kiccIssueInput({ expiresAt: new Date('2025-03-05T14:59:59Z') });
      const key = nextKey('issue');
      rig.simulator.inject({ match: { path: KICC_PATHS.issue }, fault: { kind: 'reset-before-response' } });
      await checkMoneyCase({
        vendor: VENDOR,
        operation: 'virtualAccounts.issue',
        fault: `clock skew + reset-before-response: ${name}`,
        faults: 2,
        reference: (error) => [key, input.orderNumber].includes(error.reference ?? ''),
        run: () => client.virtualAccounts.issue(input, { idempotencyKey: key }),
        executions: () =>
          rig.simulator
            .executions()
            .filter((each) => each.operation === 'issue' && each.idempotencyKey === key).length,
      });
    });
  }
});
