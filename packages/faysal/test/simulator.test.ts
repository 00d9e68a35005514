import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rsaSha256Signer } from '../src/index.js';
import { type FaysalSimulator, startFaysalSimulator } from '../src/testing/index.js';
import { sharedBankKeyPem, testPartnerKey } from './support/faysal-bench.js';

// spec §9 pipeline, driven with raw signed bodies: signature → parse → envelope → dispatch.
describe('simulator wire pipeline', () => {
  let simulator: FaysalSimulator;
  const key = testPartnerKey();
  const partner = rsaSha256Signer({ privateKey: key.privateKeyPem, bankPublicKeys: [key.publicKeyPem] });

  beforeAll(async () => {
    simulator = await startFaysalSimulator({
      partnerPublicKeyPem: key.publicKeyPem,
      bankPrivateKeyPem: sharedBankKeyPem(),
    });
  });
  afterAll(() => simulator.close());

  const post = async (body: string, headers: Record<string, string> = partner.sign(Buffer.from(body))) => {
    const response = await fetch(`${simulator.baseUrl}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-partner-id': 'WIREBRIDGE01', ...headers },
      body,
    });
    const text = await response.text();
    const bank = rsaSha256Signer({
      privateKey: key.privateKeyPem,
      bankPublicKeys: [simulator.bankPublicKeyPem],
    });
    const signedByBank = bank.verify(Buffer.from(text), Object.fromEntries(response.headers.entries()));
    return { status: response.status, json: JSON.parse(text), signedByBank };
  };

  it('answers ping and signs the response bytes with the bank key', async () => {
    const reply = await post('{"jsonrpc":"2.0","id":"a1","method":"system.ping","params":{}}');
    expect(reply).toMatchObject({
      status: 200,
      signedByBank: true,
      json: { id: 'a1', result: { response: { responseCode: '0000' } } },
    });
  });

  it('an unknown key is 401 with -32002 / 0221; a bad signature is -32001 / 0222', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const other = rsaSha256Signer({ privateKey: stranger.privateKey, bankPublicKeys: [key.publicKeyPem] });
    const body = '{"jsonrpc":"2.0","id":"a2","method":"system.ping","params":{}}';
    const unknown = await post(body, other.sign(Buffer.from(body)));
    expect(unknown).toMatchObject({
      status: 401,
      json: { error: { code: -32002, data: { responseCode: '0221' } } },
    });
    const headers = partner.sign(Buffer.from(body));
    const tampered = await post(body.replace('a2', 'a3'), headers);
    expect(tampered).toMatchObject({
      status: 200,
      json: { error: { code: -32001, data: { responseCode: '0222' } } },
    });
  });

  it('parse errors, batches, positional params and unknown methods get the JSON-RPC codes', async () => {
    expect((await post('{"jsonrpc":')).json.error.code).toBe(-32700);
    expect(
      (await post('[{"jsonrpc":"2.0","id":"b","method":"system.ping","params":{}}]')).json.error.code,
    ).toBe(-32600);
    expect(
      (await post('{"jsonrpc":"2.0","id":"c","method":"system.ping","params":[]}')).json.error.code,
    ).toBe(-32602);
    expect((await post('{"jsonrpc":"2.0","id":"d","method":"no.such","params":{}}')).json.error.code).toBe(
      -32601,
    );
  });

  it('missing required params are -32602 naming the fields', async () => {
    const reply = await post(
      '{"jsonrpc":"2.0","id":"e","method":"remittance.credit","params":{"info":{"rrn":"1"}}}',
    );
    expect(reply.json.error.code).toBe(-32602);
    expect(reply.json.error.data.fields).toContain('partnerReference');
  });

  it('rejects a body over 256 KiB with 413', async () => {
    const body = `{"jsonrpc":"2.0","id":"f","method":"system.ping","params":{"pad":"${'x'.repeat(300 * 1024)}"}}`;
    const response = await fetch(`${simulator.baseUrl}/jsonrpc`, {
      method: 'POST',
      body,
      headers: partner.sign(Buffer.from(body)),
    });
    expect(response.status).toBe(413);
  });
});
