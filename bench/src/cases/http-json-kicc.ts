import { Agent } from 'node:http';
import { createHttpTransport } from '@wirebridge/core';
import { KiccClient, type KiccClientOptions } from '@wirebridge/kicc';
import axios, { type AxiosInstance } from 'axios';
import { bodyBytes, captureRequests } from '../harness/capturing-transport.js';
import { heapPerInFlightKiB } from '../harness/heap-probe.js';
import { compareInterleaved } from '../harness/interleaved-comparison.js';
import { type CaseReport, comparisonRow } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { type SimulatorProcess, startSimulatorProcess } from '../simulators/simulator-process.js';

/** KiccClient's own pool size (spec §3): the baseline gets the same, so neither side waits for a socket more. */
const KICC_MAX_SOCKETS = 8;

/** The KICC client, the raw axios replay of its bytes, and the simulator they share. */
export interface KiccBench {
  readonly simulator: SimulatorProcess;
  readonly client: KiccClient;
  readonly sdkCall: () => Promise<unknown>;
  readonly axiosCall: () => Promise<unknown>;
  readonly notes: string[];
  close(): Promise<void>;
}

/**
 * Sets up case 1: a KICC virtual-account inquiry (`retrieveVirtualAccount`, safe) through `KiccClient`, and the
 * same bytes POSTed with plain axios. The SDK's request is captured once from its transport and replayed as is,
 * so both sides send identical bodies and headers and the simulator does identical work.
 */
export async function openKiccBench(): Promise<KiccBench> {
  const simulator = await startSimulatorProcess('kicc');
  const clientOptions = simulator.info.clientOptions as KiccClientOptions;
  const [transactionId] = await simulator.command<string[]>('seedVirtualAccounts', 1);
  const reference = { transactionId: transactionId! };

  const baseUrl = (clientOptions.environment as { baseUrl: string }).baseUrl;
  const capture = captureRequests(createHttpTransport({ baseUrl, vendor: 'kicc' }));
  const capturingClient = new KiccClient({ ...clientOptions, transport: capture });
  await capturingClient.virtualAccounts.get(reference);
  const request = capture.lastRequest();
  await capturingClient.close();

  const client = new KiccClient(clientOptions);
  const agent = new Agent({ keepAlive: true, maxSockets: KICC_MAX_SOCKETS });
  const rawAxios: AxiosInstance = axios.create({ httpAgent: agent, proxy: false });
  const body = bodyBytes(request);
  const url = `${baseUrl}${request.path}`;
  const headers = { ...request.headers };

  return {
    simulator,
    client,
    sdkCall: () => client.virtualAccounts.get(reference),
    axiosCall: () => rawAxios.post(url, body, { headers }),
    notes: [
      `HTTP JSON (KICC): virtualAccounts.get → POST ${request.path}, ${body.length} B body replayed byte-for-byte by axios (keep-alive agent, maxSockets ${KICC_MAX_SOCKETS} like the SDK).`,
    ],
    async close() {
      await client.close();
      agent.destroy();
      await simulator.close();
    },
  };
}

export async function runHttpJsonCase(settings: RunSettings): Promise<CaseReport> {
  const bench = await openKiccBench();
  try {
    const comparison = await compareInterleaved({
      sdk: bench.sdkCall,
      baselines: [bench.axiosCall],
      rounds: settings.rounds,
      batchSize: settings.batchSize,
      warmupCalls: settings.warmupCalls,
    });
    const hold = (holdMs: number) => bench.simulator.command<void>('holdRequests', holdMs, KICC_MAX_SOCKETS);
    const heapSdk = await heapPerInFlightKiB({
      calls: settings.heapProbeCalls,
      holdOnServer: hold,
      call: bench.sdkCall,
    });
    const heapBaseline = await heapPerInFlightKiB({
      calls: settings.heapProbeCalls,
      holdOnServer: hold,
      call: bench.axiosCall,
    });
    return {
      rows: [
        comparisonRow({
          caseName: 'HTTP JSON: KICC get VA vs axios',
          comparison,
          heapKiB: { sdk: heapSdk, baseline: heapBaseline },
          ratioBudget: 1.25,
        }),
      ],
      notes: bench.notes,
    };
  } finally {
    await bench.close();
  }
}
