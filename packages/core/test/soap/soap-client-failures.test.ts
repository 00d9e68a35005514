import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortedError,
  OutcomeUnknownError,
  ProtocolError,
  SoapFaultError,
  TimeoutError,
  TransportError,
  type WirebridgeError,
} from '../../src/errors/index.js';
import { createSoapClientFactory, type SoapClientFactory } from '../../src/soap/index.js';
import { type LoopbackServer, startHttpServer, startSilentServer } from '../http/support/loopback-server.js';
import { ledgerPath, ledgerWsdlPath, transferArgs } from './support/ledger-server.js';

const timeoutMs = 5_000;
let factory: SoapClientFactory;
let server: LoopbackServer | undefined;
let scratchDir: string;

beforeAll(async () => {
  scratchDir = await mkdtemp(path.join(tmpdir(), 'wirebridge-soap-failures-'));
});

afterEach(async () => {
  await factory?.close();
  await server?.close();
  server = undefined;
});

afterAll(async () => {
  await rm(scratchDir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<WirebridgeError> {
  return promise.then(
    () => expect.fail('the call should have failed'),
    (error: WirebridgeError) => error,
  );
}

/** A misbehaving ledger endpoint: `answer` receives each request once its body was read. */
async function ledgerThat(answer: (response: ServerResponse, body: string) => void): Promise<string> {
  server = await startHttpServer((_request, response, body) => answer(response, body.toString()));
  factory = createSoapClientFactory();
  return `${server.url}${ledgerPath}`;
}

function reply(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/xml; charset=utf-8',
) {
  response.writeHead(status, { 'Content-Type': contentType });
  response.end(body);
}

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const transferReply = envelope(
  '<led:transfer-reply xmlns:led="urn:example:ledger"><reference>REF-0001</reference><transfer_id>TX-0001</transfer_id><status>ACCEPTED</status></led:transfer-reply>',
);

async function postTransfer(endpoint: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint });
  return client.invoke('PostTransfer', transferArgs(), { timeoutMs, ...options });
}

describe('SOAP client: after the request was written', () => {
  it('reports a reset after the request was read as an unknown outcome', async () => {
    const endpoint = await ledgerThat((response) => response.socket?.destroy());
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'reset' });
    expect(server?.requests).toHaveLength(1);
  });

  it('reports a timeout while waiting for the reply as an unknown outcome', async () => {
    const endpoint = await ledgerThat(() => undefined);
    const error = await failure(postTransfer(endpoint, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'timeout' });
    expect(server?.requests).toHaveLength(1);
  });

  it('reports a caller abort once the server has the request as an unknown outcome', async () => {
    const controller = new AbortController();
    const endpoint = await ledgerThat(() => controller.abort());
    const error = await failure(postTransfer(endpoint, { signal: controller.signal }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'aborted' });
  });
});

describe('SOAP client: unusable replies are ProtocolErrors', () => {
  it('refuses a truncated envelope', async () => {
    const endpoint = await ledgerThat((response) => reply(response, 200, transferReply.slice(0, -40)));
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).not.toBeInstanceOf(SoapFaultError);
    expect(error.details).toEqual({ status: 200, reason: 'unparseable' });
  });

  it('refuses a 503 HTML page (a 5xx without a Fault)', async () => {
    const endpoint = await ledgerThat((response) =>
      reply(response, 503, '<html><body>Service Unavailable</body></html>', 'text/html'),
    );
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 503, reason: 'not_soap' });
  });

  it('refuses a 500 whose envelope holds no Fault', async () => {
    const endpoint = await ledgerThat((response) => reply(response, 500, transferReply));
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 500, reason: 'http_status' });
  });

  it('refuses a reply whose Body lacks the output element', async () => {
    const endpoint = await ledgerThat((response) =>
      reply(response, 200, envelope('<led:balance-reply xmlns:led="urn:example:ledger"/>')),
    );
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 200, reason: 'missing_output' });
  });

  it('refuses an envelope without a Body', async () => {
    const endpoint = await ledgerThat((response) =>
      reply(response, 200, envelope('').replace('<soap:Body></soap:Body>', '<soap:Header/>')),
    );
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 200, reason: 'no_body' });
  });

  it('refuses a Fault without a faultcode', async () => {
    const endpoint = await ledgerThat((response) =>
      reply(response, 500, envelope('<soap:Fault><faultstring>broken</faultstring></soap:Fault>')),
    );
    const error = await failure(postTransfer(endpoint));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 500, reason: 'fault_without_code' });
  });

  it('refuses a reply over maxResponseBytes', async () => {
    server = await startHttpServer((_request, response) => reply(response, 200, transferReply.padEnd(4_096)));
    factory = createSoapClientFactory({ maxResponseBytes: 1_024 });
    const error = await failure(postTransfer(`${server.url}${ledgerPath}`));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toMatchObject({ reason: 'response_too_large' });
  });

  it('refuses a DOCTYPE before parsing, so no entity is ever expanded', async () => {
    const marker = 'ENTITY-EXPANDED-MARKER';
    const secretFile = path.join(scratchDir, 'secret.txt');
    await writeFile(secretFile, 'FILE-CONTENT-MARKER');
    const hostile =
      `<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY inline "${marker}">` +
      `<!ENTITY file SYSTEM "${pathToFileURL(secretFile).href}">]>` +
      transferReply
        .replace('<?xml version="1.0" encoding="utf-8"?>', '')
        .replace('TX-0001', '&inline;&file;');
    const endpoint = await ledgerThat((response) => reply(response, 200, hostile));

    const error = await failure(postTransfer(endpoint));

    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 200, reason: 'doctype' });
    const everything = `${error.message} ${JSON.stringify(error)} ${String((error as Error).cause ?? '')}`;
    expect(everything).not.toContain(marker);
    expect(everything).not.toContain('FILE-CONTENT-MARKER');
  });

  it('refuses references that would reach Object.prototype inside soap (prototype pollution)', async () => {
    const polluting = transferReply.replace(
      '<status>ACCEPTED</status>',
      '<status>ACCEPTED</status><extra id="__proto__"><polluted>yes</polluted></extra><other id="constructor"><x>1</x></other>',
    );
    const endpoint = await ledgerThat((response) => reply(response, 200, polluting));

    const error = await failure(postTransfer(endpoint));

    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toEqual({ status: 200, reason: 'prototype_key' });
    expect(({} as Record<string, unknown>).obj).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).obj).toBeUndefined();
  });
});

describe('SOAP client: before anything was written', () => {
  it('reports a refused connection as a retryable TransportError', async () => {
    factory = createSoapClientFactory();
    // The fixture's address, 127.0.0.1:9, refuses connections.
    const error = await failure(
      factory.client({ wsdlPath: ledgerWsdlPath }).invoke('GetBalance', { account_id: 'A' }),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(true);
  });

  it('reports a deadline that passed during the TLS handshake as a TimeoutError', async () => {
    server = await startSilentServer();
    factory = createSoapClientFactory();
    const error = await failure(
      postTransfer(`https://127.0.0.1:${server.port}${ledgerPath}`, { timeoutMs: 200 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(200);
  });

  it('reports an already aborted signal as an AbortedError without connecting', async () => {
    const endpoint = await ledgerThat((response) => reply(response, 200, transferReply));
    const error = await failure(postTransfer(endpoint, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(server?.sockets).toHaveLength(0);
  });
});
