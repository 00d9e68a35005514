// Copied from packages/ventaja/test/support.ts (imports switched to the public package exports).
import { generateKeyPairSync } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@wirebridge/core';
import { VentajaClient, type VentajaClientOptions } from '@wirebridge/ventaja';
import {
  startVentajaSimulator,
  type VentajaSimulator,
  type VentajaSimulatorOptions,
} from '@wirebridge/ventaja/testing';

/** `/work/shared/fixtures`, resolved from this file (the repo's sibling `shared/` folder), never from cwd. */
export const sharedFixturesDirectory = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures',
);

/** Pins the simulator at 10:00 Manila so the 18:00 cancel cut-off never depends on when tests run. */
export const tenAmManila = () => new Date('2025-02-01T02:00:00.000Z');

/** Client options for a simulator: fast resolution delays, generous success timeouts. */
export function clientOptionsFor(
  simulator: VentajaSimulator,
  overrides: Partial<VentajaClientOptions> = {},
): VentajaClientOptions {
  return {
    environment: 'production',
    hosts: { bills: simulator.billsUrl, eload: simulator.eloadUrl },
    allowInsecureHttp: true,
    credentials: simulator.credentials,
    signing: { privateKeyPem: simulator.clientPrivateKeyPem ?? testKeyPair().privateKeyPem },
    timeouts: { default: 10_000 },
    resolve: { delaysMs: [0, 10, 10] },
    ...overrides,
  };
}

// One throwaway key pair per test file: RSA key generation is the slowest part of starting a simulator.
let sharedKeyPair: { privateKeyPem: string; publicKeyPem: string } | undefined;
export function testKeyPair() {
  if (!sharedKeyPair) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sharedKeyPair = {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  return sharedKeyPair;
}

/** A simulator and a client pointed at it. */
export async function startPair(
  simulatorOptions: VentajaSimulatorOptions = {},
  overrides: Partial<VentajaClientOptions> = {},
): Promise<{ simulator: VentajaSimulator; client: VentajaClient; close(): Promise<void> }> {
  const keys = testKeyPair();
  const simulator = await startVentajaSimulator({
    clock: tenAmManila,
    clientPublicKeyPem: keys.publicKeyPem,
    ...simulatorOptions,
  });
  const client = new VentajaClient(
    clientOptionsFor(simulator, { signing: { privateKeyPem: keys.privateKeyPem }, ...overrides }),
  );
  return {
    simulator,
    client,
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}

/** A logger that keeps every line it is given, serialized, for redaction checks. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (object: object, message?: string) => {
    lines.push(JSON.stringify({ object, message }));
  };
  return { lines, debug: write, info: write, warn: write, error: write };
}

/** A bill the simulator accepts (biller C15: 9-digit account, PHP 1.00–50,000.00). */
export function c15Bill(agentRefNo?: string) {
  return {
    billerCode: 'C15',
    accountNumber: '816218000',
    identifier: 'JUAN DELA CRUZ',
    amount: { amount: 12_050, currency: 'PHP' },
    ...(agentRefNo === undefined ? {} : { agentRefNo }),
  };
}
