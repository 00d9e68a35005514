/**
 * The daily batch job (spec §8): download the reconciliation file, verify, decode, parse the ZM lines and write CSV.
 *
 *   pnpm example unionpay-settlement.ts
 *
 * Against the simulator by default, serving the public sample archive for 2015-09-05. With the variables of
 * examples/src/unionpay/unionpay-connection.ts and UNIONPAY_SETTLEMENT_DATE (YYYYMMDD) it downloads that day's file
 * from UnionPay's test file server (the demo merchant 700000000000001 has a file for 0119).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectUnionPay } from './src/unionpay/unionpay-connection.js';

// The public sample archive lives next to the repository (../shared/fixtures), resolved from this file.
const sample = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../shared/fixtures/unionpay/802310048993424_20150905.zip',
);
const connection = await connectUnionPay(process.env, {
  settlementArchives: { '0905': readFileSync(sample) },
});
try {
  const settlementDate = process.env.UNIONPAY_SETTLEMENT_DATE ?? '20150905';
  const daily = await connection.client.settlement.fetchDaily({ settlementDate });
  console.log(
    `${daily.archive.fileName} from ${connection.target}: ${daily.archive.entries.map((entry) => `${entry.name} (${entry.kind})`).join(', ')}`,
  );
  console.log(
    `${daily.totals.count} transactions, amount ${(daily.totals.amount / 100).toFixed(2)} CNY, fee ${(daily.totals.merchantFee / 100).toFixed(2)}, settlement ${(daily.totals.settlementAmount / 100).toFixed(2)}`,
  );
  console.log(daily.csv.split('\n').slice(0, 3).join('\n'));
} finally {
  await connection.close();
}
