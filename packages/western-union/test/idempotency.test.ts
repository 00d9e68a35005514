import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WesternUnionError } from '../src/index.js';
import { cashQuoteInput, type Harness, startHarness } from './support/harness.js';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const requestsTo = (service: string) =>
  harness.simulator.state.requests().filter((request) => request.service === service);

describe('idempotency classes as declared (DESIGN §4)', () => {
  it('safe: status is retried after a retryable E9256 fault', async () => {
    const quoted = await harness.client.transfers.quote(cashQuoteInput());
    await harness.client.transfers.send({ commitToken: quoted.commitToken });
    harness.simulator.inject({ operation: 'status', kind: 'fault', code: 'E9256', times: 2 });
    const status = await harness.client.transfers.status({ mtcn: quoted.mtcn });
    expect(status.status).toBe('available');
    expect(requestsTo('status')).toHaveLength(3);
  });

  it('safe: a lost reference-data reply (reset) is retried', async () => {
    harness.simulator.inject({ operation: 'das', kind: 'reset' });
    const services = await harness.client.referenceData.deliveryServices({ country: 'PH', currency: 'PHP' });
    expect(services.map((service) => service.code)).toEqual(['000', '800']);
    expect(requestsTo('das')).toHaveLength(2);
  });

  it('safe: a non-retryable fault is not retried', async () => {
    harness.simulator.inject({ operation: 'status', kind: 'fault', code: 'T0440', text: 'INVALID PROMO' });
    const error = await harness.client.transfers.status({ mtcn: '1234567890' }).catch((failure) => failure);
    expect(error).toBeInstanceOf(WesternUnionError);
    expect(error).toMatchObject({ category: 'invalid_request', retryable: false, vendorCode: 'T0440' });
    expect(requestsTo('status')).toHaveLength(1);
  });

  it('keyed: a quote retried after E9256 reuses the same reference and keeps one reservation', async () => {
    const input = cashQuoteInput();
    harness.simulator.inject({ operation: 'validation', kind: 'fault', code: 'E9256' });
    const quoted = await harness.client.transfers.quote(input);
    const sent = requestsTo('validation');
    expect(sent).toHaveLength(2);
    for (const request of sent)
      expect(request.body).toContain(`<reference_no>${input.reference}</reference_no>`);
    expect(
      harness.simulator.state.executions().filter((execution) => execution.service === 'validation'),
    ).toEqual([{ service: 'validation', mtcn: quoted.mtcn, reference: input.reference }]);
  });

  it('keyed: a quote whose reply was lost after WU reserved is sent again with the same reference, same MTCN', async () => {
    const input = cashQuoteInput();
    harness.simulator.inject({ operation: 'validation', kind: 'reset', commit: true });
    const quoted = await harness.client.transfers.quote(input);
    const sent = requestsTo('validation');
    expect(sent).toHaveLength(2);
    for (const request of sent)
      expect(request.body).toContain(`<reference_no>${input.reference}</reference_no>`);
    // WU's duplicate detection answered the resend with the first reservation: one MTCN for one payment.
    const reservations = harness.simulator.state
      .executions()
      .filter((execution) => execution.service === 'validation');
    expect(reservations).toHaveLength(1);
    expect(reservations[0]?.mtcn).toBe(quoted.mtcn);
  });

  it('unsafe: send is never re-sent blindly, even on a retryable fault', async () => {
    const quoted = await harness.client.transfers.quote(cashQuoteInput());
    harness.simulator.inject({ operation: 'store', kind: 'fault', code: 'E9256' });
    await harness.client.transfers.send({ commitToken: quoted.commitToken }).catch(() => undefined);
    expect(requestsTo('store')).toHaveLength(1);
    expect(requestsTo('validation')).toHaveLength(1);
  });

  it('unsafe: cancel is sent once even on a retryable fault', async () => {
    const quoted = await harness.client.transfers.quote(cashQuoteInput());
    await harness.client.transfers.send({ commitToken: quoted.commitToken });
    harness.simulator.inject({ operation: 'cancel', kind: 'fault', code: 'E9256' });
    const error = await harness.client.transfers.cancel({ mtcn: quoted.mtcn }).catch((failure) => failure);
    expect(error).toBeInstanceOf(WesternUnionError);
    expect(requestsTo('cancel')).toHaveLength(1);
  });
});

describe('safe operations and unusable replies', () => {
  it('an unhealthy gateway (HTTP 503 on every attempt) fails the heartbeat after the safe retries', async () => {
    harness.simulator.inject({ operation: 'heartbeat', kind: 'http503', times: 3 });
    await expect(harness.client.health.heartbeat()).rejects.toMatchObject({ code: 'PROTOCOL' });
    expect(requestsTo('heartbeat')).toHaveLength(3);
  });

  it('a status reply with a <__proto__> element is retried as an unusable reply, and the retry answers', async () => {
    harness.simulator.inject({ operation: 'status', kind: 'proto' });
    const error = await harness.client.transfers
      .status({ mtcn: '1234567890' })
      .catch((failure: unknown) => failure);
    // The second attempt reached PayStatus, which knows no such transfer.
    expect(error).toMatchObject({ vendorCode: 'NO_MATCH' });
    expect(requestsTo('status')).toHaveLength(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
