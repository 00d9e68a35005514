import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAYSAL_RESPONSE_CODES, FaysalError, modelledFaysalCodec } from '../src/index.js';
import { activeFaysalAccount, creditInput, type FaysalBench, startBench } from './support/faysal-bench.js';

// spec §6, row by row (written out here, independently of the table in src/faysal-codes.ts).
const specTable: readonly [codes: string, category: string, retryable: boolean][] = [
  ['0110', 'duplicate', false],
  ['0150 0151 0152 0154 0156 0158 0499', 'pending', false],
  ['0113 0126 0227 0297', 'unknown', true],
  ['0146 0155 0299 0409 0410', 'unavailable', true],
  ['0101 0401 0402 0403', 'limit_exceeded', false],
  ['0404', 'insufficient_funds', false],
  ['0102 0106 0109 0118 0119 0148 0172 0180 0296 0405', 'invalid_request', false],
  ['0193 0431', 'invalid_request', false],
  ['0103 0120 0159 0163 0164 0167 0192 0194 0195 0406 0407 0408 0412', 'declined', false],
  ['0190 0411', 'not_found', false],
  ['0181 0221 0222', 'authentication', false],
  ['rpc:-32700 rpc:-32600 rpc:-32601 rpc:-32602', 'invalid_request', false],
  ['rpc:-32603', 'unknown', true],
  ['rpc:-32001 rpc:-32002 rpc:-32003', 'authentication', false],
  ['rpc:-32004 rpc:-32005', 'unavailable', true],
];
const rows = specTable.flatMap(([codes, category, retryable]) =>
  codes.split(' ').map((code) => ({ code, category, retryable })),
);

describe('result codes (spec §6)', () => {
  it.each(rows)(
    'FAYSAL_RESPONSE_CODES maps $code to $category (retryable $retryable)',
    ({ code, category, retryable }) => {
      expect(FAYSAL_RESPONSE_CODES.get(code)).toMatchObject({ category, retryable });
    },
  );

  it('the table holds exactly the spec rows', () => {
    expect([...FAYSAL_RESPONSE_CODES.keys()].sort()).toEqual(rows.map((row) => row.code).sort());
  });

  it('0000 is success; other 4-digit codes default to declined; the codec classifies pending codes as pending', () => {
    expect(modelledFaysalCodec.classify({ responseCode: '0000' }).outcome).toBe('success');
    expect(modelledFaysalCodec.classify({ responseCode: '0777' })).toMatchObject({
      outcome: 'failure',
      category: 'declined',
      retryable: false,
    });
    expect(modelledFaysalCodec.classify({ responseCode: '0151' }).outcome).toBe('pending');
    expect(modelledFaysalCodec.classify({ rpcErrorCode: -32004 })).toMatchObject({
      category: 'unavailable',
      retryable: true,
    });
  });

  describe('over the wire, on a safe operation (account.balance)', () => {
    let bench: FaysalBench;
    beforeAll(async () => {
      bench = await startBench();
    });
    afterAll(() => bench.close());

    const nonRetryable = rows.filter((row) => !row.retryable && row.category !== 'pending');
    it.each(nonRetryable)('$code → FaysalError $category, not retried', async ({ code, category }) => {
      const injected = code.startsWith('rpc:') ? Number(code.slice(4)) : code;
      const before = bench.simulator.state.requests().length;
      bench.simulator.inject({ method: 'account.balance', kind: 'code', code: injected });
      const error = await bench.client.pool.balance({ maxAttempts: 3 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FaysalError);
      expect(error).toMatchObject({ vendorCode: code, category, retryable: false, vendor: 'faysal' });
      expect(bench.simulator.state.requests().length - before).toBe(1);
    });

    const retryable = rows.filter((row) => row.retryable);
    it.each(retryable)('$code → retried, then succeeds', async ({ code }) => {
      const injected = code.startsWith('rpc:') ? Number(code.slice(4)) : code;
      const client = bench.clientWith({});
      bench.simulator.inject({ method: 'account.balance', kind: 'code', code: injected });
      await expect(client.pool.balance()).resolves.toHaveProperty('available');
    });

    it('a pending code on a safe operation is a non-retryable pending error', async () => {
      bench.simulator.inject({ method: 'account.balance', kind: 'code', code: '0151' });
      await expect(bench.client.pool.balance()).rejects.toMatchObject({
        category: 'pending',
        retryable: false,
      });
    });

    it('codeOverrides replace a row', async () => {
      const client = bench.clientWith({
        codeOverrides: { '0404': { category: 'unavailable', retryable: false } },
      });
      bench.simulator.state.setPoolBalance(1);
      const error = await client.remittances
        .credit(creditInput(activeFaysalAccount(bench.simulator)))
        .catch((caught: unknown) => caught);
      bench.simulator.state.setPoolBalance(1_000_000_000);
      expect(error).toMatchObject({ vendorCode: '0404', category: 'unavailable', retryable: false });
    });
  });
});
