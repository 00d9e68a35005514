import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type SoapServer,
  type SoapServerTlsOptions,
  type SoapServiceHandler,
  startSoapServer,
} from '../../../src/soap/index.js';

/** The made-up ledger WSDL (document/literal, empty SOAPAction) every SOAP test uses. */
export const ledgerWsdlPath = fileURLToPath(new URL('../fixtures/ledger.wsdl', import.meta.url));
/** Its text, for servers and variants written to temporary files. */
export const ledgerWsdl = readFileSync(ledgerWsdlPath, 'utf8');
/** The path the ledger service answers on. */
export const ledgerPath = '/ledger';

/** A request as the ledger server received it (after the server's own XML checks). */
export interface ReceivedSoapRequest {
  headers: IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

/** A loopback ledger service that records every request it received. */
export interface LedgerServer {
  server: SoapServer;
  /** `…/ledger` on the loopback server. */
  url: string;
  received: ReceivedSoapRequest[];
  /** Resolves once `count` requests have been received. */
  receivedCount(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startLedgerServer}. */
export interface LedgerServerOptions {
  GetBalance?: SoapServiceHandler;
  PostTransfer?: SoapServiceHandler;
  tls?: SoapServerTlsOptions;
  /** A variant of the ledger WSDL to serve. @default the fixture */
  wsdl?: string;
}

/** Echoes the account with a fixed balance. */
export const answerBalance: SoapServiceHandler = (args) => ({
  account_id: args.account_id,
  amount: '125000',
  currency: 'USD',
});

/** Accepts the transfer and returns a transfer id. */
export const acceptTransfer: SoapServiceHandler = (args) => ({
  reference: args.reference,
  transfer_id: 'TX-0001',
  status: 'ACCEPTED',
});

/** Starts the ledger service on 127.0.0.1 with `startSoapServer`, recording requests before `soap` handles them. */
export async function startLedgerServer(options: LedgerServerOptions = {}): Promise<LedgerServer> {
  const received: ReceivedSoapRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = await startSoapServer({
    wsdl: options.wsdl ?? ledgerWsdl,
    path: ledgerPath,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    services: {
      LedgerService: {
        LedgerPort: {
          GetBalance: options.GetBalance ?? answerBalance,
          PostTransfer: options.PostTransfer ?? acceptTransfer,
        },
      },
    },
    intercept({ request, body }) {
      received.push({ headers: request.headers, body, socket: request.socket });
      for (const waiter of waiters.filter((entry) => entry.count <= received.length)) waiter.resolve();
      return false;
    },
  });
  return {
    server,
    url: server.url,
    received,
    receivedCount(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => server.close(),
  };
}

/** Arguments of a valid PostTransfer, in the WSDL's sequence order (obviously fake accounts). */
export function transferArgs(reference = 'REF-0001'): Record<string, string> {
  return {
    reference,
    from_account: 'TEST-ACCOUNT-A',
    to_account: 'TEST-ACCOUNT-B',
    amount: '5000',
    currency: 'USD',
  };
}
