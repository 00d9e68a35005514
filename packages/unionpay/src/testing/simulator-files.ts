/**
 * Settlement files the simulator serves (spec §9 Files): ZM lines per §8.3 from its own transactions, a
 * stored zip, and the 76 `fileContent` encoding (base64 of zlib).
 */
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { ZM_FIELDS, ZM_LINE_BYTES } from '../wire/files/zm-layout.js';
import { formatTxnTime } from '../wire/time.js';
import type { SimTransaction } from './simulator-types.js';

/** `fileContent` of a 76 reply: base64(zlib(zip)) — the inverse of `decodeFileContent`. */
export function encodeFileContent(zip: Buffer): string {
  return deflateSync(zip).toString('base64');
}

/** Writes a zip (deflate, sizes in the local headers) of the given entries. */
export function writeZip(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'latin1');
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function padField(value: string, width: number): string {
  return value.length >= width ? value.slice(0, width) : value.padEnd(width, ' ');
}

const signedAmount = (value: number, width: number) =>
  `${value < 0 ? 'D' : 'C'}${String(Math.abs(value)).padStart(width - 1, '0')}`;

/** One ZM line (607 bytes, ASCII) for a settled transaction; fee is 0.6 %, rounded. */
export function zmLineOf(transaction: SimTransaction, maskedPan: string): string {
  const debit = transaction.transactionType === '04' || transaction.transactionType === '31';
  const fee = Math.round(transaction.amount * 0.006);
  const settlement = debit ? -(transaction.amount - fee) : transaction.amount - fee;
  const time = formatTxnTime(transaction.orderTime, 480).slice(4);
  const values: Record<string, string> = {
    tradeCode: 'S56',
    acquirerInstitutionCode: '00000000',
    senderInstitutionCode: '00000000',
    traceNumber: transaction.queryId.slice(-6),
    transmissionTime: time,
    maskedPan,
    amount: String(transaction.amount).padStart(12, '0'),
    merchantCategoryCode: '4899',
    terminalType: '07',
    queryId: transaction.queryId,
    orderId: transaction.orderId,
    merchantFee: signedAmount(debit ? fee : -fee, 13),
    settlementAmount: signedAmount(settlement, 13),
    transactionType: transaction.transactionType,
    transactionSubType: '00',
    businessType: transaction.transactionType === '12' ? '000401' : '000201',
    merchantId: transaction.merchantId,
    netSettlementAmount: signedAmount(settlement, 13),
  };
  const line = ZM_FIELDS.map((field) => padField(values[field.name] ?? '', field.width)).join(' ');
  if (line.length !== ZM_LINE_BYTES) throw new Error('simulator built a ZM line of the wrong length');
  return line;
}
