// Profiles the codec decode micro-benchmark alone: `node --cpu-prof --import tsx --conditions=@wirebridge/source
// src/profiling/profile-codec-decode.ts`, then summarize-cpu-profile.ts on the written .cpuprofile.
import { decodeBenchTelegram, encodeBenchTelegram } from '../cases/codec-layout.js';

const frame = encodeBenchTelegram();
let fields = 0;
const startedAt = performance.now();
while (performance.now() - startedAt < 3_000) {
  for (let index = 0; index < 1_000; index++) fields += Object.keys(decodeBenchTelegram(frame)).length;
}
console.log(`decoded ${fields / 25} frames`);
