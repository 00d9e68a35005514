import { readFileSync } from 'node:fs';
import { VentajaClient, type VentajaClientOptions } from '@wirebridge/ventaja';
import { startVentajaSimulator } from '@wirebridge/ventaja/testing';

/** A Ventaja client for the example scripts, and what it points at. */
export interface VentajaConnection {
  client: VentajaClient;
  target: 'simulator' | 'sandbox' | 'production';
  /** Stops the client, and the simulator when one was started. */
  close(): Promise<void>;
}

/**
 * Connects to Ventaja's sandbox (or production) when these variables are set, else starts the simulator:
 *
 * - `VENTAJA_OUTLET_ID`, `VENTAJA_UID`, `VENTAJA_PASSWORD`: the outlet credentials Ventaja issued;
 * - `VENTAJA_PRIVATE_KEY_FILE` (PEM), or `VENTAJA_PFX_FILE` with `VENTAJA_PFX_PASSPHRASE`: the signing key whose public
 *   half is registered with Ventaja;
 * - optional `VENTAJA_ENVIRONMENT` (`sandbox`, the default, or `production`), `VENTAJA_BILLS_URL`, `VENTAJA_ELOAD_URL`.
 *
 * Ventaja allow-lists source IPs per outlet: run the sandbox flows from a registered address or every call answers 102.
 */
export async function connectVentaja(env: NodeJS.ProcessEnv = process.env): Promise<VentajaConnection> {
  const outletId = env.VENTAJA_OUTLET_ID;
  if (outletId) {
    const environment = env.VENTAJA_ENVIRONMENT === 'production' ? 'production' : 'sandbox';
    const signing: VentajaClientOptions['signing'] = env.VENTAJA_PFX_FILE
      ? { pfx: readFileSync(env.VENTAJA_PFX_FILE), passphrase: env.VENTAJA_PFX_PASSPHRASE ?? '' }
      : { privateKeyPem: readFileSync(requiredVariable(env, 'VENTAJA_PRIVATE_KEY_FILE'), 'utf8') };
    const hosts: { bills?: string; eload?: string } = {};
    if (env.VENTAJA_BILLS_URL) hosts.bills = env.VENTAJA_BILLS_URL;
    if (env.VENTAJA_ELOAD_URL) hosts.eload = env.VENTAJA_ELOAD_URL;
    const client = new VentajaClient({
      environment,
      hosts,
      credentials: {
        outletId,
        uid: env.VENTAJA_UID ?? 'api',
        password: requiredVariable(env, 'VENTAJA_PASSWORD'),
      },
      signing,
    });
    return { client, target: environment, close: () => client.close() };
  }
  const simulator = await startVentajaSimulator();
  const client = new VentajaClient({
    environment: 'production',
    hosts: { bills: simulator.billsUrl, eload: simulator.eloadUrl },
    allowInsecureHttp: true, // the loopback simulator speaks plain HTTP
    credentials: simulator.credentials,
    signing: { privateKeyPem: simulator.clientPrivateKeyPem ?? '' },
  });
  return {
    client,
    target: 'simulator',
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}

function requiredVariable(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new Error(`set ${name} to run against Ventaja (or unset VENTAJA_OUTLET_ID to use the simulator)`);
  return value;
}
