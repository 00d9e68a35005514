import { describe, expect, it } from 'vitest';
import {
  BIN_FORMATS,
  type BinEntry,
  loadUnionPayBinTable,
  RefreshableBinTable,
  UnionPayBinTable,
} from '../src/index.js';

function csv(rows: ReadonlyArray<[string, string, string, number]>): Buffer {
  return Buffer.from(['bin,bank,type,length', ...rows.map((row) => row.join(','))].join('\n'));
}

function manyRows(
  count: number,
  extra: ReadonlyArray<[string, string, string, number]> = [],
): Array<[string, string, string, number]> {
  const rows: Array<[string, string, string, number]> = [];
  for (let index = 0; index < count; index++) rows.push([String(400000 + index), `Bank ${index}`, 'DC', 16]);
  return [...rows, ...extra];
}

describe('UnionPayBinTable (spec §8.7)', () => {
  it('returns the longest matching prefix: 62, 6221, 622126 → 622126 wins', () => {
    const table = UnionPayBinTable.fromEntries([
      { prefix: '62', cardType: 'unknown', issuer: 'UnionPay' },
      { prefix: '6221', cardType: 'credit', issuer: 'Four' },
      { prefix: '622126', cardType: 'debit', issuer: 'Six', panLengths: [16, 19] },
    ]);
    expect(table.lookup('6221 2600 0000 0000')?.prefix).toBe('622126');
    expect(table.lookup('6221990000000000')?.prefix).toBe('6221');
    expect(table.lookup('6299990000000000')?.prefix).toBe('62');
    expect(table.lookup('62212600000000')).toBeUndefined(); // 14 digits: panLengths mismatch
    expect(table.lookup('62212600000000', { ignoreLength: true })?.prefix).toBe('622126');
    expect(table.lookup('12345')).toBeUndefined();
    expect(table.size).toBe(3);
  });

  it('refuses duplicates unless last-wins', () => {
    const entries: BinEntry[] = [
      { prefix: '6228', cardType: 'debit' },
      { prefix: '6228', cardType: 'credit' },
    ];
    expect(() => UnionPayBinTable.fromEntries(entries)).toThrow(/duplicate/);
    expect(
      UnionPayBinTable.fromEntries(entries, { onDuplicate: 'last-wins' }).lookup('6228000000000000')
        ?.cardType,
    ).toBe('credit');
  });

  it('reports an unreadable source or a failing custom parser as a Wirebridge error', async () => {
    await expect(
      loadUnionPayBinTable({ type: 'file', path: '/nonexistent/bins.csv' }, BIN_FORMATS.communityCsv),
    ).rejects.toMatchObject({
      name: 'ProtocolError',
    });
    const failing = {
      type: 'custom' as const,
      parse: () => {
        throw new Error('boom');
      },
    };
    await expect(
      loadUnionPayBinTable({ type: 'buffer', data: Buffer.from('x') }, failing),
    ).rejects.toMatchObject({ name: 'ProtocolError' });
  });

  it('loads the community CSV preset with card types, lengths and a content version', async () => {
    const data = csv([
      ['622126', 'Bank of Shanghai', 'DC', 16],
      ['625965', 'Some Bank', 'CC', 16],
    ]);
    const table = await loadUnionPayBinTable({ type: 'buffer', data }, BIN_FORMATS.communityCsv);
    expect(table.lookup('6259650000000000')).toMatchObject({
      issuer: 'Some Bank',
      cardType: 'credit',
      panLengths: [16],
    });
    expect(table.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('RefreshableBinTable', () => {
  it('swaps atomically: 10 000 concurrent lookups during a refresh never miss a present prefix', async () => {
    let version = 0;
    const refreshable = new RefreshableBinTable({
      source: {
        type: 'custom',
        load: async () => csv(manyRows(1_200 + version++, [['622126', 'Six', 'DC', 16]])),
      },
      format: BIN_FORMATS.communityCsv,
    });
    expect((await refreshable.refresh()).ok).toBe(true);
    const lookups: Array<Promise<BinEntry | undefined>> = [];
    const refresh = refreshable.refresh();
    for (let index = 0; index < 10_000; index++) {
      lookups.push(Promise.resolve().then(() => refreshable.lookup('6221260000000000')));
    }
    const [result, found] = await Promise.all([refresh, Promise.all(lookups)]);
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(found.every((entry) => entry?.prefix === '622126')).toBe(true);
  });

  it('shares one in-flight refresh, skips an unchanged version, refuses a shrink beyond the bound and keeps the old table', async () => {
    const sources = [csv(manyRows(2_000)), csv(manyRows(2_000)), csv(manyRows(900))];
    let loads = 0;
    const refreshable = new RefreshableBinTable({
      source: { type: 'custom', load: async () => sources[Math.min(loads++, sources.length - 1)]! },
      format: BIN_FORMATS.communityCsv,
      minEntries: 500,
      maxShrinkRatio: 0.5,
    });
    const [first, second] = await Promise.all([refreshable.refresh(), refreshable.refresh()]);
    expect(first).toBe(second);
    expect(loads).toBe(1);
    expect(await refreshable.refresh()).toMatchObject({ ok: true, changed: false });
    const refused = await refreshable.refresh();
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/shrink/);
    expect(refreshable.current().size).toBe(2_000);
  });

  it('refuses a table below minEntries', async () => {
    const refreshable = new RefreshableBinTable({
      source: { type: 'buffer', data: csv(manyRows(10)) },
      format: BIN_FORMATS.communityCsv,
    });
    expect((await refreshable.refresh()).ok).toBe(false);
    expect(() => refreshable.current()).toThrow(/not loaded/);
  });
});
