// Profiles the SDK side of the JSON-RPC case alone (Faysal titleFetch), for `node --cpu-prof` (see
// profile-tcp-side.ts for the command line).
import { FaysalClient, rsaSha256Signer } from '@wirebridge/faysal';
import { startSimulatorProcess } from '../simulators/simulator-process.js';

const calls = 2_000;
const simulator = await startSimulatorProcess('faysal');
const info = simulator.info as {
  baseUrl: string;
  bankPublicKeyPem: string;
  partnerKeys: { privateKeyPem: string };
  accounts: { iban: string; status: string }[];
};
const client = new FaysalClient({
  environment: 'sandbox',
  baseUrls: { sandbox: info.baseUrl },
  allowInsecureHttp: true,
  partnerId: 'WIREBRIDGE01',
  signer: rsaSha256Signer({
    privateKey: info.partnerKeys.privateKeyPem,
    bankPublicKeys: [info.bankPublicKeyPem],
  }),
});
const input = {
  account: info.accounts.find((account) => account.status === 'ACTIVE')!.iban,
  amount: { amount: 500_000, currency: 'PKR' },
  purposeCode: '0251',
};
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
for (let index = 0; index < calls; index++) await client.accounts.titleFetch(input);
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `sdk: ${(((performance.now() - startedAt) * 1_000) / calls).toFixed(0)} µs/call wall, ${((cpu.user + cpu.system) / calls).toFixed(0)} µs/call CPU`,
);
await client.close();
await simulator.close();
