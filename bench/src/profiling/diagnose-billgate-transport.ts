// How much of the TCP case's overhead is core's per-request TCP client, and how much the rest of the pipeline
// (operation runner, SEED-CBC, codec, zod)? Runs BillgateClient with its default transport and with a bare
// `net` transport (the raw baseline's exchange) interleaved, plus the raw exchange itself.
// `npx tsx --conditions=@wirebridge/source src/profiling/diagnose-billgate-transport.ts [--quick]`
import { BILLGATE_TEST_KEY, BILLGATE_TEST_SERVICE_ID, BillgateClient } from '@wirebridge/billgate';
import type { TcpTransport } from '@wirebridge/core/tcp';
import { openBillgateBench } from '../cases/tcp-billgate.js';
import { compareInterleaved, pairedRatio, type SideMeasurement } from '../harness/interleaved-comparison.js';
import { exchangeOverNewSocket } from '../harness/raw-socket-exchange.js';
import { cpuMicrosPerCall } from '../harness/result-rows.js';
import { resolveRunSettings } from '../harness/run-settings.js';
import { median } from '../harness/statistics.js';

const settings = resolveRunSettings(process.argv);
const bench = await openBillgateBench();
const info = bench.simulator.info as {
  host: string;
  backupHost: string;
  port: number;
  ports: Record<string, number>;
};
const bareNet: TcpTransport = {
  async send(payload) {
    const frame = Buffer.concat([Buffer.from(String(payload.length).padStart(4, '0'), 'latin1'), payload]);
    const reply = await exchangeOverNewSocket(info.host, info.port, frame);
    return reply.subarray(4);
  },
  async close() {},
};
const bareClient = new BillgateClient({
  environment: { host: info.host, backupHost: info.backupHost },
  ports: info.ports,
  serviceId: BILLGATE_TEST_SERVICE_ID,
  credentials: { current: BILLGATE_TEST_KEY },
  transport: bareNet,
});
const reference = bench.reference;
const comparison = await compareInterleaved({
  sdk: bench.sdkCall,
  baselines: [() => bareClient.mobile.getStatus(reference), bench.rawCall],
  rounds: settings.rounds,
  batchSize: settings.batchSize,
  warmupCalls: settings.warmupCalls,
});
const describe = (name: string, side: SideMeasurement) =>
  console.log(
    `${name.padEnd(34)} ${median(side.latenciesMs).toFixed(3)} ms, ${cpuMicrosPerCall(side).toFixed(0)} µs CPU/call`,
  );
const [bare, raw] = comparison.baselines;
describe('SDK, core TCP client', comparison.sdk);
describe('SDK pipeline, bare net transport', bare!);
describe('raw net exchange', raw!);
console.log(`core TCP client vs bare net (same pipeline): ${pairedRatio(comparison.sdk, bare!).toFixed(2)}×`);
console.log(`pipeline on bare net vs raw exchange: ${pairedRatio(bare!, raw!).toFixed(2)}×`);
await bareClient.close();
await bench.close();
