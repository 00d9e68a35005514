import net from 'node:net';
import { asciiLengthFramer } from '@wirebridge/core/tcp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CooconClient,
  type CooconEvent,
  type CooconReceiver,
  encodeCooconFrame,
  encodeCooconTelegram,
} from '../src/index.js';
import { exampleDeposit, testKey } from './support.js';

const framer = asciiLengthFramer({ digits: 4, includesPrefix: true, maxFrameBytes: 4_096 });
let receiver: CooconReceiver | undefined;
afterEach(async () => receiver?.close());

function depositFrame(serial: number): Buffer {
  const telegram = { ...exampleDeposit, header: { ...exampleDeposit.header, transactionSerial: serial } };
  return Buffer.from(encodeCooconFrame(encodeCooconTelegram(telegram), { crypto: { key: testKey } }));
}

/** Writes `bytes` on one connection and collects reply frames until the peer closes or `expected` arrived. */
function exchange(address: { host: string; port: number }, bytes: Buffer, expected: number) {
  return new Promise<{ replies: Buffer[]; closedByPeer: boolean }>((resolve) => {
    const socket = net.connect(address);
    const decoder = framer.createDecoder();
    const replies: Buffer[] = [];
    socket.on('data', (chunk) => {
      replies.push(...decoder.push(chunk));
      if (replies.length >= expected) {
        socket.destroy();
        resolve({ replies, closedByPeer: false });
      }
    });
    socket.on('close', () => resolve({ replies, closedByPeer: true }));
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

function client() {
  return new CooconClient({
    institutionCode: 'WB000001',
    relay: { host: '127.0.0.1', port: 9 },
    crypto: { key: testKey },
  });
}

describe('receiver connections (spec §3 inbound)', () => {
  it('keeps reading frames on one connection when closeAfterReply is false', async () => {
    const events: CooconEvent[] = [];
    receiver = client().notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1'],
      closeAfterReply: false,
      gap: { enabled: false },
      onEvent: async (event) => void events.push(event),
    });
    const address = await receiver.listen();
    const { replies } = await exchange(address, Buffer.concat([depositFrame(123), depositFrame(124)]), 2);
    expect(replies).toHaveLength(2);
    expect(events.map((event) => event.transactionSerial).sort()).toEqual([123, 124]);
  });

  it('closes a frame over maxFrameBytes without reading it, reporting a FramingError', async () => {
    const errors: Error[] = [];
    const small = new CooconClient({
      institutionCode: 'WB000001',
      relay: { host: '127.0.0.1', port: 9 },
      crypto: { key: testKey },
      framing: { maxFrameBytes: 256 },
    });
    receiver = small.notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1'],
      onError: (error) => errors.push(error),
    });
    const address = await receiver.listen();
    const { replies, closedByPeer } = await exchange(address, depositFrame(1), 1);
    expect(replies).toHaveLength(0);
    expect(closedByPeer).toBe(true);
    expect(errors[0]?.name).toBe('FramingError');
  });
});
