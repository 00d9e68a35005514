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
];
