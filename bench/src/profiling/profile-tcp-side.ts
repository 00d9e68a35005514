// Profiles ONE side of the TCP case (`sdk` or `raw`) so the two CPU profiles can be compared:
// node --cpu-prof --import tsx --conditions=@wirebridge/source src/profiling/profile-tcp-side.ts sdk|raw
import { openBillgateBench } from '../cases/tcp-billgate.js';

const side = process.argv[2] === 'raw' ? 'raw' : 'sdk';
const calls = 3_000;
const bench = await openBillgateBench();
const call = side === 'sdk' ? bench.sdkCall : bench.rawCall;
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
for (let index = 0; index < calls; index++) await call();
const cpu = process.cpuUsage(cpuBefore);
const perCall = (micros: number) => (micros / calls).toFixed(0);
console.log(
  `${side}: ${perCall((performance.now() - startedAt) * 1_000)} µs/call wall, ${perCall(cpu.user + cpu.system)} µs/call CPU (user ${perCall(cpu.user)}, system ${perCall(cpu.system)})`,
);
await bench.close();
