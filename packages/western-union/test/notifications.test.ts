import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WesternUnionNotificationEvent } from '../src/index.js';
import { cashQuoteInput, type Harness, startHarness } from './support/harness.js';
import { startNisEndpoint } from './support/nis-endpoint.js';

const credentials = { username: 'wu-nis', password: 'test-only-nis-password' };
const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

// spec §7 example, inbound and ack, verbatim.
const inbound =
  '<NS1:Envelope xmlns:NS1="http://schemas.xmlsoap.org/soap/envelope/"><NS1:Header><EndPoint>https://partner.example/wu/nis</EndPoint><nrt_retry_count>0</nrt_retry_count><nrt_attempt_count>0</nrt_attempt_count></NS1:Header><NS1:Body><NS2:nis-notification-request xmlns:NS2="http://www.westernunion.com/schema/xrsi"><partner><id>WGQTEST0001</id></partner><payment_details><origination><principal_amount>20000</principal_amount><currency_iso_code>USD</currency_iso_code><country_iso_code>USA</country_iso_code></origination><destination><expected_payout_amount>1122400</expected_payout_amount><currency_iso_code>PHP</currency_iso_code><country_iso_code>PHL</country_iso_code></destination></payment_details><transaction_id>2503281234567890</transaction_id><money_transfer_control><date>2025-02-01</date><mtcn>1234567890</mtcn></money_transfer_control><notification_type>BIS003</notification_type><message_code>DVQ00001</message_code><message_text>Receiver Paid Notification</message_text></NS2:nis-notification-request></NS1:Body></NS1:Envelope>';
const expectedAck =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><xrsi:nis-notification-reply xmlns:xrsi="http://www.westernunion.com/schema/xrsi"><partner><id>WGQTEST0001</id></partner><payment_details><origination><principal_amount>20000</principal_amount><currency_iso_code>USD</currency_iso_code><country_iso_code>USA</country_iso_code></origination><destination><expected_payout_amount>1122400</expected_payout_amount><currency_iso_code>PHP</currency_iso_code><country_iso_code>PHL</country_iso_code></destination></payment_details><transaction_id>2503281234567890</transaction_id><money_transfer_control><date>2025-02-01</date><mtcn>1234567890</mtcn></money_transfer_control><notification_type>BIS003</notification_type><ack_message>Acknowledged</ack_message></xrsi:nis-notification-reply></soapenv:Body></soapenv:Envelope>';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const request = (overrides: { body?: string; authorization?: string; remoteAddress?: string } = {}) => ({
  rawBody: Buffer.from(overrides.body ?? inbound, 'utf8'),
  headers: {
    'content-type': 'text/xml; charset=utf-8',
    authorization: overrides.authorization ?? basic(credentials.username, credentials.password),
  },
  remoteAddress: overrides.remoteAddress ?? '::ffff:10.1.2.3',
});

describe('NIS notifications (spec §7)', () => {
  it('parses the spec example into an event and acks it exactly as the spec shows', async () => {
    const result = await harness.client.notifications.handle(request());
    if (!result.accepted) throw new Error(`rejected: ${result.rejection.reason}`);
    expect(result.event).toMatchObject({
      type: 'transfer.paid',
      notificationType: 'BIS003',
      dedupeKey: 'wu:nis:2503281234567890:BIS003',
      mtcn: '1234567890',
      newMtcn: '2503281234567890',
      messageCode: 'DVQ00001',
      origination: { amount: 20_000, currency: 'USD', countryAlpha3: 'USA' },
      destination: { expectedPayoutAmount: 1_122_400, currency: 'PHP', countryAlpha3: 'PHL' },
      partnerId: 'WGQTEST0001',
      delivery: { retryCount: 0, attemptCount: 0 },
    });
    expect(result.event.transferDate.toISOString()).toBe('2025-02-01T00:00:00.000Z');
    expect(result.reply.status).toBe(200);
    expect(result.reply.headers['Content-Type']).toBe('application/xml');
    expect(result.reply.body).toBe(expectedAck);
    expect(result.failureReply.status).toBe(500);
    expect(String(result.failureReply.body)).toContain('soapenv:Server');
  });

  it.each([
    ['BIS012', 'transfer.paid'],
    ['BIS005', 'transfer.cancelled'],
    ['BIS006', 'transfer.refunded'],
    ['BIS011', 'transfer.rejected'],
    ['BIS016', 'transfer.purged'],
    ['BIS999', 'transfer.notification'],
  ])('maps %s to %s', async (type, eventType) => {
    const result = await harness.client.notifications.handle(
      request({ body: inbound.replace('BIS003', type) }),
    );
    expect(result.accepted && result.event.type).toBe(eventType);
  });

  it('the same envelope twice gives the same dedupe key; process() reaches onEvent once and acks twice alike', async () => {
    const first = await harness.client.notifications.handle(request());
    const second = await harness.client.notifications.handle(request());
    expect(first.accepted && second.accepted && first.dedupeKey === second.dedupeKey).toBe(true);
    const events: WesternUnionNotificationEvent[] = [];
    const onEvent = async (event: WesternUnionNotificationEvent) => {
      events.push(event);
    };
    const body = inbound.replace(/2503281234567890/g, '2503281234567891');
    const replyOne = await harness.client.notifications.process(request({ body }), onEvent);
    const replyTwo = await harness.client.notifications.process(request({ body }), onEvent);
    expect(events).toHaveLength(1);
    expect(replyOne).toEqual(replyTwo);
    expect(replyOne.status).toBe(200);
  });

  it('asks WU to resend (500 Retry later) when onEvent throws, then processes the resend', async () => {
    const body = inbound.replace(/2503281234567890/g, '2503281234567892');
    const failed = await harness.client.notifications.process(request({ body }), async () => {
      throw new Error('database down');
    });
    expect(failed.status).toBe(500);
    expect(String(failed.body)).toContain('Retry later');
    let calls = 0;
    const retried = await harness.client.notifications.process(request({ body }), async () => {
      calls += 1;
    });
    expect(retried.status).toBe(200);
    expect(calls).toBe(1);
  });

  it('a wrong source IP gets 403 with an empty body, before credentials or XML are looked at', async () => {
    const result = await harness.client.notifications.handle(
      request({ remoteAddress: '192.0.2.10', authorization: 'Basic bad', body: '<!DOCTYPE x>' }),
    );
    expect(result.accepted).toBe(false);
    expect(!result.accepted && result.rejection.reason).toBe('ip_not_allowed');
    expect(result.reply).toEqual({ status: 403, headers: {}, body: '' });
  });

  it('a wrong password gets 401 with WWW-Authenticate, and no event', async () => {
    let calls = 0;
    const reply = await harness.client.notifications.process(
      request({ authorization: basic(credentials.username, 'wrong-password') }),
      async () => {
        calls += 1;
      },
    );
    expect(reply.status).toBe(401);
    expect(reply.headers['WWW-Authenticate']).toBe('Basic realm="wirebridge"');
    expect(calls).toBe(0);
    const missing = await harness.client.notifications.handle({ ...request(), headers: {} });
    expect(!missing.accepted && missing.rejection.reason).toBe('unauthenticated');
  });

  it('a DOCTYPE is refused with the 400 SOAP Fault without parsing', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>${inbound}`;
    const result = await harness.client.notifications.handle(request({ body }));
    expect(!result.accepted && result.rejection.reason).toBe('malformed');
    expect(result.reply.status).toBe(400);
    expect(String(result.reply.body)).toContain('<faultcode>soapenv:Client</faultcode>');
    expect(String(result.reply.body)).toContain('Malformed notification');
  });

  it('an envelope without nis-notification-request, or without its transaction_id, is malformed', async () => {
    const other = inbound.replace(/nis-notification-request/g, 'something-else');
    expect((await harness.client.notifications.handle(request({ body: other }))).reply.status).toBe(400);
    const noId = inbound.replace('<transaction_id>2503281234567890</transaction_id>', '');
    expect((await harness.client.notifications.handle(request({ body: noId }))).reply.status).toBe(400);
  });

  it('a tampered body is still verified by IP and credentials first (WU NIS has no MAC): a bad credential wins', async () => {
    const tampered = inbound.replace('20000', '99999');
    const result = await harness.client.notifications.handle(
      request({ body: tampered, authorization: basic('wu-nis', 'x') }),
    );
    expect(!result.accepted && result.rejection.reason).toBe('unauthenticated');
  });
});

describe('NIS pushes from the simulator over HTTP', () => {
  it('acks a pushed BIS003, dedupes its duplicate, and refuses bad Basic auth', async () => {
    const events: WesternUnionNotificationEvent[] = [];
    const endpoint = await startNisEndpoint((inboundRequest) =>
      harness.client.notifications.process(inboundRequest, async (event) => {
        events.push(event);
      }),
    );
    try {
      const quote = await harness.client.transfers.quote(cashQuoteInput());
      await harness.client.transfers.send({ commitToken: quote.commitToken });
      harness.simulator.state.pay(quote.mtcn);

      harness.simulator.inject({ operation: 'nis', kind: 'duplicateNotification' });
      const reply = await harness.simulator.sendNotification({
        mtcn: quote.mtcn,
        type: 'BIS003',
        to: endpoint.url,
        basicAuth: credentials,
      });
      expect(reply.status).toBe(200);
      expect(String(reply.body)).toContain('<ack_message>Acknowledged</ack_message>');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'transfer.paid', mtcn: quote.mtcn, newMtcn: quote.newMtcn });
      const replies = harness.simulator.state.notificationReplies();
      expect(replies.at(-1)?.body).toBe(replies.at(-2)?.body);

      harness.simulator.inject({ operation: 'nis', kind: 'badBasicAuth' });
      const refused = await harness.simulator.sendNotification({
        mtcn: quote.mtcn,
        type: 'BIS005',
        to: endpoint.url,
        basicAuth: credentials,
      });
      expect(refused.status).toBe(401);
      expect(events).toHaveLength(1);
    } finally {
      await endpoint.close();
    }
  });
});
