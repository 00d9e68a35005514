import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFileContent,
  FileFormatError,
  parseZmeFile,
  parseZmFile,
  readZipEntries,
  ZM_FIELDS,
  type ZmRecord,
  zmRecordsToCsv,
} from '../src/index.js';
import { encodeFileContent, writeZip } from '../src/testing/index.js';
import { readFixture } from './support/fixtures.js';

const sample = readFixture('802310048993424_20150905.zip');
const entries = readZipEntries(sample);
const zm = entries.find((entry) => entry.kind === 'ZM')!;
const rd = entries.find((entry) => entry.kind === 'RD')!;

describe('the public reconciliation sample (spec §10)', () => {
  it('has two deflated entries with data descriptors, read through the central directory', () => {
    expect(entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['INN15090588ZM_802310048993424', 'ZM'],
      ['RD201015090501_802310048993424', 'RD'],
    ]);
    // General-purpose flag bit 3 is set in the local header: sizes there are zero.
    expect(sample.readUInt16LE(6) & 0x8).toBe(0x8);
    expect(sample.readUInt32LE(18)).toBe(0);
  });

  it('ZM: 8 lines of 607 bytes parse into typed rows; record 1 matches the spec', () => {
    expect(zm.data.length).toBe(8 * 609);
    const { records, errors } = parseZmFile(zm.data, { settlementDate: '20150905' });
    expect(errors).toEqual([]);
    expect(records).toHaveLength(8);
    expect(records[0]).toMatchObject({
      tradeCode: 'S56',
      traceNumber: '190624',
      amount: 476_800,
      queryId: '201509061122031906248',
      orderId: '10078087',
      merchantFee: -2_861,
      settlementAmount: 473_939,
      merchantId: '802310048993424',
      businessType: '000201',
      maskedPan: '622609******0048',
      currency: 'CNY',
      line: 1,
    });
    expect(records[0]!.transmissionTime?.toISOString()).toBe('2015-09-06T03:22:03.000Z');
  });

  it('totals match the RD summary in the same archive (13227.00 / 79.36 / 13147.64)', () => {
    const { records } = parseZmFile(zm.data, { settlementDate: new Date('2015-09-05T00:00:00+08:00') });
    const sum = (pick: (record: ZmRecord) => number | null) =>
      records.reduce((total, record) => total + (pick(record) ?? 0), 0);
    expect(sum((record) => record.amount)).toBe(1_322_700);
    expect(sum((record) => record.merchantFee)).toBe(-7_936);
    expect(sum((record) => record.settlementAmount)).toBe(1_314_764);
    const summary = new TextDecoder('gbk').decode(rd.data);
    const total = summary.split('\n').find((line) => line.startsWith('总计'))!;
    expect(total.trim().split(/\s+/).slice(1)).toEqual([
      '8',
      '0.00',
      '13227.00',
      '79.36',
      '0.00',
      '0.00',
      '13147.64',
    ]);
  });

  it('CSV output is deterministic, RFC 4180 and in table order', () => {
    const { records } = parseZmFile(zm.data, { settlementDate: '20150905' });
    const csv = zmRecordsToCsv(records);
    expect(zmRecordsToCsv(parseZmFile(zm.data, { settlementDate: '20150905' }).records)).toBe(csv);
    const [header, first] = csv.split('\n');
    expect(header).toBe(ZM_FIELDS.map((field) => field.name).join(','));
    expect(first).toContain(',476800,');
    expect(first).toContain('2015-09-06T11:22:03+08:00');
    expect(first).toContain(',-2861,473939,');
    const quoted = zmRecordsToCsv([{ ...records[0]!, merchantReserved: 'a,"b"' }], {
      header: false,
      lineEnding: '\r\n',
    });
    expect(quoted).toContain(',"a,""b""",');
    expect(quoted.endsWith('\r\n')).toBe(true);
  });

  it('a corrupted line is reported with its line number, not skipped', () => {
    const corrupted = Buffer.from(zm.data);
    corrupted[609 * 2 + 166] = 0x58; // line 3, merchantFee sign → 'X'
    expect(() => parseZmFile(corrupted, { settlementDate: '20150905' })).toThrow(FileFormatError);
    try {
      parseZmFile(corrupted, { settlementDate: '20150905' });
    } catch (error) {
      expect(error).toMatchObject({ line: 3, column: 167 });
    }
    const lenient = parseZmFile(corrupted, { settlementDate: '20150905', strict: false });
    expect(lenient.records).toHaveLength(7);
    expect(lenient.errors).toEqual([expect.objectContaining({ line: 3, column: 167 })]);
  });

  it('a line of the wrong length is an error too', () => {
    const short = Buffer.concat([zm.data.subarray(0, 609), Buffer.from('S56 short\r\n')]);
    expect(parseZmFile(short, { settlementDate: '20150905', strict: false }).errors[0]).toMatchObject({
      line: 2,
    });
  });
});

describe('ZME adjustments (spec §8.4)', () => {
  const widths = [3, 11, 11, 6, 10, 19, 12, 4, 2, 2, 6, 10, 4, 12, 13, 13, 15, 15, 1, 12, 2, 135];
  const values = [
    'E22',
    '88022900',
    '00049993',
    '190624',
    '0906112203',
    '622609******0048',
    '000000476800',
    '4899',
    '07',
    '01',
    '123456',
    '0906112203',
    '0001',
    '000000001000',
    'D000000001000',
    'C000000001000',
    '802310048993424',
    '',
    '1',
    '000000000000',
    '01',
    '调账 note',
  ];
  const line = (cells: string[]) =>
    Buffer.concat(
      cells.flatMap((value, index) => {
        const bytes = Buffer.from(new TextEncoder().encode(value));
        const gbk = value.includes('调')
          ? Buffer.concat([Buffer.from([0xb5, 0xf7, 0xd5, 0xcb]), Buffer.from(value.slice(2), 'latin1')])
          : bytes;
        const padded = Buffer.alloc(widths[index]!, 0x20);
        gbk.copy(padded);
        return index === 0 ? [padded] : [Buffer.from(' '), padded];
      }),
    );

  it('types fields 1–9 like ZM and keeps the rest as trimmed strings', () => {
    const bytes = line(values);
    expect(bytes.length).toBe(339);
    const { records } = parseZmeFile(Buffer.concat([bytes, Buffer.from('\r\n')]), {
      settlementDate: '20150905',
    });
    expect(records[0]).toMatchObject({
      tradeCode: 'E22',
      traceNumber: '190624',
      amount: 476_800,
      maskedPan: '622609******0048',
      line: 1,
    });
    expect(records[0]!.fields).toHaveLength(22);
    expect(records[0]!.fields[21]).toBe('调账 note');
    expect(records[0]!.fields[14]).toBe('D000000001000');
  });

  it('reports a ZME line of the wrong length with its line number', () => {
    const bytes = line(values);
    const result = parseZmeFile(
      Buffer.concat([bytes, Buffer.from('\r\n'), bytes.subarray(0, 300), Buffer.from('\r\n')]),
      {
        settlementDate: '20150905',
        strict: false,
      },
    );
    expect(result.records).toHaveLength(1);
    expect(result.errors).toEqual([expect.objectContaining({ line: 2 })]);
  });
});

describe('GBK field slicing counts bytes (property)', () => {
  it('a 2-byte Chinese character in subMerchantShortName shifts no later field', () => {
    const line = Buffer.from(zm.data.subarray(0, 607));
    const shortName = ZM_FIELDS.find((field) => field.name === 'subMerchantShortName')!;
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('中', '银', '联', 'a', 'Z'), { maxLength: 10 })
          .map((characters) => characters.join('')),
        (name) => {
          const bytes = Buffer.from(line);
          const gbk: number[] = [];
          for (const character of name) {
            gbk.push(
              ...(character === '中'
                ? [0xd6, 0xd0]
                : character === '银'
                  ? [0xd2, 0xf8]
                  : character === '联'
                    ? [0xc1, 0xaa]
                    : [character.charCodeAt(0)]),
            );
          }
          bytes.fill(0x20, shortName.offset, shortName.offset + shortName.width);
          Buffer.from(gbk).copy(bytes, shortName.offset);
          const [record] = parseZmFile(Buffer.concat([bytes, Buffer.from('\r\n')]), {
            settlementDate: '20150905',
          }).records;
          expect(record!.subMerchantShortName).toBe(name);
          expect(record!.netSettlementAmount).toBe(473_939);
          expect(record!.terminalId).toBe('01080209');
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('zip reader and file content (spec §8.2)', () => {
  it('decodeFileContent ∘ simulator encoding is the identity (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(decodeFileContent(encodeFileContent(Buffer.from(bytes))).equals(Buffer.from(bytes))).toBe(
          true,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips archives written with sizes in the local headers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 2048 }), { minLength: 1, maxLength: 4 }),
        (contents) => {
          const zip = writeZip(
            contents.map((data, index) => ({ name: `INN_ZM_${index}`, data: Buffer.from(data) })),
          );
          expect(readZipEntries(zip).map((entry) => [...entry.data])).toEqual(
            contents.map((data) => [...data]),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects a corrupted CRC, an unsafe name and encryption', () => {
    const corrupted = Buffer.from(sample);
    const centralCrc = sample.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16;
    corrupted.writeUInt32LE((sample.readUInt32LE(centralCrc) ^ 1) >>> 0, centralCrc);
    expect(() => readZipEntries(corrupted)).toThrow(/CRC-32/);
    expect(() => readZipEntries(writeZip([{ name: '../evil', data: Buffer.from('x') }]))).toThrow(/unsafe/);
    const encrypted = writeZip([{ name: 'a', data: Buffer.from('x') }]);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(1, central + 8);
    expect(() => readZipEntries(encrypted)).toThrow(/encrypted/);
    expect(deflateRawSync(Buffer.from('x')).length).toBeGreaterThan(0);
  });
});
