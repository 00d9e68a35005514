import { ConfigError, ValidationError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WesternUnionClient } from '../src/index.js';
import { cashQuoteInput, clientOptions, type Harness, startHarness } from './support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

async function expectValidation(call: () => Promise<unknown>, field: string): Promise<void> {
  const before = harness.simulator.state.requests().length;
  const error = await call().then(
    () => expect.fail('the call should have been refused'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ValidationError);
  const paths = (error as ValidationError).issues.map((issue) => issue.path);
  expect(paths).toContain(field);
  expect((error as Error).message).toContain(field);
  // Nothing reached the simulator.
  expect(harness.simulator.state.requests().length).toBe(before);
}

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('bad input is a ValidationError naming the field, before any byte is sent', () => {
  it('quote: a reference longer than 20 is rejected, never truncated', async () => {
    await expectValidation(() => harness.client.transfers.quote(cashQuoteInput('A'.repeat(21))), 'reference');
  });
  it('quote: a reference with punctuation', async () => {
    await expectValidation(() => harness.client.transfers.quote(cashQuoteInput('WB-1')), 'reference');
  });
  it('quote: a lower-case destination country', async () => {
    const input = { ...cashQuoteInput(), destination: { country: 'ph', currency: 'PHP' } };
    await expectValidation(() => harness.client.transfers.quote(input), 'destination.country');
  });
  it('quote: a fractional amount', async () => {
    const input = { ...cashQuoteInput(), amount: { send: 10.5 } };
    await expectValidation(() => harness.client.transfers.quote(input), 'amount.send');
  });
  it('quote: a wallet delivery without a provider', async () => {
    const input = { ...cashQuoteInput(), deliveryService: '800' };
    await expectValidation(() => harness.client.transfers.quote(input), 'walletProviderCode');
  });
  it('quote: a receiver without a last name', async () => {
    const input = cashQuoteInput();
    input.receiver.name = { first: 'JUAN' } as never;
    await expectValidation(() => harness.client.transfers.quote(input), 'receiver.name');
  });
  it('quote: a missing KYC field of the corridor template fails before sending', async () => {
    const template = await harness.client.referenceData.deliveryOptionTemplate({
      country: 'PH',
      currency: 'PHP',
      templateCode: 'WALLET1',
    });
    const input = {
      ...cashQuoteInput(),
      deliveryService: '800',
      walletProviderCode: 'GCASH',
      template,
    };
    // The receiver has a mobile phone but no reason_for_sending (the template's "Purpose required").
    await expectValidation(
      () => harness.client.transfers.quote(input),
      'templateFields.receiver.reason_for_sending',
    );
  });
  it('send: a commit token that is not ours', async () => {
    await expectValidation(
      () => harness.client.transfers.send({ commitToken: 'bm90IGEgdG9rZW4' }),
      'commitToken',
    );
  });
  it('send: a commit token made for the other environment', async () => {
    const quote = await harness.client.transfers.quote(cashQuoteInput());
    const contents = JSON.parse(Buffer.from(quote.commitToken, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...contents, env: 'prd' })).toString('base64url');
    await expectValidation(() => harness.client.transfers.send({ commitToken: forged }), 'commitToken');
  });
  it('status: an MTCN with letters', async () => {
    await expectValidation(() => harness.client.transfers.status({ mtcn: '12345ABCDE' }), 'mtcn');
  });
  it('cancel: a reason longer than 3', async () => {
    await expectValidation(
      () => harness.client.transfers.cancel({ mtcn: '1234567890', reason: 'WRONG' }),
      'reason',
    );
  });
  it('cancel: more than 4 comment lines', async () => {
    await expectValidation(
      () => harness.client.transfers.cancel({ mtcn: '1234567890', comments: ['A', 'B', 'C', 'D', 'E'] }),
      'comments',
    );
  });
  it('refund: a short MTCN', async () => {
    await expectValidation(() => harness.client.transfers.refund({ mtcn: '123' }), 'mtcn');
  });
  it('referenceData.destinationCurrencies: a bad country', async () => {
    await expectValidation(
      async () => drain(harness.client.referenceData.destinationCurrencies({ country: 'PHL' })),
      'country',
    );
  });
  it('referenceData.deliveryServices: a missing currency', async () => {
    await expectValidation(
      () => harness.client.referenceData.deliveryServices({ country: 'PH' } as never),
      'currency',
    );
  });
  it('referenceData.deliveryOptionTemplate: a bad template code', async () => {
    await expectValidation(
      () =>
        harness.client.referenceData.deliveryOptionTemplate({
          country: 'PH',
          currency: 'PHP',
          templateCode: 'x y',
        }),
      'templateCode',
    );
  });
  it('call options: a negative timeout', async () => {
    await expectValidation(
      () => harness.client.transfers.status({ mtcn: '1234567890' }, { timeoutMs: -1 }),
      'options.timeoutMs',
    );
  });
});

describe('operations without input refuse bad call options before sending', () => {
  it('health.heartbeat: a non-integer maxAttempts', async () => {
    await expectValidation(
      () => harness.client.health.heartbeat({ maxAttempts: 1.5 }),
      'options.maxAttempts',
    );
  });
  it('referenceData.countriesCurrencies: a zero timeout', async () => {
    await expectValidation(
      async () => drain(harness.client.referenceData.countriesCurrencies({ timeoutMs: 0 })),
      'options.timeoutMs',
    );
  });
  it('referenceData.originationCurrencies and destinationCountries: a non-string idempotency key', async () => {
    await expectValidation(
      async () => drain(harness.client.referenceData.originationCurrencies({ idempotencyKey: 5 as never })),
      'options.idempotencyKey',
    );
    await expectValidation(
      async () => drain(harness.client.referenceData.destinationCountries({ timeoutMs: -5 })),
      'options.timeoutMs',
    );
  });
});

describe('bad configuration is a ConfigError at construction, never echoing a secret', () => {
  it('names the bad option', () => {
    const options = clientOptions(harness.simulator, { origin: { country: 'USA', currency: 'USD' } });
    expect(() => new WesternUnionClient(options)).toThrow(ConfigError);
    expect(() => new WesternUnionClient(options)).toThrow(/origin\.country/);
  });
  it('requires a client certificate for https endpoints', () => {
    const options = clientOptions(harness.simulator, { endpoints: undefined });
    expect(() => new WesternUnionClient(options)).toThrow(/tls/);
  });
  it('refuses tls.pins rather than ignoring them', () => {
    const options = clientOptions(harness.simulator, {
      tls: { key: 'k', cert: 'c', passphrase: 'test-only-secret', pins: ['AAAA'] },
    });
    let error: unknown;
    try {
      new WesternUnionClient(options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('test-only-secret');
  });
  it('refund without endpoints.refund is a ConfigError, and nothing is sent', async () => {
    const endpoints = { ...harness.simulator.endpoints } as Record<string, string>;
    delete endpoints.refund;
    const client = new WesternUnionClient(
      clientOptions(harness.simulator, { endpoints, environment: 'uat' }),
    );
    const before = harness.simulator.state.requests().length;
    await expect(client.transfers.refund({ mtcn: '1234567890' })).rejects.toBeInstanceOf(ConfigError);
    expect(harness.simulator.state.requests().length).toBe(before);
    await client.close();
  });
});
