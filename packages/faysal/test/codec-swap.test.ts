import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaysalCodec, modelledFaysalCodec } from '../src/index.js';
import { activeFaysalAccount, creditInput, type FaysalBench, startBench } from './support/faysal-bench.js';

// spec §1 isolation rule, §10: a custom codec passed in options replaces the wire names on both sides; the
// client API is unchanged.
const toyCodec: FaysalCodec = {
  ...modelledFaysalCodec,
  name: 'toy-v1',
  endpointPath: '/toy-rpc',
  encode(operation, input, context) {
    const encoded = modelledFaysalCodec.encode(operation, input, context);
    return operation === 'credit' ? { method: 'Remit', params: encoded.params } : encoded;
  },
  operationOf: (method) =>
    method === 'Remit'
      ? 'credit'
      : method === 'remittance.credit'
        ? undefined
        : modelledFaysalCodec.operationOf(method),
};

describe('a swapped codec', () => {
  let bench: FaysalBench;
  beforeAll(async () => {
    bench = await startBench({ codec: toyCodec });
  });
  afterAll(() => bench.close());

  it('sends remittance.credit as Remit to its own endpoint, and the client works unchanged', async () => {
    const input = creditInput(activeFaysalAccount(bench.simulator));
    const credit = await bench.client.remittances.credit(input);
    expect(credit.status).toBe('completed');
    const methods = bench.simulator.state.requests().map((request) => request.method);
    expect(methods).toContain('Remit');
    expect(methods).not.toContain('remittance.credit');
    expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    // The resolver's inquiry still goes through the codec too.
    bench.simulator.inject({ method: 'Remit', kind: 'reset', commit: true });
    const second = creditInput(activeFaysalAccount(bench.simulator));
    await expect(bench.client.remittances.credit(second)).resolves.toMatchObject({ resolvedBy: 'inquiry' });
  });

  it('a client on the modelled codec cannot talk to the toy bank (different endpoint)', async () => {
    const modelled = bench.clientWith({ codec: modelledFaysalCodec, maxRetries: 0 });
    await expect(modelled.health.ping()).rejects.toBeDefined();
  });
});
