import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { createSeedCipher } from '@wirebridge/core/crypto';
import forge from 'node-forge';
import { z } from 'zod';
import { formatRate, measureRate } from '../harness/micro-rate.js';
import { type CaseReport, figureRow, limitVerdict } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { decodeBenchTelegram, encodeAsciiBenchTelegram, encodeBenchTelegram } from './codec-layout.js';

/** Case 5a: fixed-width encode/decode of a 400-byte EUC-KR telegram (DESIGN §10: ≥ 1 M frames/s decode). */
function codecRows(settings: RunSettings) {
  const frame = encodeBenchTelegram();
  const decode = measureRate(() => decodeBenchTelegram(frame), settings.microMs);
  const encode = measureRate(encodeBenchTelegram, settings.microMs);
  // The same layout with ASCII text only: the difference is the cost of decoding Hangul.
  const asciiFrame = encodeAsciiBenchTelegram();
  const asciiDecode = measureRate(() => decodeBenchTelegram(asciiFrame), settings.microMs);
  return [
    figureRow({
      caseName: `Codec decode ${frame.length} B (EUC-KR, Hangul)`,
      sdk: formatRate(decode.perSecond, 'frames'),
      cpuPerCall: decode.microsPerOperation.toFixed(2),
      budget: limitVerdict(decode.perSecond / 1e6, 1, 'M frames/s', 'min'),
    }),
    figureRow({
      caseName: `Codec decode ${asciiFrame.length} B (same layout, ASCII only)`,
      sdk: formatRate(asciiDecode.perSecond, 'frames'),
      cpuPerCall: asciiDecode.microsPerOperation.toFixed(2),
      budget: limitVerdict(asciiDecode.perSecond / 1e6, 1, 'M frames/s', 'min'),
    }),
    figureRow({
      caseName: `Codec encode ${frame.length} B (EUC-KR, Hangul)`,
      sdk: formatRate(encode.perSecond, 'frames'),
      cpuPerCall: encode.microsPerOperation.toFixed(2),
    }),
  ];
}

/** Case 5b: SEED-CBC (core's pure-JS SEED, Billgate's cipher) on 4 KiB buffers. */
function seedRows(settings: RunSettings) {
  const cipher = createSeedCipher({ key: Buffer.alloc(16, 1), iv: Buffer.alloc(16, 2), mode: 'cbc' });
  const plaintext = createHash('sha512').update('seed').digest().subarray(0, 64);
  const block = Buffer.concat(Array.from({ length: 64 }, () => plaintext)); // 4 KiB
  const ciphertext = cipher.encrypt(block);
  const encrypt = measureRate(() => cipher.encrypt(block), settings.microMs, 20);
  const decrypt = measureRate(() => cipher.decrypt(ciphertext), settings.microMs, 20);
  const mebibytes = (rate: number) => `${((rate * block.length) / 1024 / 1024).toFixed(1)} MiB/s`;
  return [
    figureRow({
      caseName: 'SEED-CBC encrypt 4 KiB',
      sdk: mebibytes(encrypt.perSecond),
      cpuPerCall: encrypt.microsPerOperation.toFixed(1),
    }),
    figureRow({
      caseName: 'SEED-CBC decrypt 4 KiB',
      sdk: mebibytes(decrypt.perSecond),
      cpuPerCall: decrypt.microsPerOperation.toFixed(1),
    }),
  ];
}

/**
 * Case 5c: RSA-2048 PKCS#1 v1.5 SHA-256 over a 300-byte body, node:crypto (what the SDK uses) vs node-forge
 * (what DESIGN §10 keeps off the hot path). A forge sign over 5 ms is a synchronous hot-path step the budget forbids.
 */
function rsaRows(settings: RunSettings) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = Buffer.alloc(300, 0x61);
  const signature = sign('RSA-SHA256', body, privateKey);
  const forgePrivate = forge.pki.privateKeyFromPem(
    privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  const forgePublic = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  const forgeDigest = () => forge.md.sha256.create().update(body.toString('binary'));
  const forgeSignature = forgePrivate.sign(forgeDigest());

  const nodeSign = measureRate(() => sign('RSA-SHA256', body, privateKey), settings.microMs, 10);
  const nodeVerify = measureRate(
    () => verify('RSA-SHA256', body, publicKey, signature),
    settings.microMs,
    50,
  );
  const forgeSign = measureRate(() => forgePrivate.sign(forgeDigest()), settings.microMs, 1);
  const forgeVerify = measureRate(
    () => forgePublic.verify(forgeDigest().digest().bytes(), forgeSignature),
    settings.microMs,
    20,
  );
  const ops = (rate: number) => formatRate(rate, 'ops');
  return [
    figureRow({
      caseName: 'RSA-2048 sign: node:crypto vs node-forge',
      sdk: ops(nodeSign.perSecond),
      baseline: ops(forgeSign.perSecond),
      ratio: `${(forgeSign.microsPerOperation / nodeSign.microsPerOperation).toFixed(1)}× faster`,
      cpuPerCall: `${nodeSign.microsPerOperation.toFixed(0)} / ${forgeSign.microsPerOperation.toFixed(0)}`,
      budget: limitVerdict(nodeSign.microsPerOperation / 1_000, 5, 'ms sync step (node:crypto)', 'max'),
    }),
    figureRow({
      caseName: 'RSA-2048 verify: node:crypto vs node-forge',
      sdk: ops(nodeVerify.perSecond),
      baseline: ops(forgeVerify.perSecond),
      ratio: `${(forgeVerify.microsPerOperation / nodeVerify.microsPerOperation).toFixed(1)}× faster`,
      cpuPerCall: `${nodeVerify.microsPerOperation.toFixed(0)} / ${forgeVerify.microsPerOperation.toFixed(0)}`,
    }),
  ];
}

/** Case 5d: zod parse of a remittance-sized message (DESIGN §10: ≤ 5 µs per message). */
function zodRows(settings: RunSettings) {
  const schema = z.object({
    partnerReference: z.string().min(1).max(35),
    amount: z.object({ amount: z.number().int().positive(), currency: z.string().length(3) }),
    purposeCode: z.string().regex(/^\d{4}$/),
    remitter: z.object({
      name: z.string().max(70),
      country: z.string().length(2),
      idType: z.enum(['passport', 'national_id']),
      idNumber: z.string().max(20),
      dateOfBirth: z.date(),
    }),
    beneficiary: z.object({
      account: z.string().min(10).max(34),
      bankImd: z.string().regex(/^\d{6}$/),
      title: z.string().max(70),
    }),
  });
  const message = {
    partnerReference: 'WB-BENCH-0001',
    amount: { amount: 500_000, currency: 'PKR' },
    purposeCode: '0251',
    remitter: {
      name: 'KIM MINJI',
      country: 'KR',
      idType: 'passport',
      idNumber: 'M12345678',
      dateOfBirth: new Date('1990-01-15'),
    },
    beneficiary: { account: 'PK36FAYS0000001234567890', bankImd: '627873', title: 'MUHAMMAD ALI' },
  };
  const parse = measureRate(() => schema.parse(message), settings.microMs);
  return [
    figureRow({
      caseName: 'zod parse (remittance message, 13 fields)',
      sdk: `${parse.microsPerOperation.toFixed(2)} µs/msg`,
      cpuPerCall: parse.microsPerOperation.toFixed(2),
      budget: limitVerdict(parse.microsPerOperation, 5, 'µs', 'max'),
    }),
  ];
}

export async function runMicroBenchmarks(settings: RunSettings): Promise<CaseReport> {
  return {
    rows: [...codecRows(settings), ...seedRows(settings), ...rsaRows(settings), ...zodRows(settings)],
    notes: [
      'Micro-benchmarks run in-process, single-threaded; "CPU µs/call" is wall µs per operation. Codec: a 400 B layout defined in bench/src/cases/codec-layout.ts (25 fields, Hangul AN fields in EUC-KR).',
    ],
  };
}
