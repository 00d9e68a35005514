import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One transfer as the demo ledger stores it. */
export interface LedgerTransfer {
  reference: string;
  transferId: string;
  amount: number;
  currency: string;
  /** How many POSTs carried this reference (the vendor-side duplicate count). */
  submissions: number;
}

/** A loopback stand-in for a remittance vendor, just rich enough to show the pipeline at work. */
export interface LedgerServer {
  readonly url: string;
  /** Executes the next transfer, then drops the connection without replying (a lost reply). */
  dropNextReply(): void;
  transfers(): LedgerTransfer[];
  close(): Promise<void>;
}

/**
 * Starts the demo ledger on 127.0.0.1 and a free port.
 * `POST /transfers {reference, amount, currency}` executes once per reference (a keyed vendor);
 * `GET /transfers/<reference>` answers `0000` with the transfer or `0404` when it does not exist.
 */
export async function startLedgerServer(): Promise<LedgerServer> {
  const transfers = new Map<string, LedgerTransfer>();
  let dropNext = false;

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/transfers') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<
        LedgerTransfer,
        'transferId' | 'submissions'
      >;
      let transfer = transfers.get(body.reference);
      if (transfer) transfer.submissions++;
      else {
        transfer = { ...body, transferId: `T${String(transfers.size + 1).padStart(8, '0')}`, submissions: 1 };
        transfers.set(body.reference, transfer);
      }
      if (dropNext) {
        dropNext = false;
        response.socket?.destroy(); // executed, but the caller never hears about it
        return;
      }
      reply({ resultCode: '0000', transferId: transfer.transferId });
      return;
    }
    const match = request.method === 'GET' ? /^\/transfers\/([\w-]+)$/.exec(request.url ?? '') : null;
    if (match) {
      const transfer = transfers.get(match[1] ?? '');
      reply(transfer ? { resultCode: '0000', transferId: transfer.transferId } : { resultCode: '0404' });
      return;
    }
    response.writeHead(404).end();
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropNextReply: () => {
      dropNext = true;
    },
    transfers: () => [...transfers.values()].map((transfer) => ({ ...transfer })),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
