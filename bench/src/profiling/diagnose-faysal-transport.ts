// How much of the JSON-RPC case's overhead is core's axios-based HTTP transport? Runs FaysalClient twice,
// interleaved against the same simulator process: with its default transport, and with a bare node:http one.
// `npx tsx --conditions=@wirebridge/source src/profiling/diagnose-faysal-transport.ts [--quick]`
import { FaysalClient, rsaSha256Signer } from '@wirebridge/faysal';
import { compareInterleaved, pairedRatio } from '../harness/interleaved-comparison.js';
import { createPlainHttpTransport } from '../harness/plain-http-transport.js';
import { cpuMicrosPerCall } from '../harness/result-rows.js';
import { resolveRunSettings } from '../harness/run-settings.js';
import { median } from '../harness/statistics.js';
import { startSimulatorProcess } from '../simulators/simulator-process.js';

const settings = resolveRunSettings(process.argv);
const simulator = await startSimulatorProcess('faysal');
const info = simulator.info as {
  baseUrl: string;
  bankPublicKeyPem: string;
  partnerKeys: { privateKeyPem: string };
  accounts: { iban: string; status: string }[];
};
let sequence = 0;
const options = {
  environment: 'sandbox' as const,
  baseUrls: { sandbox: info.baseUrl },
  allowInsecureHttp: true,
  partnerId: 'WIREBRIDGE01',
  // Shared by both clients, so their rrns never collide (the bank would answer 0110).
  stanSource: { next: async () => String((sequence++ % 999_999) + 1).padStart(6, '0') },
  signer: rsaSha256Signer({
    privateKey: info.partnerKeys.privateKeyPem,
    bankPublicKeys: [info.bankPublicKeyPem],
  }),
};
const defaultClient = new FaysalClient(options);
const plainClient = new FaysalClient({ ...options, transport: createPlainHttpTransport(info.baseUrl, 10) });
const input = {
  account: info.accounts.find((account) => account.status === 'ACTIVE')!.iban,
  amount: { amount: 500_000, currency: 'PKR' },
  purposeCode: '0251',
};
const comparison = await compareInterleaved({
  sdk: () => defaultClient.accounts.titleFetch(input),
  baselines: [() => plainClient.accounts.titleFetch(input)],
  rounds: settings.rounds,
  batchSize: settings.batchSize,
  warmupCalls: settings.warmupCalls,
});
const plain = comparison.baselines[0]!;
console.log(
  `default transport ${median(comparison.sdk.latenciesMs).toFixed(3)} ms, ${cpuMicrosPerCall(comparison.sdk).toFixed(0)} µs CPU/call`,
);
console.log(
  `node:http transport ${median(plain.latenciesMs).toFixed(3)} ms, ${cpuMicrosPerCall(plain).toFixed(0)} µs CPU/call`,
);
console.log(`ratio default / node:http: ${pairedRatio(comparison.sdk, plain).toFixed(2)}×`);
await defaultClient.close();
await plainClient.close();
await simulator.close();
