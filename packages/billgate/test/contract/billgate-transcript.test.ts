import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ReplayMismatchError,
  readTcpTranscript,
  recordTcpTranscript,
  replayTcpTranscript,
  type VolatileRange,
  writeTcpTranscript,
} from '@wirebridge/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { billgateFramer } from '../../src/billgate-transport.js';
import { BILLGATE_TEST_KEY, BillgateClient } from '../../src/index.js';
import { startBillgateSimulator } from '../../src/testing/index.js';
import { ORDER_DATE } from '../support.js';

// Contract test (DESIGN §9, TCP vendors): a conversation recorded from the simulator (or, with credentials, Billgate's
// test host) and replayed byte for byte with no simulator running. Re-record with BILLGATE_RECORD=1.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const transcriptPath = join(fixtures, 'billgate-mobile-flow.transcript.json');
const inputsPath = join(fixtures, 'billgate-mobile-flow.inputs.json');
const framer = billgateFramer();

interface FlowInputs {
  orderId: string;
  transactionId: string;
  amount: number;
  /** The window MESSAGE (public test key, fake test phone number): what parseReturn would hand to charge. */
  authorization: string;
}

// No volatile ranges: Billgate's IV is static per SERVICE_ID (spec §5.1), so equal plaintexts give equal frames, and
// every timestamp the client writes (order dates, the ping's 0011 and header) comes from the injected clock. A
// volatile range would not help anyway: one changed plaintext byte changes every later SEED-CBC block, and the
// response echoes the header, so a recording against a live host must be replayed with the same injected clock.
const volatile: VolatileRange[] = [];

function clientAt(address: { host: string; port: number }) {
  return new BillgateClient({
    environment: { host: address.host },
    ports: { '1100': address.port },
    serviceId: 'M2103135',
    credentials: { current: BILLGATE_TEST_KEY },
    clock: () => ORDER_DATE,
    timeouts: { queryMs: 10_000 },
  });
}

/** The flow recorded: ping, charge, partial cancel, status, full cancel of the rest. */
async function runFlow(client: BillgateClient, inputs: FlowInputs) {
  await client.health.ping();
  const approval = await client.mobile.charge({
    orderId: inputs.orderId,
    orderDate: ORDER_DATE,
    amount: inputs.amount,
    currency: 'KRW',
    transactionId: inputs.transactionId,
    authorization: inputs.authorization,
  });
  const reference = { orderId: inputs.orderId, orderDate: ORDER_DATE, transactionId: inputs.transactionId };
  const partial = await client.mobile.cancel({ ...reference, currency: 'KRW', amount: 300 });
  const status = await client.mobile.getStatus(reference);
  const rest = await client.mobile.cancel({
    ...reference,
    transactionId: partial.remainingTransactionId ?? '',
    currency: 'KRW',
  });
  return { approval, partial, status, rest };
}

if (process.env.BILLGATE_RECORD === '1') {
  it('records the transcript from the simulator', async () => {
    const simulator = await startBillgateSimulator({ clock: () => ORDER_DATE });
    const recorder = await recordTcpTranscript({
      target: { host: simulator.host, port: simulator.port },
      framer,
    });
    const form = simulator.preparePayment({ orderId: 'CONTRACT-0001', orderDate: ORDER_DATE, amount: 1000 });
    const inputs: FlowInputs = {
      orderId: 'CONTRACT-0001',
      transactionId: form.fields.TRANSACTION_ID!,
      amount: 1000,
      authorization: form.fields.MESSAGE!,
    };
    const client = clientAt(recorder.address);
    await runFlow(client, inputs);
    await client.close();
    await writeTcpTranscript(transcriptPath, await recorder.close());
    await writeFile(inputsPath, `${JSON.stringify(inputs, null, 2)}\n`, 'utf8');
    await simulator.close();
  });
}

describe('contract: recorded Billgate conversation, replayed without the simulator', () => {
  let closeReplayer: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await closeReplayer?.();
    closeReplayer = undefined;
  });

  it('the client reproduces every request byte and reads every recorded response', async () => {
    const transcript = await readTcpTranscript(transcriptPath);
    const inputs = JSON.parse(await readFile(inputsPath, 'utf8')) as FlowInputs;
    const replayer = await replayTcpTranscript(transcript, { volatile, framer });
    closeReplayer = () => replayer.close();
    const client = clientAt(replayer.address);
    const { approval, partial, status, rest } = await runFlow(client, inputs);
    await client.close();
    replayer.verify();
    expect(approval).toMatchObject({ transactionId: inputs.transactionId, amount: 1000 });
    expect(partial.cancelledAmount).toBe(300);
    expect(status).toMatchObject({ state: 'partially_cancelled', cancelledAmount: 300 });
    expect(rest.cancelledAmount).toBe(700);
  });

  it('a changed request byte fails the replay', async () => {
    const transcript = await readTcpTranscript(transcriptPath);
    const inputs = JSON.parse(await readFile(inputsPath, 'utf8')) as FlowInputs;
    const replayer = await replayTcpTranscript(transcript, { volatile, framer });
    closeReplayer = () => replayer.close();
    const client = clientAt(replayer.address);
    // 301 instead of 300: one byte of the 9000 plaintext differs, so its ciphertext does.
    await client.health.ping();
    await client.mobile.charge({
      orderId: inputs.orderId,
      orderDate: ORDER_DATE,
      amount: inputs.amount,
      currency: 'KRW',
      transactionId: inputs.transactionId,
      authorization: inputs.authorization,
    });
    await expect(
      client.mobile.cancel({
        orderId: inputs.orderId,
        orderDate: ORDER_DATE,
        transactionId: inputs.transactionId,
        currency: 'KRW',
        amount: 301,
      }),
    ).rejects.toThrow();
    await client.close();
    expect(() => replayer.verify({ requireComplete: false })).toThrow(ReplayMismatchError);
  });

  it('the fixtures hold no key material', async () => {
    const text = (await readFile(transcriptPath, 'utf8')) + (await readFile(inputsPath, 'utf8'));
    for (const secret of ['QkZJRlBDRTI4T0c1OUtBMw==', 'BFIFPCE28OG59KA3', 'PRJ59Q2GHPT844TQ']) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret, 'latin1').toString('hex'));
    }
  });
});
