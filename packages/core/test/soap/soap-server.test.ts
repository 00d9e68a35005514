import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { createSoapClientFactory, type SoapServer, startSoapServer } from '../../src/soap/index.js';
import { ledgerWsdl, ledgerWsdlPath, transferArgs } from './support/ledger-server.js';

const balanceEnvelope =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soap:Body><led:balance-request xmlns:led="urn:example:ledger"><account_id>A</account_id></led:balance-request>' +
  '</soap:Body></soap:Envelope>';

let server: SoapServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A ledger server whose handlers count their calls. */
async function countingServer(options: { maxRequestBytes?: number } = {}) {
  const calls = { GetBalance: 0, PostTransfer: 0 };
  server = await startSoapServer({
    wsdl: ledgerWsdl,
    path: '/ledger',
    ...options,
    services: {
      LedgerService: {
        LedgerPort: {
          GetBalance: (args) => {
            calls.GetBalance += 1;
            return { account_id: args.account_id, amount: '1', currency: 'USD' };
          },
          PostTransfer: (args) => {
            calls.PostTransfer += 1;
            return { reference: args.reference, transfer_id: 'TX-1', status: 'ACCEPTED' };
          },
        },
      },
    },
  });
  return { server, calls };
}

function post(url: string, body: string) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
}

describe('startSoapServer', () => {
  it('answers a SOAP request through soap.listen and serves its WSDL', async () => {
    const { server: started, calls } = await countingServer();
    const response = await post(started.url, balanceEnvelope);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<account_id>A</account_id>');
    expect(calls.GetBalance).toBe(1);

    const wsdl = await fetch(`${started.url}?wsdl`);
    expect(await wsdl.text()).toContain('<service name="LedgerService">');
  });

  it('refuses a DOCTYPE with a 400 Client Fault before soap parses it', async () => {
    const { server: started, calls } = await countingServer();
    const hostile = balanceEnvelope.replace(
      '<soap:Envelope',
      '<!DOCTYPE soap:Envelope [<!ENTITY marker "ENTITY-EXPANDED-MARKER">]><soap:Envelope',
    );
    const response = await post(started.url, hostile.replace('<account_id>A', '<account_id>&marker;'));
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).toContain('<faultcode>soapenv:Client</faultcode>');
    expect(text).not.toContain('ENTITY-EXPANDED-MARKER');
    expect(calls.GetBalance).toBe(0);
  });

  it('refuses a body over maxRequestBytes with 413 and never hands it to soap', async () => {
    const { server: started, calls } = await countingServer({ maxRequestBytes: 256 });
    const response = await post(started.url, balanceEnvelope.replace('>A<', `>${'A'.repeat(1_000)}<`));
    expect(response.status).toBe(413);
    expect(calls.GetBalance).toBe(0);
  });

  it('refuses a body that is not a SOAP envelope, and answers 404 off its paths', async () => {
    const { server: started } = await countingServer();
    expect((await post(started.url, '<html/>')).status).toBe(400);
    expect((await post(`${started.origin}/elsewhere`, balanceEnvelope)).status).toBe(404);
  });

  it('lets an interceptor answer in soap’s place (fault injection)', async () => {
    let intercepted = 0;
    server = await startSoapServer({
      wsdl: ledgerWsdl,
      services: { LedgerService: { LedgerPort: { GetBalance: () => expect.fail('soap must not run') } } },
      intercept({ response, body }) {
        intercepted += 1;
        expect(body).toBe(balanceEnvelope);
        response.writeHead(503, { 'Content-Type': 'text/html' });
        response.end('<html>maintenance</html>');
        return true;
      },
    });
    const response = await post(server.url, balanceEnvelope);
    expect(response.status).toBe(503);
    expect(intercepted).toBe(1);
  });

  it('serves several WSDLs on one server with mount()', async () => {
    const { server: started, calls } = await countingServer();
    const secondUrl = await started.mount({
      path: '/ledger-copy',
      wsdlPath: ledgerWsdlPath,
      services: {
        LedgerService: {
          LedgerPort: {
            PostTransfer: (args) => ({ reference: args.reference, transfer_id: 'TX-2', status: 'COPY' }),
          },
        },
      },
    });
    const factory = createSoapClientFactory();
    try {
      const first = await factory
        .client({ wsdlPath: ledgerWsdlPath, endpoint: started.url })
        .call('PostTransfer', transferArgs(), { timeoutMs: 5_000 });
      const second = await factory
        .client({ wsdlPath: ledgerWsdlPath, endpoint: secondUrl })
        .call('PostTransfer', transferArgs(), { timeoutMs: 5_000 });
      expect((first.result as { status: string }).status).toBe('ACCEPTED');
      expect((second.result as { status: string }).status).toBe('COPY');
      expect(calls.PostTransfer).toBe(1);
    } finally {
      await factory.close();
    }
  });

  it('refuses a WSDL with a DOCTYPE', async () => {
    await expect(startSoapServer({ wsdl: `<!DOCTYPE x>${ledgerWsdl}`, services: {} })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('close() ends in-flight exchanges and stops listening', async () => {
    let received!: () => void;
    const handlerReached = new Promise<void>((resolve) => {
      received = resolve;
    });
    server = await startSoapServer({
      wsdl: ledgerWsdl,
      services: {
        LedgerService: {
          LedgerPort: {
            GetBalance: () => {
              received();
              return new Promise(() => undefined);
            },
          },
        },
      },
    });
    const { port, url } = server;
    const hanging = post(url, balanceEnvelope).then(
      () => 'answered',
      () => 'connection closed',
    );
    await handlerReached;

    await server.close();
    server = undefined;

    expect(await hanging).toBe('connection closed');
    const connectError = await new Promise<string | undefined>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(connectError).toBe('ECONNREFUSED');
  });
});
