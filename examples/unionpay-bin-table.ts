/**
 * Load a BIN table (Modelled format: the community CSV preset), look cards up by longest prefix, and refresh it
 * atomically (spec §8.7).
 *
 *   pnpm example unionpay-bin-table.ts
 *
 * Uses a small generated table by default; set UNIONPAY_BIN_FILE to a CSV with columns bin,bank,type,length.
 */
import { BIN_FORMATS, RefreshableBinTable } from '@wirebridge/unionpay';

const file = process.env.UNIONPAY_BIN_FILE;
const rows = [
  'bin,bank,type,length',
  '62,UnionPay,DC,16',
  '622126,Bank of Shanghai,DC,16',
  '625965,Example Credit Bank,CC,16',
];
for (let index = 0; index < 1_000; index++) rows.push(`${400000 + index},Filler ${index},DC,16`);
const table = new RefreshableBinTable({
  source: file ? { type: 'file', path: file } : { type: 'buffer', data: Buffer.from(rows.join('\n')) },
  format: BIN_FORMATS.communityCsv,
});
const loaded = await table.refresh();
if (!loaded.ok) throw loaded.error;
console.log(`loaded ${loaded.size} BINs, version ${loaded.version}`);
for (const pan of ['6221260000000000', '6259650000000000', '6299990000000000']) {
  const entry = table.lookup(pan);
  console.log(
    `${pan.slice(0, 6)}…: ${entry ? `${entry.issuer} (${entry.cardType}, prefix ${entry.prefix})` : 'unknown'}`,
  );
}
const again = await table.refresh();
console.log(
  `refresh with the same source: ${again.ok ? (again.changed ? 'swapped' : 'unchanged, no swap') : again.error.message}`,
);
