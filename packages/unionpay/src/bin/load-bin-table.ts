import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError, isWirebridgeError, ProtocolError } from '@wirebridge/core';
import { decodeText } from '../wire/charset.js';
import type { BinEntry, BinFormat, BinSource } from './bin-types.js';
import { UnionPayBinTable } from './unionpay-bin-table.js';

const MAX_BIN_FILE_BYTES = 50 * 1024 * 1024;

/** Presets (spec §8.7): the community CSV `bin,bank,type,length`. */
export const BIN_FORMATS: { readonly communityCsv: BinFormat } = Object.freeze({
  communityCsv: {
    type: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    hasHeader: true,
    columns: { prefix: 'bin', issuer: 'bank', cardType: 'type', panLength: 'length' },
    cardTypeMap: { DC: 'debit', CC: 'credit', SCC: 'semi_credit', PC: 'prepaid' },
  },
});

/** Loads the source bytes; every failure is a Wirebridge error (DESIGN §3), the cause kept. */
async function loadSource(source: BinSource): Promise<Buffer> {
  try {
    return await loadSourceBytes(source);
  } catch (error) {
    if (isWirebridgeError(error)) throw error;
    throw new ProtocolError({
      message: `BIN source (${source.type}) could not be loaded`,
      vendor: 'unionpay',
      retryable: true,
      cause: error,
    });
  }
}

async function loadSourceBytes(source: BinSource): Promise<Buffer> {
  switch (source.type) {
    case 'buffer':
      return source.data;
    case 'file':
      return readFile(source.path);
    case 'custom':
      return source.load();
    case 'url': {
      const response = await fetch(source.url, {
        ...(source.headers === undefined ? {} : { headers: source.headers }),
        redirect: 'error',
        signal: AbortSignal.timeout(source.timeoutMs ?? 30_000),
      });
      if (!response.ok)
        throw new ProtocolError({
          message: `BIN source answered HTTP ${response.status}`,
          vendor: 'unionpay',
        });
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > MAX_BIN_FILE_BYTES)
        throw new ProtocolError({ message: 'BIN source is larger than 50 MiB', vendor: 'unionpay' });
      return bytes;
    }
  }
}

function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"';
        index++;
      } else if (character === '"') quoted = false;
      else current += character;
    } else if (character === '"') quoted = true;
    else if (line.startsWith(delimiter, index)) {
      cells.push(current);
      current = '';
      index += delimiter.length - 1;
    } else current += character;
  }
  cells.push(current);
  return cells.map((cell) => cell.trim());
}

function parseCsv(data: Buffer, format: Extract<BinFormat, { type: 'csv' }>): BinEntry[] {
  const text = decodeText(data, format.encoding === 'gbk' ? 'GBK' : 'UTF-8').replace(/^\uFEFF/, '');
  const delimiter = format.delimiter ?? ',';
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (format.hasHeader ?? true) ? splitCsvLine(lines.shift() ?? '', delimiter) : [];
  const columnIndex = (column: string | number | undefined): number | undefined => {
    if (column === undefined) return undefined;
    if (typeof column === 'number') return column;
    const index = header.indexOf(column);
    if (index === -1) throw new ConfigError({ message: `BIN file has no column "${column}"` });
    return index;
  };
  const prefixIndex = columnIndex(format.columns.prefix)!;
  const issuerIndex = columnIndex(format.columns.issuer);
  const typeIndex = columnIndex(format.columns.cardType);
  const lengthIndex = columnIndex(format.columns.panLength);
  return lines.map((line) => {
    const cells = splitCsvLine(line, delimiter);
    const issuer = issuerIndex === undefined ? undefined : cells[issuerIndex];
    const rawType = typeIndex === undefined ? undefined : cells[typeIndex];
    const length = lengthIndex === undefined ? undefined : Number(cells[lengthIndex]);
    return {
      prefix: cells[prefixIndex] ?? '',
      ...(issuer ? { issuer } : {}),
      cardType: (rawType !== undefined && format.cardTypeMap?.[rawType]) || 'unknown',
      ...(length !== undefined && Number.isInteger(length) && length > 0 ? { panLengths: [length] } : {}),
    };
  });
}

/**
 * Loads and parses a BIN file into a table (spec §8.7). `version` = first 16 hex of SHA-256 of the bytes.
 * @throws ValidationError for a bad entry (or a duplicate with `onDuplicate: 'error'`, the default).
 */
export async function loadUnionPayBinTable(
  source: BinSource,
  format: BinFormat,
  options: { onDuplicate?: 'error' | 'last-wins' } = {},
): Promise<UnionPayBinTable> {
  const data = await loadSource(source);
  let entries: Iterable<BinEntry>;
  try {
    entries = format.type === 'csv' ? parseCsv(data, format) : [...format.parse(data)];
  } catch (error) {
    if (isWirebridgeError(error)) throw error;
    throw new ProtocolError({ message: 'BIN file could not be parsed', vendor: 'unionpay', cause: error });
  }
  return UnionPayBinTable.fromEntries(entries, {
    version: createHash('sha256').update(data).digest('hex').slice(0, 16),
    source: source.type,
    ...options,
  });
}
