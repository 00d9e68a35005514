import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  ProtocolError,
  SoapFaultError,
  TransportError,
  ValidationError,
  type WirebridgeError,
} from '../../src/errors/index.js';
import {
  createSoapClientFactory,
  type SoapClientFactory,
  type SoapReply,
  soapServiceFault,
} from '../../src/soap/index.js';
import { startHttpServer } from '../http/support/loopback-server.js';
import {
  type LedgerServer,
  ledgerWsdl,
  ledgerWsdlPath,
  startLedgerServer,
  transferArgs,
} from './support/ledger-server.js';

const timeoutMs = 5_000;
let ledger: LedgerServer;
let factory: SoapClientFactory;
let scratchDir: string;

beforeAll(async () => {
  scratchDir = await mkdtemp(path.join(tmpdir(), 'wirebridge-soap-'));
  ledger = await startLedgerServer({
    // A business refusal, the way SOAP services answer them: HTTP 500 with a Fault and a detail block.
    PostTransfer: async (args) => {
      if (args.reference === 'REF-REFUSED') {
        throw soapServiceFault({
          faultCode: 'soapenv:Server',
          faultString: 'business exception',
          detail: { 'error-reply': { error: 'T0440 INVALID PROMO' } },
        });
      }
      return { reference: args.reference, transfer_id: 'TX-0001', status: 'ACCEPTED' };
    },
  });
});

afterEach(async () => {
  await factory?.close();
});

afterAll(async () => {
  await ledger.close();
  await rm(scratchDir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<WirebridgeError> {
  return promise.then(
    () => expect.fail('the call should have failed'),
    (error: WirebridgeError) => error,
  );
}

/** Writes a copy of the ledger WSDL with `replace` applied, and returns its path. */
async function ledgerVariant(name: string, replace: (text: string) => string): Promise<string> {
  const file = path.join(scratchDir, name);
  await writeFile(file, replace(ledgerWsdl));
  return file;
}

describe('SOAP client: round trip', () => {
  it('sends the operation and returns the output element with the raw texts', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    const before = ledger.received.length;

    const result = await client.call('GetBalance', { account_id: 'TEST-ACCOUNT-A' }, { timeoutMs });

    expect(result.result).toEqual({ account_id: 'TEST-ACCOUNT-A', amount: '125000', currency: 'USD' });
    expect(result.status).toBe(200);
    expect(result.rawRequest).toContain('<account_id>TEST-ACCOUNT-A</account_id>');
    expect(result.rawResponse).toContain('<amount>125000</amount>');
    // The raw request is exactly what reached the server.
    expect(ledger.received.slice(before).map((request) => request.body)).toEqual([result.rawRequest]);
  });

  it('escapes text values (escapeXML), so input cannot inject markup', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    const hostile = 'A</account_id><injected>1</injected><account_id>&';

    const result = await client.call('GetBalance', { account_id: hostile }, { timeoutMs });

    expect(result.rawRequest).not.toContain('<injected>');
    expect(result.rawRequest).toContain('&lt;/account_id&gt;&lt;injected&gt;');
    expect((result.result as { account_id: string }).account_id).toBe(hostile);
  });

  it('refuses raw XML ($xml) in the arguments before sending', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    const before = ledger.received.length;

    const error = await failure(
      client.call('GetBalance', { account_id: { $xml: '<injected/>' } }, { timeoutMs }),
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['args.account_id.$xml']);
    expect(ledger.received.length).toBe(before);
  });

  it('sends to the endpoint option instead of the WSDL address', async () => {
    factory = createSoapClientFactory();
    const before = ledger.received.length;
    // The fixture's soap:address is 127.0.0.1:9, where nothing listens.
    const withWsdlAddress = factory.client({ wsdlPath: ledgerWsdlPath });
    const refused = await failure(withWsdlAddress.call('GetBalance', { account_id: 'A' }, { timeoutMs }));
    expect(refused).toBeInstanceOf(TransportError);
    expect(refused.details).toMatchObject({ reason: 'connection_refused' });

    const overridden = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    await overridden.call('GetBalance', { account_id: 'A' }, { timeoutMs });
    expect(ledger.received.length).toBe(before + 1);
  });

  it('sends the empty SOAPAction the WSDL declares', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    await client.call('GetBalance', { account_id: 'A' }, { timeoutMs });
    expect(ledger.received.at(-1)?.headers.soapaction).toBe('""');
    expect(ledger.received.at(-1)?.headers['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('sends SOAPAction: "" when soapAction is \'\', whatever the WSDL declares', async () => {
    const namedAction = (text: string) =>
      text.replaceAll('soapAction=""', 'soapAction="urn:example:ledger:Action"');
    const wsdlPath = await ledgerVariant('named-action.wsdl', namedAction);
    // A server of the same variant, which dispatches on that action.
    const variant = await startLedgerServer({ wsdl: namedAction(ledgerWsdl) });
    try {
      factory = createSoapClientFactory();
      await factory
        .client({ wsdlPath, endpoint: variant.url })
        .call('GetBalance', { account_id: 'A' }, { timeoutMs });
      expect(variant.received.at(-1)?.headers.soapaction).toBe('"urn:example:ledger:Action"');

      await factory
        .client({ wsdlPath, endpoint: variant.url, soapAction: '' })
        .call('GetBalance', { account_id: 'A' }, { timeoutMs });
      expect(variant.received.at(-1)?.headers.soapaction).toBe('""');
    } finally {
      await variant.close();
    }
  });
});

describe('SOAP client: faults are definitive answers', () => {
  it('throws a SoapFaultError with the fault code and text from call()', async () => {
    factory = createSoapClientFactory({ vendor: 'ledger' });
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });

    const error = await failure(client.call('PostTransfer', transferArgs('REF-REFUSED'), { timeoutMs }));

    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error).toBeInstanceOf(ProtocolError);
    const fault = error as SoapFaultError;
    expect(fault.code).toBe('SOAP_FAULT');
    expect(fault.faultCode).toBe('soapenv:Server');
    expect(fault.faultString).toBe('business exception');
    expect(fault.vendor).toBe('ledger');
    expect(fault.operation).toBe('PostTransfer');
    expect(fault.details).toEqual({ status: 500 });
  });

  it('returns the fault, its detail included, as a value from invoke()', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });

    const reply: SoapReply = await client.invoke('PostTransfer', transferArgs('REF-REFUSED'), { timeoutMs });

    expect(reply.kind).toBe('fault');
    if (reply.kind !== 'fault') return;
    expect(reply.fault).toEqual({
      faultCode: 'soapenv:Server',
      faultString: 'business exception',
      detail: { 'error-reply': { error: 'T0440 INVALID PROMO' } },
    });
    expect(reply.status).toBe(500);
    expect(reply.rawResponse).toContain('<faultstring>business exception</faultstring>');
  });
});

describe('SOAP client: configuration is checked before any I/O', () => {
  it('refuses a WSDL given as a URL', () => {
    factory = createSoapClientFactory();
    expect(() => factory.client({ wsdlPath: 'https://vendor.example/service?wsdl' })).toThrow(ConfigError);
  });

  it('refuses an http endpoint when tls options are given', () => {
    factory = createSoapClientFactory({ tls: {} });
    expect(() => factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url })).toThrow(
      /must be https when tls options are given/,
    );
  });

  it('refuses credentials in the endpoint and a SOAPAction that would break out of its quotes', () => {
    factory = createSoapClientFactory();
    expect(() =>
      factory.client({ wsdlPath: ledgerWsdlPath, endpoint: 'http://user:secret@127.0.0.1:9/ledger' }),
    ).toThrow(/must not contain credentials/);
    expect(() => factory.client({ wsdlPath: ledgerWsdlPath, soapAction: 'a" injected="1' })).toThrow(
      ConfigError,
    );
  });

  it('reports a missing WSDL file as a ConfigError naming it', async () => {
    factory = createSoapClientFactory();
    const missing = path.join(scratchDir, 'missing.wsdl');
    const error = await failure(factory.client({ wsdlPath: missing }).ready());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(missing);
  });

  it('refuses a WSDL that carries a DOCTYPE', async () => {
    const wsdlPath = await ledgerVariant('doctype.wsdl', (text) =>
      text.replace('<definitions', '<!DOCTYPE definitions [<!ENTITY x "y">]>\n<definitions'),
    );
    factory = createSoapClientFactory();
    const error = await failure(factory.client({ wsdlPath, endpoint: ledger.url }).ready());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses a remote schema import without fetching it', async () => {
    const remote = await startHttpServer((_request, response) => response.end(''));
    try {
      const wsdlPath = await ledgerVariant('remote-import.wsdl', (text) =>
        text.replace(
          '<xs:schema targetNamespace="urn:example:ledger" elementFormDefault="unqualified">',
          `<xs:schema targetNamespace="urn:example:ledger" elementFormDefault="unqualified"><xs:import namespace="urn:example:other" schemaLocation="${remote.url}/other.xsd"/>`,
        ),
      );
      factory = createSoapClientFactory();
      const error = await failure(factory.client({ wsdlPath, endpoint: ledger.url }).ready());
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/remote location/);
      expect(remote.requests).toHaveLength(0);
    } finally {
      await remote.close();
    }
  });

  it('names an operation the WSDL does not declare', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    const error = await failure(client.call('DeleteEverything', {}, { timeoutMs }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('DeleteEverything');
  });

  it('reports every bad call argument in one ValidationError', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    const error = await failure(client.call('GetBalance', [] as never, { timeoutMs: -1 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'args',
      'options.timeoutMs',
    ]);
  });

  it('fails fast once the factory is closed, sending nothing', async () => {
    factory = createSoapClientFactory();
    const client = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
    await client.ready();
    const before = ledger.received.length;
    await factory.close();
    const error = await failure(client.call('GetBalance', { account_id: 'A' }, { timeoutMs }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(false);
    expect(ledger.received.length).toBe(before);
  });
});
