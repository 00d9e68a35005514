import { MemoryIdempotencyStore } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import {
  buildCooconAck,
  CooconClient,
  type CooconClientOptions,
  type CooconEvent,
  encodeCooconFrame,
  encodeCooconTelegram,
} from '../src/index.js';
import { exampleDeposit } from './support.js';

const key = 'COOCONTEST';
const clientOptions: CooconClientOptions = {
  institutionCode: 'WB000001',
  relay: { host: '127.0.0.1', port: 9 },
  crypto: { key },
  allowList: ['203.0.113.0/24'],
};
const coocon = '203.0.113.7';

function depositFrame(overrides: { header?: Record<string, unknown>; key?: string } = {}) {
  const telegram = { ...exampleDeposit, header: { ...exampleDeposit.header, ...overrides.header } };
  const plaintext = encodeCooconTelegram(telegram);
  return { plaintext, frame: encodeCooconFrame(plaintext, { crypto: { key: overrides.key ?? key } }) };
}

const request = (rawBody: Uint8Array, remoteAddress = coocon) => ({ rawBody, headers: {}, remoteAddress });

describe('notifications.handle: verify raw bytes, then parse (spec §5.3, §7)', () => {
  it('accepts the §4.6 deposit and returns the Sourced ack frame as reply', async () => {
    const client = new CooconClient(clientOptions);
    const { plaintext, frame } = depositFrame();
    const result = await client.notifications.handle(request(frame));
    expect(result.accepted).toBe(true);
    if (!result.accepted) return;
    expect(result.dedupeKey).toBe('coocon:WB000001:0200:20240315:0000123');
    expect(result.event).toMatchObject({
      type: 'deposit',
      amount: 150_000,
      depositorName: '홍길동',
      remitterBankCode: '088',
      bankTransactionId: '240315000123',
      depositMethod: 'transfer',
      afterCutoff: false,
      networkReference: '2024031500123',
      merchantReference: 'VA-20240315-0001',
      occurredAt: new Date('2024-03-15T05:25:01Z'),
    });
    const expectedAck = encodeCooconFrame(buildCooconAck(plaintext), { crypto: { key } });
    expect(Buffer.from(result.reply.body as Uint8Array).equals(Buffer.from(expectedAck))).toBe(true);
    expect((result.failureReply.body as Uint8Array).length).toBe(0);
  });

  const refusals: Array<[string, () => Uint8Array, string | undefined, string, string]> = [
    [
      'a source address outside the allow-list',
      () => depositFrame().frame,
      '198.51.100.1',
      'ip_not_allowed',
      'ip',
    ],
    ['no source address', () => depositFrame().frame, undefined, 'ip_not_allowed', 'ip'],
    [
      'a tampered cipher byte in the last block',
      () => tamper(depositFrame().frame, 403),
      coocon,
      'bad_signature',
      'decrypt',
    ],
    [
      'a tampered cipher byte in the header',
      () => tamper(depositFrame().frame, 40),
      coocon,
      'malformed',
      'malformed',
    ],
    [
      'a frame under another key',
      () => depositFrame({ key: 'OTHERKEY' }).frame,
      coocon,
      'bad_signature',
      'decrypt',
    ],
    [
      'another institution code (bad credentials)',
      () => depositFrame({ header: { institutionCode: 'WB999999' } }).frame,
      coocon,
      'unauthenticated',
      'institution',
    ],
    [
      'another bank code',
      () => depositFrame({ header: { bankCode: '088' } }).frame,
      coocon,
      'unauthenticated',
      'institution',
    ],
    [
      'a response type pushed at us',
      () => depositFrame({ header: { messageType: '0210' } }).frame,
      coocon,
      'malformed',
      'unknown_type',
    ],
    [
      'a length prefix that lies',
      () => Buffer.concat([Buffer.from('0420'), Buffer.from(depositFrame().frame).subarray(4)]),
      coocon,
      'malformed',
      'framing',
    ],
    ['an HTTP probe', () => Buffer.from('GET / HTTP/1.1\r\n\r\n'), coocon, 'malformed', 'framing'],
    [
      'a payload that is not whole blocks',
      () => Buffer.concat([Buffer.from('0009'), Buffer.from('abcde')]),
      coocon,
      'malformed',
      'framing',
    ],
  ];
  it.each(refusals)(
    'rejects %s with an empty reply and no event',
    async (_name, frame, address, reason, detail) => {
      const client = new CooconClient(clientOptions);
      const result = await client.notifications.handle({
        rawBody: frame(),
        headers: {},
        ...(address ? { remoteAddress: address } : {}),
      });
      expect(result.accepted).toBe(false);
      if (result.accepted) return;
      expect(result.event).toBeNull();
      expect(result.rejection).toEqual({ reason, detail });
      expect((result.reply.body as Uint8Array).length).toBe(0);
    },
  );

  it('rejects everything when no allowList is configured (never open by default)', async () => {
    const client = new CooconClient({ ...clientOptions, allowList: undefined });
    const result = await client.notifications.handle(request(depositFrame().frame));
    expect(result.accepted ? 'accepted' : result.rejection.reason).toBe('ip_not_allowed');
  });

  it('accepts a telegram under a previous key during rotation and acks it with that key', async () => {
    const client = new CooconClient({ ...clientOptions, crypto: { key: 'NEWKEY2025', previousKeys: [key] } });
    const { plaintext, frame } = depositFrame();
    const result = await client.notifications.handle(request(frame));
    expect(result.accepted).toBe(true);
    const oldKeyAck = encodeCooconFrame(buildCooconAck(plaintext), { crypto: { key } });
    expect(Buffer.from(result.reply.body as Uint8Array).equals(Buffer.from(oldKeyAck))).toBe(true);
  });

  it('accepts a NUL-padded plaintext (the public receiver pads before encrypting)', async () => {
    const client = new CooconClient(clientOptions);
    const plaintext = Buffer.concat([Buffer.from(encodeCooconTelegram(exampleDeposit)), Buffer.alloc(12)]);
    const result = await client.notifications.handle(
      request(encodeCooconFrame(plaintext, { crypto: { key } })),
    );
    expect(result.accepted).toBe(true);
  });
});

describe('notifications.process: dedupe through the IdempotencyStore', () => {
  it('calls onEvent once for the same telegram pushed twice and acks both', async () => {
    const client = new CooconClient(clientOptions);
    const events: CooconEvent[] = [];
    const { frame } = depositFrame();
    const first = await client.notifications.process(
      request(frame),
      async (event) => void events.push(event),
    );
    const resend = depositFrame({ header: { sendCount: 2 } }).frame;
    const second = await client.notifications.process(
      request(resend),
      async (event) => void events.push(event),
    );
    expect(events).toHaveLength(1);
    expect((first.body as Uint8Array).length).toBe(404);
    expect((second.body as Uint8Array).length).toBe(404);
  });

  it('returns the empty failure reply when onEvent throws, then processes the resend', async () => {
    const client = new CooconClient(clientOptions);
    const { frame } = depositFrame();
    const failed = await client.notifications.process(request(frame), async () => {
      throw new Error('kafka unavailable');
    });
    expect((failed.body as Uint8Array).length).toBe(0);
    let delivered = 0;
    const retried = await client.notifications.process(request(frame), async () => {
      delivered += 1;
    });
    expect(delivered).toBe(1);
    expect((retried.body as Uint8Array).length).toBe(404);
  });

  it('lets only one of two instances sharing a store process concurrent copies, and acks both', async () => {
    const store = new MemoryIdempotencyStore();
    const first = new CooconClient({ ...clientOptions, idempotencyStore: store });
    const second = new CooconClient({ ...clientOptions, idempotencyStore: store });
    const { frame } = depositFrame();
    let delivered = 0;
    const slow = async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      delivered += 1;
    };
    const replies = await Promise.all([
      first.notifications.process(request(frame), slow),
      second.notifications.process(request(frame), slow),
    ]);
    expect(delivered).toBe(1);
    // The copy that found the claim in progress waited for it (core, up to 5 s) and acks too.
    expect(replies.map((reply) => (reply.body as Uint8Array).length)).toEqual([404, 404]);
  });

  it('lets 0800 telegrams (serial 0) bypass the claim', async () => {
    const client = new CooconClient(clientOptions);
    const echo = encodeCooconTelegram({
      kind: 'echo',
      header: { ...exampleDeposit.header, messageType: '0800', businessCode: '2300', transactionSerial: 0 },
      body: { businessDate: '20240315' },
    });
    const frame = encodeCooconFrame(echo, { crypto: { key } });
    let delivered = 0;
    await client.notifications.process(request(frame), async () => {
      delivered += 1;
    });
    const reply = await client.notifications.process(request(frame), async () => {
      delivered += 1;
    });
    expect(delivered).toBe(2);
    expect((reply.body as Uint8Array).length).toBe(404);
  });
});

function tamper(frame: Uint8Array, index: number): Uint8Array {
  const copy = Buffer.from(frame);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}
