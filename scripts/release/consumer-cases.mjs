// The consumer projects of the release test. Each installs packages from the private registry and runs one
// CommonJS and one ESM script that complete a real exchange against a loopback server; the last line of each
// script's output must contain "consumer ok".

/** A core-only service: the HTTP transport against core's simulator base, nothing vendor-specific. */
const coreExchange = (load) => `${load}
async function main() {
  const server = await startHttpSimulatorServer({
    handle: (request) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: request.body }),
  });
  const transport = createHttpTransport({ baseUrl: server.url, vendor: 'consumer' });
  try {
    const response = await transport.send(
      { method: 'POST', path: '/echo', body: '{"amount":150000}' },
      { timeoutMs: 5000 },
    );
    if (response.status !== 200 || response.body.toString() !== '{"amount":150000}') throw new Error('bad echo');
    console.log('consumer ok: core HTTP transport round trip');
  } finally {
    await transport.close();
    await server.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** A service on KICC: issue a virtual account against the simulator shipped in `/testing`. */
const kiccExchange = (load) => `${load}
async function main() {
  const simulator = await startKiccSimulator();
  const client = new KiccClient(simulator.clientOptions());
  try {
    const account = await client.virtualAccounts.issue({
      orderNumber: 'CONSUMER-' + Date.now(),
      amount: 15000,
      currency: 'KRW',
      bankCode: '088',
      expiresAt: new Date(Date.now() + 86400000),
      itemName: 'remittance deposit',
      holderName: 'WIREBRIDGE',
    });
    if (!account.transactionId) throw new Error('no transaction id');
    console.log('consumer ok: kicc virtual account issued at ' + account.bankName);
  } finally {
    await client.close();
    await simulator.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** A service on Western Union (SOAP over mTLS): one reference-data page from the simulator. */
const westernUnionExchange = (load) => `${load}
async function main() {
  const simulator = await startWesternUnionSimulator({ tls: 'mtls' });
  const tls = simulator.tls;
  const client = new WesternUnionClient({
    environment: 'uat',
    wsdlDir: simulator.wsdlDir,
    endpoints: simulator.endpoints,
    tls: { pfx: tls.clientPfx, passphrase: tls.passphrase, ca: tls.caPem },
    partner: { identifier: 'WGQTEST0001', counterId: 'US125TEST1T', channelName: 'WIREBRIDGE' },
    origin: { country: 'US', currency: 'USD' },
  });
  try {
    const services = await client.referenceData.deliveryServices({ country: 'PH', currency: 'PHP' });
    console.log('consumer ok: western-union delivery services over mTLS SOAP: ' + JSON.stringify(services).length + ' bytes');
  } finally {
    await client.close();
    await simulator.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

export const consumerCases = [
  {
    name: 'core',
    install: ['@wirebridge/core'],
    scripts: {
      'check.cjs': coreExchange(`const { createHttpTransport } = require('@wirebridge/core');
const { startHttpSimulatorServer } = require('@wirebridge/core/testing');`),
      'check.mjs': coreExchange(`import { createHttpTransport } from '@wirebridge/core';
import { startHttpSimulatorServer } from '@wirebridge/core/testing';`),
    },
    // Optional peers stay out of a service that does not need them (DESIGN §1).
    expectInTree: { soap: false, jayson: false, nock: false },
  },
  {
    name: 'kicc',
    install: ['@wirebridge/kicc'],
    scripts: {
      'check.cjs': kiccExchange(`const { KiccClient } = require('@wirebridge/kicc');
const { startKiccSimulator } = require('@wirebridge/kicc/testing');`),
      'check.mjs': kiccExchange(`import { KiccClient } from '@wirebridge/kicc';
import { startKiccSimulator } from '@wirebridge/kicc/testing';`),
    },
    // An HTTP JSON vendor: no SOAP or JSON-RPC stack in the service's tree (DESIGN §1, §10).
    expectInTree: { '@wirebridge/core': true, soap: false, jayson: false },
  },
  {
    name: 'western-union',
    install: ['@wirebridge/western-union'],
    scripts: {
      'check.cjs': westernUnionExchange(`const { WesternUnionClient } = require('@wirebridge/western-union');
const { startWesternUnionSimulator } = require('@wirebridge/western-union/testing');`),
      'check.mjs': westernUnionExchange(`import { WesternUnionClient } from '@wirebridge/western-union';
import { startWesternUnionSimulator } from '@wirebridge/western-union/testing';`),
    },
    // The SOAP vendor brings soap, and nothing brings jayson.
    expectInTree: { soap: true, jayson: false },
  },
];
