import { ValidationError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VentajaClient } from '../../src/index.js';
import { startVentajaSimulator, type VentajaSimulator } from '../../src/testing/index.js';
import { c15Bill, clientOptionsFor, tenAmManila } from '../support.js';

let simulator: VentajaSimulator;
let client: VentajaClient;
beforeAll(async () => {
  simulator = await startVentajaSimulator({ clock: tenAmManila });
  client = new VentajaClient(clientOptionsFor(simulator));
});
afterAll(async () => {
  await client.close();
  await simulator.close();
});

const paid = {
  agentRefNo: 'WBX000000000001',
  transactionNumber: 'PRT-13202502-000001',
  referenceNumber: 'BP-202502000001',
};

const cases: { name: string; field: string; call: () => Promise<unknown> }[] = [
  {
    name: 'bills.validate with USD',
    field: 'amount.currency',
    call: () => client.bills.validate({ ...c15Bill(), amount: { amount: 100, currency: 'USD' } }),
  },
  {
    name: 'bills.pay with fractional centavos',
    field: 'amount.amount',
    call: () => client.bills.pay({ ...c15Bill(), amount: { amount: 100.5, currency: 'PHP' } }),
  },
  {
    name: 'bills.pay with an empty account number',
    field: 'accountNumber',
    call: () => client.bills.pay({ ...c15Bill(), accountNumber: '' }),
  },
  {
    name: 'bills.pay with a bad agentRefNo',
    field: 'agentRefNo',
    call: () => client.bills.pay(c15Bill('WB-has-dashes')),
  },
  {
    name: 'bills.pay with extra replacing amount',
    field: 'extra',
    call: () => client.bills.pay({ ...c15Bill(), extra: { amount: 1 } }),
  },
  {
    name: 'bills.inquire with a 21-character ref',
    field: 'agentRefNo',
    call: () => client.bills.inquire({ agentRefNo: 'A'.repeat(21) }),
  },
  {
    name: 'bills.cancel of a non-cancellable biller',
    field: 'billerCode',
    call: () => client.bills.cancel({ ...paid, billerCode: 'C15' }),
  },
  {
    name: 'bills.cancel without referenceNumber',
    field: 'referenceNumber',
    call: () =>
      client.bills.cancel({ ...paid, referenceNumber: undefined as unknown as string, billerCode: 'G01' }),
  },
  {
    name: 'bills.pullData of a biller outside the list',
    field: 'billerCode',
    call: () => client.bills.pullData({ billerCode: 'C15', accountNumber: '816218000' }),
  },
  {
    name: 'bills.receipt without transactionNumber',
    field: 'transactionNumber',
    call: () => client.bills.receipt({ agentRefNo: 'WBX000000000001', transactionNumber: '' }),
  },
  {
    name: 'outlet.balance with a negative timeout',
    field: 'options.timeoutMs',
    call: () => client.outlet.balance({ timeoutMs: -1 }),
  },
  {
    name: 'eload.products with a bad telco',
    field: 'telco',
    call: () => client.eload.products({ telco: 'GLOBE;DROP' }),
  },
  {
    name: 'eload.prefixes with a bad maxAttempts',
    field: 'options.maxAttempts',
    call: () => client.eload.prefixes({ maxAttempts: 0 }),
  },
  {
    name: 'eload.telcoStatus with a bad timeout',
    field: 'options.timeoutMs',
    call: () => client.eload.telcoStatus({ timeoutMs: 0 }),
  },
  {
    name: 'eload.topup to a non-Philippine number',
    field: 'msisdn',
    call: () =>
      client.eload.topup({
        msisdn: '+821012345678',
        productCode: 'GLOBE100',
        amount: { amount: 10_000, currency: 'PHP' },
      }),
  },
  {
    name: 'eload.topup in USD',
    field: 'amount.currency',
    call: () =>
      client.eload.topup({
        msisdn: '+639171234567',
        productCode: 'GLOBE100',
        amount: { amount: 10_000, currency: 'USD' },
      }),
  },
  {
    name: 'eload.inquire with an empty ref',
    field: 'agentRefNo',
    call: () => client.eload.inquire({ agentRefNo: '' }),
  },
  {
    name: 'eload.balance with a bad timeout',
    field: 'options.timeoutMs',
    call: () => client.eload.balance({ timeoutMs: 1.5 }),
  },
];

describe('bad input raises ValidationError naming the field, and nothing is sent', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const before = simulator.state.requestCount();
      const error = await testCase.call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(testCase.field);
      expect(simulator.state.requestCount()).toBe(before);
    });
  }

  it('does not echo the bad value in the error', async () => {
    const error = (await client.bills
      .pay({ ...c15Bill(), accountNumber: '4111111111111111!!' })
      .catch((caught: unknown) => caught)) as ValidationError;
    expect(JSON.stringify(error)).not.toContain('4111111111111111');
    expect(error.message).not.toContain('4111111111111111');
  });

  it('biller lists are overridable: a cancellable C15 is sent, and Ventaja itself refuses it (130)', async () => {
    const permissive = new VentajaClient(
      clientOptionsFor(simulator, { billerRules: { cancellable: ['C15'], pullData: ['C15'] } }),
    );
    const payment = await permissive.bills.pay(c15Bill('WBOVERRIDE00001'));
    const before = simulator.state.requestCount('/cancel');
    await expect(
      permissive.bills.cancel({
        agentRefNo: payment.agentRefNo,
        transactionNumber: payment.transactionNumber,
        referenceNumber: payment.referenceNumber,
        billerCode: 'C15',
      }),
    ).rejects.toMatchObject({ vendorCode: '130', category: 'invalid_request' });
    expect(simulator.state.requestCount('/cancel')).toBe(before + 1);
    await expect(
      permissive.bills.pullData({ billerCode: 'C15', accountNumber: '816218000' }),
    ).rejects.toMatchObject({
      vendorCode: '130',
    });
    await permissive.close();
  });
});
