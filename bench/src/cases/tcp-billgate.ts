import { BILLGATE_TEST_KEY, BILLGATE_TEST_SERVICE_ID, BillgateClient } from '@wirebridge/billgate';
import { asciiLengthFramer, createTcpClient, type TcpTransport } from '@wirebridge/core/tcp';
import { heapPerInFlightKiB } from '../harness/heap-probe.js';
import { compareInterleaved } from '../harness/interleaved-comparison.js';
import { exchangeOverNewSocket } from '../harness/raw-socket-exchange.js';
import { type CaseReport, comparisonRow } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { type SimulatorProcess, startSimulatorProcess } from '../simulators/simulator-process.js';

interface BillgateInfo {
  host: string;
  backupHost: string;
  port: number;
  ports: Record<string, number>;
}

/** Billgate's frame prefix: 4 ASCII digits counting the bytes after them (spec §3). */
const withLengthPrefix = (payload: Uint8Array) =>
  Buffer.concat([Buffer.from(String(payload.length).padStart(4, '0'), 'latin1'), payload]);

/** The Billgate client, the raw socket replay of its status frame, and the simulator they share. */
export interface BillgateBench {
  readonly simulator: SimulatorProcess;
  readonly frame: Buffer;
  /** The approved payment the status query asks about. */
  readonly reference: { orderId: string; orderDate: Date; transactionId: string };
  readonly sdkCall: () => Promise<unknown>;
  readonly rawCall: () => Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Sets up case 3: Billgate status query (command 5000, safe) over a fresh TCP connection per request (spec §3),
 * and a raw `net` socket writing the same frame. A payment is approved first so the query finds a real
 * transaction. The frame is captured from a wrapping TcpTransport: SEED-CBC encryption happens before it, so the
 * replay sends the identical ciphertext.
 */
export async function openBillgateBench(): Promise<BillgateBench> {
  const simulator = await startSimulatorProcess('billgate');
  const info = simulator.info as unknown as BillgateInfo;
  const baseOptions = {
    environment: { host: info.host, backupHost: info.backupHost },
    ports: info.ports,
    serviceId: BILLGATE_TEST_SERVICE_ID,
    credentials: { current: BILLGATE_TEST_KEY },
  };

  let lastPayload: Uint8Array | undefined;
  // Billgate's own framer is internal; this is its definition (billgate-transport.ts), used only to capture.
  const inner = createTcpClient({
    mode: 'per-request',
    host: info.host,
    port: info.port,
    framer: asciiLengthFramer({ digits: 4, includesPrefix: false, maxFrameBytes: 9_999 }),
    vendor: 'billgate',
  });
  const capturing: TcpTransport = {
    send(payload, options) {
      lastPayload = payload;
      return inner.send(payload, options);
    },
    close: () => inner.close(),
  };
  const capturingClient = new BillgateClient({ ...baseOptions, transport: capturing });
  const orderId = `BENCH-${Date.now()}`;
  const orderDate = new Date();
  const form = await simulator.command<string>('preparePayment', orderId, orderDate.toISOString(), 10_000);
  const prepared = capturingClient.mobile.parseReturn({
    rawBody: Buffer.from(form, 'base64'),
    expected: { orderId, amount: 10_000, currency: 'KRW' },
  });
  await capturingClient.mobile.charge(prepared);
  const reference = { orderId, orderDate, transactionId: prepared.transactionId };
  await capturingClient.mobile.getStatus(reference);
  const frame = withLengthPrefix(lastPayload!);
  await capturingClient.close();

  const client = new BillgateClient(baseOptions);
  return {
    simulator,
    frame,
    reference,
    sdkCall: () => client.mobile.getStatus(reference),
    rawCall: () => exchangeOverNewSocket(info.host, info.port, frame),
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

export async function runTcpCase(settings: RunSettings): Promise<CaseReport> {
  const bench = await openBillgateBench();
  const { simulator, frame, sdkCall, rawCall } = bench;
  try {
    const comparison = await compareInterleaved({
      sdk: sdkCall,
      baselines: [rawCall],
      rounds: settings.rounds,
      batchSize: settings.batchSize,
      warmupCalls: settings.warmupCalls,
    });
    // Every request has its own connection, so the server holds all of them.
    const hold = (holdMs: number) => simulator.command<void>('holdRequests', holdMs, settings.heapProbeCalls);
    const heapSdk = await heapPerInFlightKiB({
      calls: settings.heapProbeCalls,
      holdOnServer: hold,
      call: sdkCall,
    });
    const heapRaw = await heapPerInFlightKiB({
      calls: settings.heapProbeCalls,
      holdOnServer: hold,
      call: rawCall,
    });
    return {
      rows: [
        comparisonRow({
          caseName: 'TCP: Billgate status 5000 vs raw net',
          comparison,
          heapKiB: { sdk: heapSdk, baseline: heapRaw },
          ratioBudget: 1.25,
        }),
      ],
      notes: [
        `TCP (Billgate): getStatus (5000) on an approved payment, ${frame.length} B SEED-CBC frame, one connection per request on both sides; the raw side replays the captured frame.`,
      ],
    };
  } finally {
    await bench.close();
  }
}
